/**
 * The safepoint counter and the limits it enforces (DESIGN.md, "One
 * safepoint counter"; the sandbox's instruction, time and interrupt limits;
 * the memory limit is the heap's, heap.ts).
 *
 * The interpreter decrements `g.tick` once per instruction and, when it
 * goes negative, calls `safepoint` at that instruction boundary: one slow
 * path for every reason to stop (the instruction budget, the deadline, an
 * interrupt; count hooks will join them). Library functions charge the
 * same counter for the work they do (`chargeWork`: pattern steps, bytes
 * produced, elements moved, comparisons), so a limit holds inside one long
 * library call as well as between instructions. The hot loop pays one
 * decrement and one branch for all of it.
 *
 * `tick` counts down a quantum: the instructions until the next limit needs
 * looking at (the rest of the instruction budget, or a polling interval when
 * a deadline or an interrupt flag must be watched; a billion when nothing
 * must). Instructions executed = the completed quanta + (quantum - tick).
 *
 * A limit that is hit throws `LimitAbort`, which Lua code cannot catch:
 * protected calls and coroutine resumes let it through, after running the
 * pending `__close` handlers under a small grace budget (call.ts).
 */

import { HostAbort } from './exceptions.js';
import { charge, stringCost } from './heap.js';
import { CIST, type GlobalState, type LuaState } from './state.js';
import { JIT_SAMPLE_INTERVAL } from '../value/limits.js';

/** The limits a state can enforce; 'interrupt' is the host's stop request. */
export type LimitKind = 'instructions' | 'memory' | 'time' | 'interrupt';

/** `tick` when nothing is due: about a billion instructions before the next look. */
export const TICK_IDLE = 2 ** 30;

/**
 * Instructions (or units of library work) between two looks at the clock
 * and the interrupt flag, when a deadline or a flag is set: tens of
 * microseconds of interpretation, so a limit stops a script well within a
 * millisecond of being crossed, for a clock read that costs less than the
 * instructions in between.
 */
export const POLL_INTERVAL = 10_000;

/** What a script may still do after a limit hit, to run its pending `__close` handlers. */
export const GRACE = { instructions: 100_000, milliseconds: 50 } as const;

/**
 * A limit was hit: an exception no Lua code can catch. It carries what the
 * host needs to report it: which limit, its configured value, what was
 * used, and the Lua traceback where it hit.
 */
export class LimitAbort extends HostAbort {
  constructor(
    readonly limit: LimitKind,
    /** The configured value (instructions, bytes, milliseconds; 0 for an interrupt). */
    readonly value: number,
    /** What was used when it hit. */
    readonly used: number,
    /** `stack traceback:` text of the thread where it hit. */
    readonly luaTraceback: string,
  ) {
    super(limitMessage(limit));
    this.name = 'LimitAbort';
  }
}

/** The message of a limit error, as Lua code sees it (the error object given to `__close`). */
export function limitMessage(limit: LimitKind): string {
  switch (limit) {
    case 'instructions': return 'instruction limit exceeded';
    case 'memory': return 'not enough memory';
    case 'time': return 'time limit exceeded';
    case 'interrupt': return 'interrupted';
  }
}

/** The message with the limit's value and what was used, as the host and the CLI report it. */
export function describeLimit(limit: LimitKind, value: number, used: number): string {
  switch (limit) {
    case 'instructions': return `instruction limit exceeded (limit ${value}, used ${used})`;
    case 'memory': return `not enough memory (limit ${readableSize(value)}, needed ${readableSize(used)})`;
    case 'time': return `time limit exceeded (limit ${value} ms, used ${used} ms)`;
    case 'interrupt': return 'interrupted';
  }
}

/** A size in bytes as people read it ("64 MB", "1.5 KB"). */
function readableSize(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** The limits of a run and what it has used so far; one per universe (g.budget). */
export class Budget {
  /** Instructions allowed in this run (Infinity: no limit). */
  maxInstructions = Infinity;
  /** The run's time limit in ms (Infinity: none), and its deadline on `now()`'s clock. */
  maxTime = Infinity;
  deadline = Infinity;
  /** When the run started (`now()`), and the time spent waiting for the host, if it does not count. */
  started = 0;
  excluded = 0;
  /** The host asked the script to stop (`lua.interrupt()`). */
  interrupted = false;
  /** An Int32Array on a SharedArrayBuffer: a non-zero element 0 interrupts, from any thread. */
  interruptFlag: Int32Array | undefined = undefined;
  /**
   * The command line's Ctrl-C (lua.c's SIGINT handler): unlike the host's
   * interrupt, an ordinary Lua error that `pcall` can catch. Set from another
   * thread; taken (and cleared) at the next safepoint in Lua code.
   */
  signal: Signal | undefined = undefined;
  /**
   * Called at safepoints, at least every POLL_INTERVAL instructions while
   * set, run or no run: how a worker thread, which gets no timer while a
   * script runs, sends the output it holds. It must not throw or run Lua.
   */
  poll: (() => void) | undefined = undefined;
  /** Instructions of the quanta completed in this run. */
  executed = 0;
  /** The value `tick` was given at the start of the current quantum. */
  quantum = TICK_IDLE;
  /** Set while the pending `__close` handlers of an aborted run get their grace. */
  inGrace = false;
  /** The Lua traceback of a thread, for limit errors (installed by the libraries). */
  traceback: (L: LuaState) => string = () => '';
  /**
   * The compiling tier's sampler (jit/tier.ts), called at every safepoint
   * while set; the counter then comes back at least every
   * JIT_SAMPLE_INTERVAL instructions. It must not throw or run Lua.
   */
  onSample: ((L: LuaState) => void) | undefined = undefined;
  /** Called where a limit hits, before anything unwinds (a post-mortem report is made there). */
  onLimit: ((L: LuaState, limit: LimitKind, value: number, used: number) => void) | undefined = undefined;

  /** Instructions executed in this run so far. */
  used(g: GlobalState): number {
    return this.executed + (this.quantum - g.tick);
  }

  /** Milliseconds of this run so far (host waits excluded if they do not count). */
  elapsed(): number {
    return now() - this.started - this.excluded;
  }

  /** Does anything need `tick` to come back before TICK_IDLE instructions? */
  watching(): boolean {
    return this.maxInstructions !== Infinity || this.deadline !== Infinity || this.interruptFlag !== undefined
      || this.signal !== undefined || this.poll !== undefined;
  }
}

/**
 * A signal delivered as a Lua error. lua.c raises "interrupted!" from a
 * hook, so only where Lua code runs: a long library call (a pattern search)
 * goes on, and the pending flag is what makes a second Ctrl-C end the
 * process instead, as lua.c's handler does by restoring the default action.
 */
export interface Signal {
  /** Element 0 is non-zero while a signal is pending (an Int32Array on a SharedArrayBuffer). */
  readonly flag: Int32Array;
  /** Raise the Lua error in `L`, whose running frame is a Lua function. */
  raise(L: LuaState): never;
}

/** The clock of deadlines (ms, monotonic). */
export function now(): number {
  return performance.now();
}

/** Start a run's budget: limits as given (undefined: none), counters at zero, the next quantum set. */
export function startRun(g: GlobalState, limits: { instructions?: number; time?: number }): void {
  const b = g.budget;
  b.maxInstructions = limits.instructions ?? Infinity;
  b.maxTime = limits.time ?? Infinity;
  b.started = now();
  b.excluded = 0;
  b.deadline = b.started + b.maxTime;
  b.interrupted = false;
  b.inGrace = false;
  b.executed = 0;
  setQuantum(g);
}

/**
 * End a run: until the next one starts, nothing is limited (the host's own
 * calls between runs, compiling its code say, are never stopped by what the
 * last run used).
 */
export function endRun(g: GlobalState): void {
  const b = g.budget;
  b.executed += b.quantum - g.tick;
  b.maxInstructions = Infinity;
  b.maxTime = Infinity;
  b.deadline = Infinity;
  b.interrupted = false;
  b.inGrace = false;
  setQuantum(g);
}

/** A run's limits and counters, kept while an async run waits for the host (other runs may start meanwhile). */
export interface RunState {
  maxInstructions: number;
  maxTime: number;
  started: number;
  excluded: number;
  executed: number;
  interrupted: boolean;
}

/** The current run's state, to be resumed by `resumeRun` after a wait. */
export function saveRun(g: GlobalState): RunState {
  const b = g.budget;
  b.executed += b.quantum - g.tick;
  b.quantum = g.tick;
  return {
    maxInstructions: b.maxInstructions, maxTime: b.maxTime, started: b.started, excluded: b.excluded,
    executed: b.executed, interrupted: b.interrupted,
  };
}

/** Continue a saved run; `waited` ms of host wait are excluded from its time (0 when waits count). */
export function resumeRun(g: GlobalState, s: RunState, waited: number): void {
  const b = g.budget;
  b.maxInstructions = s.maxInstructions;
  b.maxTime = s.maxTime;
  b.started = s.started;
  b.excluded = s.excluded + waited;
  b.deadline = s.started + s.maxTime;
  b.executed = s.executed;
  b.interrupted = b.interrupted || s.interrupted;
  b.inGrace = false;
  setQuantum(g);
}

/**
 * The next quantum: up to the budget's end, no longer than the polling
 * interval when watching, nor than the sampling interval while sampling.
 */
export function setQuantum(g: GlobalState): void {
  const b = g.budget;
  let q = TICK_IDLE;
  if (b.interrupted) q = 0;
  if (b.maxInstructions !== Infinity) q = Math.min(q, Math.max(0, b.maxInstructions - b.executed));
  if (b.deadline !== Infinity || b.interruptFlag !== undefined || b.signal !== undefined || b.poll !== undefined) q = Math.min(q, POLL_INTERVAL);
  if (b.onSample !== undefined) q = Math.min(q, JIT_SAMPLE_INTERVAL);
  b.quantum = q;
  g.tick = q;
}

/** Make the interpreter stop at its next instruction boundary (an interrupt, a hook being set). */
export function requestSafepoint(g: GlobalState): void {
  const b = g.budget;
  b.executed += b.quantum - g.tick;
  b.quantum = 0;
  g.tick = 0;
}

/**
 * The slow path: `tick` went negative, in the interpreter between two
 * instructions or in a library function charging its work. Throws the
 * LimitAbort of a limit that was hit; otherwise starts the next quantum.
 */
export function safepoint(L: LuaState): void {
  const g = L.g;
  const b = g.budget;
  b.executed += b.quantum - g.tick;
  if (b.interrupted || (b.interruptFlag !== undefined && Atomics.load(b.interruptFlag, 0) !== 0)) {
    b.interrupted = true;
    throw limitHit(L, 'interrupt', 0, 0);
  }
  if (b.executed > b.maxInstructions) throw limitHit(L, 'instructions', b.maxInstructions, b.executed);
  if (b.deadline !== Infinity && now() > b.deadline + b.excluded) {
    throw limitHit(L, 'time', b.maxTime, Math.round(b.elapsed()));
  }
  setQuantum(g);
  b.poll?.();
  b.onSample?.(L);
  const sig = b.signal;
  if (sig !== undefined && (L.ci.callstatus & CIST.LUA) !== 0 && Atomics.exchange(sig.flag, 0, 0) !== 0) sig.raise(L);
}

/**
 * Bytes produced per step charged (as a shift, for the interpreter's
 * inline charge): building a string costs far less per byte than an
 * instruction, but a long one still costs (`("x"):rep(2^28)` is 8 million
 * steps).
 */
export const enum Work {
  BYTES_SHIFT = 5,
}

/** Charge the work of producing `n` bytes (one step per 2^Work.BYTES_SHIFT bytes, and one for the call). */
export function chargeBytesWork(L: LuaState, n: number): void {
  if ((L.g.tick -= 1 + (n >>> Work.BYTES_SHIFT)) < 0) safepoint(L);
}

/**
 * A meter over the safepoint counter, for engines that count their own
 * steps (the pattern matcher's StepMeter): `begin` takes the counter into
 * `left`, the engine decrements `left` and calls `refill` when it runs out
 * (which throws if a limit is hit), and `end` gives the counter back.
 */
export class WorkMeter {
  left = 0;
  constructor(public L: LuaState) {}

  begin(L: LuaState): this {
    this.L = L;
    this.left = L.g.tick;
    return this;
  }

  refill(): void {
    const g = this.L.g;
    g.tick = this.left;
    safepoint(this.L);
    this.left = g.tick;
  }

  end(): void {
    this.L.g.tick = this.left;
  }

  /** A result grows by `n` bytes: charged to the heap (which may refuse them) and as work. */
  bytes(n: number): void {
    charge(this.L.g.heap, stringCost(n));
    this.left -= n >>> Work.BYTES_SHIFT;
  }
}

/**
 * Charge `n` units of library work to the counter (a pattern step, a byte
 * produced, an element moved, a comparison). One subtraction and one
 * comparison; a limit hit throws from inside the library function.
 */
export function chargeWork(L: LuaState, n: number): void {
  if ((L.g.tick -= n) < 0) safepoint(L);
}

/**
 * The LimitAbort for `limit`, with the thread's traceback. When the limit
 * hits while a previous one's grace is running, the grace is over: every
 * counter is left exhausted so that nothing more runs.
 */
export function limitHit(L: LuaState, limit: LimitKind, value: number, used: number): LimitAbort {
  const g = L.g;
  const b = g.budget;
  b.onLimit?.(L, limit, value, used);
  const e = new LimitAbort(limit, value, used, b.traceback(L));
  // no more work until the host starts a new run (or grants the grace)
  b.maxInstructions = b.executed;
  setQuantum(g);
  return e;
}

/**
 * Give an aborted run a little room (`GRACE`) to run its pending `__close`
 * handlers, once: every protected call and coroutine the abort crosses
 * shares it. A limit hit during the grace ends it (limitHit exhausts the
 * budget again); a new run starts with a fresh budget.
 */
export function startGrace(g: GlobalState): void {
  const b = g.budget;
  if (b.inGrace) return;
  b.inGrace = true;
  b.interrupted = false;
  b.executed += b.quantum - g.tick;
  b.maxInstructions = b.executed + GRACE.instructions;
  b.deadline = now() + GRACE.milliseconds;
  b.excluded = 0;
  setQuantum(g);
}
