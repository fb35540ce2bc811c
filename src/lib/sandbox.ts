/**
 * Sandbox presets: what a script can reach, as an allow-list of dotted
 * names (`'print'`, `'string'`, `'os.time'`). Whatever is not listed is
 * absent from the state (removed from the globals and from
 * `package.loaded`), not stubbed; a library listed by name comes whole, a
 * library listed by some of its functions comes as a table of just those.
 *
 * The `'safe'` preset is the allow-list of a plugin host: the base
 * functions without `dofile`/`loadfile`/`require` (`load` compiles text
 * only; `collectgarbage` answers `"count"` only), `string`, `table`, `math`,
 * `utf8`, `buffer`, `coroutine`, and `os.time`/`clock`/`date`/`difftime`. No `io`,
 * `debug` or `package`.
 *
 * In any sandbox, the methods strings reach through `("x"):method` are the
 * sandbox's string table, and `getmetatable("")` returns a harmless copy
 * (`{ __index = <that table> }`), so a literal string cannot smuggle in what
 * the allow-list left out, nor let a script change string methods.
 */

import type { LuaValue } from '../value/value.js';
import { HostFunction, type HostFn } from '../vm/function.js';
import { globals } from '../vm/create.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { argError, optString } from './args.js';
import { baseLib } from './base.js';
import { loadedTable } from './init.js';

/** A sandbox: `'none'` (full Lua), `'safe'`, or an allow-list of dotted names. */
export type Sandbox = 'none' | 'safe' | readonly string[];

/** The 'safe' preset's allow-list. */
export const SAFE: readonly string[] = [
  '_G', '_VERSION', 'assert', 'collectgarbage', 'error', 'getmetatable', 'ipairs', 'load', 'next', 'pairs', 'pcall',
  'print', 'rawequal', 'rawget', 'rawlen', 'rawset', 'select', 'setmetatable', 'tonumber', 'tostring', 'type', 'warn',
  'xpcall',
  'coroutine', 'math', 'string', 'table', 'utf8', 'buffer',
  'os.clock', 'os.date', 'os.difftime', 'os.time',
];

/** The allow-list of a sandbox option (undefined for 'none': everything stays). */
export function allowListOf(sandbox: Sandbox): readonly string[] | undefined {
  if (sandbox === 'none') return undefined;
  return sandbox === 'safe' ? SAFE : sandbox;
}

/** The sandbox's `load`: text chunks only, whatever the mode asks (a binary chunk gets load's own error). */
const safeLoad: HostFn = (L, base, nargs) => {
  const mode = optString(L, base, nargs, 3, 'bt');
  while (L.top < base + 3) L.stack[L.top++] = undefined;
  L.stack[base + 2] = mode.replace(/b/g, '');
  return baseLib.load(L, base, Math.max(nargs, 3));
};

/** The sandbox's `collectgarbage`: reading the count only. */
const safeCollectgarbage: HostFn = (L, base, nargs) => {
  const o = optString(L, base, nargs, 1, 'collect');
  if (o !== 'count') argError(L, 1, `option '${o}' is not allowed in the sandbox`);
  return baseLib.collectgarbage(L, base, nargs);
};

/** Functions a sandbox replaces by a restricted version of its own. */
const RESTRICTED: Readonly<Record<string, HostFn>> = { load: safeLoad, collectgarbage: safeCollectgarbage };

/**
 * Reduce an opened state to the allow-list: every global not listed is
 * removed, and so is every library not listed; a library listed by some of
 * its fields becomes a new table with just those.
 */
export function applySandbox(L: LuaState, allow: readonly string[]): void {
  const heap = L.g.heap;
  const G = globals(L);
  const loaded = loadedTable(L);
  const whole = new Set(allow.filter((n) => !n.includes('.')));
  const partial = new Map<string, string[]>();
  for (const name of allow) {
    const dot = name.indexOf('.');
    if (dot < 0) continue;
    const lib = name.slice(0, dot);
    if (!partial.has(lib)) partial.set(lib, []);
    partial.get(lib)!.push(name.slice(dot + 1));
  }
  const keep: [string, LuaValue][] = [];
  for (const [name, value] of entries(G)) {
    if (whole.has(name)) {
      keep.push([name, RESTRICTED[name] !== undefined ? new HostFunction(RESTRICTED[name], name) : value]);
    } else if (partial.has(name) && value instanceof LuaTable) {
      const t = new LuaTable(heap);
      for (const field of partial.get(name)!) {
        const v = value.getStr(field);
        if (v !== undefined) t.setStr(field, v);
      }
      keep.push([name, t]);
    }
  }
  for (const [name] of entries(G)) G.setStr(name, undefined);
  for (const [name] of entries(loaded)) loaded.setStr(name, undefined);
  for (const [name, value] of keep) {
    G.setStr(name, value);
    if (value instanceof LuaTable) loaded.setStr(name, value);
  }
  if (whole.has('_G')) loaded.setStr('_G', G);
  sandboxStrings(L, keep.find(([n]) => n === 'string')?.[1]);
}

/** String methods are the sandbox's string table (or none), and the real metatable stays out of reach. */
function sandboxStrings(L: LuaState, stringLib: LuaValue): void {
  const heap = L.g.heap;
  const mt = L.g.typeMetatables.get('string');
  if (mt === undefined) return;
  const methods = stringLib instanceof LuaTable ? stringLib : new LuaTable(heap);
  mt.setStr('__index', methods);
  const shown = new LuaTable(heap);
  shown.setStr('__index', methods);
  mt.setStr('__metatable', shown);
}

/** A table's string-keyed entries, copied (the table may change while they are used). */
function entries(t: LuaTable): [string, LuaValue][] {
  const out: [string, LuaValue][] = [];
  const e: LuaValue[] = [undefined, undefined];
  let k: LuaValue = undefined;
  while (t.next(k, e)) {
    k = e[0];
    if (typeof k === 'string') out.push([k, e[1]]);
  }
  return out;
}
