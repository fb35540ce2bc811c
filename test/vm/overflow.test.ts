/**
 * Stack overflow never takes the host down: every way a script can recurse
 * without bound (Lua calls, metamethods, pcall, coroutine.wrap, library
 * callbacks, host functions calling back into Lua, the parser, __call
 * chains, message handlers, huge strings) ends in a Lua error that pcall
 * catches, with a traceback; inside a coroutine the message names the
 * coroutine and only that coroutine dies; the state stays fully usable; and
 * the host never sees a JS RangeError, even when it calls in with little JS
 * stack left.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createState } from './run-string.js';
import { LuaError } from '../../src/index.js';
import { addressOf, assertUsable, newLuaState, paths, run, trigger } from './overflow-paths.js';

/**
 * The per-path tests use 200,000-slot stacks to stay quick; the default
 * 1,000,000-slot limits are tested separately below.
 */
const LIMITS = { stackLimit: 200000, coroutineStackLimit: 200000 };

for (const p of paths) {
  test(`overflow through ${p.name}: main thread`, () => {
    const L = newLuaState(LIMITS);
    const [ok, e, ok2, tb] = run(L, `${trigger(p)}
      local ok, e = pcall(trigger)
      local ok2, tb = xpcall(trigger, debug.traceback)
      return ok, e, ok2, tb`);
    assert.equal(ok, false);
    assert.equal(typeof e, 'string');
    assert.match(e as string, p.wording);
    if ((p.names ?? 'self') !== 'other') assert.doesNotMatch(e as string, /in coroutine/);
    assert.equal(ok2, false);
    assert.match(tb as string, p.wording);
    assert.match(tb as string, /\nstack traceback:\n/);
    assertUsable(L, 30000);
  });

  test(`overflow through ${p.name}: inside a coroutine`, () => {
    const L = newLuaState(LIMITS);
    const [ok, e, status, co, ok2, tb, after, cotb] = run(L, `${trigger(p)}
      local co = coroutine.create(trigger)
      local ok, e = coroutine.resume(co)
      local ok2, tb = coroutine.wrap(function() return xpcall(trigger, debug.traceback) end)()
      local after = 0 for i = 1, 100 do after = after + i end
      return ok, e, coroutine.status(co), tostring(co), ok2, tb, after, debug.traceback(co)`);
    assert.equal(ok, false);
    assert.equal(typeof e, 'string');
    const msg = e as string;
    assert.match(msg, p.wording);
    const names = p.names ?? 'self';
    if (names === 'none') {
      assert.doesNotMatch(msg, /in coroutine/);
    } else {
      const m = /\(in coroutine thread: (0x[0-9a-f]+) created from function <overflow:(\d+)>\)$/.exec(msg);
      assert.ok(m !== null, `message names the coroutine: ${msg.slice(-200)}`);
      if (names === 'self') {
        assert.equal(m[1], addressOf(co));
        assert.equal(m[2], '1');
      }
    }
    assert.equal(status, 'dead', 'only the coroutine died');
    assert.equal(after, 5050, 'the resumer continues');
    assert.equal(ok2, false);
    assert.match(tb as string, p.wording);
    assert.match(tb as string, /\nstack traceback:\n/);
    assert.match(cotb as string, /^stack traceback:\n/, 'the dead coroutine can still be inspected');
    assertUsable(L, 30000);
  });

  test(`overflow through ${p.name}: uncaught, reaches the host as a LuaError`, () => {
    const L = newLuaState(LIMITS);
    for (const code of [`${trigger(p)} trigger()`, `${trigger(p)} coroutine.wrap(trigger)()`]) {
      assert.throws(() => run(L, code), (err: unknown) => {
        assert.ok(err instanceof LuaError, `got ${String(err)}`);
        assert.match(err.luaMessage, p.wording);
        assert.match(err.luaTraceback ?? '', /^stack traceback:\n/);
        return true;
      });
      assertUsable(L, 30000);
    }
  });
}

test('a 1,000,000-long a.b.c chain compiles and runs (no recursion), also inside a coroutine', () => {
  const L = newLuaState();
  const code = `
    local f = assert(load("return a" .. (".b"):rep(1000000)))
    local t = setmetatable({}, {__index = function(t) return t end})
    debug.setupvalue(f, 1, {a = t})
    return f() == t`;
  assert.deepEqual(run(L, code), [true]);
  assert.deepEqual(run(L, `return coroutine.wrap(function() ${code} end)()`), [true]);
  assertUsable(L);
});

test('default limits: 1,000,000 slots on the main thread and in every coroutine', () => {
  const L = newLuaState();
  const [ok, e, co, depthCo] = run(L, `
    local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
    local co = coroutine.create(function() local function f() return 1 + f() end return f() end)
    local ok, e = coroutine.resume(co)
    return ok, e, tostring(co), coroutine.wrap(depth)(250000)`);
  assert.equal(ok, false);
  assert.equal(e, `overflow:3: stack overflow (in coroutine thread: ${addressOf(co)} created from function <overflow:3>)`);
  assert.equal(depthCo, 250000);
  assertUsable(L);
});

test('with a shallow JS stack, every path still ends in a Lua error and the state stays consistent', () => {
  // A child process with a small V8 stack (--stack-size, in KB) runs every
  // path at several JS depths, so the JS stack runs out at many different
  // points inside the VM and the libraries (see overflow-shallow.ts).
  const child = fileURLToPath(new URL('./overflow-shallow.js', import.meta.url));
  let ranOut = 0;
  for (const kb of [100, 250]) {
    const r = spawnSync(process.execPath, [`--stack-size=${kb}`, child, '--child'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, `--stack-size=${kb}: ${r.stderr}`);
    const report = JSON.parse(r.stdout) as { runs: number; ranOut: number; failures: string[] };
    assert.deepEqual(report.failures, [], `--stack-size=${kb}`);
    assert.ok(report.runs > 100);
    ranOut += report.ranOut;
  }
  // the JS stack did run out (the message then differs from the counted overflow's)
  assert.ok(ranOut > 50, `JS stack ran out ${ranOut} times`);
});

test('a state with 16 KB-equivalent coroutine stacks runs 100,000 live coroutines', () => {
  // A slot stands for one of the reference's 16-byte TValues: 1,000 slots = 16 KB.
  const L = createState({ coroutineStackLimit: 1000 });
  const [created, sum, deepMsg, deepCo, mainDepth, others] = run(L, `
    local N = 100000
    local cos = {}
    for i = 1, N do
      cos[i] = coroutine.create(function(x)
        local y = coroutine.yield(x * 2)
        if y == "deep" then local function f() return 1 + f() end return f() end
        return x + y
      end)
      assert(coroutine.resume(cos[i], i))
    end
    local live = 0
    for i = 1, N do if coroutine.status(cos[i]) == "suspended" then live = live + 1 end end
    -- one of them recurses without bound: it alone dies, with its name in the message
    local ok, deep = coroutine.resume(cos[5000], "deep")
    assert(not ok and coroutine.status(cos[5000]) == "dead")
    local sum = 0
    for i = 1, N do
      if i ~= 5000 then local ok, v = coroutine.resume(cos[i], 1) assert(ok) sum = sum + v end
    end
    local dead = 0
    for i = 1, N do if coroutine.status(cos[i]) == "dead" then dead = dead + 1 end end
    -- the main thread keeps its own (default) limit
    local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
    return live, sum, deep, tostring(cos[5000]), depth(150000), dead`);
  assert.equal(created, 100000);
  assert.equal(sum, (100000 * 100001) / 2 - 5000 + 99999);
  assert.match(String(deepMsg), new RegExp(
    `^overflow:7: stack overflow \\(in coroutine thread: ${addressOf(deepCo)} created from function <overflow:5>\\)$`));
  assert.equal(mainDepth, 150000);
  assert.equal(others, 100000);
  // inside a coroutine the small limit applies: 1,000 slots hold only a few hundred frames
  const [okSmall, depthSmall] = run(L, `
    local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
    return coroutine.resume(coroutine.create(depth), 200)`);
  assert.deepEqual([okSmall, depthSmall], [true, 200]);
  const [okBig, msgBig] = run(L, `
    local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
    return coroutine.resume(coroutine.create(depth), 2000)`);
  assert.equal(okBig, false);
  assert.match(String(msgBig), /stack overflow \(in coroutine thread/);
  assertUsable(L);
});
