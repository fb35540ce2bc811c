/**
 * Reading binary chunks byte by byte, for both formats load accepts
 * (moonbox's own, undump.ts, and PUC-Rio's, luac.ts): every read is bounded
 * by what is left, and every failure is the reference's "bad binary format"
 * syntax error.
 */

import { LuaSyntaxError } from '../frontend/syntax-error.js';
import { LuaFloat } from '../value/value.js';
import { MAX_SIZE } from '../value/limits.js';
import { Instr } from './opcodes.js';
import type { Proto, UpvalDesc } from './proto.js';

/** Name used in messages, as lundump.c: "=x"/"@x" -> "x", a binary string -> "binary string". */
export function chunkLabel(chunkname: string): string {
  const c = chunkname.charCodeAt(0);
  if (c === 0x40 || c === 0x3d) return chunkname.slice(1);
  if (c === 0x1b) return 'binary string';
  return chunkname;
}

export class Reader {
  pos = 0;
  private view: DataView;
  constructor(readonly s: string, private label: string) {
    this.view = new DataView(new ArrayBuffer(8));
  }
  error(why: string): never {
    throw new LuaSyntaxError(`${this.label}: bad binary format (${why})`);
  }
  remaining(): number {
    return this.s.length - this.pos;
  }
  need(n: number): void {
    if (n > this.remaining()) this.error('truncated chunk');
  }
  byte(): number {
    this.need(1);
    return this.s.charCodeAt(this.pos++) & 0xff;
  }
  bytes(n: number): string {
    this.need(n);
    const r = this.s.substring(this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
  bool(): boolean {
    const b = this.byte();
    if (b > 1) this.error('corrupted chunk');
    return b === 1;
  }
  uint(): number {
    let n = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = this.byte();
      n += (b & 0x7f) * shift;
      if (n > MAX_SIZE) this.error('integer overflow');
      if ((b & 0x80) === 0) return n;
    }
  }
  sint(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
  /** A count of items each taking at least `minSize` bytes: bounded by what is left. */
  count(minSize: number): number {
    const n = this.uint();
    if (n * minSize > this.remaining()) this.error('truncated chunk');
    return n;
  }
  str(): string {
    return this.bytes(this.count(1));
  }
  optstr(): string | undefined {
    const n = this.uint();
    return n === 0 ? undefined : this.bytes(n - 1);
  }
  private toScratch(n: number): void {
    this.need(n);
    for (let i = 0; i < n; i++) this.view.setUint8(i, this.s.charCodeAt(this.pos++) & 0xff);
  }
  int32(): number {
    this.toScratch(4);
    return this.view.getInt32(0, true);
  }
  int64(): bigint {
    this.toScratch(8);
    return this.view.getBigInt64(0, true);
  }
  float64(): number {
    this.toScratch(8);
    return this.view.getFloat64(0, true);
  }
}

/** Integers: JS numbers in the safe range, bigints outside it (value.ts). */
export function normInt(n: bigint): number | bigint {
  return n >= -0x1fffffffffffffn && n <= 0x1fffffffffffffn ? Number(n) : n;
}

/** Floats: integral values (and -0) boxed so they stay floats (value.ts). */
export function normFloat(x: number): number | LuaFloat {
  return Number.isInteger(x) ? new LuaFloat(x) : x;
}

/** `n` upvalue descriptors (instack, idx, kind), the same in both formats; only how `n` is written differs. */
export function upvalueDescs(r: Reader, n: number): UpvalDesc[] {
  if (n > Instr.MAXREGS) r.error('too many upvalues'); // GETUPVAL's B has 8 bits
  const ups: UpvalDesc[] = [];
  for (let i = 0; i < n; i++) {
    const instack = r.bool();
    const idx = r.byte();
    const kind = r.byte();
    if (kind > 3) r.error('bad upvalue kind');
    ups.push({ name: undefined, instack, idx, kind });
  }
  return ups;
}

/** A binary format load accepts: its header after the format byte, and its main function. */
export interface ChunkFormat {
  checkHeader(r: Reader): void;
  loadMain(r: Reader): Proto;
}
