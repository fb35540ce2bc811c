import { MAX_STRING } from '../../value/limits.js';
import type { LuaState } from '../../vm/state.js';
import { argError as luaArgError, luaError } from '../args.js';

/**
 * Errors raised by the pure string engines (patterns, format, pack).
 *
 * The engines know nothing about the Lua stack, so they throw this small
 * class and the library glue turns it into a Lua error:
 *
 * - `arg === undefined`: a plain error, raised with the message as is
 *   (what lstrlib.c does with `luaL_error`; from a C function that adds no
 *   position prefix).
 * - `arg === n`: an argument error (`luaL_argerror`), which the glue renders
 *   as `bad argument #n to 'name' (message)`, adjusting `n` for method calls.
 */
export class StringLibError extends Error {
  constructor(message: string, readonly arg?: number) {
    super(message);
    this.name = 'StringLibError';
  }
}

/** Plain error (`luaL_error`). */
export function libError(message: string): never {
  throw new StringLibError(message);
}

/** Argument error (`luaL_argerror`): the glue prefixes `bad argument #arg to '...'`. */
export function argError(arg: number, message: string): never {
  throw new StringLibError(message, arg);
}

/**
 * Lua's `posrelatI`: turn a 1-based, possibly negative, start position into
 * a 1-based position clamped below at 1 (it may exceed `len`).
 */
export function posrelatI(pos: number | bigint, len: number): number {
  if (typeof pos === 'bigint') {
    // Beyond the safe range: only the sign matters for any real string.
    return pos > 0n ? Number.MAX_SAFE_INTEGER : 1;
  }
  if (pos > 0) return pos;
  if (pos === 0) return 1;
  if (pos < -len) return 1;
  return len + pos + 1;
}

/** Raise "not enough memory" if a result of `len` bytes cannot be built. */
export function checkLength(len: number): void {
  if (len > MAX_STRING) libError('not enough memory');
}

/** Run an engine call, turning its errors into Lua errors with the reference's wording. */
export function engine<T>(L: LuaState, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StringLibError) {
      if (e.arg !== undefined) return luaArgError(L, e.arg, e.message);
      return luaError(L, e.message);
    }
    throw e;
  }
}
