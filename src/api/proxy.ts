/**
 * Live proxies of Lua tables: a JS object whose property reads and writes
 * are Lua table accesses (honouring `__index`/`__newindex`).
 */

import { tolstring } from '../lib/tostring.js';
import type { LuaValue } from '../value/value.js';
import { index, setindex } from '../vm/operations.js';
import type { LuaTable } from '../vm/table.js';
import type { Context } from './context.js';
import { forEachEntry, keyToString, tableToArray, tableToObject, toJS, toLua } from './convert.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

/**
 * A live view of a Lua table. Property reads and writes go to the table
 * (with its metamethods; keys that are canonical integers such as `"1"` mean
 * the integer key 1). `Object.keys`, `in`, `delete` and `for...of` (which
 * yields `[key, value]` pairs) see the table's raw contents. `toObject()` and
 * `toArray()` copy it deeply; these two names are reserved, and `then` reads
 * as undefined (so a proxy is never a thenable): read Lua fields of those
 * names with `lua.call` or from Lua code.
 *
 * `T` describes the fields the host expects
 * (`lua.get<LuaTableProxy<{ name: string }>>('config')`); like every type
 * argument of the API it is the host's assertion, not a check of the table.
 */
export type LuaTableProxy<T extends object = Record<string | number, unknown>> = T & {
  /** Deep copy into a plain object (every key, as strings). */
  toObject(): Record<string, unknown>;
  /** Deep copy of t[1..#t] into an array. */
  toArray(): unknown[];
  [Symbol.iterator](): IterableIterator<[unknown, unknown]>;
};

const CANONICAL_INT = /^-?(?:0|[1-9]\d{0,15})$/;

/** A JS property name as a Lua key. */
function luaKey(prop: string): LuaValue {
  if (CANONICAL_INT.test(prop)) {
    const n = Number(prop);
    if (Number.isSafeInteger(n)) return n;
  }
  return encodeUtf8(prop);
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What console.log shows for a proxy: a copy of the table's contents. */
function inspect(ctx: Context, t: LuaTable): unknown {
  if (ctx.closed) return '[LuaTable of a closed state]';
  try {
    return tableToObject(ctx, t, ctx.strings);
  } catch (e) {
    // a script's table too deep to copy must not make the host's logging throw
    if (e instanceof RangeError) return `[LuaTable: ${e.message}]`;
    throw e;
  }
}

/** The live proxy of `t` (one per table, so identity is preserved). */
export function proxyOf(ctx: Context, t: LuaTable): LuaTableProxy {
  const cached = ctx.proxies.get(t);
  if (cached !== undefined) return cached as LuaTableProxy;
  // util.inspect looks at a proxy's target, not through its traps: give the target the custom inspector
  const target = Object.create(null) as object;
  Object.defineProperty(target, INSPECT, { value: () => inspect(ctx, t), configurable: true });
  const proxy = new Proxy(target, handler(ctx, t)) as LuaTableProxy;
  ctx.proxies.set(t, proxy);
  ctx.newHandle(proxy, t);
  return proxy;
}

function handler(ctx: Context, t: LuaTable): ProxyHandler<object> {
  const methods: Record<string, unknown> = {
    toObject: () => (ctx.checkOpen(), tableToObject(ctx, t, ctx.strings)),
    toArray: () => (ctx.checkOpen(), tableToArray(ctx, t, ctx.strings)),
  };
  const symbols = new Map<symbol, unknown>([
    [Symbol.iterator, () => entries(ctx, t)],
    [Symbol.toPrimitive, () => decodeUtf8(ctx.protect((L) => tolstring(L, t)))],
    [INSPECT, () => inspect(ctx, t)],
  ]);
  return {
    get(_target, prop) {
      if (typeof prop === 'symbol') return symbols.get(prop);
      if (Object.hasOwn(methods, prop)) return methods[prop];
      // await and Promise.resolve call a `then` they find: a script's table must not be
      // adopted as a Promise (its `then` would run in the host's await and may never settle)
      if (prop === 'then') return undefined;
      ctx.checkOpen();
      const key = luaKey(prop);
      const v = t.metatable === undefined ? t.get(key) : ctx.protect((L) => index(L, t, key, undefined));
      return toJS(ctx, v);
    },
    set(_target, prop, value) {
      if (typeof prop === 'symbol') return false;
      ctx.checkOpen();
      const key = luaKey(prop);
      const v = toLua(ctx, value);
      if (t.metatable === undefined) t.set(key, v);
      else ctx.protect((L) => setindex(L, t, key, v, undefined));
      return true;
    },
    has(_target, prop) {
      if (typeof prop === 'symbol') return symbols.has(prop);
      ctx.checkOpen();
      return t.get(luaKey(prop)) !== undefined;
    },
    deleteProperty(_target, prop) {
      if (typeof prop === 'symbol') return false;
      ctx.checkOpen();
      t.set(luaKey(prop), undefined);
      return true;
    },
    ownKeys() {
      ctx.checkOpen();
      const keys = new Set<string>();
      forEachEntry(t, (k) => {
        if (typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k))) keys.add(keyToString(k)!);
      });
      return [...keys];
    },
    getOwnPropertyDescriptor(_target, prop) {
      if (typeof prop === 'symbol') return undefined;
      ctx.checkOpen();
      const v = t.get(luaKey(prop));
      if (v === undefined) return undefined;
      return { value: toJS(ctx, v), writable: true, enumerable: true, configurable: true };
    },
    defineProperty() {
      return false;
    },
  };
}

/** Raw pairs of `t`, converted. */
function* entries(ctx: Context, t: LuaTable): IterableIterator<[unknown, unknown]> {
  ctx.checkOpen();
  const pairs: [LuaValue, LuaValue][] = [];
  forEachEntry(t, (k, v) => pairs.push([k, v]));
  for (const [k, v] of pairs) yield [toJS(ctx, k), toJS(ctx, v)];
}
