/**
 * Float registers (src/vm/floatregs.ts): the interpreter keeps the floats it
 * computes unboxed, marking the register with `null`. The marker must never
 * reach anything outside the register file: these tests look at every value
 * host code can see, at the raw stack slots a host function is given, and at
 * the results handed back to the host.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createState, runString } from './run-string.js';
import { HostFunction } from '../../src/vm/function.js';
import { LuaTable } from '../../src/vm/table.js';
import { LuaFloat, type LuaValue } from '../../src/value/value.js';

/** A host function that records the raw stack slots of its arguments. */
function recorder(seen: LuaValue[][]): HostFunction {
  return new HostFunction((L1, base, nargs) => {
    seen.push(L1.stack.slice(base, base + nargs));
    return 0;
  }, 'record');
}

test('host functions receive float registers as ordinary Lua floats', () => {
  const L = createState();
  const seen: LuaValue[][] = [];
  const rec = recorder(seen);
  const [globals] = runString(L, 'return _G') as [LuaTable];
  globals.setStr('record', rec);
  runString(L, `
    local a, b = 0.5, 1.5
    local x, y, z = a * b, a + a, -(a - a)
    record(x, y, z, x / 0, 2 * y)
    record(select(2, x, y, z))
    local function va(...) record(...) return ... end
    va(y * 3, x)
    local t = setmetatable({}, { __index = function(_, k) record(k) return k end })
    local _ = t[y * 2]
  `);
  for (const args of seen) {
    for (const v of args) assert.notEqual(v, null, `a float-register marker reached a host function: ${String(args)}`);
  }
  assert.deepEqual(seen[0].map((v) => (v instanceof LuaFloat ? `box ${v.n}` : v)), [0.75, 'box 1', 'box 0', Infinity, 'box 2']);
  assert.ok(Object.is((seen[0][2] as LuaFloat).n, -0), 'negative zero keeps its sign');
});

test('results returned to the host are ordinary values', () => {
  const L = createState();
  const results = runString(L, `
    local a = 0.25
    local function f() return a * 4, a * 2 end
    local x, y = f()
    return x, y, a * a, f()`);
  assert.deepEqual(results.map((v) => (v instanceof LuaFloat ? `box ${v.n}` : v)), ['box 1', 0.5, 0.0625, 'box 1', 0.5]);
  for (const v of L.stack.slice(0, L.top)) assert.notEqual(v, null);
});

test('pcall and coroutine results carry no markers', () => {
  const L = createState();
  const r = runString(L, `
    local a = 1.5
    local ok, v = pcall(function() return a * 2 end)
    local co = coroutine.wrap(function(p) local q = coroutine.yield(p * 2) return q / 2 end)
    return ok, v, co(a * 1), co(a + 0.5)`);
  assert.deepEqual(r.map((v) => (v instanceof LuaFloat ? `box ${v.n}` : v)), [true, 'box 3', 'box 3', 'box 1']);
});

test('float registers grow with the stack: deep frames do not make them sparse', () => {
  const L = createState();
  const [r] = runString(L, `
    local function deep(n) if n == 0 then return 0.5 * 3 end return (deep(n - 1)) end
    local s = 0.0
    for i = 1, 20 do s = s + deep(5000) end
    return s`);
  assert.equal(r instanceof LuaFloat ? r.n : r, 30);
  assert.ok(L.fstack.length >= 5000, `fstack has ${L.fstack.length} slots`);
});
