/**
 * The stackless interpreter's guarantees: proper tail calls run in constant
 * stack, deep recursion is a Lua "stack overflow" error (never a JS
 * RangeError), host re-entry is bounded by LUAI_MAXCCALLS ("C stack
 * overflow"), and the state keeps working after every overflow.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createState, runString } from './run-string.js';
import { LuaError } from '../../src/index.js';

test('a tail-call loop of 10^7 iterations runs in constant stack', () => {
  const L = createState();
  const [r] = runString(L, `
    local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
    return loop(10000000, 0)`);
  assert.equal(r, 10000000);
  assert.ok(L.stack.length < 1000, `stack grew to ${L.stack.length} slots`);
});

test('deep Lua recursion ends in the Lua error "stack overflow"', () => {
  const L = createState();
  const [ok, msg] = runString(L, 'local function f() return 1 + f() end return pcall(f)');
  assert.equal(ok, false);
  assert.match(String(msg), /^\[string ".*"\]:1: stack overflow$/);
  // the state is fully usable afterwards, including deep (but legal) recursion
  const [n] = runString(L, 'local function g(n) if n == 0 then return 0 end return 1 + g(n - 1) end return g(100000)');
  assert.equal(n, 100000);
});

test('an uncaught stack overflow reaches the host as a LuaError', () => {
  const L = createState();
  assert.throws(() => runString(L, 'local function f() return 1 + f() end f()', '=deep'), (e: unknown) => {
    assert.ok(e instanceof LuaError);
    assert.equal(e.luaMessage, 'deep:1: stack overflow');
    return true;
  });
  assert.deepEqual(runString(L, 'return 1 + 1'), [2]);
});

const reentry: Array<[string, string]> = [
  ['__index functions calling each other', `
    local t = setmetatable({}, {__index = function(t, k) return t[k] end})
    return pcall(function() return t.x end)`],
  ['nested pcall', `
    local last
    local function g() local ok, e = pcall(g) if not ok and last == nil then last = e end end
    g()
    return false, last`],
  ['__tostring recursion', `
    local t = setmetatable({}, {}) getmetatable(t).__tostring = function(x) return tostring(x) end
    return pcall(tostring, t)`],
  ['gsub callbacks', `
    local function f(s) return (s:gsub(".", f)) end
    return pcall(f, "x")`],
  ['table.sort comparators', `
    local function cmp(a, b) table.sort({3, 2, 1}, cmp) return a < b end
    return pcall(table.sort, {3, 2, 1}, cmp)`],
  ['coroutine.wrap nesting', `
    local function w() return coroutine.wrap(w)() end
    return pcall(w)`],
];

for (const [name, code] of reentry) {
  test(`host re-entry through ${name} ends in a catchable Lua error`, () => {
    const L = createState();
    const [ok, msg] = runString(L, code);
    assert.equal(ok, false);
    assert.match(String(msg), /stack overflow/);
    assert.deepEqual(runString(L, 'return "still alive"'), ['still alive']);
  });
}

test('deeply nested source is a syntax-level error, not a RangeError', () => {
  const L = createState();
  const src = 'return ' + '('.repeat(100000) + '1' + ')'.repeat(100000);
  const [f, msg] = runString(L, `return load(${JSON.stringify(src)})`);
  assert.equal(f, undefined);
  assert.equal(msg, 'C stack overflow');
});

test('strings past what the host can hold are the Lua error "not enough memory"', () => {
  const L = createState();
  const [ok, msg] = runString(L, 'return pcall(function() local s = "x" for i = 1, 40 do s = s .. s end return #s end)');
  assert.equal(ok, false);
  assert.equal(msg, 'not enough memory');
  assert.deepEqual(runString(L, 'return #("ab"):rep(3)'), [6]);
});
