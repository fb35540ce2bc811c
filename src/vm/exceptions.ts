/**
 * Lua errors as JavaScript exceptions.
 *
 * Inside the VM, `lua_error` is `throw new LuaThrow(value)` and protected
 * calls catch it. LuaThrow is deliberately not an `Error`: capturing a JS
 * stack trace on every Lua error would make `pcall(error, ...)` loops slow.
 * The host API converts it into the public `LuaError` (an `Error` subclass)
 * at the boundary.
 *
 * Yields that must unwind JavaScript frames (a coroutine yielding from inside
 * a metamethod or a host callback) throw {@link YieldSignal}, which protected
 * calls let through.
 */

import type { LuaValue } from '../value/value.js';
import { LUA_ERRRUN } from './state.js';

/** A Lua error in flight: `value` is the error object (any Lua value). */
export class LuaThrow {
  /** The original JS exception, when a host function threw one. */
  hostError: unknown = undefined;
  /** Traceback captured by the host API when the error crossed into the host. */
  traceback: string | undefined = undefined;
  constructor(readonly value: LuaValue, readonly status: number = LUA_ERRRUN) {}
}

/** Unwinds the JavaScript stack up to the resume that is being yielded to. */
export class YieldSignal {
  private constructor() {}
  static readonly instance = new YieldSignal();
}

/**
 * An exception Lua code cannot catch: protected calls and coroutine resumes
 * let it through to the host untouched (os.exit on a host that must
 * survive, and later the sandbox's hard limits).
 */
export class HostAbort extends Error {}

/**
 * A JS exception escaped a part of moonbox that raises only Lua errors (a
 * standard library function, see HostFunction.builtin): a bug. No Lua code
 * can catch it, and the embedding API closes the state (a LuaInternalError)
 * rather than let anything run on what may be inconsistent.
 */
export class InternalFault extends HostAbort {
  constructor(readonly fault: unknown, readonly where: string) {
    super(`internal fault in ${where}: ${fault instanceof Error ? `${fault.name}: ${fault.message}` : String(fault)}`);
    this.name = 'InternalFault';
  }

  /** The JS stack of the original exception. */
  get jsStack(): string {
    return this.fault instanceof Error ? this.fault.stack ?? String(this.fault) : String(this.fault);
  }
}

/**
 * Did the JS engine run out of stack? V8 reports it with a RangeError, or
 * with a SyntaxError when it happens while compiling a regular expression.
 * (No regular expression here: this runs with the stack nearly exhausted.)
 */
export function isJsStackExhausted(e: unknown): boolean {
  if (e instanceof RangeError) return e.message.includes('call stack');
  return e instanceof SyntaxError && e.message.endsWith('Stack overflow');
}

/** JS engine size limits that the reference would meet as a failed allocation. */
const MEMORY_LIMITS = ['string length', 'array length', 'allocation failed', 'buffer', 'maximum size exceeded'];

/** A table cannot grow (value/limits.ts: MAX_HASH_PART): reported as the JS engine's own limit is. */
export function tableTooLarge(): RangeError {
  return new RangeError('table: maximum size exceeded');
}

/** Did the JS engine refuse to build something that large ("not enough memory")? */
export function isJsMemoryLimit(e: unknown): boolean {
  return e instanceof RangeError && MEMORY_LIMITS.some((w) => e.message.includes(w));
}
