/**
 * Helpers for host functions (the reference's lauxlib.c): argument checks
 * with the reference's error messages, `tostring` with `__tostring` and
 * `__name`, object addresses, error positions, and tracebacks.
 *
 * Host functions see their arguments as `L.stack[base + n - 1]` for
 * argument n (1-based); an argument past `nargs` is absent ("no value").
 */

import {
  F2I, tointeger, tonumber, tostringNumber, type LuaInteger, type LuaNumber,
} from '../value/number.js';
import { LightUserdata, LuaFloat, LuaUserdata, type LuaValue } from '../value/value.js';
import { callValue, throwValue } from '../vm/call.js';
import {
  currentline, getfuncname, shortSrc, where,
} from '../vm/debuginfo.js';
import { HostFunction, LuaClosure, type HostFn } from '../vm/function.js';
import { typeName } from '../vm/meta.js';
import { CIST, type CallInfo, type LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { addressOf } from '../vm/identity.js';

/** Registry key of the table of loaded modules (LUA_LOADED_TABLE). */
export const LOADED = '_LOADED';

// ---------------------------------------------------------------------------
// Errors

/** luaL_error: raise `msg` prefixed with the position of the calling Lua code. */
export function luaError(L: LuaState, msg: string): never {
  return throwValue(L, whereLevel(L, 1) + msg);
}

/** luaL_where: "chunk:line: " for the function at `level` (1 = the caller of the running host function). */
export function whereLevel(L: LuaState, level: number): string {
  const ci = getstack(L, level);
  // unlike runtime errors, luaL_where adds nothing when there is no line information
  return ci === null || currentline(ci) <= 0 ? '' : where(ci);
}

/** The frame at `level` (0 = running function), or null (lua_getstack). */
export function getstack(L: LuaState, level: number): CallInfo | null {
  let ci: CallInfo | null = L.ci;
  for (; level > 0 && ci !== null && ci !== L.baseCi; level--) ci = ci.previous;
  return ci === null || ci === L.baseCi ? null : ci;
}

/** Name of the running host function for argument errors ("?" if unknown). */
function currentFuncName(L: LuaState): [string, string] {
  const named = getfuncname(L, L.ci);
  if (named !== undefined) return named;
  const g = globalFuncName(L, L.stack[L.ci.func]);
  return ['', g ?? '?'];
}

/** luaL_argerror: "bad argument #n to 'f' (extramsg)". */
export function argError(L: LuaState, arg: number, extramsg: string): never {
  const [namewhat, name] = currentFuncName(L);
  if (namewhat === 'method') {
    arg--;
    if (arg === 0) return luaError(L, `calling '${name}' on bad self (${extramsg})`);
  }
  return luaError(L, `bad argument #${arg} to '${name}' (${extramsg})`);
}

/** luaL_typeerror: "bad argument #n to 'f' (<tname> expected, got <type>)". */
export function typeError(L: LuaState, base: number, nargs: number, arg: number, tname: string): never {
  return argError(L, arg, `${tname} expected, got ${argTypeName(L, base, nargs, arg)}`);
}

function argTypeName(L: LuaState, base: number, nargs: number, arg: number): string {
  return arg > nargs ? 'no value' : typeNameForMessages(L.stack[base + arg - 1]);
}

/** A value's type as argument errors name it: `__name` if set, "light userdata" apart. */
export function typeNameForMessages(v: LuaValue): string {
  const mt = v instanceof LuaTable || v instanceof LuaUserdata ? v.metatable : undefined;
  const name = mt?.getStr('__name');
  if (typeof name === 'string') return name;
  if (v instanceof LightUserdata) return 'light userdata';
  return typeName(v);
}

// ---------------------------------------------------------------------------
// Argument checks

export function checkAny(L: LuaState, nargs: number, arg: number): void {
  if (arg > nargs) argError(L, arg, 'value expected');
}

export function checkTable(L: LuaState, base: number, nargs: number, arg: number): LuaTable {
  const v = L.stack[base + arg - 1];
  if (arg > nargs || !(v instanceof LuaTable)) return typeError(L, base, nargs, arg, 'table');
  return v;
}

export function checkInteger(L: LuaState, base: number, nargs: number, arg: number): LuaInteger {
  const v = arg <= nargs ? L.stack[base + arg - 1] : undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const i = tointeger(v, F2I.EQ);
  if (i !== undefined) return i;
  if (arg <= nargs && tonumber(v) !== undefined) return argError(L, arg, 'number has no integer representation');
  return typeError(L, base, nargs, arg, 'number');
}

export function optInteger(L: LuaState, base: number, nargs: number, arg: number, def: LuaInteger): LuaInteger {
  return arg > nargs || L.stack[base + arg - 1] === undefined ? def : checkInteger(L, base, nargs, arg);
}

export function checkNumber(L: LuaState, base: number, nargs: number, arg: number): LuaNumber {
  const v = arg <= nargs ? L.stack[base + arg - 1] : undefined;
  if (typeof v === 'number') return v;
  const n = tonumber(v);
  if (n === undefined) return typeError(L, base, nargs, arg, 'number');
  return n;
}

export function optNumber(L: LuaState, base: number, nargs: number, arg: number, def: LuaNumber): LuaNumber {
  return arg > nargs || L.stack[base + arg - 1] === undefined ? def : checkNumber(L, base, nargs, arg);
}

/** luaL_checklstring: strings, and numbers converted to strings. */
export function checkString(L: LuaState, base: number, nargs: number, arg: number): string {
  const v = arg <= nargs ? L.stack[base + arg - 1] : undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  return typeError(L, base, nargs, arg, 'string');
}

export function optString(L: LuaState, base: number, nargs: number, arg: number, def: string): string {
  return arg > nargs || L.stack[base + arg - 1] === undefined ? def : checkString(L, base, nargs, arg);
}

/** luaL_checkoption: an argument naming one of `options`; returns its index. */
export function checkOption(
  L: LuaState, base: number, nargs: number, arg: number, def: string | undefined, options: readonly string[],
): number {
  const name = def !== undefined ? optString(L, base, nargs, arg, def) : checkString(L, base, nargs, arg);
  const i = options.indexOf(name);
  if (i < 0) return argError(L, arg, `invalid option '${name}'`);
  return i;
}

/** A Lua string as a value check: strings and numbers convert, like lua_tolstring. */
export function toStringOrUndefined(v: LuaValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  return undefined;
}

// ---------------------------------------------------------------------------
// tostring

export { addressOf, pointerOf } from '../vm/identity.js';

/** luaL_tolstring: the string `tostring` and `print` show for a value. */
export function tolstring(L: LuaState, v: LuaValue): string {
  const mt = v instanceof LuaTable || v instanceof LuaUserdata ? v.metatable : L.g.typeMetatables.get(typeName(v));
  if (mt !== undefined) {
    const f = mt.getStr('__tostring');
    if (f !== undefined) {
      const r = callMeta1(L, f, v);
      if (typeof r !== 'string') {
        if (typeof r === 'number' || typeof r === 'bigint' || r instanceof LuaFloat) return tostringNumber(r);
        return luaError(L, "'__tostring' must return a string");
      }
      return r;
    }
  }
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return v ? 'true' : 'false';
    case 'number': case 'bigint': return tostringNumber(v);
    case 'string': return v;
  }
  if (v instanceof LuaFloat) return tostringNumber(v);
  const name = mt?.getStr('__name');
  const kind = typeof name === 'string' ? name : typeName(v);
  return `${kind}: ${addressOf(v as object)}`;
}

/** Call f(v) and return its first result. */
export function callMeta1(L: LuaState, f: LuaValue, v: LuaValue): LuaValue {
  const func = L.top;
  L.stack[func] = f;
  L.stack[func + 1] = v;
  L.top = func + 2;
  callValue(L, func, 1);
  return L.stack[--L.top];
}

// ---------------------------------------------------------------------------
// Function names and tracebacks

/** "string.format" style name of a function found in package.loaded (pushglobalfuncname). */
export function globalFuncName(L: LuaState, f: LuaValue): string | undefined {
  if (f === undefined) return undefined;
  const loaded = L.g.registry.getStr(LOADED);
  if (!(loaded instanceof LuaTable)) return undefined;
  const entry: LuaValue[] = [undefined, undefined];
  let k: LuaValue = undefined;
  while (loaded.next(k, entry)) {
    k = entry[0];
    const mod = entry[1];
    if (typeof k !== 'string' || !(mod instanceof LuaTable)) continue;
    const sub: LuaValue[] = [undefined, undefined];
    let k2: LuaValue = undefined;
    while (mod.next(k2, sub)) {
      k2 = sub[0];
      if (sub[1] === f && typeof k2 === 'string') {
        const name = `${k}.${k2}`;
        return name.startsWith('_G.') ? name.slice(3) : name;
      }
    }
  }
  return undefined;
}

function funcDescription(L: LuaState, ci: CallInfo): string {
  const f = L.stack[ci.func];
  const g = globalFuncName(L, f);
  if (g !== undefined) return `function '${g}'`;
  const named = getfuncname(L, ci);
  if (named !== undefined) return `${named[0]} '${named[1]}'`;
  if (f instanceof LuaClosure) {
    if (f.p.linedefined === 0) return 'main chunk';
    return `function <${shortSrc(f.p)}:${f.p.linedefined}>`;
  }
  return '?';
}

const LEVELS1 = 10;
const LEVELS2 = 11;

/** luaL_traceback: "stack traceback:" and one line per frame of thread L1 from `level`. */
export function traceback(L: LuaState, L1: LuaState, msg: string | undefined, level: number): string {
  const frames: CallInfo[] = [];
  for (let ci = getstack(L1, level); ci !== null && ci !== L1.baseCi; ci = ci.previous) frames.push(ci);
  let out = msg === undefined ? '' : msg + '\n';
  out += 'stack traceback:';
  const n = frames.length;
  for (let j = 0; j < n; j++) {
    if (n - 1 > LEVELS1 + LEVELS2 && j === LEVELS1) {
      const skip = n - LEVELS1 - LEVELS2;
      out += `\n\t...\t(skipping ${skip} levels)`;
      j += skip - 1;
      continue;
    }
    const ci = frames[j];
    if (ci.callstatus & CIST.LUA) {
      const line = currentline(ci);
      out += `\n\t${shortSrc(ci.closure!.p)}:${line > 0 ? `${line}:` : ''} in ${funcDescription(L1, ci)}`;
    } else {
      out += `\n\t[C]: in ${funcDescription(L1, ci)}`;
    }
    if (ci.callstatus & CIST.TAIL) out += '\n\t(...tail calls...)';
  }
  return out;
}

// ---------------------------------------------------------------------------
// Registration

/** A library as data: name -> host function. */
export type LibTable = Readonly<Record<string, HostFn>>;

/** Build a table of host functions (luaL_newlib). */
export function newLib(lib: LibTable, prefix = ''): LuaTable {
  const t = new LuaTable();
  for (const name of Object.keys(lib)) t.setStr(name, new HostFunction(lib[name], prefix + name));
  return t;
}

/** Push results and return their count (a convenience for host functions). */
export function ret(L: LuaState, ...values: LuaValue[]): number {
  for (const v of values) L.stack[L.top++] = v;
  return values.length;
}
