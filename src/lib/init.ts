/**
 * Opening the standard libraries (the reference's linit.c), as a table of
 * data: each entry names a library and how to build it.
 */

import type { LuaTable } from '../vm/table.js';
import type { LuaState } from '../vm/state.js';
import { globals } from '../vm/create.js';
import { LuaTable as Table } from '../vm/table.js';
import { LOADED } from './register.js';
import { openBase } from './base.js';
import { openCoroutine } from './coroutine.js';
import { openDebug } from './debug.js';
import { openString } from './string.js';
import { openMath } from './math.js';
import { openTable } from './table.js';
import { openUtf8 } from './utf8.js';
import { openIo } from './io.js';
import { openPackageLib } from './package.js';
import { openOs } from './os.js';

/** A standard library: its global name and its constructor. */
export interface LibEntry {
  readonly name: string;
  readonly open: (L: LuaState) => LuaTable;
}

/** Every standard library, in the reference's opening order. */
export const STANDARD_LIBS: readonly LibEntry[] = [
  { name: '_G', open: openBase },
  { name: 'package', open: openPackageLib },
  { name: 'coroutine', open: () => openCoroutine() },
  { name: 'table', open: openTable },
  { name: 'io', open: openIo },
  { name: 'os', open: () => openOs() },
  { name: 'string', open: openString },
  { name: 'math', open: openMath },
  { name: 'utf8', open: openUtf8 },
  { name: 'debug', open: () => openDebug() },
];

/** The package.loaded table (created on first use). */
export function loadedTable(L: LuaState): LuaTable {
  let loaded = L.g.registry.getStr(LOADED);
  if (!(loaded instanceof Table)) {
    loaded = new Table();
    L.g.registry.setStr(LOADED, loaded);
  }
  return loaded as LuaTable;
}

/**
 * Open libraries into the global table and package.loaded (luaL_openlibs).
 * `only`, when given, lists the library names to open.
 */
export function openLibs(L: LuaState, only?: readonly string[]): void {
  const loaded = loadedTable(L);
  const G = globals(L);
  for (const lib of STANDARD_LIBS) {
    if (only !== undefined && !only.includes(lib.name)) continue;
    const t = lib.open(L);
    loaded.setStr(lib.name, t);
    if (lib.name !== '_G') G.setStr(lib.name, t);
  }
}
