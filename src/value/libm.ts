/**
 * Correctly rounded (round to nearest, ties to even) exp, log, log2, log10
 * and pow for IEEE doubles. glibc's implementations (which the reference Lua
 * calls) are accurate to ~0.52 ULP, so their results are the correctly rounded
 * ones except in rare near-halfway cases; V8's fdlibm-derived Math functions
 * differ in the last bit for several percent of inputs.
 *
 * Ziv's strategy: a fast evaluation in double-double arithmetic with a
 * relative error far below 2^-80 (table-driven reductions, Taylor
 * polynomials, error-free transformations), then a test that the result is
 * safely away from a rounding boundary; in the rare other cases (and for
 * subnormal results) the BigInt code of `libm-big.ts` decides.
 *
 * Special cases follow C99 Annex F as glibc implements it on x86-64 (invalid
 * operations give the default NaN, which has its sign bit set; a NaN operand
 * is propagated).
 */

import {
  EXP_H, EXP_L, INV_LN10_H, INV_LN10_L, INV_LN2_128, INV_LN2_H, INV_LN2_L, LN2_1, LN2_128A, LN2_128B,
  LN2_128C, LN2_2, LN2_3, LOG_C, LOG_TH, LOG_TL,
} from './libm-tables.js';
import { expSlow, logSlow, powSlow } from './libm-big.js';

/** The x86-64 default NaN (sign bit set), glibc's result for invalid operations. */
const NEG_NAN: number = (() => {
  const f = new Float64Array(1);
  new Uint32Array(f.buffer)[1] = 0xfff80000;
  return f[0];
})();

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** x with its sign bit flipped, NaNs included (JS negation may not flip a NaN's sign). */
export function flipSign(x: number): number {
  F64[0] = x;
  U32[1] ^= 0x80000000;
  return F64[0];
}

// ---------------------------------------------------------------------------
// Double-double kernels. Results go to the scratch array O (hi, lo; and K for
// a power-of-two scale): module-level `let` doubles would be boxed on every write.

const O = new Float64Array(2);
let K = 0; // always a small integer
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

/** (ah + al) * (bh + bl) -> O (hi, lo), relative error ~2^-103. */
function mulDD(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  let t = SPLIT * ah;
  const ahh = t - (t - ah), ahl = ah - ahh;
  t = SPLIT * bh;
  const bhh = t - (t - bh), bhl = bh - bhh;
  const e = ((ahh * bhh - p) + ahh * bhl + ahl * bhh) + ahl * bhl;
  const l = e + (ah * bl + al * bh);
  const h = p + l;
  O[1] = l - (h - p);
  O[0] = h;
}

/** (ah + al) + (bh + bl) -> O (hi, lo). */
function addDD(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh, bb = s - ah;
  const e = (ah - (s - bb)) + (bh - bb);
  const l = e + al + bl;
  const h = s + l;
  O[1] = l - (h - s);
  O[0] = h;
}

/**
 * Horner steps acc = c_k + r * acc in double-double, from acc = (q, 0), then
 * one more product by r when `last` is set; the result goes to O.
 * r = rh + rl with |rl| <= ulp(rh); the split of rh is computed once.
 */
function hornerDD(rh: number, rl: number, q: number, CH: Float64Array, CL: Float64Array, last: boolean): void {
  const t0 = SPLIT * rh;
  const rhh = t0 - (t0 - rh), rhl = rh - rhh;
  let h = q, l = 0;
  for (let k = 0; k < CH.length; k++) {
    // p + e = rh * h exactly; ll = the other cross terms
    const p = rh * h;
    const t = SPLIT * h;
    const hh = t - (t - h), hl = h - hh;
    const e = ((rhh * hh - p) + rhh * hl + rhl * hh) + rhl * hl;
    const ll = e + (rh * l + rl * h);
    const c = CH[k];
    const s = c + p, bb = s - c;
    const e2 = ((c - (s - bb)) + (p - bb)) + (CL[k] + ll);
    h = s + e2;
    l = e2 - (h - s);
  }
  if (last) {
    const p = rh * h;
    const t = SPLIT * h;
    const hh = t - (t - h), hl = h - hh;
    const e = ((rhh * hh - p) + rhh * hl + rhl * hh) + rhl * hl;
    const ll = e + (rh * l + rl * h);
    h = p + ll;
    l = ll - (h - p);
  }
  O[0] = h;
  O[1] = l;
}

// log1p(r) = r * (1 + r * (-1/2 + r * (1/3 + r * (-1/4 + r * (1/5 + r * q(r)))))),
// q the Taylor tail -1/6 + r/7 - ... (in double); 1/3 and 1/5 as double-doubles
const LOG1P_H = new Float64Array([0.2, -0.25, 1 / 3, -0.5, 1]);
const LOG1P_L = new Float64Array([-1.1102230246251566e-17, 0, 1.850371707708594e-17, 0, 0]);
const C6 = -1 / 6, C7 = 1 / 7, C8 = -1 / 8, C9 = 1 / 9, C10 = -1 / 10, C11 = 1 / 11, C12 = -1 / 12,
  C13 = 1 / 13, C14 = -1 / 14;

/**
 * ln(x) = E * ln 2 + (O[0] + O[1]) for a positive normal x; E goes to K.
 * |O[0] + O[1]| is at most ~0.35; its absolute error is below 2^-100, and its
 * relative error is below 2^-95 (the table entries next to 1 are exact 0).
 */
function logCore(x: number): void {
  F64[0] = x;
  const hi = U32[1];
  const i = (hi >>> 12) & 0xff;
  let e = (hi >>> 20) - 1023;
  U32[1] = (hi & 0xfffff) | 0x3ff00000;
  const m = F64[0]; // [1, 2)
  if (i >= 106) e += 1;
  const c = LOG_C[i];
  // r = m * c - 1 exactly: c has 24 bits, the halves of m 26 and 27
  const t = SPLIT * m;
  const mh = t - (t - m), ml = m - mh;
  const a = mh * c - 1, b = ml * c;
  const s = a + b, bb = s - a;
  const rl = (a - (s - bb)) + (b - bb), rh = s;
  // log1p(r), |r| <= 2^-8: Taylor to degree 14 (remainder < 2^-105 |r|)
  const q = C6 + rh * (C7 + rh * (C8 + rh * (C9 + rh * (C10 + rh * (C11 + rh * (C12 + rh * (C13 + rh * C14)))))));
  hornerDD(rh, rl, q, LOG1P_H, LOG1P_L, true);
  // + T
  const th = LOG_TH[i], ph = O[0];
  const s2 = th + ph, b2 = s2 - th;
  const l2 = ((th - (s2 - b2)) + (ph - b2)) + (LOG_TL[i] + O[1]);
  const h2 = s2 + l2;
  O[1] = l2 - (h2 - s2);
  O[0] = h2;
  K = e;
}

/** ln(x) in O (x positive normal), absolute error < 2^-98 * max(1, |ln x|). */
function lnDD(x: number): void {
  logCore(x);
  const e = K;
  if (e === 0) return;
  const a = e * LN2_1, b = e * LN2_2; // exact
  const s = a + b, bb = s - a;
  const l = (a - (s - bb)) + (b - bb) + e * LN2_3;
  addDD(s, l, O[0], O[1]);
}

// exp(r) = 1 + r * (1 + r * (1/2 + r * (1/6 + r * q(r)))), q = 1/24 + r/120 + ... (double)
const EXP_PH = new Float64Array([1 / 6, 0.5, 1, 1]);
const EXP_PL = new Float64Array([9.251858538542971e-18, 0, 0, 0]);
const E4 = 1 / 24, E5 = 1 / 120, E6 = 1 / 720, E7 = 1 / 5040, E8 = 1 / 40320, E9 = 1 / 362880;

/**
 * exp(zh + zl) = 2^K * (O[0] + O[1]) for |zh| <= 750, |zl| <= ulp(zh), with
 * O[0] + O[1] in [0.99, 2) and relative error < 2^-95 + |error of z|.
 */
function expCore(zh: number, zl: number): void {
  const n = Math.round(zh * INV_LN2_128);
  // r = z - n ln2/128 (|r| <= 2^-8.5): zh - n*A is exact (Sterbenz), n*A and n*B too
  const t1 = zh - n * LN2_128A, t2 = -n * LN2_128B;
  const s = t1 + t2, bb = s - t1;
  const e = (t1 - (s - bb)) + (t2 - bb);
  const l0 = e + (zl - n * LN2_128C);
  const rh = s + l0, rl = l0 - (rh - s);
  const q = E4 + rh * (E5 + rh * (E6 + rh * (E7 + rh * (E8 + rh * E9))));
  hornerDD(rh, rl, q, EXP_PH, EXP_PL, false);
  const j = n & 127;
  mulDD(EXP_H[j], EXP_L[j], O[0], O[1]);
  K = (n - j) / 128;
}

/** Does every value within h + l ± eb round to h? */
function safe(h: number, l: number, eb: number): boolean {
  return h + (l + eb) === h && h + (l - eb) === h;
}

/** h * 2^k for a normal or overflowing result (h in [0.5, 2), -1022 < k <= 1025). */
function scale(h: number, k: number): number {
  if (k > 1000) { h *= 2 ** 100; k -= 100; }
  U32[0] = 0;
  U32[1] = (k + 1023) << 20;
  return h * F64[0];
}

const TWO54 = 2 ** 54;
const EB_EXP = 2 ** -80, EB_LOG = 2 ** -80, EB_POW = 2 ** -72;

// ---------------------------------------------------------------------------
// Public functions

/** Correctly rounded e^x. */
export function crExp(x: number): number {
  if (!(x > -745.2)) return x !== x ? x : 0; // NaN propagates; -inf and deep underflow: +0
  if (x > 709.79) return Infinity;
  expCore(x, 0);
  if (K > -1022 && safe(O[0], O[1], O[0] * EB_EXP)) return scale(O[0], K);
  return expSlow(x);
}

/** ln x for x <= 0 or NaN/inf, or undefined for positive finite x. */
function logSpecial(x: number, negResult: number): number | undefined {
  if (x > 0 && x < Infinity) return undefined;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  if (x !== x) return x;
  return negResult;
}

/** Correctly rounded natural logarithm. log(x < 0) is glibc's -nan. */
export function crLog(x: number): number {
  const sp = logSpecial(x, NEG_NAN);
  if (sp !== undefined) return sp;
  if (x === 1) return 0;
  let x1 = x, adj = 0;
  if (x < 2.2250738585072014e-308) { x1 = x * TWO54; adj = -54; }
  lnDD(x1);
  let h = O[0], l = O[1];
  if (adj !== 0) {
    const a = adj * LN2_1, b = adj * LN2_2;
    addDD(h, l, a, b + adj * LN2_3);
    h = O[0]; l = O[1];
  }
  if (safe(h, l, Math.abs(h) * EB_LOG)) return h;
  return logSlow(x, 0);
}

/** Correctly rounded base-2 logarithm. */
export function crLog2(x: number): number {
  const sp = logSpecial(x, NEG_NAN);
  if (sp !== undefined) return sp;
  let x1 = x, adj = 0;
  if (x < 2.2250738585072014e-308) { x1 = x * TWO54; adj = -54; }
  logCore(x1);
  const e = K + adj;
  if (O[0] === 0) return e;
  mulDD(O[0], O[1], INV_LN2_H, INV_LN2_L);
  if (e !== 0) addDD(e, 0, O[0], O[1]);
  if (safe(O[0], O[1], Math.abs(O[0]) * EB_LOG)) return O[0];
  return logSlow(x, 2);
}

/** Correctly rounded base-10 logarithm. log10(x < 0) is glibc's (positive) nan. */
export function crLog10(x: number): number {
  const sp = logSpecial(x, NaN);
  if (sp !== undefined) return sp;
  if (x === 1) return 0;
  let x1 = x, adj = 0;
  if (x < 2.2250738585072014e-308) { x1 = x * TWO54; adj = -54; }
  lnDD(x1);
  if (adj !== 0) {
    const h = O[0], l = O[1];
    addDD(h, l, adj * LN2_1, adj * LN2_2 + adj * LN2_3);
  }
  mulDD(O[0], O[1], INV_LN10_H, INV_LN10_L);
  if (safe(O[0], O[1], Math.abs(O[0]) * EB_LOG)) return O[0];
  return logSlow(x, 10);
}

/**
 * log10 as the reference computes it. glibc's log10 is NOT correctly rounded
 * (an older algorithm, up to ~1-2 ulp): on random inputs it differs from
 * crLog10 for ~12% of arguments but from V8's Math.log10 for ~1%, so the
 * latter is the better match. NaNs as glibc: propagated, positive for x < 0.
 */
export function glibcLog10(x: number): number {
  const r = Math.log10(x);
  return r === r ? r : x !== x ? x : NaN;
}

/**
 * Correctly rounded pow(x, y) for finite x !== 0 and finite y !== 0 with
 * x > 0 or y integral (the caller handles the special cases). The sign of a
 * negative x with an odd y is applied here.
 */
export function crPowFinite(x: number, y: number): number {
  let neg = false;
  if (x < 0) {
    x = -x;
    neg = y % 2 !== 0; // y is integral here
  }
  let r: number;
  if (x === 1) {
    r = 1;
  } else if (Math.abs(y) > 2 ** 64) {
    // |y ln x| >= 2^64 * 2^-53.5 when x !== 1: overflow or underflow
    r = (x > 1) === (y > 0) ? Infinity : 0;
  } else {
    let xs = x, adj = 0;
    if (x < 2.2250738585072014e-308) { xs = x * TWO54; adj = -54; }
    lnDD(xs);
    if (adj !== 0) {
      const h = O[0], l = O[1];
      addDD(h, l, adj * LN2_1, adj * LN2_2 + adj * LN2_3);
    }
    mulDD(y, 0, O[0], O[1]);
    const zh = O[0], zl = O[1];
    if (zh > 709.79) r = Infinity;
    else if (zh < -745.2) r = 0;
    else {
      expCore(zh, zl);
      if (K > -1022 && safe(O[0], O[1], O[0] * EB_POW)) r = scale(O[0], K);
      else r = powSlow(x, y);
    }
  }
  return neg ? -r : r;
}
