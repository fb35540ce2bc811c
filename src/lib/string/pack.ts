/**
 * string.pack, string.unpack and string.packsize (manual §6.4.2), with the
 * native sizes of the reference on x86-64 Linux: short 2, int 4, long 8,
 * size_t 8, lua_Integer and lua_Number 8, maximum alignment 8, little
 * endian. The format is read one option at a time as lstrlib.c does, so
 * errors appear in the same order and with the same messages.
 */

import { LuaFloat, mkfloat, type LuaValue } from '../../value/value.js';
import { normInt, type LuaInteger } from '../../value/number.js';
import { checkInteger, checkNumber, checkString, type TypeNamer } from './args.js';
import { argError, checkLength, libError, posrelatI } from './lib-error.js';
import { MAX_SIZE } from '../../value/limits.js';

/** Kinds of format options (lstrlib's KOption). */
const enum K {
  Int, // signed integers
  Uint, // unsigned integers
  Float, // C float (4 bytes)
  Number, // lua_Number (8 bytes)
  Double, // C double (8 bytes)
  Char, // fixed-length string
  String, // string with a length prefix
  Zstr, // zero-terminated string
  Padding, // one zero byte
  PaddAlign, // alignment padding ('X')
  Nop, // configuration or space
}

const MAXINTSIZE = 16; // largest integer option, in bytes
const SZINT = 8; // sizeof(lua_Integer)
const NATIVE_MAXALIGN = 8; // offsetof(struct cD, u) on x86-64

/** Fixed-size options: letter -> [kind, size]. */
const SIMPLE_OPTIONS: Record<string, readonly [K, number]> = {
  b: [K.Int, 1],
  B: [K.Uint, 1],
  h: [K.Int, 2],
  H: [K.Uint, 2],
  l: [K.Int, 8],
  L: [K.Uint, 8],
  j: [K.Int, 8],
  J: [K.Uint, 8],
  T: [K.Uint, 8],
  f: [K.Float, 4],
  n: [K.Number, 8],
  d: [K.Double, 8],
};

/** Reading state of a format string (lstrlib's Header plus the cursor). */
class FormatReader {
  pos = 0;
  little = true;
  maxAlign = 1;
  /** Size of the option just read (getoption's *size). */
  size = 0;
  /** Padding needed before the option just read (getdetails' *ntoalign). */
  toAlign = 0;

  constructor(readonly fmt: string) {}

  get done(): boolean {
    return this.pos >= this.fmt.length;
  }

  /** Read a decimal number, or return `df` if there is none (getnum). */
  private num(df: number): number {
    const fmt = this.fmt;
    if (!isDigit(fmt.charCodeAt(this.pos))) return df;
    let a = 0;
    // Stop before `a` could overflow an int: later digits are read as options.
    do {
      a = a * 10 + (fmt.charCodeAt(this.pos++) - 0x30);
    } while (isDigit(fmt.charCodeAt(this.pos)) && a <= (MAX_SIZE - 9) / 10);
    return a;
  }

  /** A size in [1, MAXINTSIZE], default `df` (getnumlimit). */
  private numLimit(df: number): number {
    const sz = this.num(df);
    if (sz > MAXINTSIZE || sz <= 0) libError(`integral size (${sz}) out of limits [1,${MAXINTSIZE}]`);
    return sz;
  }

  /** Read and classify the next option, setting `size` (getoption). */
  private option(): K {
    const opt = this.fmt[this.pos++]!;
    this.size = 0;
    const simple = SIMPLE_OPTIONS[opt];
    if (simple !== undefined) {
      this.size = simple[1];
      return simple[0];
    }
    switch (opt) {
      case 'i':
        this.size = this.numLimit(4);
        return K.Int;
      case 'I':
        this.size = this.numLimit(4);
        return K.Uint;
      case 's':
        this.size = this.numLimit(8);
        return K.String;
      case 'c':
        this.size = this.num(-1);
        if (this.size === -1) libError("missing size for format option 'c'");
        return K.Char;
      case 'z':
        return K.Zstr;
      case 'x':
        this.size = 1;
        return K.Padding;
      case 'X':
        return K.PaddAlign;
      case ' ':
        return K.Nop;
      case '<':
        this.little = true;
        return K.Nop;
      case '>':
        this.little = false;
        return K.Nop;
      case '=':
        this.little = true; // native: x86-64 is little endian
        return K.Nop;
      case '!':
        this.maxAlign = this.numLimit(NATIVE_MAXALIGN);
        return K.Nop;
      default:
        return libError(`invalid format option '${opt}'`);
    }
  }

  /**
   * Read the next option and work out the padding that aligns it at
   * `total` bytes into the data (getdetails). Sets `size` and `toAlign`.
   */
  next(total: number): K {
    const opt = this.option();
    const size = this.size;
    let align = size; // usually, alignment follows size
    if (opt === K.PaddAlign) {
      // 'X' takes its alignment from the next option, which it consumes.
      if (this.done || this.option() === K.Char || this.size === 0) {
        argError(1, "invalid next option for option 'X'");
      }
      align = this.size;
      this.size = size;
    }
    if (align <= 1 || opt === K.Char) {
      this.toAlign = 0;
    } else {
      if (align > this.maxAlign) align = this.maxAlign;
      if ((align & (align - 1)) !== 0) argError(1, 'format asks for alignment not power of 2');
      this.toAlign = (align - (total & (align - 1))) & (align - 1);
    }
    return opt;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

// ---- integers -----------------------------------------------------------------

/**
 * `size` bytes of the two's complement of `n`; past 8 bytes, filled with
 * 0xff if `neg` (signed options) and zeros otherwise.
 */
function packInt(n: LuaInteger, little: boolean, size: number, neg: boolean): string {
  const bytes = new Array<number>(size);
  let u = BigInt.asUintN(64, BigInt(n));
  for (let i = 0; i < Math.min(size, SZINT); i++) {
    bytes[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  const ext = neg ? 0xff : 0;
  for (let i = SZINT; i < size; i++) bytes[i] = ext;
  if (!little) bytes.reverse();
  return String.fromCharCode(...bytes);
}

/**
 * What unpack reads: a Lua string (string.unpack) or the bytes of a buffer
 * (buffer.unpack), read in place.
 */
export interface ByteSource {
  readonly length: number;
  at(i: number): number;
  /** Bytes [from, to) as a Lua string. */
  text(from: number, to: number): string;
  /** Index of the first zero byte at or after `from`, or -1. */
  zeroFrom(from: number): number;
}

/** A Lua string as a ByteSource. */
function stringSource(s: string): ByteSource {
  return {
    length: s.length,
    at: (i) => s.charCodeAt(i),
    text: (from, to) => s.slice(from, to),
    zeroFrom: (from) => s.indexOf('\0', from),
  };
}

/**
 * Read a `size`-byte integer at `pos`. Past 8 bytes, the extra bytes must
 * be a sign (or zero) extension, or the value does not fit in a Lua integer.
 */
function unpackInt(data: ByteSource, pos: number, little: boolean, size: number, signed: boolean): LuaInteger {
  const byteAt = (i: number): number => data.at(little ? pos + i : pos + size - 1 - i);
  const limit = Math.min(size, SZINT);
  let res = 0n;
  for (let i = limit - 1; i >= 0; i--) res = (res << 8n) | BigInt(byteAt(i));
  if (size < SZINT) {
    if (signed) res = BigInt.asIntN(size * 8, res);
  } else {
    res = BigInt.asIntN(64, res);
    if (size > SZINT) {
      const mask = !signed || res >= 0n ? 0 : 0xff;
      for (let i = limit; i < size; i++) {
        if (byteAt(i) !== mask) libError(`${size}-byte integer does not fit into Lua Integer`);
      }
    }
  }
  return normInt(res);
}

// ---- floats ---------------------------------------------------------------------

const scratch = new DataView(new ArrayBuffer(8));

function packFloat(x: number, size: 4 | 8, little: boolean): string {
  if (size === 4) scratch.setFloat32(0, x, little);
  else scratch.setFloat64(0, x, little);
  let s = '';
  for (let i = 0; i < size; i++) s += String.fromCharCode(scratch.getUint8(i));
  return s;
}

function unpackFloat(data: ByteSource, pos: number, size: 4 | 8, little: boolean): number | LuaFloat {
  for (let i = 0; i < size; i++) scratch.setUint8(i, data.at(pos + i));
  return mkfloat(size === 4 ? scratch.getFloat32(0, little) : scratch.getFloat64(0, little));
}

// ---- the library functions ------------------------------------------------------

/** Options for {@link pack}. */
export interface PackOptions {
  /** Type names for "number expected, got X" (honouring `__name`). */
  typeName?: TypeNamer;
  /**
   * Called with the size of each piece before it is built, so the
   * allocator can charge (and refuse) large results such as `c2000000000`.
   */
  reserve?: (bytes: number) => void;
  /** The argument number of the first value (`args[0]`): 2 for string.pack. */
  firstArg?: number;
}

/**
 * string.pack: `args` are the values after the format (`args[0]` is
 * argument #2). Returns the packed bytes as a byte string.
 */
export function pack(fmt: string, args: readonly LuaValue[], opts: PackOptions = {}): string {
  return build(packParts(fmt, args, opts).parts);
}

/**
 * The packed bytes as pieces: strings, and runs of zero bytes as their
 * length (built only when written: a huge 'c' or alignment fails as "not
 * enough memory" after every format and argument error the reference would
 * report first). `total` is their length.
 */
export function packParts(fmt: string, args: readonly LuaValue[], opts: PackOptions = {}): { parts: (string | number)[]; total: number } {
  const h = new FormatReader(fmt);
  const shift = (opts.firstArg ?? 2) - 2;
  const parts: (string | number)[] = [];
  let total = 0;
  let arg = 1;
  while (!h.done) {
    const opt = h.next(total);
    const { size, toAlign } = h;
    total += toAlign + size;
    opts.reserve?.(toAlign + size);
    if (toAlign > 0) parts.push(toAlign);
    arg++;
    const v = args[arg - 2];
    const argNo = arg + shift;
    switch (opt) {
      case K.Int: {
        const n = checkInteger(v, argNo, opts.typeName);
        if (size < SZINT) {
          const lim = 2 ** (size * 8 - 1);
          if (!(-lim <= n && n < lim)) argError(argNo, 'integer overflow');
        }
        parts.push(packInt(n, h.little, size, n < 0));
        break;
      }
      case K.Uint: {
        const n = checkInteger(v, argNo, opts.typeName);
        // compared as unsigned: negative values are huge
        if (size < SZINT && !(n >= 0 && n < 2 ** (size * 8))) argError(argNo, 'unsigned overflow');
        parts.push(packInt(n, h.little, size, false));
        break;
      }
      case K.Float:
        parts.push(packFloat(checkNumber(v, argNo, opts.typeName), 4, h.little));
        break;
      case K.Number:
      case K.Double:
        parts.push(packFloat(checkNumber(v, argNo, opts.typeName), 8, h.little));
        break;
      case K.Char: {
        const s = checkString(v, argNo, opts.typeName);
        if (s.length > size) argError(argNo, 'string longer than given size');
        parts.push(s);
        if (s.length < size) parts.push(size - s.length);
        break;
      }
      case K.String: {
        const s = checkString(v, argNo, opts.typeName);
        if (size < 8 && s.length >= 2 ** (size * 8)) argError(argNo, 'string length does not fit in given size');
        opts.reserve?.(s.length);
        parts.push(packInt(s.length, h.little, size, false), s);
        total += s.length;
        break;
      }
      case K.Zstr: {
        const s = checkString(v, argNo, opts.typeName);
        if (s.includes('\0')) argError(argNo, 'string contains zeros');
        opts.reserve?.(s.length + 1);
        parts.push(s, '\0');
        total += s.length + 1;
        break;
      }
      case K.Padding:
        parts.push(1);
        arg--;
        break;
      case K.PaddAlign:
      case K.Nop:
        arg--; // no argument consumed
        break;
    }
  }
  return { parts, total };
}

function build(parts: readonly (string | number)[]): string {
  let len = 0;
  for (const p of parts) len += typeof p === 'number' ? p : p.length;
  checkLength(len);
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? '\0'.repeat(p) : p;
  return out;
}

/** string.packsize: the size of a fixed-length format. */
export function packsize(fmt: string): number {
  const h = new FormatReader(fmt);
  let total = 0;
  while (!h.done) {
    const opt = h.next(total);
    if (opt === K.String || opt === K.Zstr) argError(1, 'variable-length format');
    const size = h.size + h.toAlign;
    if (total > MAX_SIZE - size) argError(1, 'format result too large');
    total += size;
  }
  return total;
}

/** Result of {@link unpack}: the values read and the 1-based position after them. */
export interface UnpackResult {
  values: LuaValue[];
  next: number;
}

/** string.unpack: read `data` from `init` (Lua's 1-based, negative from the end). */
export function unpack(fmt: string, data: string, init: number | bigint = 1): UnpackResult {
  const ld = data.length;
  const pos = posrelatI(init, ld) - 1;
  if (pos > ld) argError(3, 'initial position out of string');
  const r = unpackFrom(fmt, stringSource(data), pos, { dataArg: 2, what: 'data string' });
  return { values: r.values, next: r.next + 1 };
}

/** Where unpack's data came from, for its messages. */
export interface UnpackSource {
  /** Argument number of the data. */
  dataArg: number;
  /** "data string", "data buffer". */
  what: string;
}

/** Read `data` from the 0-based `pos`; `next` is the 0-based position after what was read. */
export function unpackFrom(fmt: string, data: ByteSource, pos: number, src: UnpackSource): UnpackResult {
  const ld = data.length;
  const h = new FormatReader(fmt);
  const values: LuaValue[] = [];
  const short = `${src.what} too short`;
  while (!h.done) {
    const opt = h.next(pos);
    const { size, toAlign } = h;
    if (toAlign + size > ld - pos) argError(src.dataArg, short);
    pos += toAlign;
    switch (opt) {
      case K.Int:
      case K.Uint:
        values.push(unpackInt(data, pos, h.little, size, opt === K.Int));
        break;
      case K.Float:
        values.push(unpackFloat(data, pos, 4, h.little));
        break;
      case K.Number:
      case K.Double:
        values.push(unpackFloat(data, pos, 8, h.little));
        break;
      case K.Char:
        values.push(data.text(pos, pos + size));
        break;
      case K.String: {
        const len = unpackInt(data, pos, h.little, size, false);
        // a length that is negative as a Lua integer is a huge size_t
        if (len < 0 || len > ld - pos - size) argError(src.dataArg, short);
        const n = Number(len);
        values.push(data.text(pos + size, pos + size + n));
        pos += n;
        break;
      }
      case K.Zstr: {
        const end = data.zeroFrom(pos);
        if (end < 0) argError(src.dataArg, "unfinished string for format 'z'");
        values.push(data.text(pos, end));
        pos = end + 1;
        break;
      }
      case K.PaddAlign:
      case K.Padding:
      case K.Nop:
        break;
    }
    pos += size;
  }
  return { values, next: pos };
}
