/**
 * The Lua heap (src/vm/heap.ts, src/vm/gc.ts): what is charged, what the
 * mark finds, how the count follows the process's real memory, and what the
 * collector must never do (recurse, touch the host's heap, free what the
 * host holds). Semantics a script sees are tested against the reference in
 * test/lua/gc/; these are the properties behind them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Lua } from '../../src/index.js';
import { collect } from '../../src/vm/gc.js';
import { runLua } from '../helpers.js';

const count = (code: string): number => {
  const r = runLua(code);
  assert.equal(r.error, undefined, String(r.error));
  return Number(r.out.trim());
};

test('every kind of allocation a script can make is charged before the next count', () => {
  // Each snippet runs with the collector stopped between two readings of the count.
  const allocations: Record<string, string> = {
    'table constructor': 'x = {}',
    'array growth': 'x = {} for i = 1, 100 do x[i] = i end',
    'hash growth': 'x = {} for i = 1, 100 do x["k" .. i] = i end',
    'closure and upvalue': 'local u = 1 x = function() return u end',
    'coroutine': 'x = coroutine.create(print)',
    'coroutine.wrap': 'x = coroutine.wrap(print)',
    'concatenation': 'x = ("a"):rep(10) .. ("b"):rep(10)',
    'concatenation of numbers': 'local a = 1 x = a .. a .. a',
    'string.rep': 'x = ("x"):rep(1000)',
    'string.format': 'x = string.format("%s-%d", ("y"):rep(500), 7)',
    'string.gsub': 'x = ("a"):rep(500):gsub("a", "bb")',
    'string.sub': 'x = ("abc"):rep(300):sub(2, -2)',
    'string.upper': 'x = ("abc"):rep(300):upper()',
    'string.reverse': 'x = ("abc"):rep(300):reverse()',
    'string.char': 'x = string.char(65, 66, 67, 68)',
    'string.pack': 'x = string.pack("i4i4i4", 1, 2, 3)',
    'string.match capture': 'x = ("key=value"):rep(50):match("(.*)")',
    'string.gmatch iterator': 'x = ("a b"):gmatch("%a")',
    'table.concat': 'local t = {} for i = 1, 100 do t[i] = "abc" end x = table.concat(t, ",")',
    'tostring': 'x = tostring(12345.678)',
    'load': 'x = load("return " .. ("1 + "):rep(50) .. "1")',
    'utf8.char': 'x = utf8.char(8364, 8364, 8364)',
    'os.date': 'x = os.date("!%Y-%m-%d %H:%M:%S", 0)',
    'debug.traceback': 'x = debug.traceback("msg")',
  };
  for (const [what, code] of Object.entries(allocations)) {
    const grew = count(`collectgarbage() collectgarbage("stop")
      local before = collectgarbage("count")
      ${code}
      print(collectgarbage("count") - before)`);
    assert.ok(grew > 0, `${what}: count grew by ${grew} KB`);
  }
});

test('the count after a full collection is what is live, and stable', () => {
  const r = runLua(`
    collectgarbage(); collectgarbage()
    local a = collectgarbage("count")
    collectgarbage()
    local b = collectgarbage("count")
    local t = {}
    for i = 1, 1000 do t[i] = {i} end
    collectgarbage()
    local c = collectgarbage("count")
    t = nil
    collectgarbage()
    local d = collectgarbage("count")
    print(a == b, c > a + 100, math.abs(d - a) < 1)`);
  assert.equal(r.out, 'true\ttrue\ttrue\n');
});

test('the mark uses no JS recursion: a chain of a million tables and a deep proto nest are marked', () => {
  const r = runLua(`
    local head = nil
    for i = 1, 1000000 do head = {head} end
    local weak = setmetatable({}, {__mode = "k"})
    weak[head] = true
    collectgarbage()
    local n = 0
    local t = head
    while t do n = n + 1; t = t[1] end
    print(n, next(weak) == head)`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, '1000000\ttrue\n');
});

test('a collection clears the stack above the top, so dead temporaries release what they held', () => {
  const r = runLua(`
    local function deep(n) if n == 0 then return {} end local x = {n} return deep(n - 1) end
    deep(200)
    local weak = setmetatable({}, {__mode = "v"})
    local function fill(n) if n == 0 then return end local x = {n}; weak[n] = x; fill(n - 1) end
    fill(100)
    collectgarbage()
    print(next(weak))`);
  assert.equal(r.out, 'nil\n');
});

test('values the host holds through the embedding API are roots of the collector', () => {
  const lua = new Lua({ sandbox: 'none' });
  lua.run(`weak = setmetatable({}, {__mode = "k"})
    finalized = 0
    function make(tag)
      local t = setmetatable({tag = tag}, {__gc = function() finalized = finalized + 1 end})
      weak[t] = tag
      return t
    end`);
  const proxy = lua.call<{ tag: string }>('make', 'proxy');
  const fn = lua.run<() => string>('local t = make("closure") return function() return t.tag end');
  const thread = lua.thread(lua.run('return function() local t = make("thread") coroutine.yield() return t.tag end'));
  thread.resume();
  lua.run('collectgarbage() collectgarbage()');
  assert.equal(lua.get('finalized'), 0);
  assert.equal(lua.run('local n = 0 for _ in pairs(weak) do n = n + 1 end return n'), 3);
  assert.equal(proxy.tag, 'proxy');
  assert.equal(fn(), 'closure');
  assert.deepEqual(thread.resume(), { done: true, values: ['thread'] });
  lua.close();
});

test('an async run waiting for the host keeps its coroutine and locals alive', async () => {
  const lua = new Lua({ sandbox: 'none' });
  let release: (v: number) => void = () => {};
  lua.set('wait', () => new Promise<number>((resolve) => { release = resolve; }));
  const run = lua.runAsync<string>(`
    local t = setmetatable({}, {__gc = function() _G.lost = true end})
    local weak = setmetatable({t}, {__mode = "v"})
    _G.probe = weak
    local n = wait()
    return (weak[1] == t and "alive " or "lost ") .. n`);
  await Promise.resolve();
  lua.run('collectgarbage() collectgarbage()');
  assert.equal(lua.get('lost'), undefined);
  release(7);
  assert.equal(await run, 'alive 7');
  lua.close();
});

test('close() runs every pending finalizer, newest first, and warns about their errors', () => {
  let out = '';
  let err = '';
  const lua = new Lua({ stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  lua.run(`warn("@on")
    a = setmetatable({}, {__gc = function() print("a") end})
    b = setmetatable({}, {__gc = function() error("b failed") end})
    c = setmetatable({}, {__gc = function() print("c") end})`);
  lua.close();
  assert.equal(out, 'c\na\n');
  assert.equal(err, 'Lua warning: error in __gc ([string "warn("@on")..."]:3: b failed)\n');
  assert.throws(() => lua.run('return 1'), /closed/);
});

test('collectgarbage() marks only this state: it never collects the host\'s heap', async () => {
  // Before the heap existed, collectgarbage() forced a full V8 collection of
  // the whole process each time. Count the major collections V8 reports
  // while a script calls it 200 times next to a large host heap.
  const script = `
    import { PerformanceObserver } from 'node:perf_hooks';
    import { Lua } from ${JSON.stringify(new URL('../../src/index.js', import.meta.url).href)};
    const host = Array.from({ length: 300000 }, (_, i) => ({ i }));
    let majors = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.detail?.kind === 4 /* major */) majors++;
    });
    obs.observe({ entryTypes: ['gc'] });
    const lua = new Lua({ sandbox: 'none' });
    lua.run('local t = {} for i = 1, 10000 do t[i] = {} end keep = t; for i = 1, 200 do collectgarbage() end');
    await new Promise((r) => setTimeout(r, 50));
    obs.disconnect();
    console.log(majors, host.length);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [majors] = r.stdout.trim().split(' ').map(Number);
  assert.ok(majors < 20, `V8 ran ${majors} major collections during 200 collectgarbage() calls`);
});

test('the cost model tracks what V8 really allocates (within a third)', () => {
  // Measured in a child process with --expose-gc: bytes per object of each
  // kind, against heap.ts's estimate for the same object (the mark's count).
  const child = fileURLToPath(new URL('./heap-costs.js', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', child, 'measure'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { what: string; measured: number; model: number }[];
  assert.ok(rows.length >= 6);
  for (const { what, measured, model } of rows) {
    const ratio = model / measured;
    assert.ok(ratio > 0.67 && ratio < 1.5, `${what}: model ${model} B, V8 ${measured.toFixed(0)} B (ratio ${ratio.toFixed(2)})`);
  }
});

test('the process\'s resident memory follows the count: 200 MB by the count is 200 MB of RSS, within a factor', () => {
  const child = fileURLToPath(new URL('./heap-rss.js', import.meta.url));
  const r = spawnSync(process.execPath, [child, '200'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { countMB, rssGrowthMB } = JSON.parse(r.stdout) as { countMB: number; rssGrowthMB: number };
  assert.ok(countMB >= 190, `count ${countMB} MB`);
  const factor = rssGrowthMB / countMB;
  assert.ok(factor > 0.7 && factor < 2, `RSS grew ${rssGrowthMB.toFixed(0)} MB for a count of ${countMB.toFixed(0)} MB (factor ${factor.toFixed(2)})`);
});

test('soak: 1 GB allocated and dropped while 10 MB are held keeps the count near 10 MB', () => {
  const r = runLua(`
    local held = {}
    for i = 1, 10 do held[i] = ("h"):rep(1024 * 1024) .. i end   -- 10 MB held all along
    local weak = setmetatable({}, {__mode = "v"})                -- so that collections matter
    local allocated, peak = 0, 0
    while allocated < 1024 * 1024 * 1024 do
      local t = {}
      for i = 1, 1000 do t[i] = {i, i + 1} end                   -- about 200 KB of garbage
      weak[1] = t
      allocated = allocated + 200 * 1024
      local c = collectgarbage("count")
      if c > peak then peak = c end
    end
    print(string.format("%.0f", peak / 1024))`);
  assert.equal(r.error, undefined, String(r.error));
  const peakMB = Number(r.out.trim());
  assert.ok(peakMB >= 10 && peakMB < 40, `peak count ${peakMB} MB while holding 10 MB`);
});

test('a state collects on its own: the mark is reachable from JS only through the checkpoints', () => {
  const r = runLua('local t = setmetatable({}, {__mode = "k"}) t[{}] = 1 for i = 1, 2e5 do local _ = {i} end print(next(t))');
  assert.equal(r.out, 'nil\n');
  assert.ok(r.L.g.heap.cycles > 0);
  collect(r.L); // a direct collection between runs is safe too
  assert.equal(r.L.g.heap.pending, false);
});

test('equal long strings made apart are counted apart: duplicates cannot hide from the count', () => {
  const grewKB = count(`collectgarbage(); collectgarbage()
    local before = collectgarbage("count")
    local t = {}
    for i = 1, 100 do t[i] = ("x"):rep(10000) end   -- 100 strings of 10 KB, all equal
    collectgarbage()
    print(collectgarbage("count") - before)`);
  assert.ok(grewKB > 100 * 10000 / 1024, `count grew by ${grewKB} KB`);
});

test('a coroutine\'s stack growth is charged', () => {
  const grewKB = count(`collectgarbage(); collectgarbage("stop")
    local before = collectgarbage("count")
    local co = coroutine.wrap(function() local function deep(n) if n > 0 then return deep(n - 1) + 1 end coroutine.yield() return 0 end deep(5000) end)
    co()
    print(collectgarbage("count") - before)`);
  assert.ok(grewKB > 5000 * 2 * 8 / 1024, `count grew by ${grewKB} KB for a 5,000-frame stack`);
});
