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

/**
 * A buffer of the buffer library (lib/buffer.ts): a userdata whose payload
 * is a Uint8Array, shared with the host without copying (the host may hold
 * the same view). `size` is its length when it was made: a view whose
 * memory the host detached (or resized) no longer has it, and every access
 * checks that first.
 */
export class LuaBuffer extends LuaUserdata {
  declare data: Uint8Array;
  readonly size: number;
  private dv: DataView | undefined = undefined;

  constructor(view: Uint8Array) {
    super(view, 0);
    this.size = view.byteLength;
  }

  /** Is the memory still there, as long as it was? */
  get intact(): boolean {
    return this.data.byteLength === this.size;
  }

  /** A DataView on the same bytes (made once). */
  get view(): DataView {
    return (this.dv ??= new DataView(this.data.buffer, this.data.byteOffset, this.size));
  }
}
