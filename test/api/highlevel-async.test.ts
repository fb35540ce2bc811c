/**
 * High-level API: async host functions awaited from Lua code, wherever the
 * call happens (pcall, metamethods, iterators, coroutines, Lua callbacks of
 * host functions), and many runs at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua, LuaError } from '../../src/index.js';
import { prng } from '../helpers.js';

const delay = <T>(ms: number, v: T): Promise<T> => new Promise((r) => setTimeout(() => r(v), ms));

function asyncLua(): Lua {
  const lua = new Lua();
  lua.set('fetch', (x: unknown) => delay(1, `got ${String(x)}`));
  lua.set('double', (x: number) => Promise.resolve(x * 2));
  lua.set('fail', (msg: string) => delay(1, null).then(() => { throw new Error(msg); }));
  return lua;
}

test('runAsync: a host Promise is awaited as if synchronous', async () => {
  const lua = asyncLua();
  assert.equal(await lua.runAsync('local a = fetch("a") local b = double(21) return a .. " " .. b'), 'got a 42');
  assert.deepEqual(await lua.runAsync('return double(1), double(2)', { multi: true }), [2, 4]);
  assert.equal(await lua.callAsync('double', 5), 10);
  // a function that returns an already resolved Promise works too
  lua.set('now', () => Promise.resolve(Lua.multi(1, 2)));
  assert.deepEqual(await lua.runAsync('return select("#", now()), now()', { multi: true }), [2, 1, 2]);
});

test('rejections: a Lua error catchable by pcall; uncaught, the same exception object', async () => {
  const lua = asyncLua();
  assert.deepEqual(await lua.runAsync('return pcall(fail, "nope")', { multi: true }), [false, 'nope']);
  assert.equal(await lua.runAsync('local ok, e = pcall(function() fail("deep") end) return e'), 'deep');
  const original = new TypeError('rejected');
  lua.set('reject', () => Promise.reject(original));
  await assert.rejects(lua.runAsync('local x = 1\nreject()'), (e) => e === original);
  // Lua errors after a wait carry a traceback
  await assert.rejects(lua.runAsync('fetch(1)\nerror("after wait")', { chunkName: 'w.lua' }), (e: unknown) => {
    assert.ok(e instanceof LuaError);
    assert.equal(e.message, 'w.lua:2: after wait');
    assert.match(e.stack!, /at main chunk \(w\.lua:2\)/);
    return true;
  });
  assert.equal(await lua.runAsync('return "still fine"'), 'still fine');
});

test('synchronous run: calling an async function is a clear Lua error', () => {
  const lua = asyncLua();
  assert.throws(() => lua.run('fetch("x")'), /attempt to call async function 'fetch' outside runAsync/);
  assert.equal(lua.run('return pcall(fetch, 1)', { multi: true })[0], false);
  assert.equal(lua.run('return 1'), 1);
});

test('the forEach case: a host function calls a Lua callback that awaits', async () => {
  const lua = asyncLua();
  lua.set('forEach', async (list: { toArray(): unknown[] }, fn: (x: unknown) => unknown) => {
    for (const x of list.toArray()) await fn(x);
  });
  lua.set('map', async (list: { toArray(): unknown[] }, fn: (x: unknown) => unknown) => {
    const out: unknown[] = [];
    for (const x of list.toArray()) out.push(await fn(x));
    return out;
  });
  const r = await lua.runAsync(`
    local seen = {}
    forEach({1, 2, 3}, function(x) seen[#seen + 1] = fetch(x) end)
    local doubled = map({1, 2, 3}, function(x) return double(x) end)
    return table.concat(seen, ",") .. "|" .. table.concat(doubled, ",")
  `);
  assert.equal(r, 'got 1,got 2,got 3|2,4,6');
  // a synchronous host function calling a Lua callback that does not wait gets the value directly
  lua.set('apply', (f: (x: number) => unknown, x: number) => f(x));
  assert.equal(await lua.runAsync('return apply(function(x) return x + 1 end, 1)'), 2);
  // ... and a callback that waits gives it a Promise, which it can return for Lua to await
  assert.equal(await lua.runAsync('return apply(function(x) return double(x) end, 4)'), 8);
  // errors in the callback propagate through the host function
  await assert.rejects(lua.runAsync('forEach({1}, function() fail("cb") end)'), /cb/);
});

test('waits inside pcall, metamethods, iterators and the script\'s own coroutines', async () => {
  const lua = asyncLua();
  assert.deepEqual(await lua.runAsync('return pcall(function() return double(2) end)', { multi: true }), [true, 4]);
  assert.deepEqual(await lua.runAsync('return xpcall(fail, function(m) return "handled " .. m end, "x")', { multi: true }), [false, 'handled x']);
  assert.equal(await lua.runAsync('local t = setmetatable({}, {__index = function(_, k) return fetch(k) end}) return t.key'), 'got key');
  assert.equal(await lua.runAsync('local t = setmetatable({}, {__add = function(a, b) return double(b) end}) return t + 5'), 10);
  assert.equal(await lua.runAsync(`
    local function iter(_, i) if i < 3 then return i + 1, double(i + 1) end end
    local s = 0
    for _, v in iter, nil, 0 do s = s + v end
    return s`), 12);
  assert.equal(await lua.runAsync(`
    local gen = coroutine.wrap(function()
      for i = 1, 3 do coroutine.yield(double(i)) end
    end)
    return gen() + gen() + gen()`), 12);
  assert.deepEqual(await lua.runAsync(`
    local co = coroutine.create(function(a)
      local b = coroutine.yield(double(a))
      return fetch(b)
    end)
    local _, x = coroutine.resume(co, 5)
    local _, y = coroutine.resume(co, "z")
    return x, y, coroutine.status(co)`, { multi: true }), [10, 'got z', 'dead']);
  // nested coroutines three deep
  assert.equal(await lua.runAsync(`
    return coroutine.wrap(function()
      return coroutine.wrap(function()
        return coroutine.wrap(function() return double(21) end)()
      end)()
    end)()`), 42);
});

test('Lua code cannot resume a coroutine that waits for the host', async () => {
  const lua = asyncLua();
  let release!: (v: unknown) => void;
  lua.set('gate', () => new Promise((r) => { release = r; }));
  const first = lua.runAsync('co = coroutine.running() return gate()');
  await delay(1, 0);
  assert.deepEqual(lua.run('return coroutine.resume(co, "intruder")', { multi: true }), [false, 'cannot resume a coroutine waiting for the host']);
  release('ok');
  assert.equal(await first, 'ok');
});

test('where a wait cannot happen (a sort comparator), a clear error', async () => {
  const lua = asyncLua();
  await assert.rejects(
    lua.runAsync('table.sort({3, 2, 1}, function(a, b) return double(a) < double(b) end)'),
    /cannot wait here \(attempt to yield across a C-call boundary\)/,
  );
});

test('50 concurrent runs with random delays give independent results', async () => {
  const lua = new Lua();
  const rand = prng(7);
  lua.set('sleep', (ms: number, v: unknown) => delay(ms, v));
  const runs: Promise<unknown>[] = [];
  for (let i = 0; i < 50; i++) {
    const ds = [0, 1, 2].map(() => Math.floor(rand() * 8));
    runs.push(lua.runAsync(`
      local id = ${i}
      local acc = {}
      for _, d in ipairs({${ds.join(',')}}) do acc[#acc + 1] = sleep(d, id * 10 + d) end
      counter = (counter or 0) + 1
      return table.concat(acc, ",")`));
  }
  const results = await Promise.all(runs);
  results.forEach((r, i) => {
    const parts = String(r).split(',').map(Number);
    assert.equal(parts.length, 3);
    for (const p of parts) assert.equal(Math.floor(p / 10), i);
  });
  assert.equal(lua.get('counter'), 50);
});

test('several states run concurrently and independently', async () => {
  const states = [new Lua(), new Lua(), new Lua()];
  states.forEach((lua, i) => {
    lua.set('sleep', (ms: number) => delay(ms, i));
    lua.run(`id = ${i}`);
  });
  const out = await Promise.all(states.flatMap((lua) => [1, 2].map((k) => lua.runAsync(`return id * 100 + sleep(${3 - k}) * 10 + ${k}`))));
  assert.deepEqual(out, [1, 2, 111, 112, 221, 222]);
});

test('async hooks see every wait (the time-limit hook)', async () => {
  const events: string[] = [];
  const lua = new Lua({ asyncHooks: { onSuspend: () => events.push('suspend'), onResume: () => events.push('resume') } });
  lua.set('tick', () => delay(1, 1));
  assert.equal(await lua.runAsync('return tick() + tick()'), 2);
  assert.deepEqual(events, ['suspend', 'resume', 'suspend', 'resume']);
});

test('closing the state while a run waits fails that run', async () => {
  const lua = asyncLua();
  const run = lua.runAsync('return fetch(1)');
  lua.close();
  await assert.rejects(run, /closed/);
});

test('a dropped Promise from a Lua callback never becomes an unhandled rejection', async () => {
  const lua = asyncLua();
  let unhandled = 0;
  const onUnhandled = (): void => { unhandled++; };
  process.on('unhandledRejection', onUnhandled);
  try {
    lua.set('fireAndForget', (f: () => unknown) => { f(); });
    await lua.runAsync('fireAndForget(function() fail("ignored") end) return 1');
    await delay(10, 0);
    assert.equal(unhandled, 0);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('callMultiAsync: every result of a function that waits for the host', async () => {
  const lua = new Lua();
  lua.set('later', (x: number) => new Promise((resolve) => setTimeout(() => resolve(x * 2), 10)));
  lua.run('function both(x) return x, later(x), nil end');
  assert.deepEqual(await lua.callMultiAsync('both', 4), [4, 8, undefined]);
});
