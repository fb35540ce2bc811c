/**
 * The buffer library: mutable, fixed-size byte arrays for binary data
 * (protocols, images, file formats), modelled on Luau's `buffer` library
 * (https://luau.org/library#buffer-library), which is what its users know.
 * Not part of Lua 5.4: moonbox's own library, documented in docs/buffer.md
 * with every difference from Luau.
 *
 * Offsets are 0-based, as in Luau, everywhere: a buffer of n bytes has
 * offsets 0 to n - 1. Multi-byte values are little-endian.
 *
 * Every access is checked before it happens: an offset or a count that is
 * negative, past the end, not an integer, NaN or huge raises a Lua error at
 * the calling line that names the operation, the offset, the count and the
 * size, and nothing is written (no partial write). There is no
 * `buffer.resize`: the host may hold a view of the same memory (docs/buffer.md).
 */

import { normInt, toDouble, type LuaInteger } from '../value/number.js';
import { MAX_BUFFER } from '../value/limits.js';
import { fromBytes } from '../value/bytes.js';
import { mkfloat, type LuaValue } from '../value/value.js';
import { chargeBytesWork } from '../vm/budget.js';
import { charge, USERDATA } from '../vm/heap.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { LuaBuffer } from '../vm/userdata.js';
import type { HostFn } from '../vm/function.js';
import { addressOf } from '../vm/identity.js';
import {
  arg, argError, chargeBytes, checkInteger, checkNumber, checkString, luaError, newString, optInteger, ret, typeError,
} from './args.js';
import { packParts, unpackFrom, type ByteSource } from './string/pack.js';
import { engine as packEngine } from './string/lib-error.js';
import { typeNameForMessages } from './tostring.js';
import { newLib, type LibTable } from './register.js';

/** Registry key of the buffers' metatable. */
export const BUFFER_META = 'moonbox.buffer';

/** The metatable every buffer has: made once per state, with the library or with the host's first buffer. */
function bufferMetatable(L: LuaState): LuaTable {
  let mt = L.g.registry.getStr(BUFFER_META);
  if (!(mt instanceof LuaTable)) {
    mt = makeMetatable(L);
    L.g.registry.setStr(BUFFER_META, mt);
  }
  return mt as LuaTable;
}

/** A new buffer over `view` (the caller has charged its bytes). */
export function wrapBuffer(L: LuaState, view: Uint8Array): LuaBuffer {
  const b = new LuaBuffer(view);
  b.metatable = bufferMetatable(L);
  return b;
}

/** A new zero-filled buffer of `size` bytes, charged to the heap first. */
function newBuffer(L: LuaState, size: number): LuaBuffer {
  charge(L.g.heap, USERDATA + size);
  return wrapBuffer(L, new Uint8Array(size));
}

// ---------------------------------------------------------------------------
// Checks

/** Argument `n` must be a buffer whose memory the host has not taken away. */
function checkBuffer(L: LuaState, base: number, nargs: number, n: number, op: string): LuaBuffer {
  const v = arg(L, base, nargs, n);
  if (!(v instanceof LuaBuffer)) return typeError(L, base, nargs, n, 'buffer');
  if (!v.intact) luaError(L, `buffer.${op}: the buffer's memory was detached or resized by the host`);
  return v;
}

function plural(n: LuaInteger, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * `count` units (bytes, or bits) at `offset` must lie within `size`:
 * otherwise the error every operation raises. Integers that are bigints are
 * far past any buffer.
 */
function checkRange(L: LuaState, op: string, offset: LuaInteger, count: LuaInteger, size: number, unit = 'byte'): void {
  if (offset < 0) luaError(L, `buffer.${op}: offset ${offset} is negative (a buffer of ${plural(size, 'byte')})`);
  if (count < 0) luaError(L, `buffer.${op}: count ${count} is negative`);
  const end = typeof offset === 'number' && typeof count === 'number' ? offset + count : Infinity;
  const limit = unit === 'bit' ? size * 8 : size;
  if (end > limit) {
    luaError(L, `buffer.${op}: ${plural(count, unit)} at ${unit === 'bit' ? 'bit ' : ''}offset ${offset} exceed a buffer of ${plural(size, 'byte')}`);
  }
}


/** Bytes of a buffer as a Lua string, charged as one. */
function bytesToString(L: LuaState, bytes: Uint8Array): string {
  chargeBytes(L, bytes.length);
  return fromBytes(bytes);
}

// ---------------------------------------------------------------------------
// Typed reads and writes: one table of the number types

interface NumberType {
  bytes: number;
  read(v: DataView, offset: number): LuaValue;
  write(v: DataView, offset: number, x: LuaValue): void;
}

/** An integer argument as the low `bits` bits, for the sized writes (wrapping, as Luau and C casts do). */
function lowBits(x: LuaInteger, bits: number): number {
  return typeof x === 'bigint' ? Number(BigInt.asIntN(bits, x)) : x;
}

/** The number types, by the suffix of their functions (readu16, writef32...). */
const TYPES: Readonly<Record<string, NumberType>> = {
  i8: { bytes: 1, read: (v, o) => v.getInt8(o), write: (v, o, x) => v.setInt8(o, lowBits(x as LuaInteger, 32)) },
  u8: { bytes: 1, read: (v, o) => v.getUint8(o), write: (v, o, x) => v.setUint8(o, lowBits(x as LuaInteger, 32)) },
  i16: { bytes: 2, read: (v, o) => v.getInt16(o, true), write: (v, o, x) => v.setInt16(o, lowBits(x as LuaInteger, 32), true) },
  u16: { bytes: 2, read: (v, o) => v.getUint16(o, true), write: (v, o, x) => v.setUint16(o, lowBits(x as LuaInteger, 32), true) },
  i32: { bytes: 4, read: (v, o) => v.getInt32(o, true), write: (v, o, x) => v.setInt32(o, lowBits(x as LuaInteger, 32), true) },
  u32: { bytes: 4, read: (v, o) => v.getUint32(o, true), write: (v, o, x) => v.setUint32(o, lowBits(x as LuaInteger, 32), true) },
  i64: {
    bytes: 8,
    read: (v, o) => normInt(v.getBigInt64(o, true)),
    write: (v, o, x) => v.setBigInt64(o, BigInt(x as LuaInteger), true),
  },
  f32: { bytes: 4, read: (v, o) => mkfloat(v.getFloat32(o, true)), write: (v, o, x) => v.setFloat32(o, x as number, true) },
  f64: { bytes: 8, read: (v, o) => mkfloat(v.getFloat64(o, true)), write: (v, o, x) => v.setFloat64(o, x as number, true) },
};


/** The read function of a number type (readu16...). */
function reader(op: string, t: NumberType): HostFn {
  return (L, base, nargs) => {
    const b = checkBuffer(L, base, nargs, 1, op);
    const offset = checkInteger(L, base, nargs, 2);
    checkRange(L, op, offset, t.bytes, b.size);
    return ret(L, t.read(b.view, offset as number));
  };
}

/** The write function of a number type (writeu16...); floats take any number, the others integers. */
function writer(op: string, t: NumberType, float: boolean): HostFn {
  return (L, base, nargs) => {
    const b = checkBuffer(L, base, nargs, 1, op);
    const offset = checkInteger(L, base, nargs, 2);
    // the value is checked before anything is written
    const x = float ? toDouble(checkNumber(L, base, nargs, 3)) : checkInteger(L, base, nargs, 3);
    checkRange(L, op, offset, t.bytes, b.size);
    t.write(b.view, offset as number, x);
    return 0;
  };
}

/** readi8 ... writef64, from the table of number types. */
function typedAccessors(): Record<string, HostFn> {
  const fns: Record<string, HostFn> = {};
  for (const [name, t] of Object.entries(TYPES)) {
    fns[`read${name}`] = reader(`read${name}`, t);
    fns[`write${name}`] = writer(`write${name}`, t, name[0] === 'f');
  }
  return fns;
}

// ---------------------------------------------------------------------------
// The library

/** buffer.create(size): a buffer of `size` zero bytes. */
function create(L: LuaState, base: number, nargs: number): number {
  const size = checkInteger(L, base, nargs, 1);
  if (size < 0 || size > MAX_BUFFER) argError(L, 1, `size ${size} out of range (0 to ${MAX_BUFFER})`);
  return ret(L, newBuffer(L, size as number));
}

/** buffer.fromstring(s): a buffer holding the bytes of `s`. */
function fromstring(L: LuaState, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  if (s.length > MAX_BUFFER) argError(L, 1, `string of ${s.length} bytes too long for a buffer`);
  chargeBytesWork(L, s.length);
  const b = newBuffer(L, s.length);
  const bytes = b.data;
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return ret(L, b);
}

/** buffer.tostring(b [, offset [, count]]): the bytes as a string (all of them by default). */
function tostring(L: LuaState, base: number, nargs: number): number {
  const b = checkBuffer(L, base, nargs, 1, 'tostring');
  const offset = optInteger(L, base, nargs, 2, 0);
  const count = optInteger(L, base, nargs, 3, b.size - Number(offset));
  checkRange(L, 'tostring', offset, count, b.size);
  const o = offset as number;
  return ret(L, bytesToString(L, b.data.subarray(o, o + (count as number))));
}

/** buffer.len(b): the size in bytes. */
function len(L: LuaState, base: number, nargs: number): number {
  return ret(L, checkBuffer(L, base, nargs, 1, 'len').size);
}

/** buffer.readstring(b, offset, count): `count` bytes from `offset` as a string. */
function readstring(L: LuaState, base: number, nargs: number): number {
  const b = checkBuffer(L, base, nargs, 1, 'readstring');
  const offset = checkInteger(L, base, nargs, 2);
  const count = checkInteger(L, base, nargs, 3);
  checkRange(L, 'readstring', offset, count, b.size);
  const o = offset as number;
  return ret(L, bytesToString(L, b.data.subarray(o, o + (count as number))));
}

/** buffer.writestring(b, offset, s [, count]): the first `count` bytes of `s` (all by default) at `offset`. */
function writestring(L: LuaState, base: number, nargs: number): number {
  const b = checkBuffer(L, base, nargs, 1, 'writestring');
  const offset = checkInteger(L, base, nargs, 2);
  const s = checkString(L, base, nargs, 3);
  const count = optInteger(L, base, nargs, 4, s.length);
  if (count > s.length) argError(L, 4, `count ${count} is more than the string's ${plural(s.length, 'byte')}`);
  checkRange(L, 'writestring', offset, count, b.size);
  chargeBytesWork(L, count as number);
  const bytes = b.data;
  const o = offset as number;
  for (let i = 0; i < (count as number); i++) bytes[o + i] = s.charCodeAt(i);
  return 0;
}

/**
 * buffer.copy(dst, dstoffset, src [, srcoffset [, count]]): copy `count`
 * bytes (the rest of `src` by default) from `src`, a buffer or a string,
 * into `dst`. A string is its bytes only: there is no terminator to copy.
 * Overlapping ranges of one buffer copy as if through a temporary.
 */
function copy(L: LuaState, base: number, nargs: number): number {
  const dst = checkBuffer(L, base, nargs, 1, 'copy');
  const dstOffset = checkInteger(L, base, nargs, 2);
  const src = arg(L, base, nargs, 3);
  const srcBuf = src instanceof LuaBuffer ? checkBuffer(L, base, nargs, 3, 'copy') : undefined;
  const srcStr = srcBuf === undefined ? (typeof src === 'string' ? src : typeError(L, base, nargs, 3, 'buffer or string')) : undefined;
  const srcSize = srcBuf !== undefined ? srcBuf.size : srcStr!.length;
  const srcOffset = optInteger(L, base, nargs, 4, 0);
  const count = optInteger(L, base, nargs, 5, srcSize - Number(srcOffset));
  // the destination first: copying one byte too many is the usual mistake, and it is the destination's
  if (srcOffset >= 0) checkRange(L, 'copy', dstOffset, count, dst.size);
  if (srcOffset < 0 || Number(srcOffset) + Number(count) > srcSize) {
    const what = `a source ${srcBuf !== undefined ? 'buffer' : 'string'} of ${plural(srcSize, 'byte')}`;
    if (srcOffset < 0) luaError(L, `buffer.copy: source offset ${srcOffset} is negative (${what})`);
    luaError(L, `buffer.copy: ${plural(count, 'byte')} at source offset ${srcOffset} exceed ${what}`);
  }
  const n = count as number;
  const d = dstOffset as number;
  const s = srcOffset as number;
  chargeBytesWork(L, n);
  if (srcBuf !== undefined) dst.data.set(srcBuf.data.subarray(s, s + n), d); // overlap: as through a copy (TypedArray set)
  else for (let i = 0; i < n; i++) dst.data[d + i] = srcStr!.charCodeAt(s + i);
  return 0;
}

/** buffer.fill(b, offset, value [, count]): set `count` bytes (the rest by default) to the byte `value`. */
function fill(L: LuaState, base: number, nargs: number): number {
  const b = checkBuffer(L, base, nargs, 1, 'fill');
  const offset = checkInteger(L, base, nargs, 2);
  const value = checkInteger(L, base, nargs, 3);
  const count = optInteger(L, base, nargs, 4, b.size - Number(offset));
  checkRange(L, 'fill', offset, count, b.size);
  const o = offset as number;
  chargeBytesWork(L, count as number);
  b.data.fill(lowBits(value, 32) & 0xff, o, o + (count as number));
  return 0;
}

/** Bits a readbits/writebits call may take: as Luau, at most 32. */
const MAX_BITS = 32;

function checkBits(L: LuaState, base: number, nargs: number, op: string): [LuaBuffer, number, number] {
  const b = checkBuffer(L, base, nargs, 1, op);
  const bitOffset = checkInteger(L, base, nargs, 2);
  const bitCount = checkInteger(L, base, nargs, 3);
  if (bitCount < 0 || bitCount > MAX_BITS) argError(L, 3, `bit count ${bitCount} out of range (0 to ${MAX_BITS})`);
  checkRange(L, op, bitOffset, bitCount, b.size, 'bit');
  return [b, bitOffset as number, bitCount as number];
}

/** buffer.readbits(b, bitoffset, bitcount): `bitcount` bits (0 to 32) from bit `bitoffset`, as an unsigned integer. */
function readbits(L: LuaState, base: number, nargs: number): number {
  const [b, at, n] = checkBits(L, base, nargs, 'readbits');
  let x = 0;
  for (let i = n - 1; i >= 0; i--) x = x * 2 + ((b.data[(at + i) >>> 3] >>> ((at + i) & 7)) & 1);
  return ret(L, x);
}

/** buffer.writebits(b, bitoffset, bitcount, value): the low `bitcount` bits of `value` at bit `bitoffset`. */
function writebits(L: LuaState, base: number, nargs: number): number {
  const [b, at, n] = checkBits(L, base, nargs, 'writebits');
  let x = lowBits(checkInteger(L, base, nargs, 4), 32) >>> 0;
  for (let i = 0; i < n; i++, x >>>= 1) {
    const byte = (at + i) >>> 3;
    const bit = 1 << ((at + i) & 7);
    b.data[byte] = x & 1 ? b.data[byte] | bit : b.data[byte] & ~bit;
  }
  return 0;
}

/** A buffer's bytes read in place by the pack engine. */
function bufferSource(b: LuaBuffer): ByteSource {
  const bytes = b.data;
  return {
    length: b.size,
    at: (i) => bytes[i],
    text: (from, to) => fromBytes(bytes.subarray(from, to)),
    zeroFrom: (from) => bytes.indexOf(0, from),
  };
}

/**
 * buffer.pack(b, offset, fmt, v1, ...): the values packed as string.pack
 * packs them (manual §6.4.2), written at `offset` with no string made in
 * between; returns the offset after them. The whole result must fit before
 * anything is written.
 */
function pack(L: LuaState, base: number, nargs: number): number {
  const b = checkBuffer(L, base, nargs, 1, 'pack');
  const offset = checkInteger(L, base, nargs, 2);
  const fmt = checkString(L, base, nargs, 3);
  const args = L.stack.slice(base + 3, base + nargs);
  const { parts, total } = packEngine(L, () => packParts(fmt, args, { typeName: typeNameForMessages, firstArg: 4 }));
  checkRange(L, 'pack', offset, total, b.size);
  chargeBytesWork(L, total);
  const bytes = b.data;
  let at = offset as number;
  for (const part of parts) {
    if (typeof part === 'number') {
      bytes.fill(0, at, at + part);
      at += part;
    } else {
      for (let i = 0; i < part.length; i++) bytes[at++] = part.charCodeAt(i);
    }
  }
  return ret(L, at);
}

/**
 * buffer.unpack(b, offset, fmt): the values `fmt` describes, read in place
 * at `offset` as string.unpack reads them, then the offset after them.
 */
function unpack(L: LuaState, base: number, nargs: number): number {
  const b = checkBuffer(L, base, nargs, 1, 'unpack');
  const offset = checkInteger(L, base, nargs, 2);
  const fmt = checkString(L, base, nargs, 3);
  checkRange(L, 'unpack', offset, 0, b.size);
  const r = packEngine(L, () => unpackFrom(fmt, bufferSource(b), offset as number, { dataArg: 1, what: 'data buffer' }));
  for (const v of r.values) L.stack[L.top++] = typeof v === 'string' ? newString(L, v) : v;
  L.stack[L.top++] = r.next;
  return r.values.length + 1;
}

const BUFFER_LIB: LibTable = {
  create, fromstring, tostring, len, copy, fill, readstring, writestring, readbits, writebits, pack, unpack,
  ...typedAccessors(),
};

/** `#b`, `tostring(b)` ("buffer: 0x... (14 bytes)") and `__eq` by identity (the default for userdata). */
function makeMetatable(L: LuaState): LuaTable {
  const mt = newLib(L, {
    __len: (L1, base, nargs) => ret(L1, checkBuffer(L1, base, nargs, 1, 'len').size),
    __tostring: (L1, base, nargs) => {
      const b = arg(L1, base, nargs, 1) as LuaBuffer;
      return ret(L1, `buffer: ${addressOf(L1, b)} (${plural(b.size, 'byte')})`);
    },
  });
  mt.setStr('__name', 'buffer');
  return mt;
}

export function openBuffer(L: LuaState): LuaTable {
  bufferMetatable(L);
  return newLib(L, BUFFER_LIB, 'buffer.');
}
