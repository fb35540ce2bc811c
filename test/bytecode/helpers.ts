/**
 * Shared helpers for the binary chunk tests: a snippet corpus, structural
 * comparison of prototypes, and running a prototype in a fresh state.
 */

import { LimitAbort, startRun } from '../../src/vm/budget.js';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Proto } from '../../src/bytecode/proto.js';
import { compile } from '../../src/frontend/compile.js';
import { openLibs } from '../../src/lib/init.js';
import { callValue } from '../../src/vm/call.js';
import { LuaThrow } from '../../src/vm/exceptions.js';
import { HostFunction, LuaClosure } from '../../src/vm/function.js';
import { closedUpval, globals, newState } from '../../src/vm/create.js';
import { pcall } from '../../src/vm/call.js';
import { LuaTable } from '../../src/vm/table.js';
import { LuaFloat, type LuaValue } from '../../src/value/value.js';

/** Snippets exercising every constant kind and most instructions. */
export const SNIPPETS: readonly string[] = [
  'print(1, 2.5, -0.0, 1/0, -1/0, 0/0 ~= 0/0, 2^53, 2^63, math.maxinteger, math.mininteger, 9007199254740993)',
  'local x = 0x7fffffffffffffff; print(x, x + 1, -9223372036854775807 - 1, 3.0, 1e300, -1e-300)',
  'print("a\\0b\\255\\1\\127", #"\\0\\0\\0", "é", nil, true, false)',
  'local t = {1, 2, 3, x = "y", [10] = 4.0}; print(#t, t.x, t[10], t[1] + t[3])',
  'local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end print(fib(15))',
  'local s = 0; for i = 1, 100 do s = s + i end; for i = 10, 1, -2.5 do s = s + i end print(s)',
  'local t = {}; for i = 1, 300 do t[i] = i * 2 end; local s = 0; for _, v in ipairs(t) do s = s + v end print(s, #t)',
  'local function f(...) local a, b = ... return select("#", ...), a, b, ... end print(f(1, nil, 3))',
  'local function g(a, ...) return ... end print(g(1, 2, 3), (g(1, 2, 3)))',
  'local up = 1; local function inc() up = up + 1; return up end; inc(); print(inc(), up)',
  'local fs = {}; for i = 1, 3 do fs[i] = function() return i end end print(fs[1](), fs[2](), fs[3]())',
  'local a <const> = 10; local b <close> = nil; print(a * 2)',
  'do local mt = {__close = function() print("closed") end}; local x <close> = setmetatable({}, mt) end print("after")',
  'local i = 0; ::top:: i = i + 1; if i < 5 then goto top end print(i)',
  'local x = 5; while x > 0 do x = x - 2 end repeat x = x + 1 until x >= 3 print(x)',
  'print(7 // 2, 7 % 3, 7.5 // 2, 2^10, 5 & 3, 5 | 3, 5 ~ 3, ~5, 1 << 4, 256 >> 4, -7 // 2, 3 - 1.5)',
  'print(1 < 2, 1 <= 1, "a" < "b", 1 == 1.0, 2 > 1, 3 >= 4, not nil, 1 ~= 2)',
  'local a, b = 3, "4"; print(a .. b, a .. 1 .. b .. 2.0)',
  'local t = setmetatable({}, {__index = function(_, k) return k .. "!" end}); print(t.hello, t[1])',
  'local o = {n = 0}; function o:add(k) self.n = self.n + k; return self end; print(o:add(2):add(3).n)',
  'print(pcall(function() local x; return x.y end))',
  'print(pcall(error, {}), select(2, pcall(error, "msg", 0)))',
  'local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end); print(co(1), co(10))',
  'local x = 1 > 2 and "a" or "b"; local y = nil or false; print(x, y, 1 and nil)',
  'local t = {f = function(...) return select("#", ...) end}; print(t.f(1, 2, 3), t.f(table.unpack({1, 2})))',
  'local big = {}; for i = 1, 600 do big[#big + 1] = i end; print(#big, big[600])',
  'local t = {' + Array.from({ length: 300 }, (_, i) => `k${i} = ${i}`).join(', ') + '}; print(t.k0, t.k299)',
  'local v = 0; ' + Array.from({ length: 300 }, (_, i) => `v = v + ${i + 0.5}`).join('; ') + '; print(v)',
  'local function deep() return function() return function() return function() return 42 end end end end print(deep()()()())',
  'for k, v in pairs({10, 20}) do print(k, v) end',
  'local x = 1; local function f() return function() x = x + 1; return x end end print(f()(), f()(), x)',
  'return 1, 2, 3',
  'local t = {...}; print(#t)',
  'local n = -(2^63); print(n, math.type(n), 2^63 == math.maxinteger + 1.0, -0.0 == 0)',
  'print(("x").rep ~= nil)',
];

/** The differential corpus' scripts (name, source) that compile. */
export function corpusFiles(): [string, string][] {
  const root = fileURLToPath(new URL('../../../test/lua/', import.meta.url));
  const out: [string, string][] = [];
  for (const area of readdirSync(root, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const f of readdirSync(root + area.name)) {
      if (!f.endsWith('.lua')) continue;
      out.push([`${area.name}/${f}`, readFileSync(`${root}${area.name}/${f}`, 'latin1')]);
    }
  }
  return out;
}

export function tryCompile(src: string, name: string): Proto | undefined {
  try {
    return compile(src, name);
  } catch {
    return undefined;
  }
}

/** Raw equality of constants, telling integers from floats and NaN from everything. */
export function sameConstant(a: LuaValue, b: LuaValue): boolean {
  if (a instanceof LuaFloat && b instanceof LuaFloat) return Object.is(a.n, b.n);
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  return a === b;
}

/**
 * Differences between two prototype trees, as paths ("p[1].k[3]"); empty
 * when equal. With `stripped`, `b` must be `a` without debug information.
 */
export function protoDiff(a: Proto, b: Proto, stripped: boolean, path = 'main'): string[] {
  const d: string[] = [];
  const eq = (what: string, x: unknown, y: unknown): void => { if (x !== y) d.push(`${path}.${what}: ${String(x)} vs ${String(y)}`); };
  eq('linedefined', a.linedefined, b.linedefined);
  eq('lastlinedefined', a.lastlinedefined, b.lastlinedefined);
  eq('numparams', a.numparams, b.numparams);
  eq('isVararg', a.isVararg, b.isVararg);
  eq('maxstacksize', a.maxstacksize, b.maxstacksize);
  eq('source', stripped ? undefined : a.source, b.source);
  eq('code.length', a.code.length, b.code.length);
  a.code.forEach((ins, i) => eq(`code[${i}]`, ins, b.code[i]));
  eq('k.length', a.k.length, b.k.length);
  a.k.forEach((v, i) => { if (!sameConstant(v, b.k[i])) d.push(`${path}.k[${i}]`); });
  eq('upvalues.length', a.upvalues.length, b.upvalues.length);
  a.upvalues.forEach((u, i) => {
    const v = b.upvalues[i];
    eq(`upvalues[${i}]`, `${stripped ? undefined : u.name}/${u.instack}/${u.idx}/${u.kind}`,
      v && `${v.name}/${v.instack}/${v.idx}/${v.kind}`);
  });
  const lines = stripped ? [] : [...a.lineinfo];
  eq('lineinfo', lines.join(','), [...b.lineinfo].join(','));
  const locs = (p: Proto): string => p.locvars.map((l) => `${l.varname}:${l.startpc}-${l.endpc}`).join(',');
  eq('locvars', stripped ? '' : locs(a), locs(b));
  eq('p.length', a.p.length, b.p.length);
  a.p.forEach((c, i) => { if (b.p[i]) d.push(...protoDiff(c, b.p[i], stripped, `${path}.p[${i}]`)); });
  return d;
}

/** A closure for `p` with fresh upvalues, the first being `env` (as load does). */
export function closureOf(p: Proto, env: LuaTable): LuaClosure {
  const cl = new LuaClosure(p, p.upvalues.length);
  for (let i = 0; i < p.upvalues.length; i++) cl.upvals[i] = closedUpval(env.heap, i === 0 ? env : undefined);
  return cl;
}

/** Run `p` with the standard libraries; returns what it printed and its error, if any. */
export function runWithLibs(p: Proto): string {
  let out = '';
  const L = newState({ stdout: (s) => { out += s; }, stderr: (s) => { out += s; } });
  openLibs(L);
  const func = L.top;
  L.stack[L.top++] = closureOf(p, globals(L));
  const st = pcall(L, func, -1, 0);
  if (st !== 0) out += `error: ${String(L.stack[L.top - 1])}\n`;
  else for (let i = func; i < L.top; i++) out += `ret ${String(L.stack[i])}\n`;
  return out;
}

/**
 * Run a (possibly forged) prototype in a bare environment where nothing can
 * loop in a host function, under an instruction budget and a memory limit
 * (a mutant may loop forever: the budget stops it). Returns normally for
 * success, a Lua error or a limit hit; rethrows anything else (the failure
 * the verifier must prevent).
 */
export function runBare(p: Proto): void {
  const L = newState({ stackLimit: 20000, stdout: () => {}, stderr: () => {} });
  startRun(L.g, { instructions: 20000 });
  L.g.heap.setLimit(16 * 2 ** 20);
  const env = globals(L);
  const sink = new HostFunction((_L, _base, nargs) => nargs & 1, 'sink');
  env.setStr('print', sink);
  env.setStr('f', sink);
  env.setStr('x', 1);
  env.setStr('s', 'str');
  env.setStr('t', new LuaTable(L.g.heap));
  const func = L.top;
  L.stack[L.top++] = closureOf(p, env);
  L.stack[L.top++] = 1;
  L.stack[L.top++] = 'a';
  try {
    callValue(L, func, -1);
  } catch (e) {
    if (e instanceof LimitAbort) return;
    if (!(e instanceof LuaThrow) || e.hostError !== undefined) throw e;
  }
}

/** Deterministic PRNG (xorshift32) so fuzz failures reproduce. */
export function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
