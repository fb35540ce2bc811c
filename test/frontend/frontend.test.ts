import test from 'node:test';
import assert from 'node:assert/strict';
import { compile, LuaSyntaxError } from '../../src/frontend/compile.js';
import { chunkid } from '../../src/frontend/chunkid.js';
import { disassemble } from '../../src/bytecode/disasm.js';
import { OPINFO, GET_OPCODE } from '../../src/bytecode/opcodes.js';
import { LuaFloat } from '../../src/value/value.js';
import type { Proto } from '../../src/bytecode/proto.js';
import { SYNTAX_CASES } from './syntax_cases.js';
import { LISTINGS } from './listing_cases.js';

function errorOf(src: string, chunkname = '=input'): string {
  try {
    compile(src, chunkname);
    return 'OK';
  } catch (e) {
    if (e instanceof LuaSyntaxError) return e.luaMessage;
    throw e;
  }
}

const ops = (p: Proto): string[] => Array.from(p.code, (i) => OPINFO[GET_OPCODE(i)]?.name ?? '?');

test('syntax errors are worded exactly like lua5.4', () => {
  for (const [src, expected] of SYNTAX_CASES) {
    assert.equal(errorOf(src), expected, `source: ${JSON.stringify(src)}`);
  }
});

test('listings match luac5.4 (without MMBIN)', () => {
  for (const [src, expected] of LISTINGS) {
    assert.equal(disassemble(compile(src, '=x')), expected, `source: ${JSON.stringify(src)}`);
  }
});

test('chunkid', () => {
  assert.equal(chunkid('=stdin'), 'stdin');
  assert.equal(chunkid('@file.lua'), 'file.lua');
  assert.equal(chunkid('x = 1'), '[string "x = 1"]');
  assert.equal(chunkid('x = 1\ny = 2'), '[string "x = 1..."]');
  assert.equal(chunkid('a'.repeat(44)), `[string "${'a'.repeat(44)}"]`);
  assert.equal(chunkid('a'.repeat(45)), `[string "${'a'.repeat(45)}..."]`);
  assert.equal(chunkid('@' + 'a'.repeat(58) + 'bcd'), '...' + 'a'.repeat(53) + 'bcd');
  assert.equal(chunkid('=' + 'b'.repeat(70)), 'b'.repeat(59));
  assert.equal(errorOf('x = = 1', 'x = = 1'), '[string "x = = 1"]:1: unexpected symbol near \'=\'');
});

test('deep nesting gives the reference error, never a JS RangeError', () => {
  const rep = (s: string, n: number): string => s.repeat(n);
  const overflow = [
    rep('(', 100000) + '1' + rep(')', 100000),
    'return ' + rep('not ', 100000) + 'a',
    'x = ' + rep('{', 100000),
    'x = a' + rep('..a', 300),
    'x = ' + rep('function() return ', 300) + '1' + rep(' end', 300),
    rep('do ', 100000) + rep('end ', 100000),
    rep('a,', 300) + 'a = 1',
  ];
  for (const src of overflow) assert.equal(errorOf(src), 'C stack overflow');
  // flat chains do not nest
  for (const src of ['x = a' + rep('.b', 100000), 'x = 1' + rep('+1', 100000), 'x = a' + rep(' or a', 100000),
    'x = a' + rep(' and a', 100000), 'x = f' + rep('()', 100000), 'local t = {' + rep('1,', 100000) + '}']) {
    assert.equal(errorOf(src), 'OK');
  }
  // the thresholds of `lua5.4 script.lua` calling load
  assert.equal(errorOf('return ' + rep('(', 195) + '1' + rep(')', 195)), 'OK');
  assert.equal(errorOf('return ' + rep('(', 196) + '1' + rep(')', 196)), 'C stack overflow');
  assert.equal(errorOf(rep('do ', 197) + rep('end ', 197)), 'OK');
  assert.equal(errorOf(rep('do ', 198) + rep('end ', 198)), 'C stack overflow');
});

test('limits', () => {
  assert.equal(errorOf(rep2('local a; ', 201)),
    "input:1: too many local variables (limit is 200) in main function near ';'");
  assert.equal(errorOf('local function f()\n' + rep2('local a; ', 201) + '\nend'),
    "input:2: too many local variables (limit is 200) in function at line 1 near ';'");
  // 255 upvalues are fine (254 variables + _ENV), 256 are not
  const chunk = (n: number): string => {
    const d1: string[] = [], d2: string[] = [], u: string[] = [];
    for (let i = 0; i < 150; i++) {
      d1.push(`local v${i} = ${i}`);
      d2.push(`local w${i} = ${i}`);
    }
    for (let i = 0; i < n; i++) u.push(i < 150 ? `x = v${i}` : `x = w${i - 150}`);
    return `local function outer()\n${d1.join('\n')}\nreturn function()\n${d2.join('\n')}\n` +
      `return function() ${u.join(' ')} end end end`;
  };
  assert.equal(errorOf(chunk(254)), 'OK');
  assert.equal(errorOf(chunk(255)), "input:303: too many upvalues (limit is 255) in function at line 303 near 'end'");
  assert.equal(errorOf('return ' + Array.from({ length: 300 }, () => '{}').join(', ')),
    "input:1: function or expression needs too many registers near '{'");
});

function rep2(s: string, n: number): string {
  return s.repeat(n);
}

test('string escapes and numerals', () => {
  const k = (src: string): unknown[] => compile(src, '=x').k;
  assert.deepEqual(k('x = "\\a\\b\\f\\n\\r\\t\\v\\\\\\"\\\'\\65\\x41\\z   \n  B"'), ['x', '\x07\b\f\n\r\t\v\\"\'AAB']);
  assert.deepEqual(k('x = "\\u{48}\\u{7FF}\\u{FFFF}\\u{10FFFF}\\u{7FFFFFFF}"'),
    ['x', 'H\xdf\xbf\xef\xbf\xbf\xf4\x8f\xbf\xbf\xfd\xbf\xbf\xbf\xbf\xbf']);
  assert.deepEqual(k('x = [==[\n]]\r\n]=]]==]'), ['x', ']]\n]=]']);
  assert.deepEqual(k('x = "a\\\r\nb"'), ['x', 'a\nb']);
  const kv = k('x = 9223372036854775807; y = 9223372036854775808; z = 0xffffffffffffffff; w = 0x1p4; v = 3.0');
  assert.deepEqual(kv.slice(0, 2), ['x', 9223372036854775807n]);
  assert.ok(kv[3] instanceof LuaFloat && kv[3].n === 9223372036854775808);
  // 0xffffffffffffffff wraps around to -1 (LOADI), 0x1p4 is 16.0 and 3.0 fit LOADF
  const p = compile('return 0xffffffffffffffff, 0x1p4, 3.0, 0.5', '=x');
  assert.deepEqual(ops(p), ['VARARGPREP', 'LOADI', 'LOADF', 'LOADF', 'LOADK', 'RETURN', 'RETURN']);
  assert.equal(errorOf('x = 0x'), "input:1: malformed number near '0x'");
});

test('constant folding follows lcode.c', () => {
  const folded = (expr: string): string[] => ops(compile(`return ${expr}`, '=x')).slice(1, -2);
  assert.deepEqual(folded('1 + 2 * 3'), ['LOADI']);
  assert.deepEqual(folded('7 // 0'), ['LOADI', 'IDIVK']); // division by zero is not folded
  assert.deepEqual(folded('1 / 0'), ['LOADI', 'DIVK']);
  assert.deepEqual(folded('0.0 * -1'), ['LOADF', 'MULK']); // -0.0 is not folded
  assert.deepEqual(folded('1.5 & 1'), ['LOADK', 'BANDK']); // no integer representation
  assert.deepEqual(folded('math.maxinteger + 1'), ['GETTABUP', 'GETFIELD', 'ADDI']);
  const p = compile('return 9223372036854775807 + 1', '=x'); // wraps around
  assert.deepEqual(p.k, [-9223372036854775808n]);
  assert.deepEqual(folded('- -2'), ['LOADI']);
  assert.deepEqual(folded('~5'), ['LOADI']);
  assert.deepEqual(folded('2^53'), ['LOADK']);
});

test('operands are never swapped (no MMBIN to undo it); negated immediates are marked with k', () => {
  const body = (src: string): string => disassemble(compile(src, '=x'), { full: false }).split('\n')
    .filter((l) => /^\t\d/.test(l)).slice(1, -1).map((l) => l.split('\t').slice(3).join(' ').trim()).join(' | ');
  assert.equal(body('local a; local b = 1 + a'), 'LOADNIL   0 0 ; 1 out | LOADI     1 1 | ADD       1 1 0');
  assert.equal(body('local a; local b = a - 1'), 'LOADNIL   0 0 ; 1 out | ADDI      1 0 -1k');
  assert.equal(body('local a; local b = a + 1'), 'LOADNIL   0 0 ; 1 out | ADDI      1 0 1');
  assert.equal(body('local a; local b = a << 2'), 'LOADNIL   0 0 ; 1 out | SHRI      1 0 -2k');
  assert.equal(body('local a; local b = 2 << a'), 'LOADNIL   0 0 ; 1 out | SHLI      1 0 2');
  assert.equal(body('local a; local b = 3 & a'), 'LOADNIL   0 0 ; 1 out | LOADI     1 3 | BAND      1 1 0');
});

test('line info, locvars, upvalues and function lines', () => {
  const p = compile('local a = 1\nlocal b =\n  a + 2\nlocal function f(x)\n  return x\nend\nreturn f', '@t.lua');
  assert.equal(p.source, '@t.lua');
  assert.equal(p.isVararg, true);
  assert.equal(p.lineinfo.length, p.code.length);
  assert.deepEqual(Array.from(p.lineinfo), [1, 1, 3, 6, 7, 7]);
  assert.deepEqual(p.locvars, [
    { varname: 'a', startpc: 2, endpc: 6 },
    { varname: 'b', startpc: 3, endpc: 6 },
    { varname: 'f', startpc: 4, endpc: 6 },
  ]);
  assert.deepEqual(p.upvalues, [{ name: '_ENV', instack: true, idx: 0, kind: 0 }]);
  const f = p.p[0] as Proto;
  assert.equal(f.linedefined, 4);
  assert.equal(f.lastlinedefined, 6);
  assert.equal(f.numparams, 1);
  assert.equal(f.isVararg, false);
  assert.deepEqual(Array.from(f.lineinfo), [5, 6]);
  const g = compile('local x <const> = 5; local y = 1; return function() return x + y end', '=x');
  assert.deepEqual(g.locvars.map((v) => v.varname), ['y']); // compile-time constants use no register
  assert.deepEqual((g.p[0] as Proto).upvalues, [{ name: 'y', instack: true, idx: 0, kind: 0 }]);
});

test('to-be-closed variables and tail calls', () => {
  const p = compile('local x <close> = f(); return g(x)', '=x');
  assert.deepEqual(ops(p), ['VARARGPREP', 'GETTABUP', 'CALL', 'TBC', 'GETTABUP', 'MOVE', 'CALL', 'RETURN', 'RETURN']);
  const q = compile('return g(x)', '=x');
  assert.deepEqual(ops(q), ['VARARGPREP', 'GETTABUP', 'GETTABUP', 'TAILCALL', 'RETURN', 'RETURN']);
});

test('table constructors flush every 50 items', () => {
  const items = Array.from({ length: 120 }, (_, i) => String(i + 1)).join(', ');
  const text = disassemble(compile(`return {${items}, f()}`, '=x'), { full: false });
  const setlists = text.split('\n').filter((l) => l.includes('SETLIST')).map((l) => l.split('\t').slice(3).join(' ').trim());
  assert.deepEqual(setlists, ['SETLIST   0 50 0', 'SETLIST   0 50 50', 'SETLIST   0 0 100']);
});
