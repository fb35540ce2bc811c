/**
 * Full userdata: a host payload with a metatable and Lua 5.4's user values.
 */

import type { LuaValue } from '../value/value.js';
import type { LuaTable } from './table.js';

/** Full userdata: a host payload with a metatable and a user value. */
export class LuaUserdata {
  metatable: LuaTable | undefined = undefined;
  /** Lua 5.4 user values (`lua_setiuservalue`); index 0 is user value 1. */
  uservalues: LuaValue[];
  /** Epoch of the last mark that reached this userdata (gc.ts). */
  gcmark = 0;
  /** GcFlag bits (heap.ts): marked for finalization. */
  gcflags = 0;
  constructor(public data: unknown, nuvalue = 1) {
    this.uservalues = new Array<LuaValue>(nuvalue).fill(undefined);
  }

  /** Marker of LuaUserdataLike (on the prototype). */
  get isUserdata(): true {
    return true;
  }
}
