/**
 * Lua 5.4 number semantics on the representation of `value.ts`.
 *
 * Integers (`LuaInteger`) are JS numbers with safe integral values or, outside
 * the safe range, bigints in int64 range. Every integer result passes through
 * {@link normInt} (or a fast path that provably stays in the safe range), so a
 * value that fits the safe range is never a bigint and never `-0`.
 *
 * Floats are JS numbers when non-integral and {@link LuaFloat} boxes when
 * integral; every float result goes through `mkfloat`.
 *
 * NaN signs: Lua on x86-64 Linux prints the sign of a NaN (`0/0` is `-nan`,
 * `-(0/0)` is `nan`). V8 on x86-64 computes float arithmetic with the same
 * SSE instructions as C, so the sign bit of a NaN produced at run time by JS
 * arithmetic is the one C would produce; the formatter reads it through a
 * Float64Array. Where this module has to produce a NaN itself it uses
 * {@link DEFAULT_NAN} (the x86 "default NaN", sign bit set) rather than the
 * JS literal `NaN` (sign bit clear). This is best effort: a JS engine may
 * canonicalise NaNs (e.g. the literal `NaN`, constant folding), in which case
 * the sign printed may differ from the reference; nothing else depends on it.
 */

import { LuaFloat, mkfloat, type LuaValue } from './value.js';
import { fmtNumberG14 } from './numfmt.js';
import { crPowFinite, flipSign } from './libm.js';
import { roundDyadic } from './libm-big.js';

export type LuaInteger = number | bigint;
export type LuaNumber = number | bigint | LuaFloat;

/** lua.h arithmetic operator codes (LUA_OPADD ...). */
export const enum ArithOp {
  ADD = 0, SUB = 1, MUL = 2, MOD = 3, POW = 4, DIV = 5, IDIV = 6,
  BAND = 7, BOR = 8, BXOR = 9, SHL = 10, SHR = 11, UNM = 12, BNOT = 13,
}

/** Conversion modes of luaV_flttointns (F2Ieq, F2Ifloor, F2Iceil). */
export const enum F2I { EQ = 0, FLOOR = 1, CEIL = 2 }

export const MAXINTEGER = 0x7fffffffffffffffn;
export const MININTEGER = -0x8000000000000000n;
/**
 * The range of integers held as JS numbers (±(2^53 - 1)). A const enum so
 * that hot paths compare with literals (see Instr in opcodes.ts).
 */
export const enum SafeInt { MAX = 9007199254740991, MIN = -9007199254740991 }
const MAX_SAFE_B = BigInt(SafeInt.MAX);
const TWO63 = 2 ** 63;

/** The NaN x86-64 produces for invalid operations (0/0, inf-inf): sign bit set. */
export const DEFAULT_NAN: number = (() => {
  const f = new Float64Array(1);
  new Uint32Array(f.buffer)[1] = 0xfff80000; // little-endian high word
  return f[0];
})();

/**
 * The NaN x86-64 gives for `x op y` (an arithmetic result that is NaN): a
 * NaN operand's own (the first one's if both are), else the default NaN.
 * Compiled code (vm/jit/) passes its NaN results through this: V8 may fold
 * an operation on constants to the JS NaN, whose sign differs.
 */
export function x86nan(x: number, y: number): number {
  return x !== x ? x : y !== y ? y : DEFAULT_NAN_CELL[0];
}

/**
 * DEFAULT_NAN in memory: read from a typed array, the value cannot be
 * folded into optimized code as a constant (which V8 may store as the JS NaN).
 */
const DEFAULT_NAN_CELL = new Float64Array([DEFAULT_NAN]);

// ---------------------------------------------------------------------------
// Normalisation and subtype tests

/** Wrap a bigint to int64 and demote it to a number when it fits the safe range. */
export function normInt(b: bigint): LuaInteger {
  const w = BigInt.asIntN(64, b);
  return w >= -MAX_SAFE_B && w <= MAX_SAFE_B ? Number(w) : w;
}

/** 'integer' | 'float' for numbers (math.type), undefined otherwise. */
export function luaNumberType(v: LuaValue): 'integer' | 'float' | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'float';
  if (typeof v === 'bigint') return 'integer';
  if (v instanceof LuaFloat) return 'float';
  return undefined;
}

/** The float value of a number (integers are rounded to nearest, like a C cast). */
export function toDouble(v: LuaNumber): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return v.n;
}

/** Integer with exactly the value of `f`, if `f` is integral and in int64 range (2^63 is not). */
export function floatToInteger(f: number): LuaInteger | undefined {
  if (!Number.isInteger(f)) return undefined;
  if (f >= SafeInt.MIN && f <= SafeInt.MAX) return f + 0; // +0 turns -0 into 0
  if (f >= -TWO63 && f < TWO63) return BigInt(f);
  return undefined;
}

/** luaV_flttointns: float to integer with rounding mode. */
export function floatToIntegerMode(f: number, mode: F2I): LuaInteger | undefined {
  let g = Math.floor(f);
  if (g !== f) {
    if (mode === F2I.EQ) return undefined;
    if (mode === F2I.CEIL) g += 1;
  }
  return floatToInteger(g);
}

/** luaV_tointegerns: numbers only (no string coercion). */
export function tointegerNS(v: LuaValue, mode: F2I = F2I.EQ): LuaInteger | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : floatToIntegerMode(v, mode);
  if (typeof v === 'bigint') return v;
  if (v instanceof LuaFloat) return floatToIntegerMode(v.n, mode);
  return undefined;
}

/** luaV_tointeger: like tointegerNS but numeric strings are converted first (cvt2num). */
export function tointeger(v: LuaValue, mode: F2I = F2I.EQ): LuaInteger | undefined {
  if (typeof v === 'string') {
    const n = str2number(v);
    return n === undefined ? undefined : tointegerNS(n, mode);
  }
  return tointegerNS(v, mode);
}

/** A number, or a string converted with str2number; undefined otherwise. */
export function tonumber(v: LuaValue): LuaNumber | undefined {
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return v;
  if (typeof v === 'string') return str2number(v);
  return undefined;
}

/**
 * Table-key normalisation: a float with an exact int64 value becomes that
 * integer (t[1.0] is t[1]); every other value is returned unchanged (the
 * caller rejects NaN keys).
 */
export function normalizeKey(v: LuaValue): LuaValue {
  if (v instanceof LuaFloat) {
    const i = floatToInteger(v.n);
    return i === undefined ? v : i;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Integer arithmetic (int64 two's complement wraparound)

const isI32 = (x: number): boolean => (x | 0) === x;
const big = (x: LuaInteger): bigint => (typeof x === 'bigint' ? x : BigInt(x));

export function iadd(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b; // exact whenever the true sum is safe
    if (r >= SafeInt.MIN && r <= SafeInt.MAX) return r;
  }
  return normInt(big(a) + big(b));
}

export function isub(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r >= SafeInt.MIN && r <= SafeInt.MAX) return r + 0;
  }
  return normInt(big(a) - big(b));
}

export function imul(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b; // a rounded product is never in the safe range
    if (r >= SafeInt.MIN && r <= SafeInt.MAX) return r + 0; // 0 * -5 is -0 in JS
  }
  return normInt(big(a) * big(b));
}

export function iunm(a: LuaInteger): LuaInteger {
  return typeof a === 'number' ? 0 - a : normInt(-a);
}

/** Floor division (luaV_idiv); undefined on division by zero. */
export function idiv(a: LuaInteger, b: LuaInteger): LuaInteger | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return undefined;
    const m = a % b; // exact: C fmod
    const q = (a - m) / b; // exact: a - m is a multiple of b
    return (m !== 0 && (m < 0) !== (b < 0) ? q - 1 : q) + 0;
  }
  const x = big(a), y = big(b);
  if (y === 0n) return undefined;
  let q = x / y;
  if ((x % y !== 0n) && ((x < 0n) !== (y < 0n))) q -= 1n;
  return normInt(q); // wraps mininteger // -1 to mininteger
}

/** Floor modulo (luaV_mod); undefined on modulo by zero. */
export function imod(a: LuaInteger, b: LuaInteger): LuaInteger | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) return undefined;
    const m = a % b;
    return (m !== 0 && (m < 0) !== (b < 0) ? m + b : m) + 0;
  }
  const x = big(a), y = big(b);
  if (y === 0n) return undefined;
  let m = x % y;
  if (m !== 0n && (m < 0n) !== (y < 0n)) m += y;
  return normInt(m);
}

export function iband(a: LuaInteger, b: LuaInteger): LuaInteger {
  // int32 values sign-extend to int64, and bitwise ops commute with sign extension
  if (typeof a === 'number' && typeof b === 'number' && isI32(a) && isI32(b)) return a & b;
  return normInt(big(a) & big(b));
}

export function ibor(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number' && isI32(a) && isI32(b)) return a | b;
  return normInt(big(a) | big(b));
}

export function ibxor(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number' && isI32(a) && isI32(b)) return a ^ b;
  return normInt(big(a) ^ big(b));
}

export function ibnot(a: LuaInteger): LuaInteger {
  if (typeof a === 'number' && isI32(a)) return ~a;
  return isub(-1, a); // ~x == -1 - x in two's complement
}

/** Logical shift left (luaV_shiftl): negative counts shift right, |n| >= 64 gives 0. */
export function ishl(x: LuaInteger, n: LuaInteger): LuaInteger {
  if (typeof n === 'bigint') return 0; // |n| >= 2^53
  if (n < 0) return shiftRight(x, -n);
  if (n >= 64) return 0;
  if (typeof x === 'number' && x >= 0 && x < 0x80000000 && n <= 21) return x * 2 ** n;
  return normInt(BigInt.asUintN(64, big(x)) << BigInt(n));
}

/** Logical shift right (luaV_shiftr is shiftl with the count negated). */
export function ishr(x: LuaInteger, n: LuaInteger): LuaInteger {
  if (typeof n === 'bigint') return 0;
  return n < 0 ? ishl(x, -n) : shiftRight(x, n);
}

function shiftRight(x: LuaInteger, n: number): LuaInteger {
  if (n >= 64) return 0;
  // non-negative safe values: division by a power of two is exact before flooring
  if (typeof x === 'number' && x >= 0) return n >= 53 ? 0 : Math.floor(x / 2 ** n);
  return normInt(BigInt.asUintN(64, big(x)) >> BigInt(n));
}

// ---------------------------------------------------------------------------
// Float arithmetic (results are raw JS numbers; box with mkfloat)

/**
 * luai_nummod: `a - floor(a/b)*b` computed as C fmod (exact, sign of the
 * dividend) corrected when the remainder and the divisor differ in sign
 * (comparing signs, not `m*b < 0`, which underflows for tiny operands).
 */
export function fmod(a: number, b: number): number {
  const m = a % b; // JS % on doubles is C fmod
  // an invalid fmod (x % 0, inf % y) gives the x86 default NaN in glibc ("-nan")
  if (m !== m) return a !== a ? a : b !== b ? b : DEFAULT_NAN;
  return (m > 0 ? b < 0 : m < 0 && b > 0) ? m + b : m;
}

/** luai_numidiv: floor(a / b). */
export function fidiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * luai_numpow: C pow. Math.pow differs from glibc in the C99 special cases
 * below and in accuracy (V8's pow is off by an ulp for several percent of
 * arguments; glibc's is within 0.52 ulp, i.e. almost always correctly
 * rounded). The general case is therefore the correctly rounded pow of
 * libm.ts (exact dyadic results such as 10^22 or 3^34, ties included, are
 * rounded once, ties to even).
 */
export function fpow(a: number, b: number): number {
  if (b === 2) return a * a; // Lua special-cases squaring
  // C99 Annex F: pow(+1, y) and pow(x, +-0) are 1 even for NaN; pow(-1, +-inf) is 1
  if (a === 1 || b === 0) return 1;
  // glibc propagates a NaN operand; a NaN base goes through its x*x (sign kept),
  // negated for an odd integral exponent, so pow(-nan, 3) is nan
  if (a !== a) return b === b && Number.isInteger(b) && b % 2 !== 0 ? flipSign(a) : a;
  if (b !== b) return b;
  if (b === Infinity || b === -Infinity) {
    const m = Math.abs(a);
    return m === 1 ? 1 : (m > 1) === (b > 0) ? Infinity : 0;
  }
  // +-0 and +-inf bases with a finite exponent: JS follows C99 here (signs included)
  if (a === 0 || a === Infinity || a === -Infinity) return Math.pow(a, b);
  if (a < 0 && !Number.isInteger(b)) return DEFAULT_NAN; // invalid: the x86 default NaN
  if (b === 1) return a;
  if (b === -1) return 1 / a;
  if (b === 0.5 && a > 0) return Math.sqrt(a);
  return crPowFinite(a, b); // correctly rounded, as glibc's pow (almost always)
}

// ---------------------------------------------------------------------------
// luaO_rawarith

type IntBin = (a: LuaInteger, b: LuaInteger) => LuaInteger | undefined;
type FltBin = (a: number, b: number) => number;

const fadd: FltBin = (a, b) => a + b;
const fsub: FltBin = (a, b) => a - b;
const fmul: FltBin = (a, b) => a * b;
const fdiv: FltBin = (a, b) => a / b;

/** Integer op (for + - * % // when both are integers) indexed by ArithOp; undefined = always float. */
const INT_OPS: ReadonlyArray<IntBin | undefined> = [
  iadd, isub, imul, imod, undefined, undefined, idiv,
  iband, ibor, ibxor, ishl, ishr,
];
/** Float op indexed by ArithOp; undefined = bitwise (integer only). */
const FLT_OPS: ReadonlyArray<FltBin | undefined> = [
  fadd, fsub, fmul, fmod, fpow, fdiv, fidiv,
];

const isInt = (v: LuaNumber): v is LuaInteger =>
  typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));

/**
 * luaO_rawarith: arithmetic on numbers only. Returns undefined when the
 * operation has no result (non-number operand, integer `//` or `%` by zero,
 * bitwise operand without an integer representation).
 * For the unary ops (UNM, BNOT) `b` is ignored.
 */
export function arith(op: number, a: LuaValue, b: LuaValue): LuaValue | undefined {
  if (op === ArithOp.UNM) return numUnm(a);
  if (op === ArithOp.BNOT) {
    const i = tointegerNS(a);
    return i === undefined ? undefined : ibnot(i);
  }
  if (op >= ArithOp.BAND && op <= ArithOp.SHR) {
    const x = tointegerNS(a), y = tointegerNS(b);
    if (x === undefined || y === undefined) return undefined;
    return (INT_OPS[op] as IntBin)(x, y);
  }
  if (!isNumberValue(a) || !isNumberValue(b)) return undefined;
  const iop = INT_OPS[op];
  if (iop !== undefined && isInt(a) && isInt(b)) return iop(a, b);
  const fop = FLT_OPS[op];
  return fop === undefined ? undefined : mkfloat(fop(toDouble(a), toDouble(b)));
}

function isNumberValue(v: LuaValue): v is LuaNumber {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat;
}

function numUnm(a: LuaValue): LuaValue | undefined {
  if (typeof a === 'number') return Number.isInteger(a) ? 0 - a : -a;
  if (typeof a === 'bigint') return iunm(a);
  if (a instanceof LuaFloat) return new LuaFloat(-a.n);
  return undefined;
}

// ---------------------------------------------------------------------------
// Comparisons, exact across subtypes

/** Lua `==` on two numbers (int vs float: equal iff the float is exactly that integer). */
export function numEq(a: LuaNumber, b: LuaNumber): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'bigint') return typeof b === 'bigint' ? a === b : bigEqFloat(a, b);
  if (typeof b === 'bigint') return bigEqFloat(b, a);
  return toDouble(a) === toDouble(b); // float/float or safe int/float: doubles are exact
}

function bigEqFloat(i: bigint, f: number | LuaFloat): boolean {
  // a bigint is never in the safe range, so only a boxed (integral) float can match
  return f instanceof LuaFloat && floatToInteger(f.n) === i;
}

/** Lua `<` on two numbers (LTnum). */
export function numLt(a: LuaNumber, b: LuaNumber): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint' || isInt(b)) return a < b;
    return bigLtFloat(a, toDouble(b), true);
  }
  if (typeof b === 'bigint') {
    if (isInt(a)) return a < b;
    return floatLtBig(toDouble(a), b, true);
  }
  return toDouble(a) < toDouble(b); // no bigint involved: doubles are exact
}

/** Lua `<=` on two numbers (LEnum). */
export function numLe(a: LuaNumber, b: LuaNumber): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint' || isInt(b)) return a <= b;
    return bigLtFloat(a, toDouble(b), false);
  }
  if (typeof b === 'bigint') {
    if (isInt(a)) return a <= b;
    return floatLtBig(toDouble(a), b, false);
  }
  return toDouble(a) <= toDouble(b);
}

/** i < f (strict) or i <= f: i < f iff i < ceil(f); i <= f iff i <= floor(f) (LTintfloat). */
function bigLtFloat(i: bigint, f: number, strict: boolean): boolean {
  if (Number.isNaN(f)) return false;
  const g = strict ? Math.ceil(f) : Math.floor(f);
  if (g >= TWO63) return true;
  if (g < -TWO63) return false;
  return strict ? i < BigInt(g) : i <= BigInt(g);
}

/** f < i iff floor(f) < i; f <= i iff ceil(f) <= i (LTfloatint). */
function floatLtBig(f: number, i: bigint, strict: boolean): boolean {
  if (Number.isNaN(f)) return false;
  const g = strict ? Math.floor(f) : Math.ceil(f);
  if (g >= TWO63) return false;
  if (g < -TWO63) return true;
  return strict ? BigInt(g) < i : BigInt(g) <= i;
}

// ---------------------------------------------------------------------------
// String to number (luaO_str2num)

const WS = '[ \\t\\n\\v\\f\\r]*';
const DEC_INT = new RegExp(`^${WS}([+-]?)(\\d+)${WS}$`);
const HEX_INT = new RegExp(`^${WS}([+-]?)0[xX]([0-9a-fA-F]+)${WS}$`);
const DEC_FLT = new RegExp(`^${WS}([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)${WS}$`);
const HEX_FLT = new RegExp(
  `^${WS}([+-]?)0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?\\d+))?${WS}$`);

/**
 * Convert a Lua numeral (a byte string) to a number, as lua_stringtonumber:
 * integers when the numeral is an integer that fits (hex integers wrap
 * modulo 2^64), floats otherwise; undefined if `s` is not a numeral.
 */
export function str2number(s: string): LuaNumber | undefined {
  let m = DEC_INT.exec(s);
  if (m !== null) return decimalInteger(m[1] === '-', m[2]);
  m = HEX_INT.exec(s);
  if (m !== null) return hexInteger(m[1] === '-', m[2]);
  m = DEC_FLT.exec(s);
  if (m !== null) return mkfloat(Number(m[1])); // JS and glibc strtod both round correctly
  m = HEX_FLT.exec(s);
  if (m !== null) return hexFloat(m);
  return undefined;
}

function decimalInteger(neg: boolean, digits: string): LuaNumber {
  if (digits.length <= 15) {
    const v = parseInt(digits, 10);
    return neg ? 0 - v : v;
  }
  const b = neg ? -BigInt(digits) : BigInt(digits);
  // an overflowing decimal integer is read as a float instead (l_str2int fails)
  if (b > MAXINTEGER || b < MININTEGER) return mkfloat(Number((neg ? '-' : '') + digits));
  return normInt(b);
}

function hexInteger(neg: boolean, digits: string): LuaInteger {
  if (digits.length <= 13) {
    const v = parseInt(digits, 16);
    return neg ? 0 - v : v;
  }
  const b = BigInt('0x' + digits);
  return normInt(neg ? -b : b); // wraps modulo 2^64
}

function hexFloat(m: RegExpExecArray): LuaNumber | undefined {
  const ipart = m[2], fpart = m[3] ?? '';
  if (ipart.length + fpart.length === 0) return undefined; // "0x.", "0xp1"
  const mant = BigInt('0x' + ipart + fpart);
  // exponents beyond any double's range saturate; clamp (beyond what the
  // digits can compensate) so the arithmetic stays small
  const lim = 2200 + 4 * (ipart.length + fpart.length);
  const pexp = m[4] === undefined ? 0 : Math.max(-lim, Math.min(lim, Number(m[4])));
  const x = scaleBig(mant, pexp - 4 * fpart.length);
  return mkfloat(m[1] === '-' ? -x : x);
}

/** Correctly rounded (ties to even) value of mant * 2^exp, subnormals included. */
export function scaleBig(mant: bigint, exp: number): number {
  return roundDyadic(mant, exp);
}

/**
 * `tonumber(s, base)` (luaB_tonumber's l_str2int): optional whitespace and
 * sign, alphanumeric digits below `base`, wrapping modulo 2^64.
 */
export function tonumberBase(s: string, base: number): LuaInteger | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9a-zA-Z]+)[ \t\n\v\f\r]*$/.exec(s);
  if (m === null) return undefined;
  const digits = m[2];
  let acc = 0, bigAcc: bigint | undefined;
  for (let i = 0; i < digits.length; i++) {
    const d = parseInt(digits[i], 36);
    if (d >= base) return undefined;
    if (bigAcc === undefined) {
      acc = acc * base + d;
      if (acc > 0x1fffffffffff) bigAcc = BigInt(acc); // keep acc * 36 + 35 exact
    } else {
      bigAcc = BigInt.asUintN(64, bigAcc * BigInt(base) + BigInt(d));
    }
  }
  if (bigAcc === undefined) return m[1] === '-' ? 0 - acc : acc;
  return normInt(m[1] === '-' ? -bigAcc : bigAcc);
}

// ---------------------------------------------------------------------------
// Number to string

/** tostring / print of a number: integers in decimal, floats with "%.14g" (+ ".0" if integral-looking). */
export function tostringNumber(v: LuaNumber): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  const s = fmtNumberG14(typeof v === 'number' ? v : v.n);
  // tostringbuff's "looks like an int?" check: also non-integral floats that
  // round to an integer at 14 digits (45667061499028.45 prints "45667061499028.0")
  return looksLikeInt(s) ? s + '.0' : s;
}

function looksLikeInt(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 45 && (c < 48 || c > 57)) return false; // only '-' and digits
  }
  return true;
}
