/**
 * Verifying prototypes before the interpreter runs them (layers 2 and 3 of
 * the checks described in undump.ts): whatever made a binary chunk, moonbox
 * or PUC-Rio's luac, its prototypes satisfy every invariant the VM relies
 * on, or it is refused.
 */

import { LuaFloat, type LuaValue } from '../value/value.js';
import { NUM_OPCODES, Op, Instr } from './opcodes.js';
import type { Proto } from './proto.js';

// ---------------------------------------------------------------------------
// Layers 2 and 3: verification of the prototype tree

export type Fail = (why: string) => never;

/** Verify `p` and its nested prototypes (iteratively: the tree can be MAX_UNDUMP_NESTING deep). */
export function verifyTree(main: Proto, fail: Fail): void {
  const todo: Proto[] = [main];
  while (todo.length > 0) {
    const p = todo.pop()!;
    verifyProto(p, fail);
    for (const child of p.p) todo.push(child);
  }
}

function verifyProto(p: Proto, fail: Fail): void {
  // Frame layout: the VM sizes frames by maxstacksize and fills numparams slots.
  if (p.maxstacksize > Instr.MAXREGS) fail('bad maxstacksize');
  if (p.numparams > p.maxstacksize) fail('bad numparams');
  if (p.code.length === 0) fail('empty code');
  if (p.lineinfo.length !== 0 && p.lineinfo.length !== p.code.length) fail('lineinfo size mismatch');
  for (const child of p.p) checkChildUpvalues(p, child, fail);
  const effects = checkStatic(p, fail);
  checkFlow(p, effects, fail);
}

/** CLOSURE copies a parent register or a parent upvalue per descriptor: both must exist. */
function checkChildUpvalues(parent: Proto, child: Proto, fail: Fail): void {
  for (const u of child.upvalues) {
    const limit = u.instack ? parent.maxstacksize : parent.upvalues.length;
    if (u.idx >= limit) fail('bad upvalue descriptor');
  }
}

// ---- Layer 2: static per-instruction checks

/** How an operand field is used (the data behind the static checks). */
const enum Use {
  READ,     // register read: < maxstacksize, must hold a value
  WRITE,    // register written
  UPVAL,    // upvalue index
  K,        // constant, any type
  KSTR,     // constant the VM casts to string (table keys of GETFIELD and friends)
  KNUM,     // constant the arithmetic fast paths treat as a number
  KINT,     // constant of bitwise-K instructions (the compiler only emits integers)
  RK,       // C with the k flag: constant, else register read
  RKSTR,    // as RK, and a constant must be a string (SELF's method name)
}

type Field = 'A' | 'A1' | 'B' | 'C' | 'Bx';
type Operands = readonly (readonly [Field, Use])[];

const RD = Use.READ;
const WR = Use.WRITE;

const binK = (kind: Use): Operands => [['A', WR], ['B', RD], ['C', kind]];
const unary: Operands = [['A', WR], ['B', RD]];
const binR: Operands = [['A', WR], ['B', RD], ['C', RD]];
const cmpR: Operands = [['A', RD], ['B', RD]];
const cmpI: Operands = [['A', RD]];

/**
 * Operand uses of the "plain" opcodes. Opcodes absent here have a handler in
 * SPECIAL (ranges of registers, control flow, or state the data flow tracks).
 */
const OPERANDS: Partial<Record<Op, Operands>> = {
  [Op.MOVE]: unary,
  [Op.LOADI]: [['A', WR]],
  [Op.LOADF]: [['A', WR]],
  [Op.LOADK]: [['A', WR], ['Bx', Use.K]],
  [Op.LOADFALSE]: [['A', WR]],
  [Op.LOADTRUE]: [['A', WR]],
  [Op.GETUPVAL]: [['A', WR], ['B', Use.UPVAL]],
  [Op.SETUPVAL]: [['A', RD], ['B', Use.UPVAL]],
  [Op.GETTABUP]: [['A', WR], ['B', Use.UPVAL], ['C', Use.KSTR]],
  [Op.GETTABLE]: binR,
  [Op.GETI]: unary,
  [Op.GETFIELD]: binK(Use.KSTR),
  [Op.SETTABUP]: [['A', Use.UPVAL], ['B', Use.KSTR], ['C', Use.RK]],
  [Op.SETTABLE]: [['A', RD], ['B', RD], ['C', Use.RK]],
  [Op.SETI]: [['A', RD], ['C', Use.RK]],
  [Op.SETFIELD]: [['A', RD], ['B', Use.KSTR], ['C', Use.RK]],
  [Op.SELF]: [['A', WR], ['A1', WR], ['B', RD], ['C', Use.RKSTR]],
  [Op.ADDI]: unary,
  [Op.ADDK]: binK(Use.KNUM), [Op.SUBK]: binK(Use.KNUM), [Op.MULK]: binK(Use.KNUM), [Op.MODK]: binK(Use.KNUM),
  [Op.POWK]: binK(Use.KNUM), [Op.DIVK]: binK(Use.KNUM), [Op.IDIVK]: binK(Use.KNUM),
  [Op.BANDK]: binK(Use.KINT), [Op.BORK]: binK(Use.KINT), [Op.BXORK]: binK(Use.KINT),
  [Op.SHRI]: unary, [Op.SHLI]: unary,
  [Op.ADD]: binR, [Op.SUB]: binR, [Op.MUL]: binR, [Op.MOD]: binR, [Op.POW]: binR, [Op.DIV]: binR,
  [Op.IDIV]: binR, [Op.BAND]: binR, [Op.BOR]: binR, [Op.BXOR]: binR, [Op.SHL]: binR, [Op.SHR]: binR,
  [Op.UNM]: unary, [Op.BNOT]: unary, [Op.NOT]: unary, [Op.LEN]: unary,
  // tests: the VM reads the following JMP's offset without checking it (see FLOWS)
  [Op.EQ]: cmpR, [Op.LT]: cmpR, [Op.LE]: cmpR,
  [Op.EQK]: [['A', RD], ['B', Use.K]],
  [Op.EQI]: cmpI, [Op.LTI]: cmpI, [Op.LEI]: cmpI, [Op.GTI]: cmpI, [Op.GEI]: cmpI,
  [Op.TEST]: cmpI,
};

/** What one instruction does, as far as verification is concerned. */
export interface Effect {
  /** Registers that must hold Lua values. */
  reads: number[];
  /** Registers that receive Lua values (on every outgoing edge unless `edgeWrites`). */
  writes: number[];
  /** Registers >= this hold no usable value afterwards (a callee frame or open results were there); 256 = none. */
  clobberFrom: number;
  /** A of an instruction leaving its results open (sets top), or -1. */
  openFrom: number;
  /** For B = 0 consumers: the previous instruction must have left results open at or above this register. */
  topAtLeast: number;
  /** Other registers named by the instruction: must be < maxstacksize. */
  bounds: number[];
  /** Successor pcs (validated to be inside the code). */
  succ: number[];
  /** Set for instructions that must never execute (a stray EXTRAARG). */
  unreachable?: string;
  /** Extra conditions on the state before the instruction. */
  pre?: (s: FlowState, fail: Fail) => void;
  /** Extra flow facts (numeric for, tables, captures), applied per edge; may reject. */
  special?: (s: FlowState, target: number, fail: Fail) => void;
}

const NONE = 256;

function effect(pc: number): Effect {
  return { reads: [], writes: [], bounds: [], clobberFrom: NONE, openFrom: -1, topAtLeast: -1, succ: [pc + 1] };
}

function range(from: number, count: number): number[] {
  const r: number[] = [];
  for (let i = 0; i < count; i++) r.push(from + i);
  return r;
}

interface Ins {
  p: Proto;
  pc: number;
  i: number;
  a: number;
  b: number;
  c: number;
  k: boolean;
  bx: number;
  fail: Fail;
}

function field(ins: Ins, f: Field): number {
  return f === 'A' ? ins.a : f === 'A1' ? ins.a + 1 : f === 'B' ? ins.b : f === 'C' ? ins.c : ins.bx;
}

/** Constant type predicates for the K uses (mirrors the casts in interp.ts). */
const K_TYPES: Partial<Record<Use, (v: LuaValue) => boolean>> = {
  [Use.K]: () => true,
  [Use.KSTR]: (v) => typeof v === 'string',
  [Use.KNUM]: (v) => typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat,
  [Use.KINT]: (v) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)),
};

function checkK(ins: Ins, idx: number, use: Use): void {
  if (idx >= ins.p.k.length) ins.fail(`constant index out of range at pc ${ins.pc + 1}`);
  if (!K_TYPES[use]!(ins.p.k[idx])) ins.fail(`constant of wrong type at pc ${ins.pc + 1}`);
}

function applyUse(ins: Ins, e: Effect, f: Field, use: Use): void {
  const v = field(ins, f);
  switch (use) {
    case Use.READ: e.reads.push(v); break;
    case Use.WRITE: e.writes.push(v); break;
    case Use.UPVAL:
      if (v >= ins.p.upvalues.length) ins.fail(`upvalue index out of range at pc ${ins.pc + 1}`);
      break;
    case Use.RK: case Use.RKSTR:
      if (ins.k) checkK(ins, v, use === Use.RK ? Use.K : Use.KSTR);
      else e.reads.push(v);
      break;
    default: checkK(ins, v, use);
  }
}

function needOp(ins: Ins, at: number, op: Op, what: string): void {
  const code = ins.p.code;
  if (at >= code.length || (code[at] & 0x7f) !== op) ins.fail(`${what} expected at pc ${at + 1}`);
}

/** Instructions whose operands are ranges, or which change control flow or tracked state. */
const SPECIAL: Partial<Record<Op, (ins: Ins, e: Effect) => void>> = {
  [Op.LOADKX]: (ins, e) => {
    needOp(ins, ins.pc + 1, Op.EXTRAARG, 'EXTRAARG');
    checkK(ins, ins.p.code[ins.pc + 1] >>> 7, Use.K);
    e.writes.push(ins.a);
    e.succ = [ins.pc + 2];
  },
  [Op.LFALSESKIP]: (ins, e) => {
    e.writes.push(ins.a);
    e.succ = [ins.pc + 2];
  },
  [Op.LOADNIL]: (ins, e) => {
    e.writes = range(ins.a, ins.b + 1);
  },
  [Op.NEWTABLE]: (ins, e) => {
    needOp(ins, ins.pc + 1, Op.EXTRAARG, 'EXTRAARG'); // the VM skips it unconditionally
    e.writes.push(ins.a);
    e.succ = [ins.pc + 2];
    e.special = (s) => { s.tables |= bit(ins.a); };
  },
  [Op.CONCAT]: (ins, e) => {
    // concat works in place over R[A..A+B-1]; fewer than 2 operands is not an instruction the compiler makes
    if (ins.b < 2) ins.fail(`bad CONCAT count at pc ${ins.pc + 1}`);
    e.reads = range(ins.a, ins.b);
    e.writes = range(ins.a, ins.b);
  },
  [Op.CLOSE]: (ins, e) => {
    e.bounds.push(ins.a);
    e.special = (s) => {
      s.captured &= low(ins.a);
      s.tbc &= low(ins.a);
    };
  },
  [Op.TBC]: (ins, e) => {
    e.reads.push(ins.a);
    e.special = (s) => { s.tbc |= bit(ins.a); };
  },
  [Op.JMP]: (ins, e) => {
    e.succ = [ins.pc + 1 + (ins.i >>> 7) - Instr.OFFSET_sJ];
  },
  [Op.TESTSET]: (ins, e) => {
    e.reads.push(ins.b);
    // R[A] is assigned only on the path that takes the jump (through the JMP at pc + 1)
    e.succ = [ins.pc + 1, ins.pc + 2];
    e.special = (s, target) => { if (target === ins.pc + 1) writeReg(s, ins.a); };
  },
  [Op.CALL]: (ins, e) => call(ins, e, false),
  [Op.TAILCALL]: (ins, e) => call(ins, e, true),
  [Op.RETURN]: (ins, e) => {
    varargFlag(ins);
    if (ins.b === 0) {
      e.topAtLeast = ins.a;
      e.bounds.push(ins.a);
    } else {
      e.reads = range(ins.a, ins.b - 1);
    }
    leave(ins, e, ins.k);
  },
  [Op.RETURN0]: (ins, e) => fastReturn(ins, e, []),
  [Op.RETURN1]: (ins, e) => fastReturn(ins, e, [ins.a]),
  [Op.FORPREP]: (ins, e) => {
    e.reads = range(ins.a, 3);
    e.bounds.push(ins.a + 3);
    const exit = ins.pc + ins.bx + 2;
    needOp(ins, exit - 1, Op.FORLOOP, 'FORLOOP');
    e.succ = [ins.pc + 1, exit];
    e.special = (s, target, fail) => forEdge(s, ins.a, target === ins.pc + 1, fail, ins.pc);
  },
  [Op.FORLOOP]: (ins, e) => {
    const back = ins.pc + 1 - ins.bx;
    e.bounds.push(ins.a + 3);
    e.succ = [ins.pc + 1, back];
    e.pre = (s, fail) => {
      // only FORPREP's state makes the VM's casts here sound
      if ((s.forBase & bit(ins.a)) === 0n) fail(`FORLOOP without intact loop state at pc ${ins.pc + 1}`);
    };
    e.special = (s, target, fail) => forEdge(s, ins.a, target === back, fail, ins.pc);
  },
  [Op.TFORPREP]: (ins, e) => {
    e.reads = range(ins.a, 4);
    e.succ = [ins.pc + 1 + ins.bx];
    e.special = (s) => { s.tbc |= bit(ins.a + 3); }; // the closing value
  },
  [Op.TFORCALL]: (ins, e) => {
    if (ins.c < 1) ins.fail(`bad TFORCALL at pc ${ins.pc + 1}`);
    e.reads = range(ins.a, 3);
    e.writes = range(ins.a + 4, ins.c);
    e.clobberFrom = ins.a + 4 + ins.c; // the iterator's frame was above A + 4
  },
  [Op.TFORLOOP]: (ins, e) => {
    e.reads.push(ins.a + 4);
    const back = ins.pc + 1 - ins.bx;
    e.succ = [ins.pc + 1, back];
    e.special = (s, target) => { if (target === back) writeReg(s, ins.a + 2); };
  },
  [Op.SETLIST]: (ins, e) => {
    if (ins.k) needOp(ins, ins.pc + 1, Op.EXTRAARG, 'EXTRAARG');
    e.reads.push(ins.a);
    if (ins.b === 0) e.topAtLeast = ins.a + 1;
    else e.reads.push(...range(ins.a + 1, ins.b));
    e.succ = [ins.pc + (ins.k ? 2 : 1)];
    e.pre = (s, fail) => {
      // the VM casts R[A] to a table; a callee could replace it through an open upvalue
      if ((s.tables & bit(ins.a)) === 0n || (s.captured & bit(ins.a)) !== 0n) {
        fail(`SETLIST without a table at pc ${ins.pc + 1}`);
      }
    };
  },
  [Op.CLOSURE]: (ins, e) => {
    if (ins.bx >= ins.p.p.length) ins.fail(`prototype index out of range at pc ${ins.pc + 1}`);
    const captures = ins.p.p[ins.bx].upvalues.filter((u) => u.instack).map((u) => u.idx);
    // a closure may capture its own destination (local function f ... f ... end)
    e.reads = captures.filter((r) => r !== ins.a);
    e.writes.push(ins.a);
    e.special = (s) => { for (const r of captures) s.captured |= bit(r); };
  },
  [Op.VARARG]: (ins, e) => {
    // ci.nextraargs is only meaningful after VARARGPREP
    if (!ins.p.isVararg) ins.fail(`VARARG in non-vararg function at pc ${ins.pc + 1}`);
    openResults(ins.a, ins.c, e);
  },
  [Op.VARARGPREP]: (ins) => {
    // it shifts the frame: exactly once, first, with the real parameter count
    if (ins.pc !== 0 || !ins.p.isVararg || ins.a !== ins.p.numparams) ins.fail(`bad VARARGPREP at pc ${ins.pc + 1}`);
  },
  [Op.EXTRAARG]: (ins, e) => {
    // legitimate ones are skipped by their owner; reaching one means a forged jump or fall-through
    e.unreachable = `EXTRAARG reached at pc ${ins.pc + 1}`;
  },
};

/** Flow of the test instructions: the next instruction is the JMP the VM follows. */
const TESTS = new Set<Op>([Op.EQ, Op.LT, Op.LE, Op.EQK, Op.EQI, Op.LTI, Op.LEI, Op.GTI, Op.GEI, Op.TEST, Op.TESTSET]);

/** RETURN/TAILCALL's C says whether (and how) the frame was shifted by VARARGPREP; a lie corrupts the stack. */
function varargFlag(ins: Ins): void {
  if (ins.c !== (ins.p.isVararg ? ins.p.numparams + 1 : 0)) ins.fail(`bad vararg flag at pc ${ins.pc + 1}`);
}

/**
 * Leaving the frame without closing (RETURN/TAILCALL without k, RETURN0/1)
 * would leave open upvalues aliasing slots that later frames reuse, and
 * to-be-closed variables never closed.
 */
function leave(ins: Ins, e: Effect, closes: boolean): void {
  e.succ = [];
  if (!closes) {
    e.pre = (s, fail) => {
      if (s.captured !== 0n || s.tbc !== 0n) fail(`return without closing at pc ${ins.pc + 1}`);
    };
  }
}

function fastReturn(ins: Ins, e: Effect, reads: number[]): void {
  // in a vararg function the frame was shifted by VARARGPREP; only RETURN (C > 0) undoes that
  if (ins.p.isVararg) ins.fail(`RETURN0/RETURN1 in vararg function at pc ${ins.pc + 1}`);
  e.reads = reads;
  leave(ins, e, false);
}

function openResults(a: number, c: number, e: Effect): void {
  if (c === 0) {
    e.openFrom = a;
    e.clobberFrom = a;
  } else {
    e.writes = range(a, c - 1);
    e.clobberFrom = a + c - 1;
  }
}

function call(ins: Ins, e: Effect, tail: boolean): void {
  if (ins.b === 0) {
    e.reads.push(ins.a);
    e.topAtLeast = ins.a + 1;
  } else {
    e.reads = range(ins.a, ins.b);
  }
  if (tail) {
    varargFlag(ins);
    // TAILCALL's k closes upvalues only; a pending to-be-closed variable would never be closed
    e.pre = (s, fail) => {
      if ((!ins.k && s.captured !== 0n) || s.tbc !== 0n) fail(`tail call without closing at pc ${ins.pc + 1}`);
    };
    // after a host function yields, the VM resumes at the following RETURN
    needOp(ins, ins.pc + 1, Op.RETURN, 'RETURN');
    e.openFrom = ins.a;
    e.clobberFrom = ins.a;
  } else {
    openResults(ins.a, ins.c, e);
  }
}

function decodeIns(p: Proto, pc: number, fail: Fail): Ins {
  const i = p.code[pc];
  return {
    p, pc, i, fail,
    a: (i >>> 7) & 0xff, b: (i >>> 16) & 0xff, c: i >>> 24, k: (i & 0x8000) !== 0, bx: i >>> 15,
  };
}

/** Static checks of every instruction (reachable or not); returns each one's effect for the flow analysis. */
function checkStatic(p: Proto, fail: Fail): Effect[] {
  const n = p.code.length;
  const effects: Effect[] = [];
  for (let pc = 0; pc < n; pc++) {
    const ins = decodeIns(p, pc, fail);
    const op = (ins.i & 0x7f) as Op;
    if (op >= NUM_OPCODES) fail(`invalid opcode at pc ${pc + 1}`);
    const e = effect(pc);
    const plain = OPERANDS[op];
    if (plain !== undefined) for (const [f, use] of plain) applyUse(ins, e, f, use);
    else SPECIAL[op]!(ins, e);
    if (TESTS.has(op)) {
      needOp(ins, pc + 1, Op.JMP, 'JMP');
      e.succ = [pc + 1, pc + 2];
    }
    checkRegisters(p, pc, e, fail);
    effects.push(e);
  }
  for (const e of effects) {
    for (const t of e.succ) {
      // control never leaves the code, and never re-enters VARARGPREP
      if (t < 0 || t >= n || (t === 0 && p.isVararg)) fail('jump target out of range');
    }
  }
  const lastOp = p.code[n - 1] & 0x7f;
  if (lastOp !== Op.RETURN && lastOp !== Op.RETURN0 && lastOp !== Op.RETURN1) fail('last instruction is not a return');
  if (p.isVararg && (p.code[0] & 0x7f) !== Op.VARARGPREP) fail('vararg function without VARARGPREP');
  return effects;
}

function checkRegisters(p: Proto, pc: number, e: Effect, fail: Fail): void {
  const limit = p.maxstacksize;
  const regs = [...e.reads, ...e.writes, ...e.bounds];
  if (e.openFrom >= 0) regs.push(e.openFrom);
  for (const r of regs) if (r >= limit) fail(`register out of range at pc ${pc + 1}`);
}

// ---- Layer 3: data flow

/** Abstract state before an instruction. Register sets are bit masks (bit r = register r). */
export interface FlowState {
  /** Registers certainly holding Lua values (must: intersection at joins). */
  valid: bigint;
  /** r such that r..r+2 certainly hold untouched FORPREP state (must). */
  forBase: bigint;
  /** Registers certainly holding a table from NEWTABLE (must). */
  tables: bigint;
  /** Registers possibly aliased by an open upvalue (may: union at joins). */
  captured: bigint;
  /** Registers possibly holding a pending to-be-closed variable (may). */
  tbc: bigint;
  /** A of the open results left by the previous instruction, or -1 (must be equal on all paths). */
  top: number;
}

const BITS: bigint[] = [];
for (let r = 0; r <= NONE + 3; r++) BITS.push(1n << BigInt(r));
const bit = (r: number): bigint => BITS[r];
/** Mask of registers below r. */
const low = (r: number): bigint => BITS[r] - 1n;

function writeReg(s: FlowState, r: number): void {
  s.valid |= bit(r);
  untrack(s, r);
}

/** A write to register r destroys any loop state or table that lived there. */
function untrack(s: FlowState, r: number): void {
  s.forBase &= ~(bit(r) | (r >= 1 ? bit(r - 1) : 0n) | (r >= 2 ? bit(r - 2) : 0n));
  s.tables &= ~bit(r);
}

function clobber(s: FlowState, from: number): void {
  s.valid &= low(from);
  s.tables &= low(from);
  s.forBase &= low(Math.max(0, from - 2));
}

/** Numeric-for edges: R[A..A+2] become internal state (not Lua values); R[A+3] is the control variable. */
function forEdge(s: FlowState, a: number, enter: boolean, fail: Fail, pc: number): void {
  const state = bit(a) | bit(a + 1) | bit(a + 2);
  // an open upvalue on the state would let closures read or replace it
  if ((s.captured & state) !== 0n) fail(`captured loop state at pc ${pc + 1}`);
  s.valid &= ~state;
  for (let r = a; r < a + 3; r++) untrack(s, r);
  if (enter) {
    s.valid |= bit(a + 3);
  }
  untrack(s, a + 3);
  if (enter) s.forBase |= bit(a);
}

function transfer(pre: FlowState, e: Effect, target: number, fail: Fail): FlowState {
  const s: FlowState = { ...pre };
  for (const r of e.writes) untrack(s, r);
  if (e.clobberFrom < NONE) clobber(s, e.clobberFrom);
  for (const r of e.writes) s.valid |= bit(r);
  s.top = e.openFrom;
  e.special?.(s, target, fail);
  return s;
}

function checkPre(s: FlowState, e: Effect, pc: number, fail: Fail): void {
  if (e.unreachable !== undefined) fail(e.unreachable);
  for (const r of e.reads) if ((s.valid & bit(r)) === 0n) fail(`read of uninitialized register at pc ${pc + 1}`);
  if (e.topAtLeast >= 0 && (s.top < 0 || s.top < e.topAtLeast)) fail(`open results expected at pc ${pc + 1}`);
  e.pre?.(s, fail);
}

function merge(into: FlowState, s: FlowState): boolean {
  const m: FlowState = {
    valid: into.valid & s.valid,
    forBase: into.forBase & s.forBase,
    tables: into.tables & s.tables,
    captured: into.captured | s.captured,
    tbc: into.tbc | s.tbc,
    top: into.top === s.top ? into.top : -1,
  };
  const changed = m.valid !== into.valid || m.forBase !== into.forBase || m.tables !== into.tables ||
    m.captured !== into.captured || m.tbc !== into.tbc || m.top !== into.top;
  Object.assign(into, m);
  return changed;
}

/**
 * Forward data flow to a fixed point. States only shrink (must sets) or
 * grow (may sets), so it terminates, and a check that fails on an
 * intermediate state also fails on the final one.
 */
function checkFlow(p: Proto, effects: Effect[], fail: Fail): void {
  const states: (FlowState | undefined)[] = new Array(p.code.length);
  states[0] = { valid: low(p.numparams), forBase: 0n, tables: 0n, captured: 0n, tbc: 0n, top: -1 };
  const work: number[] = [0];
  const queued = new Uint8Array(p.code.length);
  queued[0] = 1;
  while (work.length > 0) {
    const pc = work.pop()!;
    queued[pc] = 0;
    const pre = states[pc]!;
    const e = effects[pc];
    checkPre(pre, e, pc, fail);
    for (const t of e.succ) {
      const out = transfer(pre, e, t, fail);
      const cur = states[t];
      if (cur === undefined) states[t] = out;
      else if (!merge(cur, out)) continue;
      if (queued[t] === 0) {
        queued[t] = 1;
        work.push(t);
      }
    }
  }
}

