/**
 * Binary chunks in moonbox's own format (what `string.dump` produces and
 * `load` accepts). The format is moonbox's, not PUC-Rio's: our instruction
 * set differs (no MMBIN), so a reference chunk could never run here anyway,
 * and vice versa. Both start with the same signature so that `load`
 * recognizes binary input the same way, and both carry a version byte and a
 * format byte so each implementation rejects the other's chunks cleanly
 * ("format mismatch").
 *
 * Layout (all multi-byte fixed-width numbers little-endian):
 *
 *   header
 *     "\x1bLua"            signature (LUA_SIGNATURE)
 *     0x54                 Lua version 5.4
 *     0x6d ('m')           format: moonbox (the reference writes 0, "official")
 *     0x01                 revision of the moonbox format
 *     "\r\n\x1a\n"         corruption guard: text-mode newline or EOF translation breaks it
 *     4                    instruction size in bytes
 *     7 8 8 8 17 25        widths of op, A, B, C, Bx, Ax (the instruction layout)
 *     8                    integer size; then the integer CHECK_INT as int64 (two's complement)
 *     8                    float size; then CHECK_NUM as IEEE-754 binary64
 *     byte                 number of upvalues of the main function
 *   function (recursive)
 *     str?   source        (absent in nested functions = same as the parent; absent when stripped)
 *     uint   linedefined, lastlinedefined
 *     byte   numparams, isVararg (0/1), maxstacksize
 *     uint n; n * uint32   code
 *     uint n; n * const    constants: tag byte (0 nil, 1 false, 2 true, 3 integer: int64,
 *                          4 float: binary64, 5 string: str)
 *     uint n; n * (byte instack, byte idx, byte kind)   upvalue descriptors
 *     uint n; n * function nested prototypes
 *     uint n; n * sint     lineinfo as deltas from the previous line (n = 0 when stripped)
 *     uint n; n * (str name, uint startpc, uint endpc)  local variables
 *     uint n; n * str?     upvalue names
 *
 *   uint  = unsigned LEB128 (7 bits per byte, low first), at most 2^31 - 1
 *   sint  = zigzag-encoded signed value as a uint
 *   str   = uint length, then the bytes
 *   str?  = uint (length + 1), 0 meaning absent, then the bytes
 */

import { LuaFloat, type LuaValue } from '../value/value.js';
import { Instr } from './opcodes.js';
import { Proto } from './proto.js';

export const SIGNATURE = '\x1bLua';
export const VERSION = 0x54;
export const FORMAT = 0x6d;
export const REVISION = 1;
export const GUARD = '\r\n\x1a\n';
export const INSTRUCTION_SIZE = 4;
export const LAYOUT: readonly number[] = [Instr.SIZE_OP, Instr.SIZE_A, Instr.SIZE_B, Instr.SIZE_C, Instr.SIZE_Bx, Instr.SIZE_Ax];
export const INTEGER_SIZE = 8;
export const FLOAT_SIZE = 8;
/** Detects a different integer width or byte order. */
export const CHECK_INT = 0x0123456789abcdefn;
/** Detects a different float representation (370.5 is exact in binary64). */
export const CHECK_NUM = 370.5;

export const enum KTag { NIL, FALSE, TRUE, INT, FLOAT, STR }

/** Accumulates bytes; chunks are joined once at the end. */
export class Writer {
  private parts: string[] = [];
  private scratch = new DataView(new ArrayBuffer(8));

  bytes(s: string): void {
    this.parts.push(s);
  }
  byte(b: number): void {
    this.parts.push(String.fromCharCode(b & 0xff));
  }
  uint(n: number): void {
    let s = '';
    do {
      const low = n & 0x7f;
      n = Math.floor(n / 128);
      s += String.fromCharCode(n > 0 ? low | 0x80 : low);
    } while (n > 0);
    this.parts.push(s);
  }
  sint(n: number): void {
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  str(s: string): void {
    this.uint(s.length);
    this.parts.push(s);
  }
  optstr(s: string | undefined): void {
    if (s === undefined) this.uint(0);
    else {
      this.uint(s.length + 1);
      this.parts.push(s);
    }
  }
  private fromScratch(n: number): void {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.scratch.getUint8(i));
    this.parts.push(s);
  }
  uint32(n: number): void {
    this.scratch.setInt32(0, n, true);
    this.fromScratch(4);
  }
  int64(n: bigint): void {
    this.scratch.setBigInt64(0, BigInt.asIntN(64, n), true);
    this.fromScratch(8);
  }
  float64(n: number): void {
    this.scratch.setFloat64(0, n, true);
    this.fromScratch(8);
  }
  result(): string {
    return this.parts.join('');
  }
}

function dumpHeader(w: Writer, nupvalues: number): void {
  w.bytes(SIGNATURE);
  w.byte(VERSION);
  w.byte(FORMAT);
  w.byte(REVISION);
  w.bytes(GUARD);
  w.byte(INSTRUCTION_SIZE);
  for (const width of LAYOUT) w.byte(width);
  w.byte(INTEGER_SIZE);
  w.int64(CHECK_INT);
  w.byte(FLOAT_SIZE);
  w.float64(CHECK_NUM);
  w.byte(nupvalues);
}

/** What a constant is, for a writer: the compiler makes no other kind (anything else is a bug upstream). */
export type ConstKind = 'nil' | 'false' | 'true' | 'int' | 'float' | 'str';

export function constKind(v: LuaValue): ConstKind {
  if (v === undefined) return 'nil';
  if (v === false) return 'false';
  if (v === true) return 'true';
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (typeof v === 'number' || v instanceof LuaFloat) return 'float';
  if (typeof v === 'string') return 'str';
  throw new TypeError('dump: constant of unexpected type');
}

/** A float constant's value (integral floats are boxed). */
export function floatValue(v: LuaValue): number {
  return v instanceof LuaFloat ? v.n : (v as number);
}

const KTAGS: Readonly<Record<ConstKind, KTag>> = {
  nil: KTag.NIL, false: KTag.FALSE, true: KTag.TRUE, int: KTag.INT, float: KTag.FLOAT, str: KTag.STR,
};

function dumpConstant(w: Writer, v: LuaValue): void {
  const kind = constKind(v);
  w.byte(KTAGS[kind]);
  if (kind === 'int') w.int64(BigInt(v as number | bigint));
  else if (kind === 'float') w.float64(floatValue(v));
  else if (kind === 'str') w.str(v as string);
}

function dumpFunc(w: Writer, p: Proto, parentSource: string | undefined, strip: boolean, main: boolean): void {
  // Like the reference, nested functions omit a source equal to their parent's.
  w.optstr(strip || (!main && p.source === parentSource) ? undefined : p.source);
  w.uint(p.linedefined);
  w.uint(p.lastlinedefined);
  w.byte(p.numparams);
  w.byte(p.isVararg ? 1 : 0);
  w.byte(p.maxstacksize);
  w.uint(p.code.length);
  for (const ins of p.code) w.uint32(ins);
  w.uint(p.k.length);
  for (const v of p.k) dumpConstant(w, v);
  w.uint(p.upvalues.length);
  for (const u of p.upvalues) {
    w.byte(u.instack ? 1 : 0);
    w.byte(u.idx);
    w.byte(u.kind);
  }
  w.uint(p.p.length);
  for (const child of p.p) dumpFunc(w, child, p.source, strip, false);
  dumpDebug(w, p, strip);
}

function dumpDebug(w: Writer, p: Proto, strip: boolean): void {
  const lines = strip ? new Int32Array(0) : p.lineinfo;
  w.uint(lines.length);
  let prev = p.linedefined;
  for (const line of lines) {
    w.sint(line - prev);
    prev = line;
  }
  const locvars = strip ? [] : p.locvars;
  w.uint(locvars.length);
  for (const lv of locvars) {
    w.str(lv.varname);
    w.uint(lv.startpc);
    w.uint(lv.endpc);
  }
  const names = strip ? [] : p.upvalues;
  w.uint(names.length);
  for (const u of names) w.optstr(u.name);
}

/** Serialize a prototype tree; `strip` drops the debug information as `string.dump(f, true)`. */
export function dump(p: Proto, strip: boolean): string {
  const w = new Writer();
  dumpHeader(w, p.upvalues.length);
  dumpFunc(w, p, undefined, strip, true);
  return w.result();
}
