/**
 * dump/undump round trips: the loaded prototype tree equals the compiled one
 * field by field (and without debug info when stripped), passes the
 * verifier, and runs the same.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dump } from '../../src/bytecode/dump.js';
import { dumpFunction, dumpLuac } from '../../src/bytecode/luac.js';
import { undump } from '../../src/bytecode/undump.js';
import { compile } from '../../src/frontend/compile.js';
import { LuaSyntaxError } from '../../src/frontend/syntax-error.js';
import { openLibs } from '../../src/lib/init.js';
import { pcall } from '../../src/vm/call.js';
import { HostFunction } from '../../src/vm/function.js';
import { globals, loadChunk, newState } from '../../src/vm/create.js';
import { LuaFloat } from '../../src/value/value.js';
import { LuaTable } from '../../src/vm/table.js';
import { corpusFiles, protoDiff, runWithLibs, SNIPPETS, tryCompile } from './helpers.js';

test('snippets: round trip equal, stripped equal without debug info, same output', () => {
  for (const [i, src] of SNIPPETS.entries()) {
    const p = compile(src, `=snippet${i}`);
    for (const strip of [false, true]) {
      const q = undump(dump(p, strip), '=x');
      assert.deepEqual(protoDiff(p, q, strip), [], `snippet ${i} strip=${strip}`);
    }
    assert.equal(runWithLibs(undump(dump(p, false), '=x')), runWithLibs(p), `snippet ${i} output`);
  }
});

test('corpus: every compiling script round-trips and passes verification', () => {
  let n = 0;
  for (const [name, src] of corpusFiles()) {
    const p = tryCompile(src, `@${name}`);
    if (p === undefined) continue;
    for (const strip of [false, true]) {
      const q = undump(dump(p, strip), `@${name}`);
      assert.deepEqual(protoDiff(p, q, strip), [], `${name} strip=${strip}`);
    }
    n++;
  }
  assert.ok(n > 50, `corpus too small (${n})`);
});

test('constants keep their subtypes, in both formats', () => {
  const p = compile('return 1000000000, 1e15, 1e999, 2^63, 9007199254740993, -9223372036854775807 - 1, "\\0\\255"', '=k');
  // the compiler never folds -0.0 or NaN into a constant (nor 1/0): put them in by hand
  p.k.push(new LuaFloat(-0), NaN, -Infinity);
  for (const [format, write] of [['moonbox', dump], ['reference', dumpLuac]] as const) {
    const q = undump(write(p, true), '=k');
    const has = (what: string, pred: (v: unknown) => boolean): void => assert.ok(q.k.some(pred), `${format}: ${what}`);
    has('an integer', (v) => v === 1000000000);
    has('an integral float', (v) => v instanceof LuaFloat && v.n === 1e15);
    has('inf', (v) => v === Infinity || (v instanceof LuaFloat && v.n === Infinity));
    has('-inf', (v) => v === -Infinity || (v instanceof LuaFloat && v.n === -Infinity));
    has('-0.0', (v) => v instanceof LuaFloat && Object.is(v.n, -0));
    has('nan', (v) => typeof v === 'number' && Number.isNaN(v));
    has('2^63 as a float', (v) => v instanceof LuaFloat && Object.is(v.n, 2 ** 63));
    has('2^53 + 1 as an exact integer', (v) => v === 9007199254740993n);
    has('a binary string', (v) => v === '\0\xff');
    assert.equal(q.k.length, p.k.length, `${format}: constant count`);
    assert.equal(runWithLibs(q), runWithLibs(p), `${format}: output`);
  }
});

test('stripped chunks lose names and lines', () => {
  const p = compile('local x = nil; x()', '=s');
  assert.match(runWithLibs(undump(dump(p, true), '=s')), /attempt to call a nil value\n$/);
  assert.match(runWithLibs(undump(dump(p, false), '=s')), /^error: s:1: attempt to call a nil value \(local 'x'\)/);
});

// The reference's luaG_runerror adds "?:-1:" for Lua frames without line info.
test('stripped runtime errors say "?:-1:" like the reference', () => {
  const p = compile('local x = nil; x()', '=s');
  assert.match(runWithLibs(undump(dump(p, true), '=s')), /^error: \?:-1: attempt to call a nil value/);
});

test('dumpFunction: Lua closures only', () => {
  assert.equal(dumpFunction(new HostFunction(() => 0, 'h'), false), undefined);
  assert.equal(dumpFunction(42, false), undefined);
  const L = newState();
  const cl = loadChunk(L, 'return 1', '=c', 'bt');
  assert.ok(typeof cl !== 'string');
  assert.equal(dumpFunction(cl, false), dumpLuac(cl.p, false)); // string.dump writes the reference's format
});

test('load of a binary chunk end to end (mode check, globals, errors)', () => {
  let out = '';
  const L = newState({ stdout: (s) => { out += s; } });
  openLibs(L);
  const src = 'local a = ... ; print("hi", a, type(print)); return a';
  const chunk = dump(compile(src, '=orig'), false);
  assert.equal(loadChunk(L, chunk, '=b', 't'), "attempt to load a binary chunk (mode is 't')");
  const cl = loadChunk(L, chunk, '=b', 'b');
  assert.ok(typeof cl !== 'string');
  assert.equal(cl.upvals[0].get(), globals(L));
  const func = L.top;
  L.stack[L.top++] = cl;
  L.stack[L.top++] = 7;
  assert.equal(pcall(L, func, 1, 0), 0);
  assert.equal(L.stack[L.top - 1], 7);
  assert.equal(out, 'hi\t7\tfunction\n');
  assert.equal(loadChunk(L, chunk.slice(0, 20), '=b', 'bt'), 'b: bad binary format (truncated chunk)');
  assert.equal(loadChunk(L, '\x1babc', '=b', 'bt'), 'b: bad binary format (not a binary chunk)');
  assert.equal(loadChunk(L, '\x1babc', '\x1babc', 'bt'), 'binary string: bad binary format (not a binary chunk)');
});

test('header mismatches are named like the reference', () => {
  const chunk = dump(compile('return 1', '=h'), false);
  const at = (i: number, b: number): string => chunk.slice(0, i) + String.fromCharCode(b) + chunk.slice(i + 1);
  const msg = (s: string): string => {
    try {
      undump(s, '@h.lua');
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof LuaSyntaxError);
      return e.luaMessage;
    }
  };
  assert.equal(msg(at(4, 0x53)), 'h.lua: bad binary format (version mismatch)');
  assert.equal(msg(at(5, 7)), 'h.lua: bad binary format (format mismatch)');
  // format 0 is the reference's: what follows must be its header
  assert.equal(msg(at(5, 0)), 'h.lua: bad binary format (corrupted chunk)');
  assert.equal(msg(at(7, 0x0a)), 'h.lua: bad binary format (corrupted chunk)');
  assert.equal(msg(at(11, 8)), 'h.lua: bad binary format (Instruction size mismatch)');
  assert.equal(msg(at(19, 0x12)), 'h.lua: bad binary format (integer format mismatch)');
  // a reference (PUC-Rio) chunk, official format byte 0, cut after its sizes
  assert.equal(msg('\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08'), 'h.lua: bad binary format (truncated chunk)');
});

test('string.dump output loads back and runs', () => {
  let out = '';
  const L = newState({ stdout: (s) => { out += s; } });
  openLibs(L);
  const str = globals(L).getStr('string');
  assert.ok(str instanceof LuaTable && str.getStr('dump') !== undefined, 'string.dump exists');
  const cl = loadChunk(L, [
    'local function f(a, b) return a * b + 1 end',
    'local g = load(string.dump(f)); print(g(6, 7))',
    'local h = load(string.dump(f, true)); print(h(2, 3))',
    'print(pcall(load(string.dump(function() local x = nil; x() end, true))))',
    'print(pcall(string.dump, print))',
  ].join('\n'), '=sd', 't');
  assert.ok(typeof cl !== 'string');
  const func = L.top;
  L.stack[L.top++] = cl;
  assert.equal(pcall(L, func, 0, 0), 0, String(L.stack[L.top - 1]));
  assert.equal(out, "43\n7\nfalse\t?:-1: attempt to call a nil value\nfalse\tunable to dump given function\n");
});
