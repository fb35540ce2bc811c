/**
 * Binary chunks in PUC-Rio Lua 5.4's format (what `luac 5.4` and the
 * reference's `string.dump` write; lundump.c), translated to moonbox's
 * bytecode and then verified like moonbox's own chunks (undump.ts).
 *
 * Accepted: format 0 with 4-byte instructions, 8-byte integers and doubles,
 * little-endian (the reference on every common machine). Anything else is
 * the reference's "bad binary format" error, never a crash.
 *
 * The instruction sets are the same but for MMBIN, MMBINI and MMBINK: the
 * reference follows each arithmetic instruction with one of them, run only
 * when the operation needs a metamethod; moonbox's arithmetic instructions
 * call metamethods themselves. Translating drops them, renumbers the
 * opcodes after them, moves every jump and every local variable's range to
 * the new positions, and keeps what an MMBIN said that the instruction
 * before it does not:
 *  - ADDI followed by MMBINI __sub (`x - 1`) and SHRI followed by MMBINI
 *    __shl (`x << 1`) set the k bit, as moonbox's compiler does;
 *  - a flipped MMBINK (`2 * x`, `1 | x`: the constant came first) sets the
 *    k bit of ADDK, MULK, BANDK, BORK or BXORK (interp.ts, kOperand);
 *  - a flipped MMBINI after ADDI (`1 + x`) becomes ADDK of a new constant,
 *    flipped; SHLI is already the flipped form of a shift.
 */

import { valueArray, type LuaValue } from '../value/value.js';
import { internShort } from '../value/intern.js';
import { LUAI_MAXSHORTLEN, MAX_SIZE, MAX_UNDUMP_NESTING } from '../value/limits.js';
import { SIGNATURE, VERSION, Writer, constKind, floatValue, type ConstKind } from './dump.js';
import { Instr, Op } from './opcodes.js';
import { Proto, type LocVar, type UpvalDesc } from './proto.js';
import { Reader, normFloat, normInt, upvalueDescs, type ChunkFormat } from './reader.js';

/** PUC-Rio's opcodes that moonbox does not have, and the first opcode after them (lopcodes.h). */
const enum PucOp {
  MMBIN = 46,
  MMBINI = 47,
  MMBINK = 48,
  /** OP_UNM: from here on, PUC-Rio's opcode is moonbox's plus 3. */
  AFTER_MMBIN = 49,
  /** OP_EXTRAARG, the last one. */
  LAST = 82,
}

/** Metamethod events as MMBIN's C names them (ltm.h's TMS order). */
const enum TM { ADD = 6, SUB = 7, MUL = 8, BAND = 13, BOR = 14, BXOR = 15, SHL = 16 }

/** lundump.c's header constants (LUAC_DATA, LUAC_INT, LUAC_NUM). */
const LUAC_DATA = '\x19\x93\r\n\x1a\n';
const LUAC_INT = 0x5678n;
const LUAC_NUM = 370.5;

/** Constant tags (lobject.h's variant tags). */
const enum Tag { NIL = 0x00, FALSE = 0x01, TRUE = 0x11, INT = 0x03, FLOAT = 0x13, SHRSTR = 0x04, LNGSTR = 0x14 }

/** The reference's size_t varint (loadSize): 7 bits a byte, most significant first, the last byte marked. */
function size(r: Reader): number {
  let n = 0;
  for (;;) {
    const b = r.byte();
    n = n * 128 + (b & 0x7f);
    if (n > MAX_SIZE) r.error('integer overflow');
    if (b & 0x80) return n;
  }
}

/** A count of items of at least `minSize` bytes each: bounded by what is left. */
function count(r: Reader, minSize: number): number {
  const n = size(r);
  if (n * minSize > r.remaining()) r.error('truncated chunk');
  return n;
}

/** loadStringN: size + 1, 0 for NULL. */
function optString(r: Reader): string | undefined {
  const n = size(r);
  if (n === 0) return undefined;
  return r.bytes(n - 1);
}

function checkHeader(r: Reader): void {
  // signature and version were read by undump; the format byte was 0
  if (r.bytes(LUAC_DATA.length) !== LUAC_DATA) r.error('corrupted chunk');
  if (r.byte() !== 4) r.error('Instruction size mismatch');
  if (r.byte() !== 8) r.error('lua_Integer size mismatch');
  if (r.byte() !== 8) r.error('lua_Number size mismatch');
  if (r.int64() !== LUAC_INT) r.error('integer format mismatch');
  if (r.float64() !== LUAC_NUM) r.error('float format mismatch');
}

function loadConstants(r: Reader): LuaValue[] {
  const n = count(r, 1);
  const k = valueArray();
  for (let i = 0; i < n; i++) {
    const tag = r.byte();
    switch (tag) {
      case Tag.NIL: k.push(undefined); break;
      case Tag.FALSE: k.push(false); break;
      case Tag.TRUE: k.push(true); break;
      case Tag.INT: k.push(normInt(r.int64())); break;
      case Tag.FLOAT: k.push(normFloat(r.float64())); break;
      case Tag.SHRSTR: case Tag.LNGSTR: {
        const s = optString(r);
        if (s === undefined) r.error('bad format for constant string');
        k.push(internShort(s));
        break;
      }
      default: r.error('bad constant tag');
    }
  }
  return k;
}

function loadUpvalues(r: Reader): UpvalDesc[] {
  return upvalueDescs(r, count(r, 3));
}

/** Absolute lines from lineinfo deltas and the absolute entries (luaG_getfuncline). */
function loadLines(r: Reader, p: Proto, ncode: number): Int32Array {
  const n = count(r, 1);
  if (n !== 0 && n !== ncode) r.error('lineinfo size mismatch');
  const deltas = new Int8Array(n);
  for (let i = 0; i < n; i++) deltas[i] = r.byte();
  const nabs = count(r, 2);
  const abs = new Map<number, number>();
  for (let i = 0; i < nabs; i++) {
    const pc = size(r);
    abs.set(pc, size(r));
  }
  const lines = new Int32Array(n);
  let line = p.linedefined;
  for (let pc = 0; pc < n; pc++) {
    // ABSLINEINFO (-0x80) marks an instruction whose line is in the absolute list
    line = deltas[pc] === -0x80 ? abs.get(pc) ?? r.error('bad line information') : line + deltas[pc];
    if (line < 0 || line > MAX_SIZE) r.error('bad line number');
    lines[pc] = line;
  }
  return lines;
}

function loadFunction(r: Reader, parentSource: string | undefined, depth: number): Proto {
  if (depth > MAX_UNDUMP_NESTING) r.error('function nesting too deep');
  const p = new Proto();
  p.source = optString(r) ?? parentSource;
  p.linedefined = size(r);
  p.lastlinedefined = size(r);
  p.numparams = r.byte();
  p.isVararg = r.byte() !== 0;
  p.maxstacksize = r.byte();
  const ncode = count(r, 4);
  const code = new Int32Array(ncode);
  for (let i = 0; i < ncode; i++) code[i] = r.int32();
  p.k = loadConstants(r);
  p.upvalues = loadUpvalues(r);
  const nprotos = count(r, 1);
  for (let i = 0; i < nprotos; i++) p.p.push(loadFunction(r, p.source, depth + 1));
  const lines = loadLines(r, p, ncode);
  const nloc = count(r, 3);
  const locvars: LocVar[] = [];
  for (let i = 0; i < nloc; i++) {
    const varname = optString(r) ?? r.error('corrupted chunk');
    const startpc = size(r);
    const endpc = size(r);
    if (startpc > endpc || endpc > ncode) r.error('bad local variable range');
    locvars.push({ varname, startpc, endpc });
  }
  // as lundump.c: a non-zero count of upvalue names means one name per upvalue
  if (size(r) !== 0) for (const u of p.upvalues) u.name = optString(r);
  translate(r, p, code, lines, locvars);
  return p;
}

// ---------------------------------------------------------------------------
// Translation

/** What a dropped MMBIN* said about the instruction before it. */
function mmbinEvent(i: number): { tm: number; flip: boolean } {
  return { tm: i >>> 24, flip: (i & 0x8000) !== 0 };
}

const COMMUTATIVE_K = new Map<number, number>([
  [Op.ADDK, TM.ADD], [Op.MULK, TM.MUL], [Op.BANDK, TM.BAND], [Op.BORK, TM.BOR], [Op.BXORK, TM.BXOR],
]);

/** PUC-Rio's opcode as moonbox's (MMBIN* excluded). */
function opcode(op: number): number {
  return op < PucOp.MMBIN ? op : op - (PucOp.AFTER_MMBIN - PucOp.MMBIN);
}

function translate(r: Reader, p: Proto, code: Int32Array, lines: Int32Array, locvars: LocVar[]): void {
  // new position of each old instruction (an MMBIN maps to where the next one goes)
  const at = new Int32Array(code.length + 1);
  let n = 0;
  for (let pc = 0; pc < code.length; pc++) {
    at[pc] = n;
    const op = code[pc] & 0x7f;
    if (op > PucOp.LAST) r.error('bad opcode');
    if (op < PucOp.MMBIN || op > PucOp.MMBINK) n++;
  }
  at[code.length] = n;
  const out = new Int32Array(n);
  const outLines = new Int32Array(lines.length === 0 ? 0 : n);
  for (let pc = 0; pc < code.length; pc++) {
    const i = code[pc];
    const op = i & 0x7f;
    if (op >= PucOp.MMBIN && op <= PucOp.MMBINK) {
      if (pc === 0) r.error('corrupted chunk');
      out[at[pc] - 1] = withMetamethod(r, p, out[at[pc] - 1], op, mmbinEvent(i));
      continue;
    }
    const j = at[pc];
    out[j] = moveJump((i & ~0x7f) | opcode(op), pc, at, (why) => r.error(why));
    if (outLines.length !== 0) outLines[j] = lines[pc];
  }
  p.code = out;
  p.lineinfo = outLines;
  p.locvars = locvars.map((v) => ({ varname: v.varname, startpc: at[v.startpc], endpc: at[v.endpc] }));
}

/**
 * Instruction `i` (moonbox's opcode) of position `pc` moved to position
 * at[pc], its jump, if it has one, moved too: jumps are measured in
 * instructions, and the two formats count different ones. Used both ways
 * (`at` maps old positions to new ones); a target outside the code or an
 * offset past its field is `fail`.
 */
function moveJump(i: number, pc: number, at: Int32Array, fail: (why: string) => never): number {
  const j = at[pc];
  const target = (old: number): number => {
    if (old < 0 || old >= at.length) fail('bad jump');
    return at[old];
  };
  const op = i & 0x7f;
  switch (op) {
    case Op.JMP: {
      const sj = (i >>> 7) - Instr.OFFSET_sJ;
      return op | ((target(pc + 1 + sj) - (j + 1) + Instr.OFFSET_sJ) << 7);
    }
    case Op.FORPREP: case Op.TFORPREP: case Op.FORLOOP: case Op.TFORLOOP: {
      const bx = i >>> 15;
      // FORPREP skips the loop (pc += Bx + 1); TFORPREP jumps to its TFORCALL (pc += Bx); the loops jump back
      const back = op === Op.FORLOOP || op === Op.TFORLOOP;
      const extra = op === Op.FORPREP ? 1 : 0;
      const newBx = back ? (j + 1) - target(pc + 1 - bx) : target(pc + 1 + bx + extra) - (j + 1) - extra;
      if (newBx < 0 || newBx > Instr.MAXARG_Bx) fail('bad jump');
      return (i & 0x7fff) | (newBx << 15);
    }
    default:
      return i;
  }
}

/** The instruction `prev` an MMBIN* followed, with what the MMBIN said that moonbox's form must carry. */
function withMetamethod(r: Reader, p: Proto, prev: number, mmop: number, { tm, flip }: { tm: number; flip: boolean }): number {
  const op = prev & 0x7f;
  const K_BIT = 1 << Instr.POS_k;
  if (mmop === PucOp.MMBINI) {
    if (op === Op.ADDI) {
      if (tm === TM.SUB) return prev | K_BIT; // x - imm was compiled as x + (-imm)
      if (!flip) return prev;
      // imm + x: ADDK with the immediate as a constant, flipped
      const kidx = p.k.length;
      if (kidx > Instr.MAXARG_C) r.error('too many constants to translate');
      p.k.push((prev >>> 24) - Instr.OFFSET_sC);
      return (prev & 0xffffff & ~0x7f & ~K_BIT) | Op.ADDK | K_BIT | (kidx << 24);
    }
    if (op === Op.SHRI) return tm === TM.SHL ? prev | K_BIT : prev; // x << imm was compiled as x >> (-imm)
    if (op === Op.SHLI) return prev; // already imm << x
    r.error('corrupted chunk');
  }
  if (mmop === PucOp.MMBINK) {
    if (!flip) return prev;
    if (COMMUTATIVE_K.get(op) !== tm) r.error('corrupted chunk');
    return prev | K_BIT;
  }
  if (flip) r.error('corrupted chunk');
  return prev;
}

/** Reading the reference's format, after its format byte (0): what undump.ts needs of it. */
export const luacFormat: ChunkFormat = {
  checkHeader,
  loadMain: (r) => loadFunction(r, undefined, 0),
};

// ---------------------------------------------------------------------------
// Writing: string.dump writes the reference's format

/** lcode.c's line information limits: a delta must fit a signed byte, and an absolute line comes at least every MAXIWTHABS instructions. */
const LIMLINEDIFF = 0x80;
const MAXIWTHABS = 128;
const ABSLINEINFO = -0x80;

/** The size_t varint of dumpSize: most significant group first, the last byte marked. */
function writeSize(w: Writer, n: number): void {
  const groups: number[] = [];
  do {
    groups.push(n % 128);
    n = Math.floor(n / 128);
  } while (n > 0);
  for (let i = groups.length - 1; i >= 0; i--) w.byte(i === 0 ? groups[i] | 0x80 : groups[i]);
}

function writeString(w: Writer, s: string | undefined): void {
  if (s === undefined) writeSize(w, 0);
  else {
    writeSize(w, s.length + 1);
    w.bytes(s);
  }
}

function writeConstant(w: Writer, v: LuaValue): void {
  const kind = constKind(v);
  if (kind === 'str') {
    w.byte((v as string).length <= LUAI_MAXSHORTLEN ? Tag.SHRSTR : Tag.LNGSTR);
    writeString(w, v as string);
    return;
  }
  w.byte(WRITE_TAGS[kind]);
  if (kind === 'int') w.int64(BigInt(v as number | bigint));
  else if (kind === 'float') w.float64(floatValue(v));
}

const WRITE_TAGS: Readonly<Record<Exclude<ConstKind, 'str'>, Tag>> = {
  nil: Tag.NIL, false: Tag.FALSE, true: Tag.TRUE, int: Tag.INT, float: Tag.FLOAT,
};

/** The MMBIN* the reference puts after arithmetic instruction `i` (0 when none), and `i` as the reference writes it. */
function untranslate(i: number): [ins: number, mmbin: number] {
  const op = i & 0x7f;
  const a = (i >>> 16) & 0xff; // the first operand's register: MMBIN's A
  const c = i >>> 24;
  const k = (i & (1 << Instr.POS_k)) !== 0;
  const plain = i & ~(1 << Instr.POS_k);
  const mm = (mmop: number, b: number, tm: number, flip: boolean): number =>
    mmop | (a << Instr.POS_A) | (flip ? 1 << Instr.POS_k : 0) | (b << Instr.POS_B) | (tm << Instr.POS_C);
  const negated = 2 * Instr.OFFSET_sC - c; // the immediate negated, as an sC field
  switch (op) {
    case Op.ADDI: return [plain, mm(PucOp.MMBINI, k ? negated : c, k ? TM.SUB : TM.ADD, false)];
    case Op.SHRI: return [plain, mm(PucOp.MMBINI, k ? negated : c, k ? TM.SHL : TM_SHR, false)];
    case Op.SHLI: return [i, mm(PucOp.MMBINI, c, TM.SHL, true)];
    default:
      if (op >= Op.ADDK && op <= Op.BXORK) return [plain, mm(PucOp.MMBINK, c, TM.ADD + op - Op.ADDK, k)];
      if (op >= Op.ADD && op <= Op.SHR) return [i, mm(PucOp.MMBIN, c, TM.ADD + op - Op.ADD, false)];
      return [i, 0];
  }
}

/** OP_SHR's event (TM_SHR), after TM.SHL. */
const TM_SHR = TM.SHL + 1;

/** PUC-Rio's opcode for moonbox's. */
function pucOpcode(op: number): number {
  return op < PucOp.MMBIN ? op : op + (PucOp.AFTER_MMBIN - PucOp.MMBIN);
}

function writeFunction(w: Writer, p: Proto, parentSource: string | undefined, strip: boolean): void {
  // positions in the reference's code: each arithmetic instruction gains its MMBIN
  const written = Array.from(p.code, untranslate);
  const at = new Int32Array(p.code.length + 1);
  let n = 0;
  for (let pc = 0; pc < p.code.length; pc++) {
    at[pc] = n;
    n += written[pc][1] !== 0 ? 2 : 1;
  }
  at[p.code.length] = n;
  writeString(w, strip || p.source === parentSource ? undefined : p.source);
  writeSize(w, p.linedefined);
  writeSize(w, p.lastlinedefined);
  w.byte(p.numparams);
  w.byte(p.isVararg ? 1 : 0);
  w.byte(p.maxstacksize);
  writeSize(w, n);
  const lines: number[] = [];
  const trusted = (why: string): never => {
    throw new Error(`dump: ${why} in compiled code`); // the compiler's jumps are in range
  };
  for (let pc = 0; pc < p.code.length; pc++) {
    const [ins, mmbin] = written[pc];
    const moved = moveJump(ins, pc, at, trusted);
    w.uint32((moved & ~0x7f) | pucOpcode(moved & 0x7f));
    lines.push(p.lineinfo[pc] ?? 0);
    if (mmbin !== 0) {
      w.uint32(mmbin);
      lines.push(p.lineinfo[pc] ?? 0);
    }
  }
  writeSize(w, p.k.length);
  for (const v of p.k) writeConstant(w, v);
  writeSize(w, p.upvalues.length);
  for (const u of p.upvalues) {
    w.byte(u.instack ? 1 : 0);
    w.byte(u.idx);
    w.byte(u.kind);
  }
  writeSize(w, p.p.length);
  for (const child of p.p) writeFunction(w, child, p.source, strip);
  writeDebug(w, p, strip || p.lineinfo.length === 0 ? [] : lines, at, strip);
}

/** Lines as lcode.c's savelineinfo writes them, local variables and upvalue names. */
function writeDebug(w: Writer, p: Proto, lines: number[], at: Int32Array, strip: boolean): void {
  writeSize(w, lines.length);
  const abs: Array<[number, number]> = [];
  let previous = p.linedefined;
  let iwthabs = 0;
  for (let pc = 0; pc < lines.length; pc++) {
    let delta = lines[pc] - previous;
    if (Math.abs(delta) >= LIMLINEDIFF || iwthabs++ >= MAXIWTHABS) {
      abs.push([pc, lines[pc]]);
      delta = ABSLINEINFO;
      iwthabs = 1;
    }
    w.byte(delta);
    previous = lines[pc];
  }
  writeSize(w, abs.length);
  for (const [pc, line] of abs) {
    writeSize(w, pc);
    writeSize(w, line);
  }
  const locvars = strip ? [] : p.locvars;
  writeSize(w, locvars.length);
  for (const v of locvars) {
    writeString(w, v.varname);
    writeSize(w, at[v.startpc]);
    writeSize(w, at[v.endpc]);
  }
  const names = strip ? [] : p.upvalues;
  writeSize(w, names.length);
  for (const u of names) writeString(w, u.name);
}

/** A prototype tree as the reference's binary chunk; `strip` drops the debug information. */
export function dumpLuac(p: Proto, strip: boolean): string {
  const w = new Writer();
  w.bytes(SIGNATURE);
  w.byte(VERSION);
  w.byte(0); // LUAC_FORMAT
  w.bytes(LUAC_DATA);
  w.byte(4);
  w.byte(8);
  w.byte(8);
  w.int64(LUAC_INT);
  w.float64(LUAC_NUM);
  w.byte(p.upvalues.length);
  writeFunction(w, p, undefined, strip);
  return w.result();
}

/**
 * `string.dump` for any value: the chunk for a Lua function, in the
 * reference's format (so that `luac`'s tools and PUC-Rio Lua load it), or
 * undefined for anything else (the caller raises "unable to dump given
 * function"). Duck-typed on `.p` so this layer does not depend on the VM's
 * closure class.
 */
export function dumpFunction(f: LuaValue, strip: boolean): string | undefined {
  if (typeof f !== 'object' || f === null || !('p' in f)) return undefined;
  const p: unknown = f.p;
  return p instanceof Proto ? dumpLuac(p, strip) : undefined;
}
