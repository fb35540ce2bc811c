/**
 * Lua functions as JS functions.
 */

import type { LuaValue } from '../value/value.js';
import { callFromJs } from './async.js';
import type { Context } from './context.js';
import { toJS, toLua } from './convert.js';

/**
 * A Lua function seen from JS: calling it converts the arguments, calls the
 * function and returns its first result converted (or throws the error).
 * During an async run it may return a Promise instead (see docs/api.md,
 * "Async"). `R` is what the host expects it to return: a type the host
 * asserts (`lua.load<number>(...)`), not one moonbox checks.
 */
export type LuaFunctionProxy<R = unknown> = (...args: unknown[]) => R;

/** The JS callable for Lua function `f` (one per function, so identity is preserved). */
export function callableOf(ctx: Context, f: LuaValue & object): LuaFunctionProxy {
  const cached = ctx.callables.get(f);
  if (cached !== undefined) return cached as LuaFunctionProxy;
  const callable: LuaFunctionProxy = (...args: unknown[]) =>
    callFromJs(ctx, f, args.map((a) => toLua(ctx, a)), (values) => toJS(ctx, values[0]));
  ctx.callables.set(f, callable);
  ctx.newHandle(callable, f);
  return callable;
}
