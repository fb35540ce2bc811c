/**
 * JS functions as Lua functions: arguments converted to JS, the result
 * converted back (`Lua.multi` for several), JS exceptions raised as Lua
 * errors, and a returned Promise awaited by suspending the Lua thread
 * (async.ts).
 */

import type { LuaValue } from '../value/value.js';
import { throwValue } from '../vm/call.js';
import { HostAbort, LuaThrow, YieldSignal } from '../vm/exceptions.js';
import { HostFunction } from '../vm/function.js';
import { LUA_MINSTACK } from '../value/limits.js';
import { limitHit } from '../vm/budget.js';
import type { LuaState } from '../vm/state.js';
import { awaitInLua } from './async.js';
import type { Context } from './context.js';
import { LuaMulti, toJS, toLua } from './convert.js';
import { LuaError } from './lua-error.js';

type JsFunction = (...args: unknown[]) => unknown;

/** The Lua function standing for `fn` (one per function, so identity is preserved). */
export function hostFunction(ctx: Context, fn: JsFunction, name = fn.name, dropSelf?: LuaValue): HostFunction {
  if (dropSelf === undefined) {
    const cached = ctx.hostFns.get(fn);
    if (cached !== undefined) return cached;
  }
  const h = new HostFunction((L, base, nargs) => {
    // a state closed while its script runs runs no more host code: the script stops here
    if (ctx.closed) throw limitHit(L, 'interrupt', 0, 0);
    let first = 0;
    if (dropSelf !== undefined && nargs > 0 && L.stack[base] === dropSelf) first = 1;
    const args = new Array<unknown>(nargs - first);
    for (let i = first; i < nargs; i++) args[i - first] = toJS(ctx, L.stack[base + i]);
    let result: unknown;
    ctx.hostCalls.push(L);
    try {
      result = fn(...args);
    } catch (e) {
      return raiseInLua(ctx, L, e);
    } finally {
      ctx.hostCalls.pop();
    }
    if (isThenable(result)) return awaitInLua(ctx, L, result, name === '' ? '?' : name);
    return pushResult(ctx, L, result);
  }, name === '' ? '?' : name).hosted();
  if (dropSelf === undefined) {
    ctx.hostFns.set(fn, h);
    ctx.jsOfHost.set(h, fn);
  }
  return h;
}

/** Does `v` look like a Promise? */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null
    && typeof (v as { then?: unknown }).then === 'function';
}

/** Push a host function's result: none for undefined, all of a Lua.multi, else one value. */
export function pushResult(ctx: Context, L: LuaState, result: unknown): number {
  if (result === undefined) return 0;
  if (!(result instanceof LuaMulti)) {
    L.stack[L.top++] = toLua(ctx, result);
    return 1;
  }
  const values = result.values.map((v) => toLua(ctx, v));
  if (L.top + values.length + LUA_MINSTACK > L.stackLimit) throwValue(L, 'too many results');
  for (const v of values) L.stack[L.top++] = v;
  return values.length;
}

/**
 * Raise a JS exception caught from host code as a Lua error at this point:
 * a LuaError of this instance raises its Lua error object again; anything
 * else becomes an error with the exception's message, and the exception
 * stays attached so that the host gets it back if no Lua code catches it.
 */
export function raiseInLua(ctx: Context, L: LuaState, e: unknown): never {
  if (e instanceof LuaError && ctx.ownErrors.has(e)) return throwValue(L, e.luaValue);
  if (passesThrough(e)) throw e;
  try {
    return throwValue(L, toLua(ctx, e instanceof Error ? e.message : String(e)));
  } catch (t) {
    if (t instanceof LuaThrow) t.hostError = e;
    throw t;
  }
}

/** The VM's own signals, host aborts and JS stack exhaustion are not Lua errors to raise here. */
function passesThrough(e: unknown): boolean {
  return e instanceof LuaThrow || e === YieldSignal.instance || e instanceof HostAbort
    || (e instanceof RangeError && /call stack/i.test(e.message));
}
