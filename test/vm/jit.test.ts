/**
 * The compiling tier (src/vm/jit/): when functions are compiled, and that
 * compiled code keeps everything the interpreter guarantees, looked at
 * inside compiled functions specifically: error positions and tracebacks,
 * hooks set while one runs, `debug.getlocal`/`setlocal` on its frame,
 * yields from inside it (calls, metamethods, iterators, pcall), the exact
 * instruction count of limits, interrupts, the memory limit, the profiler.
 *
 * Each case runs the same script with the tier off, on every function
 * ('all') and in the default mode after warming up ('hot'), and the three
 * must agree; where the reference's output is known it is written here.
 * (The whole test suite also runs with MOONBOX_COMPILE=all and =off.)
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { openLibs } from '../../src/lib/init.js';
import type { LuaValue } from '../../src/value/value.js';
import { pcall } from '../../src/vm/call.js';
import { loadChunk, newState } from '../../src/vm/create.js';
import type { CompileMode } from '../../src/vm/jit/tier.js';
import { generate } from '../../src/vm/jit/codegen.js';
import { endRun, LimitAbort, startRun } from '../../src/vm/budget.js';
import type { LuaState } from '../../src/vm/state.js';
import { Lua, LuaLimitError } from '../../src/index.js';

interface Run {
  out: string;
  error: LuaValue;
  L: LuaState;
}

function run(code: string, mode: CompileMode, limits?: { instructions?: number }): Run {
  let out = '';
  const sink = (s: string): void => { out += s; };
  const L = newState({ stdout: sink, stderr: sink, compile: mode });
  openLibs(L);
  const f = loadChunk(L, code, '=test', 't');
  if (typeof f === 'string') throw new Error(f);
  const func = L.top;
  L.stack[L.top++] = f;
  if (limits !== undefined) startRun(L.g, limits);
  let error: LuaValue;
  try {
    if (pcall(L, func, 0, 0) !== 0) error = L.stack[func];
  } catch (e) {
    if (!(e instanceof LimitAbort)) throw e;
    error = e.message;
  } finally {
    if (limits !== undefined) endRun(L.g);
  }
  return { out, error, L };
}

const MODES: CompileMode[] = ['off', 'all', 'hot'];

/**
 * The script under every mode: the outputs and errors must be the same,
 * and equal `expected` when given (lua5.4.6's output).
 */
function agree(code: string, expected?: string): Run[] {
  const runs = MODES.map((m) => run(code, m));
  for (const [j, r] of runs.entries()) {
    assert.equal(r.out, runs[0].out, `mode ${MODES[j]}: output differs from the interpreter's`);
    assert.equal(String(r.error), String(runs[0].error), `mode ${MODES[j]}: error differs`);
  }
  if (expected !== undefined) assert.equal(runs[0].out, expected);
  const all = runs[1].L.g.jit.stats;
  assert.ok(all.compiled > 0, 'mode all compiled nothing');
  assert.equal(all.failed, 0);
  assert.equal(runs[0].L.g.jit.stats.compiled, 0, 'mode off compiled something');
  return runs;
}

test('mode off compiles nothing, mode all every function called, mode hot what is hot', () => {
  const code = `
    local function once() return 1 end
    local function often(x) return x + 1 end
    once()
    local s = 0
    for i = 1, 1000 do s = often(s) end
    print(s)`;
  const [off, all, hot] = MODES.map((m) => run(code, m));
  assert.equal(off.L.g.jit.stats.compiled, 0);
  assert.equal(all.L.g.jit.stats.compiled, 3); // the chunk, once, often
  // hot: often (1000 calls), and the main chunk (1000 returns into it); not once
  assert.equal(hot.L.g.jit.stats.compiled, 2);
  for (const r of [off, all, hot]) assert.equal(r.out, '1000\n');
});

test('a loop that calls nothing is compiled while it runs (the safepoint sampler) and finishes in compiled code', () => {
  const r = run(`
    local s = 0
    for i = 1, 3000000 do s = s + i % 3 end
    print(s)`, 'hot');
  assert.equal(r.out, '3000000\n');
  assert.equal(r.L.g.jit.stats.compiled, 1);
});

test('a function too long to compile whole has each of its loops compiled when it is entered', () => {
  // a main chunk of 40 loops, each with operators on objects and calls: far past JIT_MAX_SOURCE whole
  const loops = Array.from({ length: 40 }, (_, j) => `
    for i = 1, 300 do
      local v = V(i, ${j}) + V(1, 1) - V(0, i % 7)
      s = (s + v.x * 3 + v.y + f(i) + (t[i % 17] or 0) + #tostring(i)) % 1000003
      t[i % 23] = s % 101
    end`).join('\n');
  const code = `
    local mt = {}
    mt.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, mt) end
    mt.__sub = function(a, b) return setmetatable({ x = a.x - b.x, y = a.y - b.y }, mt) end
    local function V(x, y) return setmetatable({ x = x, y = y }, mt) end
    local function f(i) return i % 5 end
    local s, t = 0, {}
    ${loops}
    print(s)`;
  const [, all, hot] = agree(code);
  const chunkLoops = 40;
  // every loop was compiled on its own (plus the small functions), none refused as too large
  for (const r of [all, hot]) {
    assert.ok(r.L.g.jit.stats.compiled >= chunkLoops, `compiled ${r.L.g.jit.stats.compiled}`);
    assert.equal(r.L.g.jit.stats.tooLarge, 0);
  }
  // hot: the loops bail for their metamethods until the chunk is compiled again with its slow paths inline
  assert.ok(hot.L.g.jit.stats.recompiled >= 1);
});

test('loops without calls become JS loops of their own; every loop shape runs as in the interpreter', () => {
  const code = `local s = 0
-- while with break and nested ifs
local i = 0
while true do
  i = i + 1
  if i % 3 == 0 then s = s + 1 elseif i % 5 == 0 then s = s + 2 else s = s - 1 end
  if i > 1000 then break end
end
-- repeat-until whose condition sees a body local
local j = 0
repeat local k = j * 2; j = j + 1; s = s + k until k > 500
-- numeric for with a float step, and a goto continue
for x = 1, 3, 0.25 do
  if x == 2 then goto continue end
  s = s + x
  ::continue::
end
-- and/or chains and comparisons of mixed types
local t = {1, 2.5, "3", 4}
for n = 1, 2000 do
  local v = t[n % 4 + 1]
  if type(v) == "number" and (v > 2 or v < 1.5) and not (v == 4) then s = s + v end
end
-- a loop made of gotos, with two jumps back to its start
local a, b = 0, 0
::top::
a = a + 1
if a < 50 then
  if a % 2 == 0 then goto top end
  b = b + a
  goto top
end
s = s + b
-- integer overflow and float results inside a JS loop
local big = math.maxinteger - 5
for q = 1, 10 do big = big + 1 end
local f = 0.0
for q = 1, 100 do f = f + 0.1 * q end
print(s, big, f, a, b)
-- an error inside a JS loop names the line
local ok, err = pcall(function()
  local u = { 1, 2, 3 }
  local acc = 0
  for r = 1, 5 do acc = acc + u[r] end
  return acc
end)
print(ok, err)
`;
  const L = newState({ compile: 'off' });
  const f = loadChunk(L, code, '=loops', 't');
  assert.ok(typeof f !== 'string');
  // the call-free loops are JS loops (the goto loop too: both its jumps go back to its start); the one calling type() is not
  const source = generate(f.p);
  const jsLoops = source.match(/L\d+: for \(;;\)/g) ?? [];
  assert.equal(jsLoops.length, 6, source);
  agree(code, '65710.0\t-9223372036854775804\t505.0\t50\t625\n'
    + "false\ttest:44: attempt to perform arithmetic on a nil value (field '?')\n");
});

test('math functions of one number are computed inline by compiled code, exactly as called', () => {
  const code = `local s = 0
local sqrt, sin = math.sqrt, math.sin
for i = 1, 2000 do
  s = s + sqrt(i) + sin(i * 0.5) + math.cos(i) + math.exp(-i / 100)
end
print(s, sqrt(4), math.type(sqrt(4)), sqrt(-1) ~= sqrt(-1), sqrt("9"), sqrt(2^60), sqrt(math.maxinteger))
print(pcall(sqrt, "x"), pcall(sqrt))
local t = {}
for i = 1, 300 do t[i] = sqrt(i % 2 == 0 and i or 1.5 * i) end
print(t[1], t[2], t[299], math.type(t[4]))
-- a hook sees the calls
local n = 0
debug.sethook(function() n = n + 1 end, "c")
for i = 1, 10 do local _ = sqrt(i) end
debug.sethook()
print(n)
`;
  agree(code, '59751.57181252\t2.0\tfloat\ttrue\t3.0\t1073741824.0\t3037000499.976\nfalse\tfalse\tbad argument #1 to \'math.sqrt\' (number expected, got no value)\n1.2247448713916\t1.4142135623731\t21.177818584547\tfloat\n11\n');
});

test('tail calls between compiled functions: long chains and deep mutual recursion keep the JS stack small', () => {
  agree(`
    local even, odd
    function even(n) if n == 0 then return true end return odd(n - 1) end
    function odd(n) if n == 0 then return false end return even(n - 1) end
    print(even(1000000), odd(77777))
    local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + n) end
    print(count(300000, 0))
    -- a tail call to a host function, and through __call
    local function tc(x) return tostring(x) end
    local callable = setmetatable({}, { __call = function(self, a) return a * 2 end })
    local function viaCall(a) return callable(a) end
    local s = 0
    for i = 1, 2000 do s = s + #tc(i) + viaCall(i) end
    print(s)
    -- errors raised after tail calls name the callee, as in the interpreter
    local function bad(x) return x.field end
    local function outer(x) return bad(x) end
    print(pcall(outer, nil))`,
  'true\ttrue\n45000150000\n4008893\nfalse\ttest:16: attempt to index a nil value (local \'x\')\n');
});

test('new Lua({ compile }) and its check', () => {
  for (const compile of [true, false, 'all'] as const) {
    const lua = new Lua({ compile });
    assert.equal(lua.run('local s = 0 for i = 1, 100000 do s = s + i end return s'), 5000050000);
    lua.close();
  }
  assert.throws(() => new Lua({ compile: 'yes' as never }), /compile.*must be true, false or 'all'/);
});

test('every opcode has an emitter: the generated source of a large function mentions no interpreter fallback', () => {
  const L = newState({ compile: 'off' });
  const f = loadChunk(L, `
    local a, b, c = 1, 2.5, "s"
    local t = {1, 2, 3, x = 1, [a] = b}
    t.y = a + b - c * 2 / 1 // 1 % 3 ^ 2 & 1 | 2 ~ 3 << 1 >> 1
    local u = -a, ~a, not a, #t, a .. c
    for i = 1, 2 do end
    for k, v in pairs(t) do end
    local function g(...) local x <close> = nil return ... end
    while a < 10 and a <= 11 and a == 1 and a ~= 2 do a = a + 1 end
    repeat a = a - 1 until a > 0 or a >= 1
    return g(a, select('#', ...))`, '=all', 't');
  assert.ok(typeof f !== 'string');
  const check = (p: typeof f.p): void => {
    for (const inlineSlow of [false, true]) assert.doesNotMatch(generate(p, inlineSlow), /no emitter/);
    p.p.forEach(check);
  };
  check(f.p);
});

test('errors in compiled code: messages, positions and tracebacks as the interpreter gives them', () => {
  agree(`
    local function f(t) return t.x.y end
    local function g(a, b) return a + b end
    local function h(s) return #s end
    local function k(x) return x < 1 end
    for _, fn in ipairs({
      function() return f({}) end, function() return g(1, {}) end, function() return h(5) end,
      function() return k({}) end, function() return undefinedglobal.field end,
      function() local a = "x" .. {} end, function() return 1 // 0 end,
      function() for i = 1, 10, 0 do end end, function() error("boom", 2) end,
    }) do
      print(pcall(fn))
    end
    print(select(2, xpcall(f, debug.traceback, {})))`,
  // lua5.4.6's output (its traceback ends in "[C]: in ?", the lua command's own frame)
  `false\ttest:2: attempt to index a nil value (field 'x')
false\ttest:3: attempt to perform arithmetic on a table value (local 'b')
false\ttest:4: attempt to get length of a number value (local 's')
false\ttest:5: attempt to compare table with number
false\ttest:8: attempt to index a nil value (global 'undefinedglobal')
false\ttest:9: attempt to concatenate a table value
false\ttest:9: attempt to divide by zero
false\ttest:10: 'for' step is zero
false\tboom
test:2: attempt to index a nil value (field 'x')
stack traceback:
\ttest:2: in function <test:2>
\t[C]: in function 'xpcall'
\ttest:14: in main chunk
`);
});

test('a hook set inside a compiled function takes effect at its next instruction', () => {
  agree(`
    local lines = {}
    local function f()
      local x = 1
      debug.sethook(function(_, l) lines[#lines + 1] = l end, "l")
      x = x + 1
      x = x + 2
      debug.sethook()
      return x
    end
    print(f(), table.concat(lines, " "))`, '4\t6 7 8\n');
});

test('a hook set by a function a compiled function called takes effect when it returns', () => {
  agree(`
    local lines = {}
    local function seth() debug.sethook(function(_, l) lines[#lines + 1] = l end, "l") end
    local function f()
      local x = 1
      seth()
      x = x + 1
      x = x + 2
      debug.sethook()
      return x
    end
    print(f(), table.concat(lines, " "))`, '4\t7 8 9\n');
});

test('count hooks count the instructions of compiled functions exactly', () => {
  agree(`
    local n = 0
    local function work() local s = 0 for i = 1, 1000 do s = s + i end return s end
    debug.sethook(function() n = n + 1 end, "", 1)
    work()
    debug.sethook()
    print(n)`);
});

test('debug.getlocal and setlocal see and change the registers of a compiled frame', () => {
  agree(`
    local function peek()
      local out = {}
      for i = 1, 3 do local name, v = debug.getlocal(2, i); out[#out + 1] = name .. "=" .. tostring(v) end
      debug.setlocal(2, 2, 100)
      return table.concat(out, " ")
    end
    local function f(a)
      local b, c = a * 2, a + 0.5
      local seen = peek()
      return seen, b + c
    end
    print(f(3))`, 'a=3 b=6 c=3.5\t103.5\n');
});

test('yields from inside compiled functions: calls, metamethods, iterators, pcall, close', () => {
  agree(`
    local mt = { __index = function(t, k) return coroutine.yield(k) end,
                 __add = function(a, b) return coroutine.yield("add") end,
                 __lt = function(a, b) return coroutine.yield("lt") end }
    local function body()
      local o = setmetatable({}, mt)
      local x = o.field
      local y = o + 1
      local z = o < o
      local ok, w = pcall(function() return coroutine.yield("in pcall") end)
      local s = 0
      for v in function(_, c) c = (c or 0) + 1; if c <= 2 then coroutine.yield("iter") return c end end do s = s + v end
      do local c <close> = setmetatable({}, { __close = function() coroutine.yield("close") end }) end
      return x, y, z, ok, w, s
    end
    local co = coroutine.wrap(body)
    local v = co()
    local answers = { field = "F", add = 42, lt = true, ["in pcall"] = "P" }
    while true do
      print(v)
      local nv = table.pack(co(answers[v]))
      if nv.n > 1 then print(table.unpack(nv, 1, nv.n)) break end
      v = nv[1]
    end`,
  'field\nadd\nlt\nin pcall\niter\niter\nclose\nF\t42\ttrue\ttrue\tP\t3\n');
});

test('the instruction limit counts compiled code exactly as interpreted code', () => {
  const code = `
    local function f(n) local s = 0 for i = 1, n do s = s + i % 7 end return s end
    local t = 0
    while true do t = t + f(100) end`;
  const used = MODES.map((m) => {
    const r = run(code, m, { instructions: 200_000 });
    assert.match(String(r.error), /instruction limit/, `mode ${m}`);
    return r.L.g.budget.executed;
  });
  assert.equal(used[1], used[0]);
  assert.equal(used[2], used[0]);
});

test('limits and an interrupt stop a compiled loop', async () => {
  for (const compile of [true, 'all'] as const) {
    const lua = new Lua({ compile });
    assert.throws(() => lua.run('local x = 0 while true do x = x + 1 end', { limits: { instructions: 1_000_000 } }), (e: unknown) => e instanceof LuaLimitError && e.limit === 'instructions');
    assert.throws(() => lua.run('local t = {} for i = 1, 1e9 do t[i] = i end', { limits: { memory: 4 << 20 } }),
      (e: unknown) => e instanceof LuaLimitError && e.limit === 'memory');
    assert.throws(() => lua.run('local x = 0 while true do x = x + 1 end', { limits: { time: 50 } }),
      (e: unknown) => e instanceof LuaLimitError && e.limit === 'time');
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const stopper = new Lua({ compile, interruptFlag: flag });
    stopper.set('stop', () => { Atomics.store(flag, 0, 1); });
    assert.throws(() => stopper.run('local x = 0 while true do x = x + 1 if x == 50000 then stop() end end'),
      (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
    Atomics.store(flag, 0, 0);
    assert.equal(stopper.run('return 1 + 1'), 2);
    stopper.close();
    assert.equal(lua.run('return 1 + 1'), 2);
    lua.close();
  }
});

test('a memory-limited state does not compile what would not fit', () => {
  const r = run('local function f(x) return x end for i = 1, 300 do f(i) end', 'all');
  assert.equal(r.L.g.jit.stats.refused, 0);
  const L = newState({ compile: 'all' });
  openLibs(L);
  L.g.heap.setLimit(L.g.heap.total + 1024);
  const f = loadChunk(L, 'local s = 0 for i = 1, 10 do s = s + i end return s', '=t', 't');
  assert.ok(typeof f !== 'string');
  L.stack[L.top++] = f;
  assert.equal(pcall(L, L.top - 1, 1, 0), 0);
  assert.equal(L.g.jit.stats.refused, 1);
  assert.equal(L.g.jit.stats.compiled, 0);
});

test('the profiler sees compiled functions as it sees interpreted ones', () => {
  const counts = MODES.map((m) => {
    const lua = new Lua({ compile: m === 'off' ? false : m === 'all' ? 'all' : true });
    const { report } = lua.profile(() => lua.run(`
      local function leaf(x) return x * 2 end
      local function mid(n) local s = 0 for i = 1, n do s = s + leaf(i) end return s end
      for i = 1, 200 do mid(10) end`));
    lua.close();
    const byName = new Map(report.functions.map((f) => [f.name, f.calls]));
    return [byName.get('leaf'), byName.get('mid')];
  });
  assert.deepEqual(counts[0], [2000, 200]);
  assert.deepEqual(counts[1], counts[0]);
  assert.deepEqual(counts[2], counts[0]);
});
