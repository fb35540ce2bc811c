/**
 * Host-side coroutine handles: create a thread, resume it, see what it
 * yields, resume it again later (after a Promise resolves, say), close it.
 */

import { resetThread } from '../lib/coroutine.js';
import { LUA_OK, LUA_YIELD, type LuaState } from '../vm/state.js';
import { drive, runStep, type AsyncRun, type Step } from './async.js';
import type { Context } from './context.js';
import { toJS, toLua } from './convert.js';

/** Where a thread is: as `coroutine.status` reports it. */
export type ThreadStatus = 'suspended' | 'running' | 'normal' | 'dead';

/** The outcome of one resume: the values yielded (`done: false`) or returned (`done: true`). */
export interface ResumeResult {
  done: boolean;
  values: unknown[];
}

/**
 * A Lua coroutine driven by the host. `resume` runs it until it yields or
 * returns; `resumeAsync` does the same but also waits for the async host
 * functions it calls. An error inside the thread is thrown (as a LuaError,
 * or the host function's own exception) and leaves the thread dead; `close`
 * closes its pending to-be-closed variables, as `coroutine.close` does.
 */
export class LuaThread {
  /** A wait a synchronous resume ran into, for resumeAsync to finish. */
  private pending: Step | undefined = undefined;
  /** The run the pending wait belongs to. */
  private run: AsyncRun = { limits: undefined, saved: undefined };
  /** A resumeAsync is in progress. */
  private busy = false;

  /** @internal Use `lua.thread(fn)` (or receive one from Lua). */
  constructor(private readonly ctx: Context, readonly state: LuaState) {}

  /** The thread's status (as `coroutine.status`). */
  get status(): ThreadStatus {
    const co = this.state;
    if (this.busy || this.ctx.hostCalls.includes(co)) return 'running';
    if (co.status === LUA_YIELD) return 'suspended';
    if (co.status !== LUA_OK) return 'dead';
    if (co.ci !== co.baseCi) return 'normal';
    return co.top === 1 ? 'dead' : 'suspended';
  }

  /**
   * Resume with `args`: returns the values the thread yields or returns.
   * Throws when the thread fails, and when it waits for a host Promise
   * (continue it with `resumeAsync()`).
   */
  resume(...args: unknown[]): ResumeResult {
    const s = this.start(args);
    if (s.kind === 'wait') {
      this.pending = s;
      throw new Error('the thread waits for a host Promise: continue it with resumeAsync()');
    }
    return this.result(s);
  }

  /**
   * Resume with `args` and wait for the async host functions the thread
   * calls, until it yields or returns. After a synchronous `resume` threw
   * because of a wait, call it without arguments to continue.
   */
  async resumeAsync(...args: unknown[]): Promise<ResumeResult> {
    let s: Step;
    if (this.pending !== undefined) {
      if (args.length > 0) throw new Error('the thread waits for a host Promise: resumeAsync() takes no arguments now');
      s = this.pending;
      this.pending = undefined;
    } else {
      s = this.start(args);
    }
    this.busy = true;
    try {
      return this.result(await drive(this.ctx, this.state, s, this.run));
    } finally {
      this.busy = false;
    }
  }

  /** Close the thread (coroutine.close): runs pending `__close` handlers; it is dead afterwards. */
  close(): void {
    this.ctx.checkOpen();
    const st = this.status;
    if (st !== 'suspended' && st !== 'dead') throw new Error(`cannot close a ${st} coroutine`);
    const co = this.state;
    const before = co.status > LUA_YIELD ? co.errorValue : undefined;
    co.hostWait = undefined;
    this.pending = undefined;
    const [status, err] = resetThread(co, before);
    if (status !== LUA_OK && err !== before) throw this.ctx.errorFor(err, undefined, undefined);
  }

  private start(args: unknown[]): Step {
    this.ctx.checkOpen();
    const st = this.status;
    if (this.pending !== undefined || this.state.hostWait !== undefined) throw new Error('the thread waits for a host Promise');
    if (st !== 'suspended') throw new Error(`cannot resume ${st} coroutine`);
    const co = this.state;
    const values = args.map((a) => toLua(this.ctx, a));
    if (co.top + values.length > co.stackLimit) throw new Error('too many arguments to resume');
    for (const v of values) co.stack[co.top++] = v;
    this.run = { limits: undefined, saved: undefined };
    return runStep(this.ctx, co, this.ctx.innerHostCall() ?? null, values.length, this.run);
  }

  private result(s: Step): ResumeResult {
    if (s.kind === 'wait') throw new Error('unreachable: a finished drive still waits');
    return { done: s.kind === 'done', values: s.values.map((v) => toJS(this.ctx, v)) };
  }
}

/** The handle of thread `co` (one per thread). */
export function threadHandle(ctx: Context, co: LuaState): LuaThread {
  let h = ctx.threads.get(co) as LuaThread | undefined;
  if (h === undefined) {
    h = new LuaThread(ctx, co);
    ctx.threads.set(co, h);
    ctx.newHandle(h, co);
  }
  return h;
}
