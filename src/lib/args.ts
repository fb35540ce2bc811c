/**
 * Argument checks and errors for host functions (the argument half of the
 * reference's lauxlib.c), with the reference's messages: `bad argument #1
 * to 'insert' (table expected, got nil)`, the function name taken from the
 * calling code as the reference does.
 *
 * Host functions see their arguments as `L.stack[base + n - 1]` for
 * argument n (1-based); an argument past `nargs` is absent ("no value").
 */

import { F2I, tointeger, tonumber, tostringNumber, type LuaInteger, type LuaNumber } from '../value/number.js';
import { LuaFloat, type LuaValue } from '../value/value.js';
import { throwValue } from '../vm/call.js';
import { getfuncname } from '../vm/debuginfo.js';
import type { LuaState } from '../vm/state.js';
import { charge, stringCost } from '../vm/heap.js';
import { chargeBytesWork } from '../vm/budget.js';
import { LuaTable } from '../vm/table.js';
import { typeNameForMessages } from './tostring.js';
import { globalFuncName, whereLevel } from './traceback.js';

// ---------------------------------------------------------------------------
// Errors

/** luaL_error: raise `msg` prefixed with the position of the calling Lua code. */
export function luaError(L: LuaState, msg: string): never {
  return throwValue(L, whereLevel(L, 1) + msg);
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

/** Push results and return their count (a convenience for host functions). */
export function ret(L: LuaState, ...values: LuaValue[]): number {
  for (const v of values) L.stack[L.top++] = v;
  return values.length;
}

/**
 * A string a library function made, charged to L's heap (heap.ts) before
 * it is handed to Lua. Where the size is known before the string is built
 * (string.rep, sub, upper...), `chargeBytes` charges it before building.
 */
export function newString(L: LuaState, s: string): string {
  chargeBytes(L, s.length);
  return s;
}

/** Charge a string of `n` bytes about to be built (see newString): its memory, and the work of making it. */
export function chargeBytes(L: LuaState, n: number): void {
  charge(L.g.heap, stringCost(n));
  chargeBytesWork(L, n);
}

/** Argument n (1-based) of a host function, or undefined when absent ("no value"). */
export function arg(L: LuaState, base: number, nargs: number, n: number): LuaValue {
  return n <= nargs ? L.stack[base + n - 1] : undefined;
}
