/**
 * The ways a script can recurse without bound, shared by the overflow tests
 * (overflow.test.ts) and the shallow-JS-stack child (overflow-shallow.ts).
 */
import assert from 'node:assert/strict';
import { createState, runString, type CreateOptions } from './run-string.js';
import { HostFunction } from '../../src/vm/function.js';
import type { LuaValue } from '../../src/value/value.js';
import { callValue } from '../../src/vm/call.js';
import { globals } from '../../src/vm/create.js';
import type { LuaState } from '../../src/vm/state.js';

export interface Path {
  name: string;
  /** Lua statements that overflow when run (the body of `trigger`, defined on line 1). */
  body: string;
  wording: RegExp;
  /**
   * Whether the message names the coroutine running `trigger` (false where
   * it names another one, e.g. a nested wrap) or any coroutine at all
   * ('none': memory errors are not overflows).
   */
  names?: 'self' | 'other' | 'none';
}

const SO = /stack overflow/;
const CSO = /C stack overflow/;
/** Lua code that loads `prefix open^n middle close^n` (built in Lua) and raises load's error. */
const loadNested = (prefix: string, open: string, middle: string, close: string, n: number): string =>
  `assert(load("${prefix}" .. ("${open}"):rep(${n}) .. "${middle}" .. ("${close}"):rep(${n})))`;

export const paths: Path[] = [
  { name: 'Lua recursion', body: 'local function f() return 1 + f() end return f()', wording: /overflow:1: stack overflow/ },
  { name: '__index functions', body: `local a, b = {}, {}
    setmetatable(a, {__index = function(_, k) return b[k] end})
    setmetatable(b, {__index = function(_, k) return a[k] end})
    return a.x`, wording: CSO },
  { name: 'pcall nesting', body: 'local function g() local ok, e = pcall(g) if not ok then error(e, 0) end end g()', wording: CSO },
  { name: 'coroutine.wrap nesting', body: 'local function w() return coroutine.wrap(w)() end return w()', wording: CSO, names: 'other' },
  { name: 'tostring/__tostring', body: `local t = setmetatable({}, {})
    getmetatable(t).__tostring = function(x) return tostring(x) end
    return tostring(t)`, wording: CSO },
  { name: 'string.gsub callbacks', body: 'local function f(s) return (s:gsub(".", f)) end return f("x")', wording: CSO },
  { name: 'table.sort comparators', body: 'local function cmp(a, b) table.sort({3, 2, 1}, cmp) return a < b end table.sort({3, 2, 1}, cmp)', wording: CSO },
  { name: 'load of nested parentheses', body: loadNested('return ', '(', '1', ')', 100000), wording: CSO },
  { name: 'load of nested tables', body: loadNested('return ', '{', '', '}', 100000), wording: CSO },
  { name: 'load of nested functions', body: loadNested('', 'function f() ', '', 'end ', 10000), wording: CSO },
  { name: 'load of nested if blocks', body: loadNested('', 'if x then ', '', 'end ', 10000), wording: CSO },
  { name: 'load of nested while blocks', body: loadNested('', 'while x do ', '', 'end ', 10000), wording: CSO },
  { name: 'load of a long unary chain', body: loadNested('return ', '- ', '1', '', 1000000), wording: CSO },
  { name: 'load of a long right-associative chain', body: loadNested('return ', 'a .. ', '1', '', 1000000), wording: CSO },
  { name: 'a host function calling back into Lua', body: 'local function f() return callback(f) end return f()', wording: CSO },
  { name: 'a host function recursing in JS', body: 'return jsrecurse()', wording: /stack overflow/ },
  { name: '__call recursion', body: 'local t = setmetatable({}, {__call = function(self) return 1 + self() end}) return t()', wording: SO },
  { name: 'a looping __call chain', body: 'local t = setmetatable({}, {}) getmetatable(t).__call = t return t()', wording: /overflow:1: stack overflow/ },
  { name: '__concat', body: 'local t = setmetatable({}, {__concat = function(a, b) return a .. b end}) return t .. "x"', wording: CSO },
  { name: '__eq', body: `local mt = {__eq = function(a, b) return a == b end}
    return setmetatable({}, mt) == setmetatable({}, mt)`, wording: CSO },
  { name: '__lt', body: `local mt = {__lt = function(a, b) return a < b end}
    return setmetatable({}, mt) < setmetatable({}, mt)`, wording: CSO },
  { name: '__le', body: `local mt = {__le = function(a, b) return a <= b end}
    return setmetatable({}, mt) <= setmetatable({}, mt)`, wording: CSO },
  { name: 'an xpcall message handler that overflows', body: `local ok, e = xpcall(error, function() local function f() return 1 + f() end return f() end)
    error(e, 0)`, wording: /error in error handling/ },
  { name: 'string.rep of a huge result', body: 'return #string.rep("x", 2^30)', wording: /not enough memory/, names: 'none' },
  { name: 'string.format of a huge result', body: 'local s = string.rep("x", 2^28) return #string.format("%s%s%s", s, s, s)', wording: /not enough memory/, names: 'none' },
];

/** A host function that calls its first argument (lua_call without a continuation). */
const callback = new HostFunction((L, base) => {
  callValue(L, base, -1);
  return L.top - base;
}, 'callback');

/** A host function with a JS bug: unbounded JS recursion. */
const jsrecurse = new HostFunction(() => {
  const down = (n: number): number => down(n + 1) + 1;
  return down(0);
}, 'jsrecurse');

export function newLuaState(options: CreateOptions = {}): LuaState {
  const L = createState(options);
  globals(L).setStr('callback', callback);
  globals(L).setStr('jsrecurse', jsrecurse);
  return L;
}

export const run = (L: LuaState, code: string): LuaValue[] => runString(L, code, '=overflow');
export const trigger = (p: Path): string => `local function trigger() ${p.body} end\n`;

/** The state works normally: calls, deep recursion within the limit, coroutines, errors, strings. */
export function assertUsable(L: LuaState, depth = 100000): void {
  const top = L.top;
  const r = run(L, `
    local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
    local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
    local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
    local t = {} for i = 1, 100 do t[i] = i end
    local ok, e = pcall(error, "x")
    return fib(20), depth(${depth}), gen() + gen() + gen(), select("#", table.unpack(t)), ok, e, ("ab"):rep(3)`);
  assert.deepEqual(r, [6765, depth, 6, 100, false, 'x', 'ababab']);
  assert.equal(L.top, top, 'stack top restored');
  assert.equal(L.ci, L.baseCi, 'no frame left behind');
  assert.equal(L.nCcalls, 0);
  assert.equal(L.stackLimit, L.stackSize, 'overflow allowance given back');
}

export function addressOf(thread: LuaValue): string {
  return String(thread).replace(/^thread: /, '');
}

