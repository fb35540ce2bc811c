/**
 * Targeted attacks on the verifier: compiled code patched into shapes the
 * VM would misbehave on must be rejected (each case names the rule).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dump } from '../../src/bytecode/dump.js';
import { CREATE_ABCk, CREATE_ABx, CREATE_sJ, Op, Instr } from '../../src/bytecode/opcodes.js';
import type { Proto } from '../../src/bytecode/proto.js';
import { undump } from '../../src/bytecode/undump.js';
import { compile } from '../../src/frontend/compile.js';
import { LuaSyntaxError } from '../../src/frontend/syntax-error.js';

function reject(p: Proto, pattern: RegExp): void {
  try {
    undump(dump(p, false), '=v');
  } catch (e) {
    assert.ok(e instanceof LuaSyntaxError);
    assert.match(e.luaMessage, pattern);
    return;
  }
  assert.fail(`accepted; expected ${pattern}`);
}

const find = (p: Proto, op: Op): number => p.code.findIndex((i) => (i & 0x7f) === op);

test('operand ranges and constant types', () => {
  const p = compile('local a = 1; local t = {}; t.x = a; return a + 1', '=v');
  const patch = (pc: number, ins: number): Proto => {
    const q = compile('local a = 1; local t = {}; t.x = a; return a + 1', '=v');
    q.code[pc] = ins;
    return q;
  };
  const set = find(p, Op.SETFIELD);
  reject(patch(set, CREATE_ABCk(Op.SETFIELD, 200, 0, 0, 0)), /register out of range/);
  reject(patch(set, CREATE_ABCk(Op.SETFIELD, 1, 99, 0, 0)), /constant index out of range/);
  reject(patch(find(p, Op.LOADI), CREATE_ABx(Op.LOADK, 0, 5)), /constant index out of range/);
  reject(patch(0, CREATE_ABCk(Op.GETUPVAL, 0, 3, 0, 0)), /upvalue index out of range/);
  reject(patch(0, CREATE_ABx(Op.CLOSURE, 0, 0)), /prototype index out of range/);
  reject(patch(0, 0x7f), /invalid opcode/);
  const q = compile('local t = {}; t[1] = 2; t.k = 3', '=v');
  q.k = q.k.map((v) => (v === 'k' ? 7 : v)); // the key of SETFIELD becomes a number
  reject(q, /constant of wrong type/);
});

test('control flow stays inside the code and companions are present', () => {
  const p = compile('local a = ...; if a then a = 1 end', '=v');
  const jmp = find(p, Op.JMP);
  p.code[jmp] = CREATE_sJ(Op.JMP, 1000);
  reject(p, /jump target out of range/);
  const q = compile('local a = ...; if a == 1 then a = 2 end', '=v');
  q.code[find(q, Op.JMP)] = CREATE_ABCk(Op.MOVE, 0, 0, 0, 0); // the test's jump replaced
  reject(q, /JMP expected/);
  const r = compile('return 1', '=v');
  r.code[r.code.length - 1] = CREATE_ABCk(Op.MOVE, 0, 0, 0, 0);
  reject(r, /not a return|out of range/);
  const s = compile('local t = {}', '=v');
  s.code[find(s, Op.EXTRAARG)] = CREATE_ABCk(Op.LOADNIL, 0, 0, 0, 0);
  reject(s, /EXTRAARG expected/);
});

test('data flow: uninitialized reads, open results, loop state, tables', () => {
  const p = compile('local a, b = 1, 2; return a + b', '=v');
  p.code[1] = CREATE_ABCk(Op.MOVE, 0, 5, 0, 0); // reads a register nothing wrote (pc 0 is VARARGPREP)
  p.maxstacksize = 8;
  reject(p, /uninitialized register/);
  const q = compile('local function f(...) return ... end return f(1)', '=v');
  const inner = q.p[0];
  inner.code[1] = CREATE_ABCk(Op.LOADNIL, 1, 0, 0, 0); // VARARG replaced: RETURN B=0 without open results
  reject(q, /open results expected/);
  const r = compile('local s = 0; for i = 1, 3 do s = s + i end; return s', '=v');
  const body = find(r, Op.FORPREP) + 1;
  r.code[body] = CREATE_ABx(Op.LOADI, 2, Instr.OFFSET_sBx); // overwrite the loop count (R[A+1]) with 0
  reject(r, /FORLOOP without intact loop state/);
  const s = compile('local t = {1, 2, 3}; return t', '=v');
  const nt = find(s, Op.NEWTABLE);
  s.code[nt] = CREATE_ABx(Op.LOADI, 0, 0);
  s.code[nt + 1] = CREATE_ABx(Op.LOADI, 0, 0);
  reject(s, /SETLIST without a table/);
});

test('vararg discipline and closing on return', () => {
  const p = compile('return function() local a = 1; return a end', '=v');
  p.p[0].code[0] = CREATE_ABCk(Op.VARARG, 0, 0, 2, 0);
  reject(p, /VARARG in non-vararg function/);
  const q = compile('local x = 1; local function f() return x end; x = 2; return f', '=v');
  const ret = q.code.length - 2; // RETURN1 converted to RETURN with k by the compiler
  const i = q.code[ret];
  q.code[ret] = i & ~0x8000; // drop the k flag: would leave x's upvalue open on a dead frame
  reject(q, /return without closing|bad vararg flag/);
  const r = compile('return 1', '=v');
  r.code.set([CREATE_ABCk(Op.VARARGPREP, 0, 0, 0, 0)], 0); // main is vararg: VARARGPREP stays first
  r.code[1] = CREATE_ABx(Op.VARARGPREP, 0, 0);
  reject(r, /bad VARARGPREP|register|uninitialized/);
});
