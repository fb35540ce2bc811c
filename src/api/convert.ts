/**
 * Conversion of values between JavaScript and Lua (the table in
 * docs/api.md). Conversion never runs Lua code: tables are copied or read
 * raw, and the live proxies (proxy.ts) are where metamethods apply.
 */

import { charge, stringCost, USERDATA } from '../vm/heap.js';
import { tostringNumber } from '../value/number.js';
import { LightUserdata, LuaFloat, type LuaValue } from '../value/value.js';
import { LuaBuffer, LuaUserdata } from '../vm/userdata.js';
import { HostFunction, LuaClosure } from '../vm/function.js';
import { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import type { Context, StringMode } from './context.js';
import { callableOf } from './callable.js';
import { hostFunction } from './hostfn.js';
import { proxyOf } from './proxy.js';
import { threadHandle } from './thread.js';
import { userdataOf } from './userdata.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';
import { fromBytes, toBytes } from '../value/bytes.js';
import { MAX_BUFFER, MAX_CONVERT_DEPTH } from '../value/limits.js';
import { wrapBuffer } from '../lib/buffer.js';
import { describe } from './options.js';

/** Several results returned by a host function: `return Lua.multi(a, b)`. */
export class LuaMulti {
  readonly values: readonly unknown[];
  constructor(values: readonly unknown[]) {
    this.values = values;
  }
}

/** Options of a Lua-to-JS conversion. */
export interface ToJsOptions {
  /** Copy tables into plain objects and arrays (recursively) instead of returning live proxies. */
  deep?: boolean;
  /** How Lua strings come out (default: the instance's `strings` option). */
  strings?: StringMode;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// ---------------------------------------------------------------------------
// JS -> Lua

/** Convert a JS value to a Lua value (see docs/api.md for the rules). */
export function toLua(ctx: Context, v: unknown, seen?: Map<object, LuaTable>, depth = 0): LuaValue {
  switch (typeof v) {
    case 'undefined': return undefined;
    case 'boolean': return v;
    case 'number': return numberToLua(v);
    case 'bigint': return bigintToLua(v);
    case 'string': return newLuaString(ctx, encodeUtf8(v));
    case 'symbol': throw new TypeError('cannot convert a symbol to a Lua value');
    case 'function': return (ctx.luaOf.get(v) ?? hostFunction(ctx, v as (...a: unknown[]) => unknown)) as LuaValue;
    default:
      if (v === null) return undefined;
      return objectToLua(ctx, v as object, seen, depth);
  }
}

/** A host string entering Lua, charged to the state's heap. */
function newLuaString(ctx: Context, s: string): string {
  charge(ctx.L.g.heap, stringCost(s.length));
  return s;
}

/** Integral numbers in the safe range become Lua integers; every other number a float. */
export function numberToLua(n: number): LuaValue {
  if (!Number.isInteger(n)) return n;
  return Number.isSafeInteger(n) && !Object.is(n, -0) ? n : new LuaFloat(n);
}

/** A bigint becomes a Lua integer when it fits in 64 bits. */
export function bigintToLua(b: bigint): LuaValue {
  if (b < INT64_MIN || b > INT64_MAX) throw new RangeError(`bigint ${b} is out of the Lua integer range (64 bits)`);
  const n = Number(b);
  return Number.isSafeInteger(n) ? n : b;
}

/** Values of the VM's own representation pass through unchanged (the low-level escape hatch). */
function isRawLua(v: object): boolean {
  return v instanceof LuaTable || v instanceof LuaFloat || v instanceof LuaUserdata || v instanceof LightUserdata
    || v instanceof LuaState || v instanceof LuaClosure || v instanceof HostFunction;
}

function objectToLua(ctx: Context, v: object, seen: Map<object, LuaTable> | undefined, depth: number): LuaValue {
  const handle = ctx.luaOf.get(v);
  if (handle !== undefined) return handle;
  if (isRawLua(v)) return v as LuaValue;
  if (v instanceof LuaMulti) throw new TypeError('Lua.multi() is only meaningful as the result of a host function');
  if (v instanceof Uint8Array) return fromBytes(v);
  const plain = Array.isArray(v) || isPlainObject(v);
  if (!plain) return userdataOf(ctx, v);
  seen ??= new Map();
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (depth >= MAX_CONVERT_DEPTH) throw new RangeError(`value nested too deeply to convert (more than ${MAX_CONVERT_DEPTH} levels)`);
  const t = new LuaTable(ctx.L.g.heap);
  seen.set(v, t);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = toLua(ctx, v[i], seen, depth + 1);
      if (x !== undefined) t.setInt(i + 1, x);
    }
  } else {
    for (const key of Object.keys(v)) {
      const x = memberToLua(ctx, v, t, key, seen, depth + 1);
      if (x !== undefined) t.setStr(encodeUtf8(key), x);
    }
  }
  return t;
}

/**
 * A member of plain object `obj`, copied into table `t`. A function member
 * is a method, as on class instances (userdata.ts): `t:m(x)` and `t.m(x)`
 * both call it with `this` bound to `obj` and `x` as its first argument.
 * A function met before (shared by several objects, or given to Lua on its
 * own) keeps its one Lua function elsewhere: only this member is bound.
 */
function memberToLua(ctx: Context, obj: object, t: LuaTable, key: string, seen: Map<object, LuaTable>, depth: number): LuaValue {
  const x = (obj as Record<string, unknown>)[key];
  if (typeof x !== 'function' || ctx.luaOf.has(x)) return toLua(ctx, x, seen, depth);
  const method = x as (...args: unknown[]) => unknown;
  return hostFunction(ctx, (...args: unknown[]) => method.apply(obj, args), method.name === '' ? key : method.name, t);
}

/** An object literal (or Object.create(null)): copied into a table rather than wrapped. */
export function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------
// Lua -> JS

/** Convert a Lua value to JS (see docs/api.md for the rules). */
export function toJS(ctx: Context, v: LuaValue, opts: ToJsOptions = {}): unknown {
  if (opts.deep === true) return deepToJs(ctx, v, opts.strings ?? ctx.strings, new Map(), 0);
  return shallowToJs(ctx, v, opts.strings ?? ctx.strings);
}

/** Lua strings in the given mode. */
export function stringToJs(s: string, mode: StringMode): string | Uint8Array {
  return mode === 'bytes' ? toBytes(s) : decodeUtf8(s);
}

function shallowToJs(ctx: Context, v: LuaValue, mode: StringMode): unknown {
  switch (typeof v) {
    case 'undefined': case 'boolean': case 'number': case 'bigint': return v;
    case 'string': return stringToJs(v, mode);
  }
  if (v instanceof LuaFloat) return v.n;
  if (v instanceof LuaTable) return proxyOf(ctx, v);
  if (v instanceof HostFunction) return ctx.jsOfHost.get(v) ?? callableOf(ctx, v);
  if (v instanceof LuaClosure) return callableOf(ctx, v);
  if (v instanceof LuaState) return threadHandle(ctx, v);
  if (v instanceof LuaBuffer) return bufferToHost(ctx, v);
  if (v instanceof LuaUserdata && isOwnUserdata(ctx, v)) return v.data;
  return v; // other userdata: the raw value, an opaque handle that converts back to itself
}

/**
 * A buffer as the host sees it: its Uint8Array, the same memory. The array
 * is also a handle: it converts back to this buffer, and keeps it alive.
 */
export function bufferToHost(ctx: Context, b: LuaBuffer): Uint8Array {
  if (ctx.luaOf.get(b.data) !== b) ctx.newHandle(b.data, b);
  return b.data;
}

/** A host Uint8Array as a buffer over its memory (its bytes charged to the heap). */
export function wrapHostBuffer(ctx: Context, bytes: Uint8Array): LuaBuffer {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`buffer(): expected a Uint8Array or a size (got ${describe(bytes)})`);
  const known = ctx.luaOf.get(bytes);
  if (known instanceof LuaBuffer) return known;
  if (bytes.byteLength > MAX_BUFFER) throw new RangeError(`buffer(): ${bytes.byteLength} bytes is more than a buffer holds (${MAX_BUFFER})`);
  charge(ctx.L.g.heap, USERDATA + bytes.byteLength);
  return wrapBuffer(ctx.L, bytes);
}

/** A new zero-filled buffer of `size` bytes, for the host. */
export function newHostBuffer(ctx: Context, size: number): LuaBuffer {
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_BUFFER) {
    throw new RangeError(`buffer(): the size must be an integer from 0 to ${MAX_BUFFER} (got ${size})`);
  }
  return wrapHostBuffer(ctx, new Uint8Array(size));
}

/** Does `ud` stand for a JS object (made by userdataOf)? */
function isOwnUserdata(ctx: Context, ud: LuaUserdata): boolean {
  const data = ud.data;
  return typeof data === 'object' && data !== null && ctx.userdata.get(data) === ud;
}

function deepToJs(ctx: Context, v: LuaValue, mode: StringMode, seen: Map<LuaTable, unknown>, depth: number): unknown {
  if (!(v instanceof LuaTable)) return shallowToJs(ctx, v, mode);
  const done = seen.get(v);
  if (done !== undefined) return done;
  if (depth >= MAX_CONVERT_DEPTH) throw new RangeError(`table nested too deeply to convert (more than ${MAX_CONVERT_DEPTH} levels)`);
  return isSequence(v) ? tableToArray(ctx, v, mode, seen, depth) : tableToObject(ctx, v, mode, seen, depth);
}

/** True for a non-empty table whose keys are exactly 1..n. */
function isSequence(t: LuaTable): boolean {
  const n = t.length();
  if (n === 0) return false;
  let count = 0;
  forEachEntry(t, () => { count++; });
  return count === n;
}

/** Raw traversal of a table (no __pairs). */
export function forEachEntry(t: LuaTable, f: (k: LuaValue, v: LuaValue) => void): void {
  const entry: LuaValue[] = [undefined, undefined];
  let k: LuaValue = undefined;
  while (t.next(k, entry)) {
    k = entry[0];
    f(k, entry[1]);
  }
}

/** t[1..#t] (raw) as an array, values converted deeply. */
export function tableToArray(
  ctx: Context, t: LuaTable, mode: StringMode, seen: Map<LuaTable, unknown> = new Map(), depth = 0,
): unknown[] {
  const out: unknown[] = [];
  seen.set(t, out);
  const n = t.length();
  for (let i = 1; i <= n; i++) out.push(deepToJs(ctx, t.getInt(i), mode, seen, depth + 1));
  return out;
}

/** Every entry of t (raw) as a plain object, keys as strings, values converted deeply. */
export function tableToObject(
  ctx: Context, t: LuaTable, mode: StringMode, seen: Map<LuaTable, unknown> = new Map(), depth = 0,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  seen.set(t, out);
  forEachEntry(t, (k, v) => {
    const key = keyToString(k);
    if (key !== undefined) {
      Object.defineProperty(out, key, {
        value: deepToJs(ctx, v, mode, seen, depth + 1), writable: true, enumerable: true, configurable: true,
      });
    }
  });
  return out;
}

/** A table key as an object key: strings and numbers (and booleans) in their Lua text; other keys are skipped. */
export function keyToString(k: LuaValue): string | undefined {
  if (typeof k === 'string') return decodeUtf8(k);
  if (typeof k === 'number' || typeof k === 'bigint' || k instanceof LuaFloat) return tostringNumber(k);
  if (typeof k === 'boolean') return String(k);
  return undefined;
}
