/**
 * The error type the host sees when Lua code fails.
 */

import type { LuaValue } from '../value/value.js';

/**
 * A Lua error that reached the host. `luaValue` is the original error object
 * (any Lua value), `luaMessage` its string form, and `luaTraceback` the Lua
 * stack at the point of the error (when it was captured).
 */
export class LuaError extends Error {
  constructor(
    readonly luaMessage: string,
    readonly luaValue: LuaValue,
    readonly luaTraceback: string | undefined,
  ) {
    super(luaMessage);
    this.name = 'LuaError';
    if (luaTraceback !== undefined) this.stack = `LuaError: ${luaMessage}\n${luaTraceback}`;
  }
}
