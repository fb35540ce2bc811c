/**
 * Libraries as data (luaL_newlib): a table of host functions by name, and
 * the registry key of `package.loaded`.
 */

import { HostFunction, type HostFn } from '../vm/function.js';
import { LuaTable } from '../vm/table.js';
import type { LuaState } from '../vm/state.js';

/** Registry key of the table of loaded modules (LUA_LOADED_TABLE). */
export const LOADED = '_LOADED';

// ---------------------------------------------------------------------------
// Registration

/** A library as data: name -> host function. */
export type LibTable = Readonly<Record<string, HostFn>>;

/** Build a table of host functions (luaL_newlib). */
export function newLib(L: LuaState, lib: LibTable, prefix = ''): LuaTable {
  const t = new LuaTable(L.g.heap);
  for (const name of Object.keys(lib)) t.setStr(name, new HostFunction(lib[name], prefix + name));
  return t;
}
