/**
 * JS objects that are not plain data (class instances, Maps, Dates...) as
 * Lua userdata: fields and methods are reached through `__index`, set
 * through `__newindex` (data fields only: no method replaced, no function
 * stored); `#obj` is its `length` or `size`, and `pairs(obj)`
 * walks a Map's entries or the object's own enumerable properties. `obj:method(x)` and `obj.method(x)` both call the
 * method with `this` bound to the object.
 *
 * Scripts are untrusted, so only the object's own properties and those of
 * its prototypes below `Object.prototype` are visible, and never
 * `constructor`, `__proto__` or `prototype`: no path leads from a host object
 * to `Function` or to the prototypes shared with the rest of the host.
 */

import { charge, SLOT, USERDATA } from '../vm/heap.js';
import { luaError } from '../lib/args.js';
import { LuaUserdata } from '../vm/userdata.js';
import { type LuaValue } from '../value/value.js';
import { HostFunction, LuaClosure } from '../vm/function.js';
import { addressOf } from '../vm/identity.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import type { Context } from './context.js';
import { toJS, toLua } from './convert.js';
import { hostFunction } from './hostfn.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

const HIDDEN = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/** The userdata standing for `obj` (one per object, so identity is preserved). */
export function userdataOf(ctx: Context, obj: object): LuaUserdata {
  let ud = ctx.userdata.get(obj);
  if (ud === undefined) {
    charge(ctx.L.g.heap, USERDATA + SLOT);
    ud = new LuaUserdata(obj);
    ud.metatable = metatableFor(ctx, obj);
    ctx.userdata.set(obj, ud);
  }
  return ud;
}

/** Is `key` a property scripts may see on `obj`? */
function visible(obj: object, key: string): boolean {
  if (HIDDEN.has(key)) return false;
  for (let o: object | null = obj; o !== null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, key)) return true;
  }
  return false;
}

const metatables = new WeakMap<Context, WeakMap<object, LuaTable>>();
const NO_PROTO = {};

/** One metatable per prototype, named after its class (`__name`, for tostring and error messages). */
function metatableFor(ctx: Context, obj: object): LuaTable {
  let byProto = metatables.get(ctx);
  if (byProto === undefined) metatables.set(ctx, byProto = new WeakMap());
  const proto = (Object.getPrototypeOf(obj) as object | null) ?? NO_PROTO;
  let mt = byProto.get(proto);
  if (mt === undefined) {
    mt = buildMetatable(ctx, className(proto));
    byProto.set(proto, mt);
  }
  return mt;
}

function className(proto: object): string {
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  const name = typeof ctor === 'function' ? ctor.name : '';
  return name === '' ? 'object' : name;
}

/**
 * The host object behind `v`. Only userdata made by userdataOf for this
 * state qualify: debug.getmetatable hands these metamethods to scripts, and
 * other userdata (files, debug.upvalueid's handles) hold VM internals.
 */
function objectOf(ctx: Context, L: LuaState, v: LuaValue): object {
  const data = v instanceof LuaUserdata ? v.data : undefined;
  if (typeof data !== 'object' || data === null || ctx.userdata.get(data) !== v) return luaError(L, 'host object expected');
  return data;
}

function buildMetatable(ctx: Context, name: string): LuaTable {
  const mt = new LuaTable(ctx.L.g.heap);
  mt.setStr('__name', encodeUtf8(name));
  mt.setStr('__metatable', false); // scripts may not reach (and change) the shared metatable
  mt.setStr('__index', new HostFunction((L, base) => {
    const ud = L.stack[base] as LuaUserdata;
    const obj = objectOf(ctx, L, ud);
    const key = L.stack[base + 1];
    if (typeof key !== 'string') return pushValue(L, undefined);
    const prop = decodeUtf8(key);
    if (!visible(obj, prop)) return pushValue(L, undefined);
    const value = (obj as Record<string, unknown>)[prop];
    if (typeof value === 'function') return pushValue(L, methodOf(ctx, ud, obj, value as Method, prop));
    return pushValue(L, toLua(ctx, value));
  }, '__index').hosted());
  mt.setStr('__newindex', new HostFunction((L, base) => {
    const obj = objectOf(ctx, L, L.stack[base]);
    const key = L.stack[base + 1];
    const prop = typeof key === 'string' ? decodeUtf8(key) : undefined;
    if (prop === undefined || HIDDEN.has(prop)) return luaError(L, `cannot set field '${String(prop ?? key)}' of a ${name}`);
    const value = L.stack[base + 2];
    // Host code calls what it finds on its objects (methods, then, toString, toJSON...): a
    // script may change data fields, never plant or replace anything callable.
    if (typeof (obj as Record<string, unknown>)[prop] === 'function') return luaError(L, `cannot set method '${prop}' of a ${name}`);
    if (value instanceof LuaClosure || value instanceof HostFunction) {
      return luaError(L, `cannot set field '${prop}' of a ${name} to a function`);
    }
    (obj as Record<string, unknown>)[prop] = toJS(ctx, value);
    return 0;
  }, '__newindex').hosted());
  mt.setStr('__len', new HostFunction((L, base) => {
    const obj = objectOf(ctx, L, L.stack[base]) as { length?: unknown; size?: unknown };
    const n = typeof obj.length === 'number' ? obj.length : obj.size;
    if (typeof n !== 'number') return luaError(L, `attempt to get length of a ${name} value`);
    return pushValue(L, toLua(ctx, n));
  }, '__len').hosted());
  mt.setStr('__pairs', new HostFunction((L, base) => {
    const ud = L.stack[base] as LuaUserdata;
    const entries = entriesOf(objectOf(ctx, L, ud));
    let i = 0;
    // pairs(obj) returns an iterator over a snapshot of the visible entries
    const iter = new HostFunction((L2) => {
      if (i >= entries.length) return pushValue(L2, undefined);
      const [k, v] = entries[i++];
      L2.stack[L2.top++] = toLua(ctx, k);
      L2.stack[L2.top++] = typeof v === 'function' ? methodOf(ctx, ud, ud.data as object, v as Method, String(k)) : toLua(ctx, v);
      return 2;
    }, 'next').hosted();
    L.stack[L.top++] = iter;
    L.stack[L.top++] = ud;
    L.stack[L.top++] = undefined;
    return 3;
  }, '__pairs').hosted());
  mt.setStr('__tostring', new HostFunction((L, base) => {
    const ud = L.stack[base] as LuaUserdata;
    const obj = objectOf(ctx, L, ud);
    const own = visible(obj, 'toString');
    return pushValue(L, own ? encodeUtf8(String(obj)) : `${encodeUtf8(name)}: ${addressOf(L, ud)}`);
  }, '__tostring').hosted());
  return mt;
}

type Method = (...args: unknown[]) => unknown;

/** What `pairs` sees: a Map's entries, else the visible own enumerable string-keyed properties. */
function entriesOf(obj: object): [unknown, unknown][] {
  if (obj instanceof Map) return [...(obj as Map<unknown, unknown>).entries()];
  return Object.keys(obj).filter((k) => visible(obj, k)).map((k) => [k, (obj as Record<string, unknown>)[k]]);
}

/** A method bound to its object; a first argument that is the object itself (the `:` call) is dropped. */
function methodOf(ctx: Context, ud: LuaUserdata, obj: object, method: Method, name: string): LuaValue {
  return hostFunction(ctx, (...args: unknown[]) => method.apply(obj, args), name, ud);
}

function pushValue(L: LuaState, v: LuaValue): number {
  L.stack[L.top++] = v;
  return 1;
}
