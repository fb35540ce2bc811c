/**
 * High-level API: conversion between JS and Lua values, proxies, userdata.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua, LuaError } from '../../src/index.js';
import { prng } from '../helpers.js';

/** A random JSON-like value with no empty containers (an empty table converts to `{}`). */
function randomValue(rand: () => number, depth: number): unknown {
  const kind = Math.floor(rand() * (depth > 3 ? 5 : 7));
  switch (kind) {
    case 0: return rand() < 0.5;
    case 1: return Math.floor(rand() * 2e6) - 1e6;
    case 2: return (rand() - 0.5) * 1e6 + 0.5;
    case 3: {
      const chars = ['a', 'é', '€', '😀', 'z', ' ', '\n', '"'];
      let s = '';
      for (let i = Math.floor(rand() * 6); i > 0; i--) s += chars[Math.floor(rand() * chars.length)];
      return s;
    }
    case 4: return (BigInt(Math.floor(rand() * 2 ** 53)) * 256n + 2n ** 60n) * (rand() < 0.5 ? -1n : 1n);
    case 5: {
      const arr: unknown[] = [];
      for (let i = 1 + Math.floor(rand() * 4); i > 0; i--) arr.push(randomValue(rand, depth + 1));
      return arr;
    }
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = 1 + Math.floor(rand() * 4); i > 0; i--) obj[`k${Math.floor(rand() * 100)}_é`] = randomValue(rand, depth + 1);
      return obj;
    }
  }
}

test('random nested JS values survive JS -> Lua -> JS (deep)', () => {
  const lua = new Lua();
  const rand = prng(20240601);
  lua.set('id', (x: unknown) => x);
  for (let i = 0; i < 300; i++) {
    const v = randomValue(rand, 0);
    lua.set('v', v);
    assert.deepEqual(lua.toJS(lua.get('v'), { deep: true }), v, `case ${i}`);
    // and through a Lua function call and back
    const back = lua.call('id', v);
    assert.deepEqual(lua.toJS(back, { deep: true }), v, `call case ${i}`);
  }
});

test('numbers: integers, floats, bigint edges', () => {
  const lua = new Lua();
  const type = (v: unknown): unknown => lua.call('math.type', v);
  assert.equal(type(3), 'integer');
  assert.equal(type(3.5), 'float');
  assert.equal(type(Lua.float(3)), 'float');
  assert.equal(type(-0), 'float');
  assert.equal(type(2 ** 53), 'float'); // integral but beyond the safe range: a float
  assert.equal(type(2n ** 53n), 'integer');
  assert.equal(lua.run('return 2^53 // 1 | 0'), 2n ** 53n);
  assert.equal(lua.run('return math.maxinteger'), 2n ** 63n - 1n);
  assert.equal(lua.run('return math.mininteger'), -(2n ** 63n));
  assert.equal(lua.run('return 9007199254740991'), Number.MAX_SAFE_INTEGER);
  assert.equal(typeof lua.run('return 9007199254740992'), 'bigint');
  assert.equal(lua.call('math.tointeger', 2n ** 63n - 1n), 2n ** 63n - 1n);
  assert.equal(lua.run('return 1.0'), 1);
  assert.equal(lua.run('return 0/0'), NaN);
  assert.throws(() => lua.set('x', 2n ** 63n), RangeError);
  assert.throws(() => lua.set('x', -(2n ** 63n) - 1n), RangeError);
  lua.set('x', -(2n ** 63n));
  assert.equal(lua.run('return x == math.mininteger'), true);
  // a host function returning an out-of-range bigint raises a Lua error
  lua.set('big', () => 2n ** 64n);
  assert.deepEqual(lua.run('return pcall(big)', { multi: true })[0], false);
});

test('strings: UTF-8 both ways, invalid bytes, raw bytes on request', () => {
  const lua = new Lua();
  lua.set('s', 'héllo €😀');
  assert.equal(lua.run('return #s'), 'héllo €😀'.length + 1 + 2 + 2); // é: 2 bytes, €: 3, 😀: 4 (2 UTF-16 units)
  assert.equal(lua.run('return s'), 'héllo €😀');
  assert.equal(lua.run('return "\\xff\\xfeok"'), '\ufffd\ufffdok');
  lua.set('b', new Uint8Array([0, 255, 128, 65]));
  assert.equal(lua.run('return #b, b:byte(2)', { multi: true }).join(','), '4,255');
  const bytes = new Lua({ strings: 'bytes' });
  assert.deepEqual(bytes.run('return "\\xff\\x00A"'), new Uint8Array([255, 0, 65]));
  bytes.set('b', new Uint8Array([1, 2, 3]));
  assert.deepEqual(bytes.run('return b .. "\\4"'), new Uint8Array([1, 2, 3, 4]));
  // a Buffer view converts only its own bytes
  const buf = Buffer.from('xxABCxx').subarray(2, 5);
  lua.set('v', buf);
  assert.equal(lua.run('return v'), 'ABC');
});

test('cycles: JS -> Lua keeps shared structure, Lua -> JS (deep) too', () => {
  const lua = new Lua();
  const a: Record<string, unknown> = { name: 'a' };
  const b = { name: 'b', a };
  a.self = a;
  a.b = b;
  a.list = [a, b];
  lua.set('a', a);
  assert.equal(lua.run('return a.self == a and a.b.a == a and a.list[1] == a and a.list[2] == a.b'), true);
  const t = lua.run('local t = {x = 1} t.me = t t.arr = {t, t} return t');
  const copy = lua.toJS(t, { deep: true }) as Record<string, unknown>;
  assert.equal(copy.me, copy);
  assert.deepEqual((copy.arr as unknown[]).map((x) => x === copy), [true, true]);
  const back = lua.toJS(a, { deep: true }) as Record<string, unknown>;
  assert.equal(back.self, back);
});

test('conversion depth is limited instead of exhausting the JS stack', () => {
  const lua = new Lua();
  let deep: unknown[] = [];
  const root = deep;
  for (let i = 0; i < 5000; i++) {
    const next: unknown[] = [];
    deep.push(next);
    deep = next;
  }
  assert.throws(() => lua.set('deep', root), /nested too deeply/);
  const t = lua.run('local t = {} local c = t for i = 1, 5000 do c[1] = {} c = c[1] end return t');
  assert.throws(() => lua.toJS(t, { deep: true }), /nested too deeply/);
  assert.equal(lua.run('return 1'), 1);
});

test('table proxies: get, set, keys, iteration, identity, metamethods', () => {
  const lua = new Lua();
  const t = lua.run('return {1, 2, 3, name = "x", [true] = 1, nested = {k = "v"}}') as Record<string | number, unknown> & Iterable<[unknown, unknown]> & { toArray(): unknown[]; toObject(): Record<string, unknown> };
  assert.equal(t[1], 1);
  assert.equal(t.name, 'x');
  assert.equal((t.nested as Record<string, unknown>).k, 'v');
  assert.equal(t.nested, t.nested); // one proxy per table
  assert.deepEqual(Object.keys(t).sort(), ['1', '2', '3', 'name', 'nested']);
  assert.equal('name' in t, true);
  assert.equal('missing' in t, false);
  t.name = 'y';
  t[4] = 4;
  lua.set('t', t);
  assert.equal(lua.run('return t.name .. #t'), 'y4');
  delete t.name;
  assert.equal(lua.run('return t.name'), undefined);
  assert.deepEqual(t.toArray(), [1, 2, 3, 4]);
  assert.equal(t.toObject()['1'], 1);
  const entries = [...t].filter(([k]) => typeof k === 'number');
  assert.equal(entries.length, 4);
  assert.equal(String(t).startsWith('table: '), true);
  const m = lua.run('return setmetatable({}, {__index = function(_, k) return k .. "!" end, __newindex = function(t, k, v) rawset(t, k, v * 2) end})') as Record<string, unknown>;
  assert.equal(m.hi, 'hi!');
  m.n = 21;
  assert.equal(m.n, 42);
  // an error in a metamethod is a LuaError and the state goes on
  const bad = lua.run('return setmetatable({}, {__index = function() error("no field") end})') as Record<string, unknown>;
  assert.throws(() => bad.x, (e: unknown) => e instanceof LuaError && /no field/.test(e.message));
  assert.equal(lua.run('return 2'), 2);
});

test('functions both ways keep identity and convert arguments', () => {
  const lua = new Lua();
  const f = (a: unknown, b: unknown): unknown => [typeof a, typeof b];
  lua.set('f', f);
  assert.equal(lua.get('f'), f);
  assert.equal(lua.run('return f == f'), true);
  assert.deepEqual(lua.toJS(lua.run('return f(1, "s")'), { deep: true }), ['number', 'string']);
  const g = lua.run('return function(a, b) return a .. b, a end') as (...a: unknown[]) => unknown;
  assert.equal(g('x', 'y'), 'xy');
  assert.equal(lua.run('return function() end') === lua.run('return function() end'), false);
  lua.set('g', g);
  assert.equal(lua.run('return g("a", "b")'), 'ab');
  assert.equal(lua.get('g'), g);
  lua.set('two', () => Lua.multi(1, 'two'));
  assert.deepEqual(lua.run('return select("#", two()), two()', { multi: true }), [2, 1, 'two']);
  lua.set('none', () => undefined);
  assert.equal(lua.run('return select("#", none())'), 0);
  assert.deepEqual(lua.callMulti('string.find', 'hello', 'l+'), [3, 4]);
});

class Counter {
  count = 0;
  constructor(readonly label: string) {}
  add(n: number): number {
    this.count += n;
    return this.count;
  }
  get double(): number {
    return this.count * 2;
  }
}

test('class instances become userdata with method and property access', () => {
  const lua = new Lua();
  const c = new Counter('hits');
  lua.set('c', c);
  assert.equal(lua.run('return type(c)'), 'userdata');
  assert.equal(lua.run('c:add(2) c.add(3) return c.count, c.double, c.label', { multi: true }).join(), '5,10,hits');
  assert.equal(c.count, 5);
  lua.run('c.count = 100');
  assert.equal(c.count, 100);
  assert.equal(lua.get('c'), c);
  assert.match(lua.run('return tostring(c)') as string, /^Counter: 0x/);
  assert.equal(lua.run('return getmetatable(c)'), false);
  // no way to the host's Function or prototypes
  assert.equal(lua.run('return c.constructor'), undefined);
  assert.equal(lua.run('return c.__proto__'), undefined);
  assert.equal(lua.run('return c.hasOwnProperty'), undefined);
  assert.equal(lua.run('return c.toString'), undefined);
  assert.throws(() => lua.run('c.__proto__ = {}'), /cannot set field '__proto__'/);
  const m = new Map([['a', 1]]);
  lua.set('m', m);
  assert.equal(lua.run('m:set("b", 2) return m:get("a") + m:get("b"), m.size', { multi: true }).join(), '3,2');
  assert.equal(m.get('b'), 2);
});

test('a closed state: methods and proxies throw', () => {
  const lua = new Lua();
  const t = lua.run('return {x = 1}') as Record<string, unknown>;
  const f = lua.run('return function() return 1 end') as () => unknown;
  lua.close();
  assert.equal(lua.closed, true);
  assert.throws(() => lua.run('return 1'), /closed/);
  assert.throws(() => lua.get('x'), /closed/);
  assert.throws(() => lua.set('x', 1), /closed/);
  assert.throws(() => t.x, /closed/);
  assert.throws(() => { t.x = 2; }, /closed/);
  assert.throws(() => Object.keys(t), /closed/);
  assert.throws(() => f(), /closed/);
});

test('host objects: # gives length or size, pairs walks visible entries', () => {
  const lua = new Lua();
  class Bag {
    items = ['a', 'b'];
    get length(): number { return this.items.length; }
    add(x: string): number { return this.items.push(x); }
  }
  lua.set('bag', new Bag());
  lua.set('m', new Map<string, number>([['x', 1], ['y', 2]]));
  assert.equal(lua.run('bag:add("c") return #bag'), 3);
  assert.equal(lua.run('local ks = {} for k, v in pairs(bag) do ks[#ks + 1] = k .. ":" .. type(v) end return table.concat(ks, ",")'), 'items:table');
  assert.equal(lua.run('local s = 0 for k, v in pairs(m) do s = s + v end return #m * 100 + s'), 203);
  lua.set('plain', new (class Thing { v = 1; })());
  assert.throws(() => lua.run('return #plain'), /attempt to get length of a Thing value/);
});

test('a function member of a plain object is a method: `this` is the object, with : or .', () => {
  const lua = new Lua();
  const api = {
    name: 'host',
    hello(x: string) { return `hi ${x} from ${this.name}`; },
    count: 0,
    bump() { this.count++; return this.count; },
  };
  lua.set('api', api);
  assert.equal(lua.run('return api:hello("bob")'), 'hi bob from host');
  assert.equal(lua.run('return api.hello("ann")'), 'hi ann from host');
  assert.equal(lua.run('api:bump() return api.bump()'), 2);
  assert.equal(api.count, 2);
  // a class instance behaves the same way
  class Api { name = 'inst'; hello(x: string) { return `hi ${x} from ${this.name}`; } }
  lua.set('inst', new Api());
  assert.equal(lua.run('return inst:hello("bob") .. "|" .. inst.hello("ann")'), 'hi bob from inst|hi ann from inst');
  // arrow functions and nested objects: `this` of the nearest object, arguments untouched
  lua.set('util', { add: (a: number, b: number) => a + b, inner: { who() { return (this as { tag?: string }).tag; }, tag: 'in' } });
  assert.equal(lua.run('return util.add(2, 3)'), 5);
  assert.equal(lua.run('return util:add(3, 4)'), 7); // self is dropped as for any method
  assert.equal(lua.run('return util.inner:who()'), 'in');
});
