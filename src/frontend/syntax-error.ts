/**
 * The error the front end raises for anything `load` reports as a syntax
 * error. `luaMessage` is worded exactly like the reference implementation's
 * message ("chunk:line: msg near 'token'"), so the VM can hand it to Lua
 * code unchanged.
 */
export class LuaSyntaxError extends Error {
  constructor(readonly luaMessage: string) {
    super(luaMessage);
    this.name = 'LuaSyntaxError';
  }
}
