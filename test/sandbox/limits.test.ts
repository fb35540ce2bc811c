/**
 * The sandbox's limits through the embedding API: each limit stops what it
 * must (inside library calls too), reports itself, cannot be swallowed,
 * lets pending `__close` handlers run under a grace budget, and leaves the
 * state usable with a fresh budget; interrupts from every place a host can
 * send one; usage reports. (test/hostile/ has the adversarial scripts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { Lua, LuaError, LuaLimitError, type LimitName } from '../../src/index.js';

/** Run `code` and return the LuaLimitError it must end with. */
function limitOf(lua: Lua, code: string, options?: Parameters<Lua['run']>[1]): LuaLimitError {
  try {
    lua.run(code, options);
  } catch (e) {
    if (e instanceof LuaLimitError) return e;
    throw e;
  }
  assert.fail(`no limit hit by: ${code}`);
}

test('the instruction limit stops loops, recursion and long library calls, and says so', () => {
  const lua = new Lua({ limits: { instructions: 100_000 } });
  const cases = [
    'while true do end', 'repeat until false', '::a:: goto a', 'for i = 1, math.maxinteger do end',
    'local function f() return f() end f()', 'for k in next, {} do end while true do end',
    'return ("0123456789"):rep(5):find(".*.*.*.*.*.*.*.*.*x")', 'return string.find(("a"):rep(3000), ".-.-.-b")',
    'table.move({}, 1, 2^40, 2)', 'local t = {} for i = 1, 1e6 do t[i] = -i end table.sort(t)',
  ];
  for (const code of cases) {
    const e = limitOf(lua, code);
    assert.equal(e.limit, 'instructions', code);
    assert.equal(e.limitValue, 100_000);
    assert.ok(e.used > 100_000 && e.used < 200_000, `${code}: used ${e.used}`);
    assert.ok(e instanceof LuaError);
    assert.match(e.message, /^instruction limit exceeded \(limit 100000, used \d+\)$/);
    assert.match(e.luaTraceback ?? '', /^stack traceback:\n/);
  }
  assert.equal(lua.run('return 1 + 1'), 2);
});

test('the memory limit refuses allocations before they happen, and the state keeps working', () => {
  const lua = new Lua({ limits: { memory: 8 * 2 ** 20 } });
  for (const code of [
    'local s = ("x"):rep(2^30)', 'local s = "x" for i = 1, 40 do s = s .. s end',
    'local t = {} for i = 1, 1e8 do t[i] = i end', 'return string.pack("s4", ("x"):rep(1e8))',
    'local t = {} for i = 1, 1e7 do t[i] = tostring(i) end',
  ]) {
    const e = limitOf(lua, code);
    assert.equal(e.limit, 'memory', code);
    assert.equal(e.message.startsWith('not enough memory'), true);
    assert.ok(e.used > 8 * 2 ** 20, `${code}: ${e.used}`);
  }
  // memory the script releases returns to its budget: this needs 6 MB, twice over
  assert.equal(lua.run('local s = ("y"):rep(6 * 2^20) return #s'), 6 * 2 ** 20);
  assert.equal(lua.run('local s = ("z"):rep(6 * 2^20) return #s'), 6 * 2 ** 20);
});

test('the time limit holds inside one long library call', () => {
  const lua = new Lua({ limits: { time: 100 } });
  const t0 = performance.now();
  const e = limitOf(lua, 'return ("a"):rep(5000):find(".-.-.-.-b")');
  const took = performance.now() - t0;
  assert.equal(e.limit, 'time');
  assert.ok(took < 1000, `stopped after ${took.toFixed(0)} ms`);
});

test('a limit error cannot be swallowed by pcall, xpcall, coroutines or error handlers', () => {
  const lua = new Lua({ limits: { instructions: 50_000 } });
  for (const code of [
    'while true do pcall(function() while true do end end) end',
    'while true do xpcall(function() while true do end end, function(m) return m end) end',
    'xpcall(function() error("x") end, function() while true do end end)',
    'while true do coroutine.resume(coroutine.create(function() while true do end end)) end',
    'while true do pcall(coroutine.wrap(function() while true do end end)) end',
    'local ok = pcall(function() local t <close> = setmetatable({}, {__close = function() end}) while true do end end) swallowed = ok',
  ]) {
    assert.equal(limitOf(lua, code).limit, 'instructions', code);
  }
  assert.equal(lua.get('swallowed'), undefined);
});

test('pending __close handlers run under a grace budget, which a looping handler cannot outlive', () => {
  const closed: string[] = [];
  const lua = new Lua({ limits: { instructions: 10_000 }, stdout: (s) => closed.push(s.trim()) });
  limitOf(lua, `local a <close> = setmetatable({}, {__close = function(_, e) print("a " .. tostring(e)) end})
    pcall(function()
      local b <close> = setmetatable({}, {__close = function(_, e) print("b " .. tostring(e)) end})
      while true do end
    end)`);
  assert.deepEqual(closed, ['b instruction limit exceeded', 'a instruction limit exceeded']);
  const t0 = performance.now();
  const e = limitOf(lua, `local a <close> = setmetatable({}, {__close = function() while true do end end})
    while true do end`);
  assert.equal(e.limit, 'instructions');
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(lua.run('return "usable"'), 'usable');
});

test('limits change between runs and per call; usage reports each run', () => {
  const lua = new Lua();
  assert.equal(lua.run('local n = 0 for i = 1, 1e6 do n = n + 1 end return n'), 1e6); // no limit set
  lua.limits = { instructions: 1000 };
  assert.deepEqual(lua.limits, { instructions: 1000 });
  assert.equal(limitOf(lua, 'for i = 1, 1e6 do end').limitValue, 1000);
  assert.equal(lua.run('for i = 1, 1e4 do end return "more"', { limits: { instructions: 1e6 } }), 'more');
  lua.run('local t = {} for i = 1, 100 do t[i] = {i} end');
  const u = lua.usage();
  assert.ok(u.instructions >= 100 && u.instructions < 1000, `instructions ${u.instructions}`);
  assert.ok(u.memory > 0 && u.peakMemory >= u.memory && u.time >= 0);
  assert.throws(() => { lua.limits = { instructions: -1 }; }, /limits: option 'instructions' must be a non-negative number/);
  assert.throws(() => new Lua({ limits: { memmory: 5 } as never }), /option 'limits' is invalid: limits: unknown option 'memmory'/);
});

test('interrupt() from a host function, from a timer while the script waits, and close() during a run', async () => {
  const lua = new Lua();
  lua.set('stop', () => lua.interrupt());
  assert.equal(limitOf(lua, 'stop() while true do end').limit, 'interrupt');
  assert.equal(lua.run('return 1'), 1); // the next run is not interrupted

  lua.set('sleep', (ms: number) => new Promise((r) => setTimeout(r, ms)));
  setTimeout(() => lua.interrupt(), 20);
  await assert.rejects(lua.runAsync('while true do sleep(5) end'), (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');

  let calls = 0;
  lua.set('count', () => { calls++; if (calls === 3) lua.close(); });
  assert.equal(limitOf(lua, 'while true do count() end').limit, 'interrupt');
  assert.equal(calls, 3); // no host function ran after close()
  assert.throws(() => lua.run('return 1'), /closed/);
});

test('interrupt through a shared flag, from another thread, stops a busy script', async () => {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const lua = new Lua({ interruptFlag: flag });
  const worker = new Worker('const { workerData } = require("node:worker_threads"); setTimeout(() => Atomics.store(workerData, 0, 1), 50);',
    { eval: true, workerData: flag });
  const t0 = performance.now();
  const e = limitOf(lua, 'while true do end');
  assert.equal(e.limit, 'interrupt');
  assert.ok(performance.now() - t0 < 5000);
  await worker.terminate();
  Atomics.store(flag, 0, 0);
  assert.equal(lua.run('return "again"'), 'again');
});

test('in async runs, waiting for the host counts against time only when asked', async () => {
  const lua = new Lua({ limits: { time: 60 } });
  lua.set('sleep', (ms: number) => new Promise((r) => setTimeout(r, ms)));
  assert.equal(await lua.runAsync('for i = 1, 5 do sleep(30) end return "waited"'), 'waited');
  await assert.rejects(lua.runAsync('for i = 1, 5 do sleep(30) end', { limits: { countWaits: true } }),
    (e: unknown) => e instanceof LuaLimitError && e.limit === 'time');
});

test('finalizers run under the limits: a __gc time bomb stops, in a run or at close', () => {
  const lua = new Lua({ limits: { instructions: 100_000 } });
  const e = limitOf(lua, 'setmetatable({}, {__gc = function() while true do end end}) collectgarbage("count") for i = 1, 1e9 do local _ = {} end');
  assert.equal(e.limit, 'instructions');
  lua.run('bomb = setmetatable({}, {__gc = function() while true do end end})');
  const t0 = performance.now();
  lua.close(); // the finalizer runs under the limits, and close() ends anyway
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(lua.closed, true);
});

test('each limit reports its name', () => {
  const names: LimitName[] = [];
  const lua = new Lua({ limits: { instructions: 1e4, memory: 4 * 2 ** 20, time: 50 } });
  names.push(limitOf(lua, 'while true do end').limit);
  names.push(limitOf(lua, 'local s = ("x"):rep(2^30)').limit);
  names.push(limitOf(lua, 'while true do end', { limits: { instructions: 1e12 } }).limit);
  assert.deepEqual(names, ['instructions', 'memory', 'time']);
});

test('host functions can charge their own work to the running script', () => {
  const lua = new Lua({ limits: { instructions: 10_000 } });
  lua.set('parse', () => { lua.chargeWork(3000); return 1; });
  assert.equal(lua.run('return parse() + parse() + parse()'), 3);
  assert.equal(limitOf(lua, 'for i = 1, 4 do parse() end').limit, 'instructions');
  lua.chargeWork(1e9); // outside a run: nothing to charge
  assert.equal(lua.run('return 1'), 1);
});

test('the memory limit is reported at the line of the instruction that allocates, for each allocating instruction', () => {
  // the allocation is on line 5 of each; the interpreter's fast paths save their position before charging
  const cases: Record<string, string> = {
    'a closure': 'local t = {}\nlocal n = 0\nwhile true do\n  n = n + 1\n  t[n] = function() return n end\nend',
    'a table constructor': 'local keep = {}\nlocal i = 0\nwhile true do\n  i = i + 1\n  keep[i] = {}\nend',
    'a constructor with items': 'local keep = {}\nlocal i = 0\nwhile true do\n  i = i + 1\n  keep[i] = {1, 2, 3, 4, 5, 6, 7, 8}\nend',
    'an array growing': 'local t = {}\nlocal i = 0\nwhile true do\n  i = i + 1\n  t[i] = i\nend',
    'a field': 'local t = {}\nlocal i = 0\nlocal k = "k"\nwhile true do i = i + 1\n  t[k .. i] = true\nend',
    'a global': 'local i = 0\nlocal k = "k"\nlocal G = _ENV\nwhile true do i = i + 1\n  G[k .. i] = true\nend',
    'a concatenation': 'local s = "x"\nlocal i = 0\nlocal t = 0\nwhile true do\n  s = s .. s\nend',
  };
  for (const [what, code] of Object.entries(cases)) {
    const e = limitOf(new Lua({ limits: { memory: 2 * 2 ** 20 } }), code, { chunkName: 'alloc.lua' });
    assert.equal(e.limit, 'memory', what);
    assert.match(e.luaTraceback ?? '', /^stack traceback:\n\talloc\.lua:5: in main chunk/, `${what}: ${e.luaTraceback}`);
  }
});
