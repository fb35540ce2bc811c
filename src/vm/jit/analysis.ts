/**
 * What the code generator needs to know of a prototype before it writes a
 * line: for every instruction, where control goes next, which registers
 * it reads and writes, which registers are live after it, and which may
 * hold a value the frame in the stack does not have yet ("dirty").
 *
 * Compiled code keeps registers in JS locals (codegen.ts). The frame in
 * the thread's stack stays the truth for everything outside: before
 * anything that could look at it (an error, a limit, a call, a metamethod,
 * a collection) the dirty registers are written back, and after anything
 * that could change it (Lua code that ran: `debug.setlocal`, an upvalue
 * write, results a call left) the registers still needed are read again.
 * These sets say which ones, so the hot paths write and read nothing.
 *
 * Register sets are bigints (bit r = register r): frames have at most 255.
 */

import type { Proto } from '../../bytecode/proto.js';
import { Op, Instr } from '../../bytecode/opcodes.js';

/** Register set with registers `from` to `to - 1`. */
export function range(from: number, to: number): bigint {
  return to <= from ? 0n : ((1n << BigInt(to - from)) - 1n) << BigInt(from);
}

/** The register set holding register `r` alone. */
export const bit = (r: number): bigint => 1n << BigInt(r);

/** The registers in `set`, in increasing order. */
export function members(set: bigint): number[] {
  const out: number[] = [];
  for (let r = 0; set !== 0n; r++, set >>= 1n) if (set & 1n) out.push(r);
  return out;
}

/**
 * Opcodes whose slow paths never run Lua code, raise an error or leave
 * the function, so that execution never comes back in after them.
 */
const QUIET = new Set<number>([
  Op.MOVE, Op.LOADI, Op.LOADF, Op.LOADK, Op.LOADKX, Op.LOADFALSE, Op.LFALSESKIP, Op.LOADTRUE, Op.LOADNIL,
  Op.GETUPVAL, Op.SETUPVAL, Op.NOT, Op.JMP, Op.EQK, Op.EQI, Op.TEST, Op.TESTSET, Op.FORLOOP, Op.TFORLOOP,
  Op.EXTRAARG, Op.VARARG,
]);

/** Tests: the next instruction is their jump. */
export const TESTS = new Set<number>([Op.EQ, Op.LT, Op.LE, Op.EQK, Op.EQI, Op.LTI, Op.LEI, Op.GTI, Op.GEI, Op.TEST, Op.TESTSET]);

/**
 * Instructions that write every dirty register back on each path that
 * goes on to the next instruction (they call something that looks at the
 * frame whatever happens): after them nothing is dirty but what they write
 * into locals themselves.
 */
const SYNCING = new Set<number>([
  Op.CALL, Op.TFORCALL, Op.CLOSURE, Op.NEWTABLE, Op.CONCAT, Op.CLOSE, Op.TBC, Op.FORPREP, Op.TFORPREP, Op.SETLIST,
  Op.VARARG,
]);

export interface Analysis {
  /** Successors of each instruction. */
  succ: number[][];
  /** Registers each instruction reads. */
  use: bigint[];
  /** Registers it surely writes (kills for liveness). */
  def: bigint[];
  /** Registers it leaves in locals that the stack does not have. */
  localDef: bigint[];
  liveIn: bigint[];
  liveOut: bigint[];
  /** Registers that may be dirty before each instruction. */
  dirtyIn: bigint[];
  /** Registers of the named locals active at each instruction (what `debug.getlocal` shows by name). */
  named: bigint[];
  /**
   * Registers some closure made here may write through its upvalue while
   * they are open (SETUPVAL in it, or in a closure it makes in turn).
   */
  captured: bigint;
  /** Instructions where execution may enter the function (from the interpreter's frame reload). */
  entries: Set<number>;
  /** Instructions a `pc = x; continue` may go to: entries and jump targets. */
  labels: Set<number>;
}

/** Where control may go after instruction `x`. */
function successors(code: Int32Array, x: number): number[] {
  const i = code[x];
  const op = i & 0x7f;
  const bx = i >>> 15;
  switch (op) {
    case Op.JMP: return [x + 1 + (i >>> 7) - Instr.OFFSET_sJ];
    case Op.LFALSESKIP: return [x + 2];
    case Op.FORLOOP: case Op.TFORLOOP: return [x + 1, x + 1 - bx];
    case Op.FORPREP: return [x + 1, x + 2 + bx];
    case Op.TFORPREP: return [x + 1 + bx];
    case Op.RETURN: case Op.RETURN0: case Op.RETURN1: case Op.TAILCALL: return [];
    default: return TESTS.has(op) ? [x + 1, x + 2] : [x + 1];
  }
}

/** [use, def, localDef] of instruction `x`. */
function registers(p: Proto, x: number): [bigint, bigint, bigint] {
  const i = p.code[x];
  const op = i & 0x7f;
  const a = (i >>> 7) & 0xff;
  const b = (i >>> 16) & 0xff;
  const c = i >>> 24;
  const k = (i & 0x8000) !== 0;
  const top = p.maxstacksize;
  const A = bit(a);
  const B = bit(b);
  const C = bit(c);
  switch (op) {
    case Op.MOVE: return [B, A, A];
    case Op.LOADI: case Op.LOADF: case Op.LOADK: case Op.LOADKX: case Op.LOADFALSE: case Op.LFALSESKIP: case Op.LOADTRUE:
    case Op.GETUPVAL: case Op.GETTABUP: case Op.NEWTABLE:
      return [0n, A, A];
    case Op.LOADNIL: return [0n, range(a, a + b + 1), range(a, a + b + 1)];
    case Op.SETUPVAL: return [A, 0n, 0n];
    case Op.GETTABLE: return [B | C, A, A];
    case Op.GETI: case Op.GETFIELD: return [B, A, A];
    case Op.SETTABUP: return [k ? 0n : C, 0n, 0n];
    case Op.SETTABLE: return [A | B | (k ? 0n : C), 0n, 0n];
    case Op.SETI: case Op.SETFIELD: return [A | (k ? 0n : C), 0n, 0n];
    case Op.SELF: return [B | (k ? 0n : C), A | bit(a + 1), A | bit(a + 1)];
    case Op.ADDI: case Op.ADDK: case Op.SUBK: case Op.MULK: case Op.MODK: case Op.POWK: case Op.DIVK: case Op.IDIVK:
    case Op.BANDK: case Op.BORK: case Op.BXORK: case Op.SHRI: case Op.SHLI:
    case Op.UNM: case Op.BNOT: case Op.NOT: case Op.LEN:
      return [B, A, A];
    case Op.ADD: case Op.SUB: case Op.MUL: case Op.MOD: case Op.POW: case Op.DIV: case Op.IDIV:
    case Op.BAND: case Op.BOR: case Op.BXOR: case Op.SHL: case Op.SHR:
      return [B | C, A, A];
    case Op.CONCAT: return [range(a, a + b), range(a, a + b), A]; // (its fast path leaves the result in a local)
    case Op.CLOSE: return [range(a, top), 0n, 0n];
    case Op.TBC: return [A, 0n, 0n];
    case Op.EQ: case Op.LT: case Op.LE: return [A | B, 0n, 0n];
    case Op.EQK: case Op.EQI: case Op.LTI: case Op.LEI: case Op.GTI: case Op.GEI: case Op.TEST:
      return [A, 0n, 0n];
    case Op.TESTSET: return [B, 0n, A]; // a conditional write: kills nothing
    case Op.CALL: {
      const args = b === 0 ? range(a, top) : range(a, a + b);
      return [args, c === 0 ? range(a, top) : range(a, a + c - 1), 0n]; // (all results: every register from A is written or garbage)
    }
    case Op.TAILCALL: return [b === 0 ? range(a, top) : range(a, a + b), 0n, 0n];
    case Op.RETURN: return [b === 0 ? range(a, top) : range(a, a + b - 1), 0n, 0n];
    case Op.RETURN0: return [0n, 0n, 0n];
    case Op.RETURN1: return [A, 0n, 0n];
    case Op.FORLOOP: return [range(a, a + 3), range(a, a + 4), range(a, a + 4)];
    case Op.FORPREP: return [range(a, a + 3), range(a, a + 4), 0n];
    case Op.TFORPREP: return [bit(a + 3), 0n, 0n];
    case Op.TFORCALL: return [range(a, a + 3), range(a + 4, a + 4 + Math.max(c, 3)), 0n];
    case Op.TFORLOOP: return [bit(a + 4), bit(a + 2), bit(a + 2)];
    case Op.SETLIST: return [b === 0 ? range(a, top) : range(a, a + b + 1), 0n, 0n];
    case Op.CLOSURE: {
      let captured = 0n;
      for (const d of p.p[i >>> 15].upvalues) if (d.instack) captured |= bit(d.idx);
      return [captured, A, 0n];
    }
    case Op.VARARG: return [0n, c === 0 ? range(a, top) : range(a, a + c - 1), 0n];
    case Op.VARARGPREP: return [0n, range(0, p.numparams), 0n];
    default: return [0n, 0n, 0n]; // JMP, EXTRAARG
  }
}

/** Does a closure of `q` write its upvalue `j` (itself, or through a closure it makes)? */
function writesUpvalue(q: Proto, j: number): boolean {
  for (const i of q.code) if ((i & 0x7f) === Op.SETUPVAL && ((i >>> 16) & 0xff) === j) return true;
  return q.p.some((q2) => q2.upvalues.some((d, j2) => !d.instack && d.idx === j && writesUpvalue(q2, j2)));
}

/**
 * `p`'s loops, as [first, last] instruction: from a backward jump's target
 * to the jump (from the successors alone: no dataflow needed).
 */
export function loopsOf(p: Proto): Array<[number, number]> {
  const loops: Array<[number, number]> = [];
  for (let x = 0; x < p.code.length; x++) {
    for (const t of successors(p.code, x)) if (t >= 0 && t <= x) loops.push([t, x]);
  }
  return loops;
}

/** The instructions of `loops`. */
export function instructionsOf(loops: Array<[number, number]>): Set<number> {
  const inside = new Set<number>();
  for (const [t, x] of loops) for (let y = t; y <= x; y++) inside.add(y);
  return inside;
}

/**
 * Run the analyses of `p`. With `inlineSlow` (codegen.ts's recompiled
 * form), execution also comes back in after any instruction whose slow
 * path may push a metamethod's frame or yield: the instruction after it,
 * the one after that for a test (a metamethod's result may skip the
 * jump), and CLOSE and RETURN themselves, which run again.
 */
export function analyze(p: Proto, inlineSlow = false): Analysis {
  const code = p.code;
  const n = code.length;
  const succ: number[][] = [];
  const use: bigint[] = [];
  const def: bigint[] = [];
  const localDef: bigint[] = [];
  const preds: number[][] = Array.from({ length: n }, () => []);
  const entries = new Set<number>([0]);
  const labels = new Set<number>([0]);
  for (let x = 0; x < n; x++) {
    const s = successors(code, x).filter((t) => t >= 0 && t < n);
    succ.push(s);
    for (const t of s) preds[t].push(x);
    const [u, d, l] = registers(p, x);
    use.push(u);
    def.push(d);
    localDef.push(l);
    const op = code[x] & 0x7f;
    for (const t of s) if (t !== x + 1) labels.add(t); // a jump, not a fall-through
    if (op === Op.TFORPREP) labels.add(s[0]);
    // where execution comes back in after a call: its Lua callee returned,
    // or it yielded, or a hook was set; the call event after VARARGPREP
    if ((op === Op.CALL || op === Op.TFORCALL || op === Op.VARARGPREP) && x + 1 < n) entries.add(x + 1);
    if (inlineSlow && !QUIET.has(op)) {
      if (x + 1 < n) entries.add(x + 1);
      if (TESTS.has(op) && x + 2 < n) entries.add(x + 2);
      if (op === Op.CLOSE || op === Op.RETURN) entries.add(x);
    }
  }
  // Everything else that leaves (a metamethod's frame, a yield inside one, a
  // hook) comes back in the interpreter, which hands the frame back at the
  // next backward jump: at the loop's start.
  for (let x = 0; x < n; x++) for (const t of succ[x]) if (t <= x) entries.add(t);
  for (const e of entries) labels.add(e);

  // liveness, backward to a fixed point
  const liveIn = new Array<bigint>(n).fill(0n);
  const liveOut = new Array<bigint>(n).fill(0n);
  for (let changed = true; changed;) {
    changed = false;
    for (let x = n - 1; x >= 0; x--) {
      let out = 0n;
      for (const t of succ[x]) out |= liveIn[t];
      const inn = use[x] | (out & ~def[x]);
      if (out !== liveOut[x] || inn !== liveIn[x]) {
        liveOut[x] = out;
        liveIn[x] = inn;
        changed = true;
      }
    }
  }

  // dirty registers, forward to a fixed point; at entries the locals were just read
  const dirtyIn = new Array<bigint>(n).fill(0n);
  for (let changed = true; changed;) {
    changed = false;
    for (let x = 0; x < n; x++) {
      let inn = 0n;
      for (const q of preds[x]) inn |= (SYNCING.has(code[q] & 0x7f) ? 0n : dirtyIn[q]) | localDef[q];
      if (inn !== dirtyIn[x]) {
        dirtyIn[x] = inn;
        changed = true;
      }
    }
  }
  const named = new Array<bigint>(n).fill(0n);
  for (let x = 0; x < n; x++) {
    let r = 0;
    for (const v of p.locvars) if (v.startpc <= x && x < v.endpc) named[x] |= bit(r++);
  }
  let captured = 0n;
  for (const q of p.p) {
    q.upvalues.forEach((d, j) => {
      if (d.instack && writesUpvalue(q, j)) captured |= bit(d.idx);
    });
  }
  return { succ, use, def, localDef, liveIn, liveOut, dirtyIn, named, captured, entries, labels };
}
