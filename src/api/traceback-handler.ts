/**
 * The message handler of every protected entry from the host into Lua:
 * it runs where the error was raised, while the failing frames still exist,
 * and keeps their traceback for the exception the host will see.
 */

import { traceback } from '../lib/traceback.js';
import { HostFunction } from '../vm/function.js';
import type { GlobalState, LuaState } from '../vm/state.js';
import type { LuaValue } from '../value/value.js';

const tracebacks = new WeakMap<LuaState, string>();

/** What to do, per state, where an error is about to reach the host (a post-mortem report). */
export const onHostError = new WeakMap<GlobalState, (L: LuaState, err: LuaValue) => void>();

/** Push this below the called function and pass its index to `pcall` as the handler. */
export const tracebackHandler = new HostFunction((L, base) => {
  tracebacks.set(L, traceback(L, L, undefined, 1));
  onHostError.get(L.g)?.(L, L.stack[base]);
  L.stack[L.top++] = L.stack[base];
  return 1;
}, 'traceback');

/** Forget any traceback kept for `L` (call before a protected entry). */
export function clearTraceback(L: LuaState): void {
  tracebacks.delete(L);
}

/** The traceback of the last error the handler saw on `L`, if any. */
export function takeTraceback(L: LuaState): string | undefined {
  const t = tracebacks.get(L);
  tracebacks.delete(L);
  return t;
}
