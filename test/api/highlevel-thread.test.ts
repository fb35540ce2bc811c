/**
 * High-level API: host-side coroutine handles.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua, LuaError, LuaThread } from '../../src/index.js';

test('create, resume, see yielded values, resume again, finish', () => {
  const lua = new Lua();
  lua.run('function gen(a) local b = coroutine.yield(a + 1) local c, d = coroutine.yield(b * 2) return c .. d end');
  const th = lua.thread('gen');
  assert.ok(th instanceof LuaThread);
  assert.equal(th.status, 'suspended');
  assert.deepEqual(th.resume(1), { done: false, values: [2] });
  assert.deepEqual(th.resume(10), { done: false, values: [20] });
  assert.deepEqual(th.resume('x', 'y'), { done: true, values: ['xy'] });
  assert.equal(th.status, 'dead');
  assert.throws(() => th.resume(), /cannot resume dead coroutine/);
});

test('a thread created in Lua is driven from the host', () => {
  const lua = new Lua();
  const th = lua.run('return coroutine.create(function() coroutine.yield("a") return "b" end)') as LuaThread;
  assert.deepEqual(th.resume().values, ['a']);
  lua.set('co', th);
  assert.equal(lua.run('return coroutine.status(co)'), 'suspended');
  assert.deepEqual(lua.run('return coroutine.resume(co)', { multi: true }), [true, 'b']);
  assert.equal(th.status, 'dead');
});

test('resume later, after a Promise resolves', async () => {
  const lua = new Lua();
  const th = lua.thread(lua.load('local n = ... while true do n = n + coroutine.yield(n) end') as (...a: never[]) => unknown);
  assert.deepEqual(th.resume(1).values, [1]);
  const v = await new Promise<number>((r) => setTimeout(() => r(5), 2));
  assert.deepEqual(th.resume(v).values, [6]);
  th.close();
  assert.equal(th.status, 'dead');
});

test('resumeAsync waits for async host functions between yields', async () => {
  const lua = new Lua();
  lua.set('fetch', (x: number) => new Promise((r) => setTimeout(() => r(x * 10), 1)));
  lua.run('function worker(a) local b = coroutine.yield(fetch(a)) return fetch(b) end');
  const th = lua.thread('worker');
  assert.deepEqual(await th.resumeAsync(1), { done: false, values: [10] });
  assert.deepEqual(await th.resumeAsync(2), { done: true, values: [20] });
  // a synchronous resume that runs into a wait throws; resumeAsync() finishes it
  const th2 = lua.thread('worker');
  assert.throws(() => th2.resume(3), /resumeAsync/);
  assert.deepEqual(await th2.resumeAsync(), { done: false, values: [30] });
});

test('close runs pending to-be-closed variables; errors leave the thread dead', () => {
  const lua = new Lua();
  lua.run(`
    log = {}
    function body()
      local a <close> = setmetatable({}, {__close = function() log[#log + 1] = "a" end})
      local b <close> = setmetatable({}, {__close = function() log[#log + 1] = "b" end})
      coroutine.yield(1)
      error("never")
    end`);
  const th = lua.thread('body');
  assert.deepEqual(th.resume().values, [1]);
  th.close();
  assert.deepEqual(lua.toJS(lua.get('log'), { deep: true }), ['b', 'a']);
  const bad = lua.thread(lua.load('coroutine.yield() error("inside")') as (...a: never[]) => unknown);
  bad.resume();
  assert.throws(() => bad.resume(), (e: unknown) => e instanceof LuaError && /inside/.test(e.message) && /stack traceback/.test(e.luaTraceback!));
  assert.equal(bad.status, 'dead');
  bad.close(); // closing a dead thread is fine
  const failingClose = lua.thread(lua.load('local x <close> = setmetatable({}, {__close = function() error("in close") end}) coroutine.yield()') as (...a: never[]) => unknown);
  failingClose.resume();
  assert.throws(() => failingClose.close(), /in close/);
  assert.equal(lua.run('return 1'), 1);
});
