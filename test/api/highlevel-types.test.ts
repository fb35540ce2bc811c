/**
 * High-level API: the type arguments of run, call, get, load and table
 * proxies. They are compile-time assertions of the host (checked by tsc when
 * the suite builds); at run time the value is whatever the script returned.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua, type LuaFunctionProxy, type LuaTableProxy } from '../../src/index.js';

test('type arguments name the result types without casts', async () => {
  const lua = new Lua();
  const n: number = lua.run<number>('return 6 * 7');
  const [a, b]: [number, string] = lua.run<[number, string]>('return 1, "two"', { multi: true });
  lua.run('function area(w, h) return w * h end cfg = { name = "demo", list = {1, 2} }');
  const area: number = lua.call<number>('area', 3, 4);
  const all: [number] = lua.callMulti<[number]>('area', 2, 2);
  const later: number = await lua.callAsync<number>('area', 5, 5);
  const cfg = lua.get<LuaTableProxy<{ name: string; list: LuaTableProxy }>>('cfg');
  const name: string = cfg.name;
  const twice: LuaFunctionProxy<number> = lua.load<number>('return ... * 2');
  const fromAsync: string = await lua.runAsync<string>('return "x"');
  assert.deepEqual([n, a, b, area, all, later, name, cfg.list.toArray(), twice(21), fromAsync], [42, 1, 'two', 12, [4], 25, 'demo', [1, 2], 42, 'x']);
});

test('a type argument is not a check: the script decides the value', () => {
  const lua = new Lua();
  const claimed = lua.run<number>('return "not a number"');
  assert.equal(typeof claimed, 'string');
});

test('a misspelled library name or option does not compile (and throws from plain JS)', () => {
  // @ts-expect-error: 'strng' is not a LibName (tsc fails the build if this line compiles)
  assert.throws(() => new Lua({ libs: ['strng'] }), TypeError);
  // @ts-expect-error: no option 'stdot'
  assert.throws(() => new Lua({ stdot: () => {} }), TypeError);
  // @ts-expect-error: stackLimit is a number
  assert.throws(() => new Lua({ stackLimit: '10' }), TypeError);
});
