/**
 * The math library (the reference's lmathlib.c).
 *
 * Integer/float subtypes follow 5.4 exactly: `floor`/`ceil`/`modf` return an
 * integer when the result fits ("pushnumint"), `abs`/`fmod`/`max`/`min` keep
 * integer arguments integers, everything else returns floats.
 *
 * `random` is the reference's xoshiro256** generator with its `project`
 * function, so a given seed yields the same sequence as lua5.4. The 64-bit
 * state is kept as eight uint32 halves (hi, lo) so the common path never
 * allocates a BigInt.
 */

import {
  DEFAULT_NAN, F2I, MAXINTEGER, MININTEGER, floatToInteger, iunm, luaNumberType, normInt, toDouble, tointeger,
  fpow, type LuaInteger, type LuaNumber,
} from '../value/number.js';
import { crAcos, crAsin, crAtan2, crCos, crExp, crLog, crLog2, crSin, crTan, glibcLog10 } from '../value/libm.js';
import { LuaFloat, mkfloat, type LuaValue } from '../value/value.js';
import type { HostFn } from '../vm/function.js';
import { lessthan } from '../vm/operations.js';
import type { LuaState } from '../vm/state.js';
import type { LuaTable } from '../vm/table.js';
import { argError, checkAny, checkInteger, checkNumber, luaError, optInteger, optNumber, ret, arg } from './args.js';
import { newLib, type LibTable } from './register.js';

const TWO32 = 4294967296;

/** lua_isinteger: an integer value (strings are not converted). */
function isInt(v: LuaValue): v is LuaInteger {
  return typeof v === 'number' ? Number.isInteger(v) : typeof v === 'bigint';
}

/** luaL_checknumber as a C double. */
function checkFloat(L: LuaState, base: number, nargs: number, n: number): number {
  return toDouble(checkNumber(L, base, nargs, n));
}

/** pushnumint: an integral float becomes an integer when it fits int64. */
function numint(d: number): LuaNumber {
  return floatToInteger(d) ?? mkfloat(d);
}

// ---------------------------------------------------------------------------
// Float functions: one argument in, one float out

const FLOAT_FNS: Readonly<Record<string, (x: number) => number>> = {
  sin: crSin, cos: crCos, tan: crTan, asin: crAsin, acos: crAcos,
  exp: crExp, sqrt: Math.sqrt,
  deg: (x) => x * (180 / Math.PI),
  rad: (x) => x * (Math.PI / 180),
};

function floatFn(f: (x: number) => number): HostFn {
  // (floatOp: compiled code computes a call with a number argument itself, HostFunction.floatOp)
  return Object.assign((L: LuaState, base: number, nargs: number) => ret(L, mkfloat(f(checkFloat(L, base, nargs, 1)))), { floatOp: f });
}

const atan: HostFn = (L, base, nargs) => {
  const y = checkFloat(L, base, nargs, 1);
  const x = toDouble(optNumber(L, base, nargs, 2, 1));
  return ret(L, mkfloat(crAtan2(y, x)));
};

/** Bases with a dedicated logarithm, as the reference (glibc log2 is correctly rounded, log10 is not). */
const LOG_BASES: ReadonlyMap<number, (x: number) => number> = new Map([[2, crLog2], [10, glibcLog10]]);

const log: HostFn = (L, base, nargs) => {
  const x = checkFloat(L, base, nargs, 1);
  if (arg(L, base, nargs, 2) === undefined) return ret(L, mkfloat(crLog(x)));
  const b = checkFloat(L, base, nargs, 2);
  const special = LOG_BASES.get(b);
  return ret(L, mkfloat(special !== undefined ? special(x) : crLog(x) / crLog(b)));
};

// ---------------------------------------------------------------------------
// Integer-preserving functions

const abs: HostFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  if (isInt(v)) return ret(L, (typeof v === 'number' ? v < 0 : v < 0n) ? iunm(v) : v); // wraps for mininteger
  return ret(L, mkfloat(Math.abs(checkFloat(L, base, nargs, 1))));
};

function rounding(f: (x: number) => number): HostFn {
  return (L, base, nargs) => {
    const v = arg(L, base, nargs, 1);
    if (isInt(v)) return ret(L, v);
    return ret(L, numint(f(checkFloat(L, base, nargs, 1))));
  };
}

const fmod: HostFn = (L, base, nargs) => {
  const a = arg(L, base, nargs, 1);
  const b = arg(L, base, nargs, 2);
  if (isInt(a) && isInt(b)) return ret(L, intFmod(L, a, b));
  // the reference checks both in one C call, which gcc evaluates right to left
  const y = checkFloat(L, base, nargs, 2);
  const x = checkFloat(L, base, nargs, 1);
  return ret(L, mkfloat(cfmod(x, y)));
};

/** C fmod: JS % on doubles, except that an invalid operation gives the x86 default NaN ("-nan") as glibc. */
function cfmod(x: number, y: number): number {
  const m = x % y;
  return m === m || x !== x || y !== y ? m : DEFAULT_NAN;
}

/** C `%` (truncating) on int64, with the reference's special divisors 0 and -1. */
function intFmod(L: LuaState, a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof b === 'number') {
    if (b === 0) return argError(L, 2, 'zero');
    if (b === -1) return 0; // avoids the overflow of mininteger % -1
    if (typeof a === 'number') return (a % b) + 0; // + 0 turns -0 into 0
  }
  return normInt(BigInt(a) % BigInt(b));
}

const modf: HostFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  if (isInt(v)) return ret(L, v, new LuaFloat(0));
  const n = checkFloat(L, base, nargs, 1);
  const ip = n < 0 ? Math.ceil(n) : Math.floor(n);
  // the test keeps inf - inf from making a NaN fractional part
  return ret(L, numint(ip), mkfloat(n === ip ? 0 : n - ip));
};

const tointegerFn: HostFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  if (typeof v === 'number' && Number.isInteger(v)) return ret(L, v);
  const i = tointeger(v, F2I.EQ);
  if (i === undefined) checkAny(L, nargs, 1);
  return ret(L, i);
};

const type: HostFn = (L, base, nargs) => {
  const t = luaNumberType(arg(L, base, nargs, 1));
  if (t === undefined) checkAny(L, nargs, 1);
  return ret(L, t);
};

/** Unsigned 64-bit `a < b`. */
function ultInt(a: LuaInteger, b: LuaInteger): boolean {
  if (typeof a === 'number' && typeof b === 'number') return (a < 0) === (b < 0) ? a < b : b < 0;
  return BigInt.asUintN(64, BigInt(a)) < BigInt.asUintN(64, BigInt(b));
}

const ult: HostFn = (L, base, nargs) => {
  const a = checkInteger(L, base, nargs, 1);
  const b = checkInteger(L, base, nargs, 2);
  return ret(L, ultInt(a, b));
};

/** max/min: any comparable values (lua_compare), first of equal extremes wins. */
function extreme(isMax: boolean): HostFn {
  return (L, base, nargs) => {
    if (nargs < 1) argError(L, 1, 'value expected');
    const stack = L.stack;
    let best = stack[base];
    for (let i = 1; i < nargs; i++) {
      const v = stack[base + i];
      if (isMax ? lessthan(L, best, v) : lessthan(L, v, best)) best = v;
    }
    return ret(L, best);
  };
}

// ---------------------------------------------------------------------------
// Pseudo-random numbers: xoshiro256**

/** Generator state s[0..3], each 64-bit word as [hi, lo] uint32 halves; `hi`/`lo` is the last output. */
class Xoshiro {
  readonly s = new Uint32Array(8);
  hi = 0;
  lo = 0;

  /** Advance and set hi/lo to the next 64-bit output. */
  next(): void {
    const s = this.s;
    const s0h = s[0], s0l = s[1], s1h = s[2], s1l = s[3];
    const s2h = s[4] ^ s0h, s2l = s[5] ^ s0l;
    const s3h = s[6] ^ s1h, s3l = s[7] ^ s1l;
    // result = rotl(s1 * 5, 7) * 9
    let p = s1l * 5;
    const ml = p >>> 0;
    const mh = (Math.imul(s1h, 5) + Math.floor(p / TWO32)) >>> 0;
    const rh = (mh << 7) | (ml >>> 25);
    const rl = ((ml << 7) | (mh >>> 25)) >>> 0;
    p = rl * 9;
    this.lo = p >>> 0;
    this.hi = (Math.imul(rh, 9) + Math.floor(p / TWO32)) >>> 0;
    s[0] = s0h ^ s3h; s[1] = s0l ^ s3l;
    s[2] = s1h ^ s2h; s[3] = s1l ^ s2l;
    s[4] = s2h ^ ((s1h << 17) | (s1l >>> 15)); s[5] = s2l ^ (s1l << 17);
    // rotl(s3, 45) = rotl(swapped halves, 13)
    s[6] = (s3l << 13) | (s3h >>> 19); s[7] = (s3h << 13) | (s3l >>> 19);
  }

  /** Last output as a float in [0, 1): its top 53 bits scaled by 2^-53. */
  float(): number {
    return (this.hi * 2097152 + (this.lo >>> 11)) * 2 ** -53;
  }

  /** Last output as a signed int64. */
  int(): LuaInteger {
    const v = (this.hi | 0) * TWO32 + this.lo;
    return Number.isSafeInteger(v) ? v : normInt(this.big());
  }

  big(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  seed(n1: LuaInteger, n2: LuaInteger): void {
    this.setWord(0, n1);
    this.setWord(1, 0xff);
    this.setWord(2, n2);
    this.setWord(3, 0);
    for (let i = 0; i < 16; i++) this.next(); // discard initial values to spread the seed
  }

  private setWord(w: number, v: LuaInteger): void {
    const u = BigInt.asUintN(64, BigInt(v));
    this.s[2 * w] = Number(u >> 32n);
    this.s[2 * w + 1] = Number(u & 0xffffffffn);
  }

  /**
   * The reference's `project`: a uniform value in [0, n] from the last
   * output, drawing again while the masked value exceeds n. `n` < 2^32 takes
   * a 32-bit path (only the low word matters then).
   */
  project32(n: number): number {
    let lim = n;
    lim |= lim >>> 1; lim |= lim >>> 2; lim |= lim >>> 4; lim |= lim >>> 8; lim |= lim >>> 16;
    lim >>>= 0;
    let r: number;
    while ((r = (this.lo & lim) >>> 0) > n) this.next();
    return r;
  }

  project64(n: bigint): bigint {
    let lim = n;
    for (let sh = 1n; sh <= 32n; sh *= 2n) lim |= lim >> sh;
    let r: bigint;
    while ((r = this.big() & lim) > n) this.next();
    return r;
  }
}

/** A value in [low, up] (already checked non-empty). */
function randomRange(g: Xoshiro, low: LuaInteger, up: LuaInteger): LuaInteger {
  if (typeof low === 'number' && typeof up === 'number' && up - low < TWO32) {
    return low + g.project32(up - low);
  }
  const n = BigInt.asUintN(64, BigInt(up) - BigInt(low));
  return normInt(BigInt(low) + g.project64(n));
}

function intLe(a: LuaInteger, b: LuaInteger): boolean {
  return a <= b; // number/bigint comparisons are exact in JS
}

function makeRandom(g: Xoshiro): HostFn {
  return (L, base, nargs) => {
    g.next(); // drawn before the arguments are checked, as the reference
    let low: LuaInteger, up: LuaInteger;
    switch (nargs) {
      case 0: return ret(L, mkfloat(g.float()));
      case 1:
        low = 1;
        up = checkInteger(L, base, nargs, 1);
        if (up === 0) return ret(L, g.int()); // random(0): all 64 bits
        break;
      case 2:
        low = checkInteger(L, base, nargs, 1);
        up = checkInteger(L, base, nargs, 2);
        break;
      default: return luaError(L, 'wrong number of arguments');
    }
    if (!intLe(low, up)) argError(L, 1, 'interval is empty');
    return ret(L, randomRange(g, low, up));
  };
}

/** Seeds for an unseeded generator: different on every run, like the reference's time/address mix. */
function randomSeeds(): [LuaInteger, LuaInteger] {
  return [Math.floor(Math.random() * 2 ** 53), Date.now()];
}

function makeRandomseed(g: Xoshiro): HostFn {
  return (L, base, nargs) => {
    let n1: LuaInteger, n2: LuaInteger;
    if (nargs === 0) {
      [n1, n2] = randomSeeds();
    } else {
      n1 = checkInteger(L, base, nargs, 1);
      n2 = optInteger(L, base, nargs, 2, 0);
    }
    g.seed(n1, n2);
    return ret(L, n1, n2);
  };
}

// ---------------------------------------------------------------------------
// Lua 5.3's functions, kept by the reference's default build (LUA_COMPAT_5_3
// turns on LUA_COMPAT_MATHLIB; the 5.3 manual, §6.7, documents them). With
// LUA_COMPAT_LT_LE, the rest of that set visible to scripts (`__le` falling
// back to `not __lt`), they make the whole compatibility set.

/** math.frexp (x): m, e with x = m * 2^e and 0.5 <= |m| < 1 (C's frexp). */
const frexp: HostFn = (L, base, nargs) => {
  const x = checkFloat(L, base, nargs, 1);
  if (x === 0 || !Number.isFinite(x)) return ret(L, mkfloat(x), 0);
  let e = Math.floor(Math.log2(Math.abs(x))) + 1;
  // scaled in two steps: 2^-e alone overflows for subnormal x
  const half = Math.trunc(-e / 2);
  let m = x * 2 ** half * 2 ** (-e - half);
  // log2 may be one off near powers of two
  if (Math.abs(m) < 0.5) { m *= 2; e--; }
  else if (Math.abs(m) >= 1) { m /= 2; e++; }
  return ret(L, mkfloat(m), e);
};

/** math.ldexp (m, e): m * 2^e (C's ldexp, e converted to a C int as the reference does). */
const ldexp: HostFn = (L, base, nargs) => {
  const m = checkFloat(L, base, nargs, 1);
  let e = Number(BigInt.asIntN(32, BigInt(checkInteger(L, base, nargs, 2))));
  // in steps, so that no intermediate power of two overflows or underflows on its own
  let r = m;
  while (e > 1000) { r *= 2 ** 1000; e -= 1000; if (!Number.isFinite(r) || r === 0) return ret(L, mkfloat(r)); }
  while (e < -1000) { r *= 2 ** -1000; e += 1000; if (r === 0) return ret(L, mkfloat(r)); }
  return ret(L, mkfloat(r * 2 ** e));
};

/** math.pow (x, y): x ^ y as floats. */
const pow: HostFn = (L, base, nargs) => {
  const x = checkFloat(L, base, nargs, 1);
  return ret(L, mkfloat(fpow(x, checkFloat(L, base, nargs, 2))));
};

const COMPAT_5_3: LibTable = {
  frexp, ldexp, pow,
  cosh: floatFn(Math.cosh),
  sinh: floatFn(Math.sinh),
  tanh: floatFn(Math.tanh),
  log10: floatFn(glibcLog10),
};

// ---------------------------------------------------------------------------

const MATH_FUNCS: LibTable = {
  ...COMPAT_5_3,
  abs, atan, log, fmod, modf, ult, type,
  ceil: rounding(Math.ceil),
  floor: rounding(Math.floor),
  tointeger: tointegerFn,
  max: extreme(true),
  min: extreme(false),
  ...Object.fromEntries(Object.entries(FLOAT_FNS).map(([name, f]) => [name, floatFn(f)])),
};

export function openMath(L: LuaState): LuaTable {
  const t = newLib(L, MATH_FUNCS, 'math.');
  const g = new Xoshiro();
  const [n1, n2] = randomSeeds();
  g.seed(n1, n2);
  const rng = newLib(L, { random: makeRandom(g), randomseed: makeRandomseed(g) }, 'math.');
  t.setStr('random', rng.getStr('random'));
  t.setStr('randomseed', rng.getStr('randomseed'));
  t.setStr('pi', Math.PI);
  t.setStr('huge', Infinity);
  t.setStr('maxinteger', MAXINTEGER);
  t.setStr('mininteger', MININTEGER);
  return t;
}
