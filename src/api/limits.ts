/**
 * The limits of the embedding API (`new Lua({ limits })`, `run(code, {
 * limits })`): what a run may use, enforced by the VM (vm/budget.ts,
 * vm/heap.ts), reported as `LuaLimitError`, and what a run used.
 */

import { describeLimit, endRun, LimitAbort, now, safepoint, resumeRun, saveRun, startRun, type RunState } from '../vm/budget.js';
import type { LuaState } from '../vm/state.js';
import { InternalFault } from '../vm/exceptions.js';
import type { LimitFigures } from '../lib/postmortem.js';
import { LuaLimitError } from './lua-error.js';

export { LIMITS_OPTIONS, NO_USAGE, type Limits, type Usage } from './limit-options.js';
import { NO_USAGE, type Limits, type Usage } from './limit-options.js';

/** A host-facing LuaLimitError for an abort raised by the VM. */
export function limitError(e: LimitAbort): LuaLimitError {
  return new LuaLimitError(describeLimit(e.limit, e.value, e.used), e.limit, e.value, e.used, e.luaTraceback || undefined);
}

/**
 * Runs of one state: the outermost entry into Lua starts a run (fresh
 * budget, the memory limit of its options), nested entries (host functions
 * calling back) are part of it, and each run's usage is kept.
 */
export class RunTracker {
  private depth = 0;
  /** What a fault of moonbox becomes for the host (set by the Lua class: it closes the state). */
  onFault: ((fault: InternalFault) => Error) | undefined = undefined;
  private last: Usage = { ...NO_USAGE };

  constructor(private readonly L: LuaState, public limits: Limits) {}

  /** What the last run used. */
  usage(): Usage {
    return { ...this.last };
  }

  /** Is a run in progress (an entry into Lua on the JS stack)? */
  get running(): boolean {
    return this.depth > 0;
  }

  /** Run `body` as a run (or as part of the one in progress), converting limit errors. */
  run<T>(override: Limits | undefined, body: () => T): T {
    if (this.depth > 0) return body();
    const limits = override === undefined ? this.limits : { ...this.limits, ...override };
    this.L.g.heap.peak = this.L.g.heap.total;
    return this.enter(limits.memory ?? Infinity, () => startRun(this.L.g, limits), body);
  }

  /** Between the steps of an async run: the run's budget, to be resumed after the wait. */
  suspend(): { run: RunState; at: number; memory: number } {
    return { run: saveRun(this.L.g), at: now(), memory: this.L.g.heap.limit };
  }

  /** Continue an async run after a wait: `body` is its next step. */
  resume<T>(saved: { run: RunState; at: number; memory: number }, limits: Limits, body: () => T): T {
    const waited = limits.countWaits === true ? 0 : now() - saved.at;
    return this.enter(saved.memory, () => {
      resumeRun(this.L.g, saved.run, waited);
      safepoint(this.L); // a limit (a deadline passed during the wait, an interrupt) stops the run here
    }, body);
  }

  /**
   * Run `body` inside a run: the memory limit `memory` in force, `start`
   * setting the budget; afterwards the usage is recorded, the budget ended
   * and the limit put back, and a limit hit becomes a LuaLimitError.
   */
  private enter<T>(memory: number, start: () => void, body: () => T): T {
    const heap = this.L.g.heap;
    const savedLimit = heap.limit;
    heap.setLimit(memory);
    this.depth++;
    try {
      start();
      return body();
    } catch (e) {
      if (e instanceof InternalFault && this.onFault !== undefined) throw this.onFault(e);
      throw e instanceof LimitAbort ? limitError(e) : e;
    } finally {
      this.depth--;
      this.record();
      endRun(this.L.g);
      heap.setLimit(savedLimit);
    }
  }

  private record(): void {
    const g = this.L.g;
    const b = g.budget;
    const heap = g.heap;
    this.last = {
      instructions: b.used(g),
      memory: heap.total,
      peakMemory: Math.max(heap.peak, heap.total),
      time: b.elapsed(),
    };
  }
}

/** The instruction and time figures of the run going on in `L` (a post-mortem report's). */
export function runFigures(L: LuaState): LimitFigures {
  const g = L.g;
  const b = g.budget;
  return {
    instructions: { limit: b.maxInstructions === Infinity ? null : b.maxInstructions, used: b.used(g) },
    time: { limit: b.maxTime === Infinity ? null : b.maxTime, used: Math.round(b.elapsed()) },
  };
}
