/**
 * Metatables and metamethods (the reference's ltm.c): the event names,
 * finding a value's metatable and a metamethod in it (with the cache of
 * absent events), type names for messages, and calling a metamethod.
 */

import { LightUserdata, LuaFloat, type LuaValue } from '../value/value.js';
import { LuaUserdata } from './userdata.js';
import { HostFunction, LuaClosure } from './function.js';
import { callValue } from './call.js';
import type { LuaState } from './state.js';
import { LuaTable } from './table.js';
/** Metamethod events, in the reference's order (ltm.h). */
export const enum TM {
  INDEX, NEWINDEX, GC, MODE, LEN, EQ, ADD, SUB, MUL, MOD, POW, DIV, IDIV,
  BAND, BOR, BXOR, SHL, SHR, UNM, BNOT, LT, LE, CONCAT, CALL, CLOSE,
}

export const TM_NAMES: readonly string[] = [
  '__index', '__newindex', '__gc', '__mode', '__len', '__eq', '__add', '__sub', '__mul', '__mod', '__pow',
  '__div', '__idiv', '__band', '__bor', '__bxor', '__shl', '__shr', '__unm', '__bnot', '__lt', '__le',
  '__concat', '__call', '__close',
];

// ---------------------------------------------------------------------------
// Types and metatables

/** Lua type name of a value (lua_typename). */
export function typeName(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return 'boolean';
    case 'number': case 'bigint': return 'number';
    case 'string': return 'string';
  }
  if (v instanceof LuaTable) return 'table';
  if (v instanceof LuaFloat) return 'number';
  if (v instanceof LuaClosure || v instanceof HostFunction) return 'function';
  if (v instanceof LuaUserdata || v instanceof LightUserdata) return 'userdata';
  return 'thread';
}

/** The metatable of any value. */
export function getmetatable(L: LuaState, v: LuaValue): LuaTable | undefined {
  if (v instanceof LuaTable || v instanceof LuaUserdata) return v.metatable;
  return L.g.typeMetatables.get(typeName(v));
}

/** A metamethod from a metatable, with the absent-event cache (fasttm). */
export function fasttm(mt: LuaTable | undefined, event: TM): LuaValue {
  if (mt === undefined || mt.tmflags & (1 << event)) return undefined;
  const tm = mt.getStr(TM_NAMES[event]);
  if (tm === undefined) mt.tmflags |= 1 << event;
  return tm;
}

/** The metamethod of a binary operation: the first operand's, else the second's (luaT_trybinTM's lookup). */
export function binTM(L: LuaState, a: LuaValue, b: LuaValue, event: TM): LuaValue {
  const tm = gettm(L, a, event);
  return tm !== undefined ? tm : gettm(L, b, event);
}

/** The metamethod of a value for an event (luaT_gettmbyobj). */
export function gettm(L: LuaState, v: LuaValue, event: TM): LuaValue {
  const mt = getmetatable(L, v);
  return mt === undefined ? undefined : mt.getStr(TM_NAMES[event]);
}

/** Type name for messages, honouring `__name` (luaT_objtypename). */
export function objtypename(L: LuaState, v: LuaValue): string {
  if (v instanceof LuaTable || v instanceof LuaUserdata) {
    const name = v.metatable?.getStr('__name');
    if (typeof name === 'string') return name;
  }
  return typeName(v);
}

// ---------------------------------------------------------------------------
// Calling metamethods (from the interpreter: JS recursion, counted as C calls)

/** Call metamethod f(a, b) and return its first result (luaT_callTMres). */
export function callTMres(L: LuaState, f: LuaValue, a: LuaValue, b: LuaValue): LuaValue {
  const stack = L.stack;
  const func = L.top;
  stack[func] = f;
  stack[func + 1] = a;
  stack[func + 2] = b;
  L.top = func + 3;
  callValue(L, func, 1);
  return stack[--L.top];
}

/** Call metamethod f(a, b, c) ignoring results (luaT_callTM). */
export function callTM(L: LuaState, f: LuaValue, a: LuaValue, b: LuaValue, c: LuaValue): void {
  const stack = L.stack;
  const func = L.top;
  stack[func] = f;
  stack[func + 1] = a;
  stack[func + 2] = b;
  stack[func + 3] = c;
  L.top = func + 4;
  callValue(L, func, 0);
}
