/**
 * The profiler engine (vm/profiler.ts) through the host API: exact call
 * counts, self and total times that add up, recursion counted once, host
 * functions by their library names, tail calls, errors that unwind frames,
 * coroutines (a suspended one is charged nothing), lines, and the API's
 * rules (one profile at a time, nothing left running).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lua, type ProfileFunction, type ProfileNode, type ProfileReport } from '../../src/index.js';

function fnNamed(report: ProfileReport, name: string): ProfileFunction {
  const f = report.functions.find((x) => x.name === name);
  assert.ok(f !== undefined, `no function '${name}' in ${report.functions.map((x) => x.name).join(', ')}`);
  return f;
}

/** The tree's nodes of function `name` (or of the function defined at line `name`), with their path. */
function nodesOf(report: ProfileReport, name: string | number): Array<{ node: ProfileNode; path: string[] }> {
  const out: Array<{ node: ProfileNode; path: string[] }> = [];
  const matches = (f: ProfileFunction): boolean => (typeof name === 'number' ? f.line === name : f.name === name);
  const walk = (n: ProfileNode, path: string[]): void => {
    const here = n.fn < 0 ? path : [...path, report.functions[n.fn].name];
    if (n.fn >= 0 && matches(report.functions[n.fn])) out.push({ node: n, path: here });
    for (const c of n.children) walk(c, here);
  };
  walk(report.root, []);
  return out;
}

const EPS = 0.5; // ms: two clocks read at slightly different moments

test('exact call counts, and times that add up', () => {
  const lua = new Lua();
  const { result, report } = lua.profile(() => lua.run(`
    local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
    local r = fib(15) -- not \`return fib(15)\`: a tail call would replace the main chunk
    return r
  `));
  assert.equal(result, 610);
  const fib = fnNamed(report, 'fib');
  assert.equal(fib.calls, 1973, 'fib(15) makes 1973 calls');
  assert.equal(fib.what, 'Lua');
  const main = report.functions.find((f) => f.what === 'main')!;
  assert.equal(main.calls, 1);
  let selfSum = 0;
  for (const f of report.functions) {
    assert.ok(f.selfTime >= 0 && f.selfTime <= f.totalTime + 1e-9, `${f.name}: self ${f.selfTime} > total ${f.totalTime}`);
    selfSum += f.selfTime;
  }
  assert.ok(selfSum <= report.duration + EPS, `self times ${selfSum} exceed the duration ${report.duration}`);
  assert.ok(fib.totalTime <= main.totalTime + 1e-9, 'a recursion is counted once in its total');
  assert.ok(Math.abs(report.root.totalTime - main.totalTime) < EPS);
  // the tree has every fib activation under main, each depth its own node
  const depths = nodesOf(report, 'fib').map((n) => n.path.length);
  assert.equal(Math.max(...depths), 16, 'the main chunk, then fib(15) down to fib(1)');
  assert.equal(nodesOf(report, 'fib').reduce((s, n) => s + n.node.calls, 0), 1973);
  assert.equal(lua.state.g.traps, 0, 'nothing is left hooked');
});

test('the hottest function has the highest self time; host functions by library name', () => {
  const lua = new Lua();
  const { report } = lua.profile(() => lua.run(`
    local function hot() local s = 0 for i = 1, 300000 do s = s + i % 7 end return s end
    local function cold() local s = 0 for i = 1, 3000 do s = s + i % 7 end return s end
    local r = 0
    for i = 1, 5 do r = r + hot() + cold() end
    return #string.rep("x", 10) + select("#", print ~= nil)
  `));
  assert.equal(report.functions[0].name, 'hot', 'functions come sorted by self time');
  assert.ok(fnNamed(report, 'hot').selfTime > 10 * fnNamed(report, 'cold').selfTime);
  assert.equal(fnNamed(report, 'string.rep').what, 'C');
  assert.equal(fnNamed(report, 'string.rep').source, '[C]');
  assert.equal(fnNamed(report, 'select').calls, 1);
});

test('a tail call replaces its caller in the tree', () => {
  const lua = new Lua();
  const { report } = lua.profile(() => lua.run(`
    local function b() return 1 end
    local function a() return b() end
    for i = 1, 10 do a() end
  `));
  // b is only ever tail-called: as in debug.getinfo, nothing names it
  const b = nodesOf(report, 2);
  assert.equal(report.functions[b[0]?.node.fn ?? 0].name, '?');
  assert.equal(b.length, 1);
  assert.equal(b[0].path.length, 2, `b hangs under the main chunk, not under a: ${b[0].path.join(' > ')}`);
  assert.equal(b[0].node.calls, 10);
  assert.equal(fnNamed(report, 'a').calls, 10);
});

test('frames unwound by errors leave the tree as it was', () => {
  const lua = new Lua();
  const { report } = lua.profile(() => lua.run(`
    local function thrower(n) if n == 0 then error("x") end return thrower(n - 1) + 1 end
    local function after() return 1 end
    for i = 1, 50 do pcall(thrower, 5) end
    after()
  `));
  const after = nodesOf(report, 'after');
  assert.equal(after.length, 1);
  assert.equal(after[0].path.length, 2, `after is called by the main chunk: ${after[0].path.join(' > ')}`);
  assert.equal(fnNamed(report, 'thrower').calls, 300);
});

test('a run that fails leaves no stale frames for the next run', () => {
  const lua = new Lua();
  lua.startProfile();
  assert.throws(() => lua.run('local function f() error("boom") end f()'));
  lua.run('local function g() return 1 end g()');
  const report = lua.stopProfile();
  const g = nodesOf(report, 'g');
  assert.equal(g.length, 1);
  assert.equal(g[0].path.length, 2, `g hangs under its own main chunk: ${g[0].path.join(' > ')}`);
});

test('a suspended coroutine is charged nothing; resumed, it grows under the call that resumed it', () => {
  const lua = new Lua();
  const { report } = lua.profile(() => lua.run(`
    local co = coroutine.wrap(function()
      coroutine.yield(1)
      return 2
    end)
    co()
    local function busy() local s = 0 for i = 1, 400000 do s = s + i end return s end
    busy()
    co()
  `));
  const body = nodesOf(report, '?').find((n) => n.path.includes('co'));
  assert.ok(body !== undefined, 'the coroutine body runs under co');
  const busy = fnNamed(report, 'busy');
  assert.ok(body.node.totalTime < busy.totalTime / 4,
    `the coroutine's body (${body.node.totalTime} ms) was charged the time it spent suspended (busy: ${busy.totalTime} ms)`);
  assert.equal(nodesOf(report, 'co').reduce((s, n) => s + n.node.calls, 0), 2);
});

test('lines: hits are the line events a line hook sees, and line times add up to the self time', () => {
  const code = `
local t = {}
for i = 1, 100 do t[i] = i * 2 end
local s = 0
for i = 1, #t do
  s = s + t[i]
end
return s
`;
  const lua = new Lua({ sandbox: 'none' });
  const hooked = lua.toJS<Record<string, number>>(lua.run(`
    local hits = {}
    local f = load(${JSON.stringify(code)}, "=chunk")
    debug.sethook(function(_, line)
      if debug.getinfo(2, "S").source == "=chunk" then hits[line] = (hits[line] or 0) + 1 end
    end, "l")
    f()
    debug.sethook()
    return hits
  `), { deep: true });
  const { report } = lua.profile(() => lua.run(code, { chunkName: '=chunk' }), { lines: true });
  const main = report.functions.find((f) => f.what === 'main' && f.source === 'chunk')!;
  assert.ok(main.lines !== undefined);
  const profiled = Object.fromEntries(main.lines.map((l) => [String(l.line), l.hits]));
  assert.deepEqual(profiled, hooked);
  const lineSum = main.lines.reduce((s, l) => s + l.selfTime, 0);
  assert.ok(Math.abs(lineSum - main.selfTime) < EPS, `lines ${lineSum} vs self ${main.selfTime}`);
});

test('the API: one profile at a time, options checked, async functions profiled until they settle', async () => {
  const lua = new Lua();
  assert.throws(() => lua.stopProfile(), /no profile is running/);
  lua.startProfile();
  assert.throws(() => lua.startProfile(), /already running/);
  lua.stopProfile();
  assert.throws(() => lua.startProfile({ line: true } as never), /unknown option 'line'|'line'/);
  assert.throws(() => lua.profile(() => { throw new Error('inner'); }), /inner/);
  assert.equal(lua.state.g.profiler, null, 'a throwing function stops the profile');
  lua.set('wait', () => new Promise((r) => setTimeout(() => r(5), 5)));
  const { result, report } = await lua.profile(() => lua.runAsync('local function f() return wait() end local r = f() return r'));
  assert.equal(result, 5);
  assert.equal(fnNamed(report, 'f').calls, 1);
  assert.equal(lua.state.g.traps, 0);
});
