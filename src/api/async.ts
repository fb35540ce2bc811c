/**
 * Async host functions: a host function returning a Promise suspends the
 * Lua thread that called it, and a driver resumes the thread when the
 * Promise settles.
 *
 * The host function's wrapper yields a HostYield (see lib/coroutine.ts)
 * carrying the wait, with a continuation that pushes the Promise's value or
 * raises its rejection. Because the core lets yields cross Lua frames,
 * pcall, metamethods and iterators, and coroutine.resume/wrap forward a
 * HostYield outwards, the wait reaches the driver from any yieldable point.
 * The driver is the loop in `drive`: every async entry (runAsync, callAsync,
 * a Lua function called from JS during an async run, LuaThread.resumeAsync)
 * runs its Lua function in a coroutine of its own and drives it.
 */

import { resetThread, HostYield } from '../lib/coroutine.js';
import { luaError } from '../lib/args.js';
import { traceback } from '../lib/traceback.js';
import { getfuncname } from '../vm/debuginfo.js';
import type { LuaValue } from '../value/value.js';
import { resume, yieldk } from '../vm/call.js';
import { type HostCont } from '../vm/function.js';
import { newThread } from '../vm/create.js';
import { LUA_OK, LUA_YIELD, type LuaState } from '../vm/state.js';
import type { Context } from './context.js';
import { LuaError, LuaLimitError } from './lua-error.js';
import type { Limits, RunTracker } from './limits.js';
import { pushResult, raiseInLua } from './hostfn.js';

/** A pending host Promise; its outcome is recorded as soon as it settles (so a rejection is never unhandled). */
class Wait {
  outcome: { ok: true; value: unknown } | { ok: false; error: unknown } | undefined = undefined;
  readonly settled: Promise<void>;
  constructor(readonly ctx: Context, promise: PromiseLike<unknown>) {
    this.settled = Promise.resolve(promise).then(
      (value) => { this.outcome = { ok: true, value }; },
      (error: unknown) => { this.outcome = { ok: false, error }; },
    );
  }
}

/** Where a wait cannot travel (the resumer is not yieldable): the error to raise there. */
function blockedMessage(name: string): (L: LuaState) => string {
  return (L) => L === L.g.mainThread
    ? `attempt to call async function '${name}' outside runAsync`
    : `async function '${name}' cannot wait here (attempt to yield across a C-call boundary)`;
}

/**
 * A host function returned `promise`: suspend L until it settles. Where L
 * cannot yield (a synchronous run, a table.sort comparator...) this is a
 * Lua error instead.
 */
export function awaitInLua(ctx: Context, L: LuaState, promise: PromiseLike<unknown>, name: string): number {
  const wait = new Wait(ctx, promise);
  const hy = new HostYield(wait, blockedMessage(getfuncname(L, L.ci)?.[1] ?? name));
  if (L.nny > 0) return luaError(L, hy.blocked(L));
  L.stack[L.top++] = hy;
  L.hostWait = hy;
  return yieldk(L, 1, 0, finishWait);
}

/** The continuation of an async host function: its Promise settled and L was resumed with the HostYield. */
const finishWait: HostCont = (L) => {
  const hy = L.stack[--L.top];
  const wait = hy instanceof HostYield && hy.value instanceof Wait ? hy.value : undefined;
  if (wait === undefined || wait.outcome === undefined) return luaError(L, 'host wait resumed before its Promise settled');
  const { ctx, outcome } = wait;
  if (!outcome.ok) return raiseInLua(ctx, L, outcome.error);
  try {
    return pushResult(ctx, L, outcome.value);
  } catch (e) {
    return raiseInLua(ctx, L, e);
  }
};

// ---------------------------------------------------------------------------
// The driver

/** One resume of a driven coroutine: it finished, yielded values of its own, or waits for the host. */
export type Step =
  | { kind: 'done'; values: LuaValue[] }
  | { kind: 'yield'; values: LuaValue[] }
  | { kind: 'wait'; hy: HostYield };

/**
 * Resume `co` with the `nargs` values on its top. A Lua error is thrown as
 * the host-facing error (the coroutine is left dead, its frames intact).
 */
export function step(ctx: Context, co: LuaState, from: LuaState | null, nargs: number): Step {
  const status = resume(co, from, nargs);
  if (status === LUA_OK) {
    const values = co.stack.slice(1, co.top);
    co.top = 1;
    return { kind: 'done', values };
  }
  if (status === LUA_YIELD) {
    const n = co.nyield;
    const values = co.stack.slice(co.top - n, co.top);
    co.top -= n;
    const hy = values[0];
    if (n === 1 && hy instanceof HostYield) {
      co.hostWait = hy;
      return { kind: 'wait', hy };
    }
    return { kind: 'yield', values };
  }
  const err = co.stack[co.top - 1];
  throw ctx.errorFor(err, traceback(co, co, undefined, 0), co.hostError);
}

/**
 * The run an async entry belongs to (limits.ts): its limits, and its
 * budget while it waits for the host, so that every step after a wait
 * continues the same run (other runs may happen meanwhile).
 */
export interface AsyncRun {
  limits: Limits | undefined;
  saved: ReturnType<RunTracker['suspend']> | undefined;
}

/** Resume `co` as a step of run `r`: its first step starts the run, later ones continue it. */
export function runStep(ctx: Context, co: LuaState, from: LuaState | null, nargs: number, r: AsyncRun): Step {
  const body = (): Step => {
    const s = step(ctx, co, from, nargs);
    r.saved = s.kind === 'wait' ? ctx.runs.suspend() : undefined;
    return s;
  };
  try {
    const saved = r.saved;
    return saved === undefined ? ctx.runs.run(r.limits, body) : ctx.runs.resume(saved, { ...ctx.runs.limits, ...r.limits }, body);
  } finally {
    ctx.endOfRun();
  }
}

/** Wait and resume until `co` stops waiting for the host; the async hooks see each wait. */
export async function drive(ctx: Context, co: LuaState, s: Step, r: AsyncRun): Promise<Step> {
  ctx.pendingRuns++;
  const heap = ctx.L.g.heap;
  heap.pin(co); // only this driver holds the coroutine while it waits: a root for the collector
  try {
    while (s.kind === 'wait') {
      const wait = s.hy.value as Wait;
      ctx.hooks.onSuspend?.(co);
      await wait.settled;
      ctx.hooks.onResume?.(co);
      ctx.checkOpen();
      if (co.hostWait !== s.hy) throw new LuaError('coroutine closed while waiting for the host', undefined, undefined);
      co.hostWait = undefined;
      if (ctx.interrupted) throw new LuaLimitError('interrupted', 'interrupt', 0, 0, undefined);
      co.stack[co.top++] = s.hy;
      s = runStep(ctx, co, null, 1, r);
    }
    return s;
  } finally {
    heap.unpin(co);
    ctx.pendingRuns--;
    ctx.endOfRun();
  }
}

/** A new coroutine that will call `f` with `args`. */
export function newCoroutine(ctx: Context, f: LuaValue, args: readonly LuaValue[]): LuaState {
  const co = newThread(ctx.L);
  if (co.top + args.length + 1 > co.stackLimit) throw new LuaError('too many arguments', 'too many arguments', undefined);
  co.stack[co.top++] = f;
  for (const a of args) co.stack[co.top++] = a;
  co.creator = f;
  return co;
}

/** After a failure, close the coroutine's pending to-be-closed variables (as pcall would have). */
function closeAfterError(co: LuaState): void {
  if (co.status !== LUA_OK && co.status !== LUA_YIELD) resetThread(co, co.errorValue);
}

/** A coroutine that must finish: its own yields are errors (nothing outside can receive them). */
function finished(ctx: Context, co: LuaState, s: Step, outside: string): LuaValue[] {
  if (s.kind === 'done') return s.values;
  resetThread(co, undefined);
  const msg = `attempt to yield ${outside}`;
  const e = new LuaError(msg, msg, undefined);
  ctx.ownErrors.add(e);
  throw e;
}

/**
 * Run `f(args)` in a new coroutine to completion, waiting for host
 * Promises (runAsync, callAsync).
 */
export async function runInCoroutine(
  ctx: Context, f: LuaValue, args: readonly LuaValue[], limits?: Limits,
): Promise<LuaValue[]> {
  ctx.checkOpen();
  const co = newCoroutine(ctx, f, args);
  const r: AsyncRun = { limits, saved: undefined };
  try {
    const s = await drive(ctx, co, runStep(ctx, co, ctx.innerHostCall() ?? null, args.length, r), r);
    return finished(ctx, co, s, 'from outside a coroutine');
  } catch (e) {
    closeAfterError(co);
    throw e;
  }
}

/**
 * Call a Lua function from JS (a converted Lua function being called).
 * Where the caller could wait (inside a host function running in a
 * yieldable thread, or between the waits of an async run), the call runs in
 * a coroutine of its own: if it completes without waiting, the results come
 * back directly; if it waits for a host Promise, a Promise of the results
 * comes back. Elsewhere it is a plain protected call.
 */
export function callFromJs<T>(ctx: Context, f: LuaValue, args: readonly LuaValue[], finish: (values: LuaValue[]) => T): T | Promise<T> {
  ctx.checkOpen();
  const caller = ctx.innerHostCall();
  const canWait = caller !== undefined ? caller.nny === 0 : ctx.pendingRuns > 0;
  if (!canWait) return finish(ctx.pcall(f, args));
  const co = newCoroutine(ctx, f, args);
  const r: AsyncRun = { limits: undefined, saved: undefined };
  let s: Step;
  try {
    s = runStep(ctx, co, caller ?? null, args.length, r);
    if (s.kind !== 'wait') return finish(finished(ctx, co, s, 'across a C-call boundary'));
  } catch (e) {
    closeAfterError(co);
    throw e;
  }
  const p = drive(ctx, co, s, r).then(
    (last) => finish(finished(ctx, co, last, 'across a C-call boundary')),
    (e: unknown) => {
      closeAfterError(co);
      throw e;
    },
  );
  p.catch(() => {}); // a caller that drops the Promise must not crash the host with an unhandled rejection
  return p;
}
