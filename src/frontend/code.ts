/**
 * The code generator (lcode.c): emits instructions for the parser, keeping
 * expressions pending in descriptors (expdesc.ts) until their destination is
 * known, and managing registers, constants and jump lists.
 *
 * It follows the reference closely on purpose: runtime error messages name
 * variables by symbolic execution over the bytecode, so register usage must
 * follow the same patterns. The deliberate differences are about the missing
 * MMBIN instructions: without them an instruction cannot tell the VM that
 * its operands were swapped, so we never emit such forms (no flipped
 * ADDI/ADDK/MULK/bitwise K ops for a constant first operand). A negated
 * constant is marked instead: `x - k` is ADDI with -k and `x << k` is SHRI
 * with -k, as in the reference (which matters: `-0.0 - 0` is `-0.0 + 0`,
 * that is 0.0), with the k bit set so the VM calls `__sub`/`__shl` with the
 * original operand when it needs a metamethod.
 */

import { Op, OPINFO, CREATE_ABCk, CREATE_ABx, CREATE_Ax, CREATE_sJ, SETARG, GET_OPCODE, GETARG_A, GETARG_B, GETARG_k, GETARG_sJ, Instr } from '../bytecode/opcodes.js';
import { LuaFloat, type LuaValue } from '../value/value.js';
import { arith, floatToInteger, floatToIntegerMode, tointegerNS, F2I, type LuaInteger } from '../value/number.js';
import { ExpDesc, VK, NO_JUMP, hasjumps } from './expdesc.js';
import type { FuncState } from './funcstate.js';
import { LUAI_MAXSHORTLEN } from '../value/limits.js';

/** Binary operators, in the order of lcode.h (and of LUA_OPADD...). */
export const enum BinOpr {
  ADD, SUB, MUL, MOD, POW, DIV, IDIV,
  BAND, BOR, BXOR, SHL, SHR,
  CONCAT,
  EQ, LT, LE, NE, GT, GE,
  AND, OR,
  NOBINOPR,
}

export const enum UnOpr { MINUS, BNOT, NOT, LEN, NOUNOPR }

/** Register index meaning "no register" (TESTSET that is turned into TEST). */
const NO_REG = Instr.MAXARG_A;
/** Maximum index of a constant usable as an RK operand. */
const MAXINDEXRK = Instr.MAXARG_B;
/** luaK_setreturns' "all results". */
export const LUA_MULTRET = -1;

const MAXARG_sJ = Instr.MAXARG_Ax;

// ---------------------------------------------------------------------------
// Instruction fields

const setA = (i: number, v: number): number => SETARG(i, Instr.POS_A, Instr.SIZE_A, v);
const setB = (i: number, v: number): number => SETARG(i, Instr.POS_B, Instr.SIZE_B, v);
const setC = (i: number, v: number): number => SETARG(i, Instr.POS_C, Instr.SIZE_C, v);
const setk = (i: number, v: number): number => SETARG(i, Instr.POS_k, 1, v);
const setBx = (i: number, v: number): number => SETARG(i, Instr.POS_Bx, Instr.SIZE_Bx, v);
const setOp = (i: number, op: Op): number => ((i & ~0x7f) | op) | 0;

const fitsC = (i: LuaInteger): boolean =>
  typeof i === 'number' && i >= -Instr.OFFSET_sC && i <= Instr.MAXARG_C - Instr.OFFSET_sC;
const fitsBx = (i: LuaInteger): boolean =>
  typeof i === 'number' && i >= -Instr.OFFSET_sBx && i <= Instr.MAXARG_Bx - Instr.OFFSET_sBx;
const int2sC = (i: number): number => i + Instr.OFFSET_sC;

function getinstruction(fs: FuncState, e: ExpDesc): number {
  return fs.code[e.info] as number;
}

function setinstruction(fs: FuncState, e: ExpDesc, i: number): void {
  fs.code[e.info] = i;
}

// ---------------------------------------------------------------------------
// Emitting

/** Append an instruction with the line of the last token read; returns its pc. */
export function code(fs: FuncState, i: number): number {
  fs.code.push(i);
  fs.lineinfo.push(fs.ls.lastline);
  return fs.pc++;
}

export function codeABCk(fs: FuncState, o: Op, a: number, b: number, c: number, k: number): number {
  return code(fs, CREATE_ABCk(o, a, b, c, k));
}

export function codeABC(fs: FuncState, o: Op, a: number, b: number, c: number): number {
  return code(fs, CREATE_ABCk(o, a, b, c, 0));
}

export function codeABx(fs: FuncState, o: Op, a: number, bx: number): number {
  return code(fs, CREATE_ABx(o, a, bx));
}

function codeAsBx(fs: FuncState, o: Op, a: number, sbx: number): number {
  return code(fs, CREATE_ABx(o, a, sbx + Instr.OFFSET_sBx));
}

function codesJ(fs: FuncState, o: Op, sj: number): number {
  return code(fs, CREATE_sJ(o, sj));
}

function codeextraarg(fs: FuncState, a: number): number {
  return code(fs, CREATE_Ax(Op.EXTRAARG, a));
}

/** Change the line of the last instruction (luaK_fixline). */
export function fixline(fs: FuncState, line: number): void {
  fs.lineinfo[fs.lineinfo.length - 1] = line;
}

function removelastinstruction(fs: FuncState): void {
  fs.code.pop();
  fs.lineinfo.pop();
  fs.pc--;
}

/** LOADK, or LOADKX + EXTRAARG for constants beyond Bx's range. */
function codek(fs: FuncState, reg: number, k: number): number {
  if (k <= Instr.MAXARG_Bx) return codeABx(fs, Op.LOADK, reg, k);
  const p = codeABx(fs, Op.LOADKX, reg, 0);
  codeextraarg(fs, k);
  return p;
}

/** The previous instruction, unless it may be a jump target (then, none). */
function previousinstruction(fs: FuncState): number {
  return fs.pc > fs.lasttarget ? (fs.code[fs.pc - 1] as number) : -1;
}

/** LOADNIL for `n` registers from `from`, merged with a previous LOADNIL when contiguous. */
export function nil(fs: FuncState, from: number, n: number): void {
  let l = from + n - 1;
  const previous = previousinstruction(fs);
  if (previous !== -1 && GET_OPCODE(previous) === Op.LOADNIL) {
    const pfrom = GETARG_A(previous);
    const pl = pfrom + GETARG_B(previous);
    if ((pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1)) {
      if (pfrom < from) from = pfrom;
      if (pl > l) l = pl;
      fs.code[fs.pc - 1] = setB(setA(previous, from), l - from);
      return;
    }
  }
  codeABC(fs, Op.LOADNIL, from, n - 1, 0);
}

// ---------------------------------------------------------------------------
// Jumps and jump lists (a list is threaded through the jumps' own offsets)

function getjump(fs: FuncState, pc: number): number {
  const offset = GETARG_sJ(fs.code[pc] as number);
  return offset === NO_JUMP ? NO_JUMP : pc + 1 + offset;
}

function fixjump(fs: FuncState, pc: number, dest: number): void {
  const offset = dest - (pc + 1);
  if (!(-Instr.OFFSET_sJ <= offset && offset <= MAXARG_sJ - Instr.OFFSET_sJ)) {
    fs.ls.syntaxerror('control structure too long');
  }
  const i = fs.code[pc] as number;
  fs.code[pc] = CREATE_sJ(GET_OPCODE(i), offset);
}

/**
 * Append list l2 to list l1; returns the new l1.
 *
 * Lists are walked to their end to append; long `a or b or c ...` chains
 * would make that quadratic, so the function remembers, for the last list
 * it extended, a node known to be in it (lists only grow at their end, so
 * walking from that node still finds the end).
 */
export function concat(fs: FuncState, l1: number, l2: number): number {
  if (l2 === NO_JUMP) return l1;
  if (l1 === NO_JUMP) return l2;
  let list = fs.jcHead === l1 ? fs.jcNode : l1;
  let next: number;
  while ((next = getjump(fs, list)) !== NO_JUMP) list = next;
  fixjump(fs, list, l2);
  fs.jcNode = fs.jcHead === l2 ? fs.jcNode : l2;
  fs.jcHead = l1;
  return l1;
}

export function jump(fs: FuncState): number {
  return codesJ(fs, Op.JMP, NO_JUMP);
}

/** Return instruction for `nret` values from register `first`. */
export function ret(fs: FuncState, first: number, nret: number): void {
  const op = nret === 0 ? Op.RETURN0 : nret === 1 ? Op.RETURN1 : Op.RETURN;
  codeABC(fs, op, first, nret + 1, 0);
}

function condjump(fs: FuncState, op: Op, a: number, b: number, c: number, k: number): number {
  codeABCk(fs, op, a, b, c, k);
  return jump(fs);
}

/** Mark the current pc as a jump target and return it. */
export function getlabel(fs: FuncState): number {
  fs.lasttarget = fs.pc;
  return fs.pc;
}

/** pc of the instruction controlling the jump at `pc` (its test, if any). */
function getjumpcontrol(fs: FuncState, pc: number): number {
  if (pc >= 1 && OPINFO[GET_OPCODE(fs.code[pc - 1] as number)]?.test === true) return pc - 1;
  return pc;
}

/**
 * Make the TESTSET controlling jump `node` put its value in `reg`, or turn it
 * into a TEST when no value is needed. Returns false if not a TESTSET.
 */
function patchtestreg(fs: FuncState, node: number, reg: number): boolean {
  const ipc = getjumpcontrol(fs, node);
  const i = fs.code[ipc] as number;
  if (GET_OPCODE(i) !== Op.TESTSET) return false;
  if (reg !== NO_REG && reg !== GETARG_B(i)) fs.code[ipc] = setA(i, reg);
  else fs.code[ipc] = CREATE_ABCk(Op.TEST, GETARG_B(i), 0, 0, GETARG_k(i));
  return true;
}

function removevalues(fs: FuncState, list: number): void {
  for (; list !== NO_JUMP; list = getjump(fs, list)) patchtestreg(fs, list, NO_REG);
}

/** Patch a list: value-producing tests go to vtarget (setting reg), others to dtarget. */
function patchlistaux(fs: FuncState, list: number, vtarget: number, reg: number, dtarget: number): void {
  if (list !== NO_JUMP) fs.jcHead = NO_JUMP; // the list is consumed: forget it
  while (list !== NO_JUMP) {
    const next = getjump(fs, list);
    if (patchtestreg(fs, list, reg)) fixjump(fs, list, vtarget);
    else fixjump(fs, list, dtarget);
    list = next;
  }
}

export function patchlist(fs: FuncState, list: number, target: number): void {
  patchlistaux(fs, list, target, NO_REG, target);
}

export function patchtohere(fs: FuncState, list: number): void {
  const hr = getlabel(fs);
  patchlist(fs, list, hr);
}

export function jumpto(fs: FuncState, target: number): void {
  patchlist(fs, jump(fs), target);
}

// ---------------------------------------------------------------------------
// Registers

export function checkstack(fs: FuncState, n: number): void {
  const newstack = fs.freereg + n;
  if (newstack > fs.f.maxstacksize) {
    if (newstack >= Instr.MAXREGS) fs.ls.syntaxerror('function or expression needs too many registers');
    fs.f.maxstacksize = newstack;
  }
}

export function reserveregs(fs: FuncState, n: number): void {
  checkstack(fs, n);
  fs.freereg += n;
}

/** Free a register if it is a temporary (not a local variable's). */
function freereg(fs: FuncState, reg: number): void {
  if (reg >= fs.nvarstack()) fs.freereg--;
}

/** Free two registers in the right order (the higher one first). */
function freeregs(fs: FuncState, r1: number, r2: number): void {
  if (r1 > r2) {
    freereg(fs, r1);
    freereg(fs, r2);
  } else {
    freereg(fs, r2);
    freereg(fs, r1);
  }
}

function freeexp(fs: FuncState, e: ExpDesc): void {
  if (e.k === VK.NONRELOC) freereg(fs, e.info);
}

function freeexps(fs: FuncState, e1: ExpDesc, e2: ExpDesc): void {
  const r1 = e1.k === VK.NONRELOC ? e1.info : -1;
  const r2 = e2.k === VK.NONRELOC ? e2.info : -1;
  freeregs(fs, r1, r2);
}

// ---------------------------------------------------------------------------
// Constants

/** Same constant: equal values of the same type (floats and integers differ). */
function sameConstant(a: LuaValue, b: LuaValue): boolean {
  const fa = a instanceof LuaFloat ? a.n : a;
  const fb = b instanceof LuaFloat ? b.n : b;
  if (typeof fa === 'number' && typeof fb === 'number') {
    return isIntegerValue(a) === isIntegerValue(b) && fa === fb;
  }
  return fa === fb;
}

const isIntegerValue = (v: LuaValue): boolean =>
  typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));

/**
 * Index of constant `v` in the function's table, adding it if needed.
 * `cache` maps the lookup key to the index the key got last (see Dyndata).
 */
function addk<Key>(fs: FuncState, cache: Map<Key, number>, key: Key, v: LuaValue): number {
  const found = cache.get(key);
  const k = fs.f.k;
  if (found !== undefined && found < k.length && sameConstant(k[found], v)) return found;
  const idx = k.length;
  k.push(v);
  cache.set(key, idx);
  return idx;
}

export function stringK(fs: FuncState, s: string): number {
  return addk(fs, fs.dyd.kstr, s, s);
}

function intK(fs: FuncState, n: LuaInteger): number {
  return addk(fs, fs.dyd.knum, n, n);
}

/** 2^-52: the reference perturbs integral float keys by this relative amount. */
const KEY_Q = 2 ** -52;

/**
 * Float constant; integral values are boxed so they stay floats. The lookup
 * key is the reference's: an integral float (which would collide with the
 * integer of the same value) is keyed by a slightly perturbed value, which
 * is an integer key again when it is integral and fits an integer.
 */
function numberK(fs: FuncState, r: number): number {
  const v = Number.isInteger(r) ? new LuaFloat(r) : r;
  const ik = floatToInteger(r);
  if (ik === undefined) return addk(fs, fs.dyd.kflt, r, v);
  const kf = ik === 0 ? KEY_Q : r + r * KEY_Q;
  const kik = floatToInteger(kf);
  return kik === undefined ? addk(fs, fs.dyd.kflt, kf, v) : addk(fs, fs.dyd.knum, kik, v);
}

function boolF(fs: FuncState): number {
  return addk(fs, fs.dyd.kother, false, false);
}

function boolT(fs: FuncState): number {
  return addk(fs, fs.dyd.kother, true, true);
}

function nilK(fs: FuncState): number {
  return addk(fs, fs.dyd.kother, undefined, undefined);
}

/** Numeric value of a numeral expression (for folding), or undefined. */
function tonumeral(e: ExpDesc): LuaValue {
  if (hasjumps(e)) return undefined;
  if (e.k === VK.KINT) return e.ival;
  if (e.k === VK.KFLT) return Number.isInteger(e.nval) ? new LuaFloat(e.nval) : e.nval;
  return undefined;
}

const isNumeral = (e: ExpDesc): boolean => !hasjumps(e) && (e.k === VK.KINT || e.k === VK.KFLT);

/** Turn a constant value (from a <const> variable) back into an expression. */
export function const2exp(v: LuaValue, e: ExpDesc): void {
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (typeof v === 'bigint' || Number.isInteger(v)) {
      e.k = VK.KINT;
      e.ival = v;
    } else {
      e.k = VK.KFLT;
      e.nval = v;
    }
  } else if (v instanceof LuaFloat) {
    e.k = VK.KFLT;
    e.nval = v.n;
  } else if (typeof v === 'string') {
    e.k = VK.KSTR;
    e.strval = v;
  } else if (v === true) e.k = VK.TRUE;
  else if (v === false) e.k = VK.FALSE;
  else e.k = VK.NIL;
}

/**
 * If `e` is a compile-time constant, its value (luaK_exp2const), for the
 * initializer of a <const> local; `ok` is false otherwise.
 */
export function exp2const(fs: FuncState, e: ExpDesc): { ok: boolean; v: LuaValue } {
  if (hasjumps(e)) return { ok: false, v: undefined };
  switch (e.k) {
    case VK.FALSE: return { ok: true, v: false };
    case VK.TRUE: return { ok: true, v: true };
    case VK.NIL: return { ok: true, v: undefined };
    case VK.KSTR: return { ok: true, v: e.strval };
    case VK.CONST: return { ok: true, v: (fs.dyd.actvar[e.info] as { k: LuaValue }).k };
    case VK.KINT: case VK.KFLT: return { ok: true, v: tonumeral(e) };
    default: return { ok: false, v: undefined };
  }
}

// ---------------------------------------------------------------------------
// Discharging expressions

export function setreturns(fs: FuncState, e: ExpDesc, nresults: number): void {
  let i = setC(getinstruction(fs, e), nresults + 1);
  if (e.k === VK.VARARG) {
    i = setA(i, fs.freereg);
    setinstruction(fs, e, i);
    reserveregs(fs, 1);
  } else {
    setinstruction(fs, e, i);
  }
}

export function setmultret(fs: FuncState, e: ExpDesc): void {
  setreturns(fs, e, LUA_MULTRET);
}

function str2K(fs: FuncState, e: ExpDesc): void {
  e.info = stringK(fs, e.strval);
  e.k = VK.K;
}

/** A multi-result expression (call, vararg) adjusted to one result. */
export function setoneret(fs: FuncState, e: ExpDesc): void {
  if (e.k === VK.CALL) {
    e.k = VK.NONRELOC; // result has a fixed position
    e.info = GETARG_A(getinstruction(fs, e));
  } else if (e.k === VK.VARARG) {
    setinstruction(fs, e, setC(getinstruction(fs, e), 2));
    e.k = VK.RELOC;
  }
}

/** Make a variable's value available (in a register or as a relocatable instruction). */
export function dischargevars(fs: FuncState, e: ExpDesc): void {
  switch (e.k) {
    case VK.CONST:
      const2exp((fs.dyd.actvar[e.info] as { k: LuaValue }).k, e);
      break;
    case VK.LOCAL:
      e.info = e.ridx;
      e.k = VK.NONRELOC;
      break;
    case VK.UPVAL:
      e.info = codeABC(fs, Op.GETUPVAL, 0, e.info, 0);
      e.k = VK.RELOC;
      break;
    case VK.INDEXUP:
      e.info = codeABC(fs, Op.GETTABUP, 0, e.indT, e.indIdx);
      e.k = VK.RELOC;
      break;
    case VK.INDEXI:
      freereg(fs, e.indT);
      e.info = codeABC(fs, Op.GETI, 0, e.indT, e.indIdx);
      e.k = VK.RELOC;
      break;
    case VK.INDEXSTR:
      freereg(fs, e.indT);
      e.info = codeABC(fs, Op.GETFIELD, 0, e.indT, e.indIdx);
      e.k = VK.RELOC;
      break;
    case VK.INDEXED:
      freeregs(fs, e.indT, e.indIdx);
      e.info = codeABC(fs, Op.GETTABLE, 0, e.indT, e.indIdx);
      e.k = VK.RELOC;
      break;
    case VK.VARARG: case VK.CALL:
      setoneret(fs, e);
      break;
    default:
      break; // there is one value available (somewhere)
  }
}

/** Load an integer: LOADI when it fits sBx, else a constant. */
export function int(fs: FuncState, reg: number, i: LuaInteger): void {
  if (fitsBx(i)) codeAsBx(fs, Op.LOADI, reg, i as number);
  else codek(fs, reg, intK(fs, i));
}

function float(fs: FuncState, reg: number, f: number): void {
  const fi = floatToIntegerMode(f, F2I.EQ);
  if (fi !== undefined && fitsBx(fi)) codeAsBx(fs, Op.LOADF, reg, fi as number);
  else codek(fs, reg, numberK(fs, f));
}

/** Put the value of `e` in register `reg` (jump lists aside). */
function discharge2reg(fs: FuncState, e: ExpDesc, reg: number): void {
  dischargevars(fs, e);
  switch (e.k) {
    case VK.NIL: nil(fs, reg, 1); break;
    case VK.FALSE: codeABC(fs, Op.LOADFALSE, reg, 0, 0); break;
    case VK.TRUE: codeABC(fs, Op.LOADTRUE, reg, 0, 0); break;
    case VK.KSTR: str2K(fs, e); codek(fs, reg, e.info); break;
    case VK.K: codek(fs, reg, e.info); break;
    case VK.KFLT: float(fs, reg, e.nval); break;
    case VK.KINT: int(fs, reg, e.ival); break;
    case VK.RELOC: setinstruction(fs, e, setA(getinstruction(fs, e), reg)); break;
    case VK.NONRELOC:
      if (reg !== e.info) codeABC(fs, Op.MOVE, reg, e.info, 0);
      break;
    default:
      return; // VJMP: nothing to do
  }
  e.info = reg;
  e.k = VK.NONRELOC;
}

function discharge2anyreg(fs: FuncState, e: ExpDesc): void {
  if (e.k !== VK.NONRELOC) {
    reserveregs(fs, 1);
    discharge2reg(fs, e, fs.freereg - 1);
  }
}

function codeLoadbool(fs: FuncState, a: number, op: Op): number {
  getlabel(fs); // those instructions may be jump targets
  return codeABC(fs, op, a, 0, 0);
}

/** Does some jump in the list need a value (is not a TESTSET)? */
function needValue(fs: FuncState, list: number): boolean {
  for (; list !== NO_JUMP; list = getjump(fs, list)) {
    if (GET_OPCODE(fs.code[getjumpcontrol(fs, list)] as number) !== Op.TESTSET) return true;
  }
  return false;
}

/** Put `e` (including its jump lists) into register `reg`. */
function exp2reg(fs: FuncState, e: ExpDesc, reg: number): void {
  discharge2reg(fs, e, reg);
  if (e.k === VK.JMP) e.t = concat(fs, e.t, e.info); // the expression itself is a test
  if (hasjumps(e)) {
    let pf = NO_JUMP; // position of an eventual LOAD false
    let pt = NO_JUMP; // position of an eventual LOAD true
    if (needValue(fs, e.t) || needValue(fs, e.f)) {
      const fj = e.k === VK.JMP ? NO_JUMP : jump(fs);
      pf = codeLoadbool(fs, reg, Op.LFALSESKIP);
      pt = codeLoadbool(fs, reg, Op.LOADTRUE);
      patchtohere(fs, fj); // jump around these booleans if 'e' is not a test
    }
    const final = getlabel(fs);
    patchlistaux(fs, e.f, final, reg, pf);
    patchlistaux(fs, e.t, final, reg, pt);
  }
  e.f = e.t = NO_JUMP;
  e.info = reg;
  e.k = VK.NONRELOC;
}

export function exp2nextreg(fs: FuncState, e: ExpDesc): void {
  dischargevars(fs, e);
  freeexp(fs, e);
  reserveregs(fs, 1);
  exp2reg(fs, e, fs.freereg - 1);
}

export function exp2anyreg(fs: FuncState, e: ExpDesc): number {
  dischargevars(fs, e);
  if (e.k === VK.NONRELOC) {
    if (!hasjumps(e)) return e.info;
    if (e.info >= fs.nvarstack()) { // register is not a local?
      exp2reg(fs, e, e.info);
      return e.info;
    }
    // else a local's register cannot hold the jump values: use a new one
  }
  exp2nextreg(fs, e);
  return e.info;
}

/** Like exp2anyreg, but an upvalue may stay (GETTABUP can index it directly). */
export function exp2anyregup(fs: FuncState, e: ExpDesc): void {
  if (e.k !== VK.UPVAL || hasjumps(e)) exp2anyreg(fs, e);
}

/** Value in a register or a constant, no pending jumps. */
export function exp2val(fs: FuncState, e: ExpDesc): void {
  if (hasjumps(e)) exp2anyreg(fs, e);
  else dischargevars(fs, e);
}

/** Try to make `e` a constant that fits an RK operand. */
function exp2K(fs: FuncState, e: ExpDesc): boolean {
  if (hasjumps(e)) return false;
  let info: number;
  switch (e.k) {
    case VK.TRUE: info = boolT(fs); break;
    case VK.FALSE: info = boolF(fs); break;
    case VK.NIL: info = nilK(fs); break;
    case VK.KINT: info = intK(fs, e.ival); break;
    case VK.KFLT: info = numberK(fs, e.nval); break;
    case VK.KSTR: info = stringK(fs, e.strval); break;
    case VK.K: info = e.info; break;
    default: return false;
  }
  if (info > MAXINDEXRK) return false;
  e.k = VK.K;
  e.info = info;
  return true;
}

/** Constant or register operand; returns 1 (the k bit) for a constant. */
export function exp2RK(fs: FuncState, e: ExpDesc): number {
  if (exp2K(fs, e)) return 1;
  exp2anyreg(fs, e);
  return 0;
}

function codeABRK(fs: FuncState, o: Op, a: number, b: number, ec: ExpDesc): void {
  const k = exp2RK(fs, ec);
  codeABCk(fs, o, a, b, ec.info, k);
}

/** Assign `ex` to the variable `v`. */
export function storevar(fs: FuncState, v: ExpDesc, ex: ExpDesc): void {
  switch (v.k) {
    case VK.LOCAL:
      freeexp(fs, ex);
      exp2reg(fs, ex, v.ridx); // compute 'ex' into the variable's register
      return;
    case VK.UPVAL: {
      const e = exp2anyreg(fs, ex);
      codeABC(fs, Op.SETUPVAL, e, v.info, 0);
      break;
    }
    case VK.INDEXUP: codeABRK(fs, Op.SETTABUP, v.indT, v.indIdx, ex); break;
    case VK.INDEXI: codeABRK(fs, Op.SETI, v.indT, v.indIdx, ex); break;
    case VK.INDEXSTR: codeABRK(fs, Op.SETFIELD, v.indT, v.indIdx, ex); break;
    case VK.INDEXED: codeABRK(fs, Op.SETTABLE, v.indT, v.indIdx, ex); break;
    default: break;
  }
  freeexp(fs, ex);
}

/** self:key → SELF (method lookup plus the receiver as first argument). */
export function self(fs: FuncState, e: ExpDesc, key: ExpDesc): void {
  exp2anyreg(fs, e);
  const ereg = e.info;
  freeexp(fs, e);
  e.info = fs.freereg; // base register for SELF
  e.k = VK.NONRELOC;
  reserveregs(fs, 2); // function and 'self' produced by SELF
  codeABRK(fs, Op.SELF, e.info, ereg, key);
  freeexp(fs, key);
}

// ---------------------------------------------------------------------------
// Conditionals

function negatecondition(fs: FuncState, e: ExpDesc): void {
  const pc = getjumpcontrol(fs, e.info);
  const i = fs.code[pc] as number;
  fs.code[pc] = setk(i, GETARG_k(i) ^ 1);
}

/** Jump if `e` is `cond`; a pending NOT is folded into the test. */
function jumponcond(fs: FuncState, e: ExpDesc, cond: number): number {
  if (e.k === VK.RELOC) {
    const ie = getinstruction(fs, e);
    if (GET_OPCODE(ie) === Op.NOT) {
      removelastinstruction(fs);
      return condjump(fs, Op.TEST, GETARG_B(ie), 0, 0, cond ^ 1);
    }
  }
  discharge2anyreg(fs, e);
  freeexp(fs, e);
  return condjump(fs, Op.TESTSET, NO_REG, e.info, 0, cond);
}

/** Emit code to go through if `e` is true, jump otherwise. */
export function goiftrue(fs: FuncState, e: ExpDesc): void {
  let pc: number;
  dischargevars(fs, e);
  switch (e.k) {
    case VK.JMP:
      negatecondition(fs, e); // jump when it is false
      pc = e.info;
      break;
    case VK.K: case VK.KFLT: case VK.KINT: case VK.KSTR: case VK.TRUE:
      pc = NO_JUMP; // always true; do nothing
      break;
    default:
      pc = jumponcond(fs, e, 0);
      break;
  }
  e.f = concat(fs, e.f, pc); // insert new jump in the false list
  patchtohere(fs, e.t); // true list jumps to here (to go through)
  e.t = NO_JUMP;
}

/** Emit code to go through if `e` is false, jump otherwise. */
export function goiffalse(fs: FuncState, e: ExpDesc): void {
  let pc: number;
  dischargevars(fs, e);
  switch (e.k) {
    case VK.JMP: pc = e.info; break;
    case VK.NIL: case VK.FALSE: pc = NO_JUMP; break; // always false; do nothing
    default: pc = jumponcond(fs, e, 1); break;
  }
  e.t = concat(fs, e.t, pc);
  patchtohere(fs, e.f);
  e.f = NO_JUMP;
}

function codenot(fs: FuncState, e: ExpDesc): void {
  switch (e.k) {
    case VK.NIL: case VK.FALSE:
      e.k = VK.TRUE;
      break;
    case VK.K: case VK.KFLT: case VK.KINT: case VK.KSTR: case VK.TRUE:
      e.k = VK.FALSE;
      break;
    case VK.JMP:
      negatecondition(fs, e);
      break;
    case VK.RELOC: case VK.NONRELOC:
      discharge2anyreg(fs, e);
      freeexp(fs, e);
      e.info = codeABC(fs, Op.NOT, 0, e.info, 0);
      e.k = VK.RELOC;
      break;
    default:
      break;
  }
  const temp = e.f; // interchange true and false lists
  e.f = e.t;
  e.t = temp;
  removevalues(fs, e.f); // values are useless when negated
  removevalues(fs, e.t);
}

// ---------------------------------------------------------------------------
// Indexing

/** Is `e` a constant string usable as a GETFIELD/SETFIELD key? */
function isKstr(fs: FuncState, e: ExpDesc): boolean {
  if (e.k !== VK.K || hasjumps(e) || e.info > Instr.MAXARG_B) return false;
  const v = fs.f.k[e.info];
  return typeof v === 'string' && v.length <= LUAI_MAXSHORTLEN;
}

const isKint = (e: ExpDesc): boolean => e.k === VK.KINT && !hasjumps(e);
const isCint = (e: ExpDesc): boolean =>
  isKint(e) && typeof e.ival === 'number' && e.ival >= 0 && e.ival <= Instr.MAXARG_C;
const isSCint = (e: ExpDesc): boolean => isKint(e) && fitsC(e.ival);

/** A numeral fitting an sC operand: its immediate form, and whether it is a float. */
function isSCnumber(e: ExpDesc): { im: number; isfloat: number } | undefined {
  let i: LuaInteger | undefined;
  let isfloat = 0;
  if (e.k === VK.KINT) i = e.ival;
  else if (e.k === VK.KFLT) {
    i = floatToIntegerMode(e.nval, F2I.EQ);
    if (i === undefined) return undefined;
    isfloat = 1;
  } else return undefined;
  if (!hasjumps(e) && fitsC(i)) return { im: int2sC(i as number), isfloat };
  return undefined;
}

/** t[k]: turn `t` into an indexed variable descriptor. */
export function indexed(fs: FuncState, t: ExpDesc, k: ExpDesc): void {
  if (k.k === VK.KSTR) str2K(fs, k);
  if (t.k === VK.UPVAL && !isKstr(fs, k)) exp2anyreg(fs, t); // upvalue indexed by non 'Kstr'
  if (t.k === VK.UPVAL) {
    t.indT = t.info;
    t.indIdx = k.info;
    t.k = VK.INDEXUP;
  } else {
    t.indT = t.k === VK.LOCAL ? t.ridx : t.info;
    if (isKstr(fs, k)) {
      t.indIdx = k.info;
      t.k = VK.INDEXSTR;
    } else if (isCint(k)) {
      t.indIdx = k.ival as number;
      t.k = VK.INDEXI;
    } else {
      t.indIdx = exp2anyreg(fs, k);
      t.k = VK.INDEXED;
    }
  }
}

// ---------------------------------------------------------------------------
// Operators

/** Would folding this operation be wrong (raise an error at run time, or lose precision)? */
function validop(op: number, v1: LuaValue, v2: LuaValue): boolean {
  switch (op) {
    case BinOpr.BAND: case BinOpr.BOR: case BinOpr.BXOR:
    case BinOpr.SHL: case BinOpr.SHR: case 13 /* LUA_OPBNOT */:
      return tointegerNS(v1) !== undefined && tointegerNS(v2) !== undefined;
    case BinOpr.DIV: case BinOpr.IDIV: case BinOpr.MOD: { // division by 0
      const n = v2 instanceof LuaFloat ? v2.n : v2;
      return n !== 0 && n !== 0n;
    }
    default:
      return true;
  }
}

/** Fold an operation on numerals into e1 (never producing NaN or a float zero). */
function constfolding(op: number, e1: ExpDesc, e2: ExpDesc): boolean {
  const v1 = tonumeral(e1), v2 = tonumeral(e2);
  if (v1 === undefined || v2 === undefined || !validop(op, v1, v2)) return false;
  const res = arith(op, v1, v2);
  if (res === undefined) return false;
  if (typeof res === 'bigint' || (typeof res === 'number' && Number.isInteger(res))) {
    e1.k = VK.KINT;
    e1.ival = res;
  } else {
    const n = res instanceof LuaFloat ? res.n : (res as number);
    if (Number.isNaN(n) || n === 0) return false;
    e1.k = VK.KFLT;
    e1.nval = n;
  }
  return true;
}

const UNOP_CODES: readonly Op[] = [Op.UNM, Op.BNOT, Op.NOT, Op.LEN];

function codeunexpval(fs: FuncState, op: Op, e: ExpDesc, line: number): void {
  const r = exp2anyreg(fs, e); // opcodes operate only on registers
  freeexp(fs, e);
  e.info = codeABC(fs, op, 0, r, 0);
  e.k = VK.RELOC;
  fixline(fs, line);
}

/** Emit `op` with operands e1 (register) and v2; the result is relocatable. */
function finishbinexpval(fs: FuncState, e1: ExpDesc, e2: ExpDesc, op: Op, v2: number, line: number): void {
  const v1 = exp2anyreg(fs, e1);
  const pc = codeABCk(fs, op, 0, v1, v2, 0);
  freeexps(fs, e1, e2);
  e1.info = pc;
  e1.k = VK.RELOC;
  fixline(fs, line);
}

/** Both operands in registers. */
function codebinexpval(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc, line: number): void {
  const v2 = exp2anyreg(fs, e2);
  finishbinexpval(fs, e1, e2, Op.ADD + opr, v2, line);
}

/** Second operand is an immediate integer (sC). */
function codebini(fs: FuncState, op: Op, e1: ExpDesc, e2: ExpDesc, line: number): void {
  finishbinexpval(fs, e1, e2, op, int2sC(e2.ival as number), line);
}

/**
 * `e1 - k` as `e1 + (-k)` (ADDI) and `e1 << k` as `e1 >> (-k)` (SHRI) for a
 * small integer k, marked with the k bit (finishbinexpneg in lcode.c).
 */
function finishbinexpneg(fs: FuncState, e1: ExpDesc, e2: ExpDesc, op: Op, line: number): boolean {
  if (!isKint(e2)) return false;
  const i2 = e2.ival as LuaInteger;
  if (typeof i2 !== 'number' || !fitsC(i2) || !fitsC(-i2)) return false;
  const v1 = exp2anyreg(fs, e1);
  const pc = codeABCk(fs, op, 0, v1, int2sC(-i2), 1);
  freeexps(fs, e1, e2);
  e1.info = pc;
  e1.k = VK.RELOC;
  fixline(fs, line);
  return true;
}

/** Second operand is a constant (already in K, e2.info). */
function codebinK(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc, line: number): void {
  finishbinexpval(fs, e1, e2, Op.ADDK + opr, e2.info, line);
}

/** Arithmetic: K form when the second operand is a numeral that fits, else registers. */
function codearith(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc, line: number): void {
  if (isNumeral(e2) && exp2K(fs, e2)) codebinK(fs, opr, e1, e2, line);
  else codebinexpval(fs, opr, e1, e2, line);
}

/** + and *: the reference swaps a constant first operand; we cannot (see the module comment). */
function codecommutative(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc, line: number): void {
  if (opr === BinOpr.ADD && isSCint(e2) && !isNumeral(e1)) codebini(fs, Op.ADDI, e1, e2, line);
  else codearith(fs, opr, e1, e2, line);
}

function codebitwise(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc, line: number): void {
  if (e2.k === VK.KINT && exp2K(fs, e2)) codebinK(fs, opr, e1, e2, line);
  else codebinexpval(fs, opr, e1, e2, line);
}

function swapexps(e1: ExpDesc, e2: ExpDesc): void {
  const t = e1.clone();
  e1.copyFrom(e2);
  e2.copyFrom(t);
}

/** Order comparisons (<, <=; > and >= arrive swapped), with immediate forms. */
function codeorder(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc): void {
  let r1: number, r2: number, op: Op, isfloat = 0;
  const im2 = isSCnumber(e2);
  const im1 = im2 === undefined ? isSCnumber(e1) : undefined;
  if (im2 !== undefined) { // use immediate operand
    r1 = exp2anyreg(fs, e1);
    r2 = im2.im;
    isfloat = im2.isfloat;
    op = opr === BinOpr.LT ? Op.LTI : Op.LEI;
  } else if (im1 !== undefined) { // (A < B) is (B > A); (A <= B) is (B >= A)
    r1 = exp2anyreg(fs, e2);
    r2 = im1.im;
    isfloat = im1.isfloat;
    op = opr === BinOpr.LT ? Op.GTI : Op.GEI;
  } else { // regular case, compare two registers
    r1 = exp2anyreg(fs, e1);
    r2 = exp2anyreg(fs, e2);
    op = opr === BinOpr.LT ? Op.LT : Op.LE;
  }
  freeexps(fs, e1, e2);
  e1.info = condjump(fs, op, r1, r2, isfloat, 1);
  e1.k = VK.JMP;
}

/** == and ~=, with immediate and constant forms. */
function codeeq(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc): void {
  let r2: number, op: Op, isfloat = 0;
  if (e1.k !== VK.NONRELOC) swapexps(e1, e2); // e1 is a constant: move it to the second place
  const r1 = exp2anyreg(fs, e1); // first expression must be in a register
  const im = isSCnumber(e2);
  if (im !== undefined) {
    op = Op.EQI;
    r2 = im.im;
    isfloat = im.isfloat;
  } else if (exp2RK(fs, e2) === 1) {
    op = Op.EQK;
    r2 = e2.info;
  } else {
    op = Op.EQ;
    r2 = exp2anyreg(fs, e2);
  }
  freeexps(fs, e1, e2);
  e1.info = condjump(fs, op, r1, r2, isfloat, opr === BinOpr.EQ ? 1 : 0);
  e1.k = VK.JMP;
}

/** Apply a prefix operator to `e`. */
export function prefix(fs: FuncState, opr: UnOpr, e: ExpDesc, line: number): void {
  dischargevars(fs, e);
  switch (opr) {
    case UnOpr.MINUS: case UnOpr.BNOT: {
      const ef = new ExpDesc().init(VK.KINT, 0); // fake second operand
      ef.ival = 0;
      if (constfolding(opr + 12 /* LUA_OPUNM */, e, ef)) break;
      codeunexpval(fs, UNOP_CODES[opr] as Op, e, line);
      break;
    }
    case UnOpr.LEN:
      codeunexpval(fs, Op.LEN, e, line);
      break;
    case UnOpr.NOT:
      codenot(fs, e);
      break;
    default:
      break;
  }
}

/** Process the first operand of a binary operator before reading the second. */
export function infix(fs: FuncState, op: BinOpr, v: ExpDesc): void {
  dischargevars(fs, v);
  switch (op) {
    case BinOpr.AND: goiftrue(fs, v); break;
    case BinOpr.OR: goiffalse(fs, v); break;
    case BinOpr.CONCAT: exp2nextreg(fs, v); break; // operand must be on the stack
    case BinOpr.ADD: case BinOpr.SUB: case BinOpr.MUL: case BinOpr.DIV:
    case BinOpr.IDIV: case BinOpr.MOD: case BinOpr.POW:
    case BinOpr.BAND: case BinOpr.BOR: case BinOpr.BXOR:
    case BinOpr.SHL: case BinOpr.SHR:
      if (!isNumeral(v)) exp2anyreg(fs, v); // else keep numeral, which may be folded
      break;
    case BinOpr.EQ: case BinOpr.NE:
      if (!isNumeral(v)) exp2RK(fs, v); // else keep numeral, which may be an immediate
      break;
    case BinOpr.LT: case BinOpr.LE: case BinOpr.GT: case BinOpr.GE:
      if (isSCnumber(v) === undefined) exp2anyreg(fs, v);
      break;
    default:
      break;
  }
}

/** e1 .. e2, merging into a CONCAT that e2 already is. */
function codeconcat(fs: FuncState, e1: ExpDesc, e2: ExpDesc, line: number): void {
  const ie2 = previousinstruction(fs);
  if (ie2 !== -1 && GET_OPCODE(ie2) === Op.CONCAT) { // is 'e2' a concatenation?
    const n = GETARG_B(ie2);
    freeexp(fs, e2);
    fs.code[fs.pc - 1] = setB(setA(ie2, e1.info), n + 1);
  } else {
    codeABC(fs, Op.CONCAT, e1.info, 2, 0);
    freeexp(fs, e2);
    fixline(fs, line);
  }
}

/** Finish a binary operation `e1 op e2` into e1. */
export function posfix(fs: FuncState, opr: BinOpr, e1: ExpDesc, e2: ExpDesc, line: number): void {
  dischargevars(fs, e2);
  if (opr <= BinOpr.SHR && constfolding(opr, e1, e2)) return; // done by folding
  switch (opr) {
    case BinOpr.AND:
      e2.f = concat(fs, e2.f, e1.f);
      e1.copyFrom(e2);
      break;
    case BinOpr.OR:
      e2.t = concat(fs, e2.t, e1.t);
      e1.copyFrom(e2);
      break;
    case BinOpr.CONCAT:
      exp2nextreg(fs, e2);
      codeconcat(fs, e1, e2, line);
      break;
    case BinOpr.ADD: case BinOpr.MUL:
      codecommutative(fs, opr, e1, e2, line);
      break;
    case BinOpr.SUB:
      if (!finishbinexpneg(fs, e1, e2, Op.ADDI, line)) codearith(fs, opr, e1, e2, line);
      break;
    case BinOpr.DIV: case BinOpr.IDIV: case BinOpr.MOD: case BinOpr.POW:
      codearith(fs, opr, e1, e2, line);
      break;
    case BinOpr.BAND: case BinOpr.BOR: case BinOpr.BXOR:
      codebitwise(fs, opr, e1, e2, line);
      break;
    case BinOpr.SHL:
      if (isSCint(e1)) { // I << r2: SHLI keeps the operand order
        swapexps(e1, e2);
        codebini(fs, Op.SHLI, e1, e2, line);
      } else if (!finishbinexpneg(fs, e1, e2, Op.SHRI, line)) {
        codebinexpval(fs, opr, e1, e2, line);
      }
      break;
    case BinOpr.SHR:
      if (isSCint(e2)) codebini(fs, Op.SHRI, e1, e2, line); // r1 >> I
      else codebinexpval(fs, opr, e1, e2, line);
      break;
    case BinOpr.EQ: case BinOpr.NE:
      codeeq(fs, opr, e1, e2);
      break;
    case BinOpr.GT: case BinOpr.GE:
      // '(a > b)' is '(b < a)'; '(a >= b)' is '(b <= a)'
      swapexps(e1, e2);
      codeorder(fs, opr - BinOpr.GT + BinOpr.LT, e1, e2);
      break;
    case BinOpr.LT: case BinOpr.LE:
      codeorder(fs, opr, e1, e2);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------
// Tables

/** Store `tostore` list items (0: up to top) into the table at `base`, after `nelems` already stored. */
export function setlist(fs: FuncState, base: number, nelems: number, tostore: number): void {
  if (tostore === LUA_MULTRET) tostore = 0;
  if (nelems <= Instr.MAXARG_C) {
    codeABC(fs, Op.SETLIST, base, tostore, nelems);
  } else {
    const extra = Math.floor(nelems / (Instr.MAXARG_C + 1));
    codeABCk(fs, Op.SETLIST, base, tostore, nelems % (Instr.MAXARG_C + 1), 1);
    codeextraarg(fs, extra);
  }
  fs.freereg = base + 1; // free registers with list values
}

/** ceil(log2(x)) for x >= 1. */
function ceillog2(x: number): number {
  return 32 - Math.clz32(x - 1);
}

/** Fill in the sizes of a NEWTABLE (and its EXTRAARG) once the constructor is read. */
export function settablesize(fs: FuncState, pc: number, ra: number, asize: number, hsize: number): void {
  const rb = hsize !== 0 ? ceillog2(hsize) + 1 : 0;
  const extra = Math.floor(asize / (Instr.MAXARG_C + 1));
  const rc = asize % (Instr.MAXARG_C + 1);
  fs.code[pc] = CREATE_ABCk(Op.NEWTABLE, ra, rb, rc, extra > 0 ? 1 : 0);
  fs.code[pc + 1] = CREATE_Ax(Op.EXTRAARG, extra);
}

// ---------------------------------------------------------------------------
// Finishing a function

/** Final target of a chain of jumps (avoiding infinite loops). */
function finaltarget(fs: FuncState, i: number): number {
  for (let count = 0; count < 100; count++) {
    const pc = fs.code[i] as number;
    if (GET_OPCODE(pc) !== Op.JMP) break;
    i += GETARG_sJ(pc) + 1;
  }
  return i;
}

/**
 * Last pass over the code: returns learn whether they must close upvalues or
 * fix a vararg frame, and jumps to jumps go straight to their final target.
 */
export function finish(fs: FuncState): void {
  const p = fs.f;
  for (let i = 0; i < fs.pc; i++) {
    const ins = fs.code[i] as number;
    const op = GET_OPCODE(ins);
    if (op === Op.JMP) {
      fixjump(fs, i, finaltarget(fs, i));
    } else if (op === Op.RETURN || op === Op.TAILCALL) {
      fs.code[i] = finishreturn(fs, ins);
    } else if ((op === Op.RETURN0 || op === Op.RETURN1) && (fs.needclose || p.isVararg)) {
      fs.code[i] = finishreturn(fs, setOp(ins, Op.RETURN)); // RETURN does the extra work
    }
  }
}

function finishreturn(fs: FuncState, ins: number): number {
  if (fs.needclose) ins = setk(ins, 1); // signal that it needs to close
  if (fs.f.isVararg) ins = setC(ins, fs.f.numparams + 1); // signal that it is vararg
  return ins;
}

export { setBx, setC, setA };
