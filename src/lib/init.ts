/**
 * Opening the standard libraries (the reference's linit.c), as a table of
 * data: each entry names a library and how to build it.
 */

import type { LuaTable } from '../vm/table.js';
import type { LuaState } from '../vm/state.js';
import { globals } from '../vm/create.js';
import { LuaTable as Table } from '../vm/table.js';
import { LOADED } from './register.js';
import { traceback } from './traceback.js';
import { openBase } from './base.js';
import { openCoroutine } from './coroutine.js';
import { openDebug } from './debug.js';
import { openString } from './string.js';
import { openMath } from './math.js';
import { openTable } from './table.js';
import { openUtf8 } from './utf8.js';
import { openBuffer } from './buffer.js';
import { openIo } from './io.js';
import { openPackageLib } from './package.js';
import { openOs } from './os.js';

export { LIB_NAMES, isLibName, type LibName } from './lib-names.js';
import { LIB_NAMES, type LibName } from './lib-names.js';

/** How to build each standard library (one entry per name: a missing or extra one does not compile). */
const OPENERS: { readonly [K in LibName]: (L: LuaState) => LuaTable } = {
  _G: openBase,
  package: openPackageLib,
  coroutine: openCoroutine,
  table: openTable,
  io: openIo,
  os: openOs,
  string: openString,
  math: openMath,
  utf8: openUtf8,
  buffer: openBuffer,
  debug: openDebug,
};

/** The package.loaded table (created on first use). */
export function loadedTable(L: LuaState): LuaTable {
  let loaded = L.g.registry.getStr(LOADED);
  if (!(loaded instanceof Table)) {
    loaded = new Table(L.g.heap);
    L.g.registry.setStr(LOADED, loaded);
  }
  return loaded as LuaTable;
}

/**
 * Open libraries into the global table and package.loaded (luaL_openlibs).
 * `only`, when given, lists the library names to open.
 */
export function openLibs(L: LuaState, only?: readonly LibName[]): void {
  // limit errors carry the traceback of where they hit (budget.ts)
  L.g.budget.traceback = (L1) => traceback(L1, L1, undefined, 0);
  const loaded = loadedTable(L);
  const G = globals(L);
  for (const name of LIB_NAMES) {
    if (only !== undefined && !only.includes(name)) continue;
    const t = OPENERS[name](L);
    loaded.setStr(name, t);
    if (name !== '_G') G.setStr(name, t);
  }
}
