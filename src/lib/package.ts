/**
 * The package library (the reference's loadlib.c): require, package.path
 * and friends, searchers. Lua files are found and read through the
 * Platform; native (C) modules cannot exist here, so the C searchers find
 * files as the reference does but loading one fails the way a Lua built
 * without dynamic libraries fails.
 */

import { isFalse, type LuaValue } from '../value/value.js';
import { callValue } from '../vm/call.js';
import { HostFunction, LuaClosure, type HostFn } from '../vm/function.js';
import { globals } from '../vm/create.js';
import { index } from '../vm/operations.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { LOADED, newLib, type LibTable } from './register.js';
import { checkString, luaError, optString, ret } from './args.js';
import { toStringOrUndefined } from './tostring.js';
import { loadFile } from './base.js';
import { platformOf } from './platform-interface.js';

export const LUA_PATH_DEFAULT = '/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;'
  + '/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua';
export const LUA_CPATH_DEFAULT = '/usr/local/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so';

/** Registry key of package.preload (LUA_PRELOAD_TABLE). */
const PRELOAD = '_PRELOAD';
/** Registry key that tells the library to ignore environment variables (lua.c's -E sets it). */
export const NOENV = 'LUA_NOENV';
/** What loading a native library reports (the reference built without LUA_DL). */
const DLMSG = 'dynamic libraries not enabled; check your Lua installation';

/** A table in the registry, created on first use (luaL_getsubtable). */
function registryTable(L: LuaState, key: string): LuaTable {
  let t = L.g.registry.getStr(key);
  if (!(t instanceof LuaTable)) {
    t = new LuaTable(L.g.heap);
    L.g.registry.setStr(key, t);
  }
  return t as LuaTable;
}

const preloadTable = (L: LuaState): LuaTable => registryTable(L, PRELOAD);
/** package.loaded: the registry's _LOADED, the very table openLibs fills (init.ts's loadedTable). */
const loadedTable = (L: LuaState): LuaTable => registryTable(L, LOADED);

// ---------------------------------------------------------------------------
// Searching

/** fopen(name, "r") succeeds. */
function readable(L: LuaState, name: string): boolean {
  try {
    platformOf(L).open(name, 'r').close();
    return true;
  } catch {
    return false;
  }
}

/**
 * searchpath: the first readable file of `path` with '?' replaced by `name`
 * (its `sep` replaced by `rep`), or the "no file '...'" list of every try.
 */
export function searchPath(L: LuaState, name: string, path: string, sep: string, rep: string): [string | undefined, string] {
  if (sep !== '' && name.includes(sep[0])) name = name.split(sep[0]).join(rep);
  const candidates = path.split('?').join(name).split(';');
  for (const c of candidates) {
    if (readable(L, c)) return [c, ''];
  }
  return [undefined, candidates.map((c) => `no file '${c}'`).join('\n\t')];
}

/** findfile: search package[pname] ("path" or "cpath"). */
function findFile(L: LuaState, pkg: LuaTable, name: string, pname: string): [string | undefined, string] {
  const path = toStringOrUndefined(index(L, pkg, pname, undefined));
  if (path === undefined) return luaError(L, `'package.${pname}' must be a string`);
  return searchPath(L, name, path, '.', '/');
}

/** checkload: loader and file name, or the reference's "error loading module" error. */
function checkLoad(L: LuaState, name: string, loader: LuaValue, filename: string, err: string): number {
  if (loader !== undefined) return ret(L, loader, filename);
  return luaError(L, `error loading module '${name}' from file '${filename}':\n\t${err}`);
}

function searcherPreload(L: LuaState, base: number, nargs: number): number {
  const name = checkString(L, base, nargs, 1);
  const v = index(L, preloadTable(L), name, undefined);
  if (v === undefined) return ret(L, `no field package.preload['${name}']`);
  return ret(L, v, ':preload:');
}

function searcherLua(pkg: LuaTable): HostFn {
  return (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    const [filename, err] = findFile(L, pkg, name, 'path');
    if (filename === undefined) return ret(L, err);
    const f = loadFile(L, filename, 'bt');
    return typeof f === 'string' ? checkLoad(L, name, undefined, filename, f) : checkLoad(L, name, f, filename, '');
  };
}

function searcherC(pkg: LuaTable): HostFn {
  return (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    const [filename, err] = findFile(L, pkg, name, 'cpath');
    if (filename === undefined) return ret(L, err);
    return checkLoad(L, name, undefined, filename, DLMSG);
  };
}

/** The all-in-one searcher: a.b.c looked up as the C library "a". */
function searcherCroot(pkg: LuaTable): HostFn {
  return (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    const dot = name.indexOf('.');
    if (dot < 0) return 0;
    const [filename, err] = findFile(L, pkg, name.slice(0, dot), 'cpath');
    if (filename === undefined) return ret(L, err);
    return checkLoad(L, name, undefined, filename, DLMSG);
  };
}

// ---------------------------------------------------------------------------
// require

/** Call `f(...args)` (not yieldable, as lua_call) and return its first two results. */
function call2(L: LuaState, f: LuaValue, ...args: LuaValue[]): [LuaValue, LuaValue] {
  const func = L.top;
  L.stack[func] = f;
  for (let i = 0; i < args.length; i++) L.stack[func + 1 + i] = args[i];
  L.top = func + 1 + args.length;
  callValue(L, func, 2);
  L.top = func;
  return [L.stack[func], L.stack[func + 1]];
}

const isFunction = (v: LuaValue): boolean => v instanceof LuaClosure || v instanceof HostFunction;

/** findloader: ask each searcher in turn; the loader and its data, or "module not found". */
function findLoader(L: LuaState, pkg: LuaTable, name: string): [LuaValue, LuaValue] {
  const searchers = index(L, pkg, 'searchers', undefined);
  if (!(searchers instanceof LuaTable)) return luaError(L, "'package.searchers' must be a table");
  let msg = '';
  for (let i = 1; ; i++) {
    const searcher = searchers.getInt(i);
    if (searcher === undefined) return luaError(L, `module '${name}' not found:${msg}`);
    const [loader, data] = call2(L, searcher, name);
    if (isFunction(loader)) return [loader, data];
    const s = typeof loader === 'string' || typeof loader === 'number' ? toStringOrUndefined(loader) : undefined;
    if (s !== undefined) msg += '\n\t' + s;
  }
}

function requireFn(pkg: LuaTable): HostFn {
  return (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    L.top = base + 1;
    const loaded = loadedTable(L);
    const have = index(L, loaded, name, undefined);
    if (!isFalse(have)) return ret(L, have);
    const [loader, data] = findLoader(L, pkg, name);
    const [result] = call2(L, loader, name, data);
    if (result !== undefined) loaded.setStr(name, result);
    let mod = index(L, loaded, name, undefined);
    if (mod === undefined) {
      mod = true;
      loaded.setStr(name, true);
    }
    return ret(L, mod, data);
  };
}

// ---------------------------------------------------------------------------
// package.searchpath, package.loadlib, paths

const searchpath: HostFn = (L, base, nargs) => {
  const name = checkString(L, base, nargs, 1);
  const path = checkString(L, base, nargs, 2);
  const sep = optString(L, base, nargs, 3, '.');
  const rep = optString(L, base, nargs, 4, '/');
  const [found, err] = searchPath(L, name, path, sep, rep);
  return found !== undefined ? ret(L, found) : ret(L, undefined, err);
};

const loadlib: HostFn = (L, base, nargs) => {
  checkString(L, base, nargs, 1);
  checkString(L, base, nargs, 2);
  return ret(L, undefined, DLMSG, 'absent');
};

/** setpath: LUA_PATH_5_4, else LUA_PATH, with ";;" standing for the default; the default otherwise. */
function envPath(L: LuaState, envname: string, dft: string): string {
  const p = platformOf(L);
  const path = p.getenv(`${envname}_5_4`) ?? p.getenv(envname);
  if (path === undefined || L.g.registry.getStr(NOENV) === true) return dft;
  const mark = path.indexOf(';;');
  if (mark < 0) return path;
  let out = mark > 0 ? path.slice(0, mark) + ';' : '';
  out += dft;
  if (mark < path.length - 2) out += ';' + path.slice(mark + 2);
  return out;
}

/** luaopen_package: the package table, and the global `require`. */
export function openPackageLib(L: LuaState): LuaTable {
  const pkg = newLib(L, { loadlib, searchpath } satisfies LibTable, 'package.');
  const searchers = new LuaTable(L.g.heap);
  const fns: [HostFn, string][] = [
    [searcherPreload, 'searcher_preload'], [searcherLua(pkg), 'searcher_Lua'], [searcherC(pkg), 'searcher_C'],
    [searcherCroot(pkg), 'searcher_Croot'],
  ];
  fns.forEach(([fn, nm], i) => searchers.setInt(i + 1, new HostFunction(fn, nm)));
  pkg.setStr('searchers', searchers);
  pkg.setStr('path', envPath(L, 'LUA_PATH', LUA_PATH_DEFAULT));
  pkg.setStr('cpath', envPath(L, 'LUA_CPATH', LUA_CPATH_DEFAULT));
  pkg.setStr('config', '/\n;\n?\n!\n-\n');
  pkg.setStr('loaded', loadedTable(L));
  pkg.setStr('preload', preloadTable(L));
  const req = new HostFunction(requireFn(pkg), 'require');
  L.g.ext.set('require', req);
  globals(L).setStr('require', req);
  return pkg;
}

/** The `require` function of this state (set when the package library is opened). */
export function requireFunction(L: LuaState): HostFunction | undefined {
  return L.g.ext.get('require') as HostFunction | undefined;
}

/**
 * Require a module from the host (what `lua -l mod` does): runs
 * `require(name)` unprotected and returns its first result. Call it inside
 * a protected call to catch "module 'x' not found" errors.
 */
export function requireModule(L: LuaState, name: string): LuaValue {
  const req = requireFunction(L);
  if (req === undefined) return luaError(L, 'package library not open');
  return call2(L, req, name)[0];
}
