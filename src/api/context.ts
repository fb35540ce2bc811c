/**
 * The state behind one `Lua` instance: its Lua universe, identity caches
 * for converted values, which thread host code runs on, and protected
 * entry into Lua. Everything in src/api that touches Lua goes through here.
 */

import { tolstring } from '../lib/tostring.js';
import { tostringNumber } from '../value/number.js';
import { LuaFloat, type LuaValue } from '../value/value.js';
import { type LuaUserdata } from '../vm/userdata.js';
import { checkstack, pcall, shrinkstack } from '../vm/call.js';
import { HostFunction } from '../vm/function.js';
import { typeName } from '../vm/metamethods.js';
import { LUA_OK, type LuaState } from '../vm/state.js';
import type { LuaTable } from '../vm/table.js';
import { LuaError } from './lua-error.js';
import { RunTracker, type Limits } from './limits.js';
import { requestSafepoint } from '../vm/budget.js';
import { clearTraceback, takeTraceback, tracebackHandler } from './traceback-handler.js';
import { decodeUtf8 } from './utf8.js';

/** How Lua strings reach JS: decoded as UTF-8 (default) or as raw bytes. */
export type StringMode = 'utf8' | 'bytes';

/**
 * Callbacks around every wait of an async run for a host Promise: the hook
 * for time limits (stop a clock in `onSuspend`, restart it in `onResume`
 * so that waiting is not counted, or ignore them to count it).
 */
export interface AsyncHooks {
  /** The Lua thread `thread` starts waiting for a host Promise. */
  onSuspend?: (thread: LuaState) => void;
  /** The Promise settled: `thread` is about to continue. */
  onResume?: (thread: LuaState) => void;
}

/** Converts a thrown Lua error into what the host sees (set by convert.ts). */
export type ValueToJs = (ctx: Context, v: LuaValue) => unknown;

/**
 * Pop the stack down to `h` after a call from the host, clearing every slot
 * above: what the finished call returned or left in its registers is
 * garbage, which must not stay reachable from the stack (a later frame's
 * unassigned register would make the collector and the memory limit count
 * it, and V8 could not reclaim it). Back at the bottom of the thread, a
 * stack grown by a deep recursion shrinks first.
 */
function popTo(L: LuaState, h: number): void {
  L.top = h;
  if (L.ci === L.baseCi) shrinkstack(L);
  L.stack.fill(undefined, h);
}

export class Context {
  closed = false;
  /** What faulted in moonbox and closed this state, if something did ("internal fault in 'string.rep': TypeError: ..."). */
  fault: string | undefined = undefined;
  /** Threads running a host function right now, innermost last. */
  readonly hostCalls: LuaState[] = [];
  /** Async runs (drivers) currently waiting or running. */
  pendingRuns = 0;
  /** JS function -> its Lua host function, and back. */
  readonly hostFns = new WeakMap<object, HostFunction>();
  readonly jsOfHost = new WeakMap<HostFunction, object>();
  /** Lua function -> its JS callable. */
  readonly callables = new WeakMap<object, object>();
  /** Lua table -> its live proxy. */
  readonly proxies = new WeakMap<LuaTable, object>();
  /** JS object -> the userdata standing for it. */
  readonly userdata = new WeakMap<object, LuaUserdata>();
  /** Lua thread -> its host handle. */
  readonly threads = new WeakMap<LuaState, object>();
  /** Any JS-side handle (callable, proxy, thread handle) -> the Lua value behind it. */
  readonly luaOf = new WeakMap<object, LuaValue>();
  /** Errors this instance created (rethrowing one raises its Lua value again). */
  readonly ownErrors = new WeakSet<object>();

  /** Runs and their limits (limits.ts). */
  readonly runs: RunTracker;
  /** The host asked to stop what runs (`interrupt()`, `close()` during a run), async runs included. */
  interrupted = false;

  constructor(
    readonly L: LuaState,
    readonly strings: StringMode,
    readonly hooks: AsyncHooks,
    readonly toJs: ValueToJs,
    limits: Limits = {},
  ) {
    // what the host holds through a handle (a proxy, a callable, a thread handle) stays alive in Lua
    L.g.heap.valueOfHandle = (h) => this.luaOf.get(h);
    this.runs = new RunTracker(L, limits);
  }

  /** Stop the script running now (at its next safepoint) and async runs at their next step. */
  interrupt(): void {
    if (!this.runs.running && this.pendingRuns === 0) return; // nothing runs
    this.interrupted = true;
    this.L.g.budget.interrupted = true;
    requestSafepoint(this.L.g);
  }

  /** After a run ends: an interrupt lasts while anything it was meant for is still running. */
  endOfRun(): void {
    if (!this.runs.running && this.pendingRuns === 0) this.interrupted = false;
  }

  /** Record a new handle for `v`: the value lives, for the collector, as long as the host holds the handle. */
  newHandle(handle: object, v: LuaValue): void {
    this.luaOf.set(handle, v);
    this.L.g.heap.holdWhileReachable(handle);
  }

  /** Throw if close() was called. */
  checkOpen(): void {
    if (this.fault !== undefined) throw new Error(`the Lua state is closed: moonbox faulted in it (${this.fault})`);
    if (this.closed) throw new Error('the Lua state is closed');
  }

  /** Where host code calling into Lua runs: the thread of the innermost host call, else the main thread. */
  current(): LuaState {
    const n = this.hostCalls.length;
    return n > 0 ? this.hostCalls[n - 1] : this.L;
  }

  /** The thread of the innermost host call, or undefined when no Lua code is running. */
  innerHostCall(): LuaState | undefined {
    return this.hostCalls[this.hostCalls.length - 1];
  }

  /**
   * Call `f` with `args` on the current thread in protected mode (with a
   * traceback message handler): the results, or the host-facing error thrown.
   */
  pcall(f: LuaValue, args: readonly LuaValue[], limits?: Limits): LuaValue[] {
    this.checkOpen();
    try {
      return this.runs.run(limits, () => this.pcallRun(f, args));
    } finally {
      this.endOfRun();
    }
  }

  private pcallRun(f: LuaValue, args: readonly LuaValue[]): LuaValue[] {
    const L = this.current();
    if (!checkstack(L, args.length + 2 + 20)) throw new LuaError('stack overflow', 'stack overflow', undefined);
    const h = L.top;
    L.stack[L.top++] = tracebackHandler;
    const func = L.top;
    L.stack[L.top++] = f;
    for (const a of args) L.stack[L.top++] = a;
    clearTraceback(L);
    const status = this.pcallOrAbort(L, func, h);
    if (status !== LUA_OK) {
      const err = L.stack[func];
      const hostError = L.hostError;
      const tb = takeTraceback(L);
      popTo(L, h);
      throw this.errorFor(err, tb, hostError);
    }
    const results = L.stack.slice(func, L.top);
    popTo(L, h);
    return results;
  }

  /**
   * pcall; when a host abort (os.exit, a sandbox limit) passes through, the
   * core has already restored frames, upvalues and tbc variables down to the
   * called function: drop the message handler below it too.
   */
  private pcallOrAbort(L: LuaState, func: number, h: number): number {
    try {
      return pcall(L, func, -1, h);
    } catch (e) {
      popTo(L, h);
      throw e;
    }
  }

  /** Run `body` as a host function in protected mode (for metamethod-honouring table access). */
  protect<T>(body: (L: LuaState) => T): T {
    let result: T | undefined;
    const fn = new HostFunction((L) => {
      result = body(L);
      return 0;
    }, '?').hosted();
    this.pcall(fn, []);
    return result as T;
  }

  /**
   * The exception the host sees for a Lua error: the host's own exception
   * when a host function threw it and no Lua code caught it, else a LuaError.
   */
  errorFor(err: LuaValue, tb: string | undefined, hostError: unknown): unknown {
    if (hostError !== undefined) return hostError;
    const e = new LuaError(this.messageOf(err), err, tb === undefined ? undefined : decodeUtf8(tb), this.safeToJs(err));
    this.ownErrors.add(e);
    return e;
  }

  /** The message of an error object (lua.c's msghandler: tostring with __tostring, else a description). */
  messageOf(err: LuaValue): string {
    if (typeof err === 'string') return decodeUtf8(err);
    if (typeof err === 'number' || typeof err === 'bigint' || err instanceof LuaFloat) return tostringNumber(err);
    if (!this.closed && (typeof err === 'object' && err !== null)) {
      try {
        const s = this.protectQuiet((L) => tolstring(L, err));
        if (s !== undefined) return decodeUtf8(s);
      } catch {
        // fall through to the description
      }
    }
    return `(error object is a ${typeName(err)} value)`;
  }

  /** protect() that returns undefined instead of throwing, and never builds an error. */
  private protectQuiet<T>(body: (L: LuaState) => T): T | undefined {
    const L = this.current();
    let result: T | undefined;
    const fn = new HostFunction((L1) => {
      result = body(L1);
      return 0;
    }, '?').hosted();
    const func = L.top;
    L.stack[L.top++] = fn;
    const status = pcall(L, func, 0, 0);
    L.top = func;
    return status === LUA_OK ? result : undefined;
  }

  private safeToJs(v: LuaValue): unknown {
    try {
      return this.toJs(this, v);
    } catch {
      return v;
    }
  }
}
