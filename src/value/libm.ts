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
  LN2_128C, LN2_2, LN2_3, LOG_C, LOG_TH, LOG_TL, COS_H, COS_L, PIO2_1, PIO2_2, PIO2_3, PIO2_4, SIN_H, SIN_L,
  TWO_OVER_PI, ATAN_H, ATAN_L, PI_H, PI_L, PIO2_H, PIO2_L,
} from './libm-tables.js';
import { arcSlow, expSlow, logSlow, powSlow, trigSlow } from './libm-big.js';

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
const EXP_PL = new Float64Array([9.25185853854297e-18, 0, 0, 0]);
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

// ---------------------------------------------------------------------------
// sin, cos, tan

// sin t = t (1 + u (-1/6 + u ps(u))), cos t = 1 + u (-1/2 + u (1/24 + u pc(u))), u = t^2
const SIN_PH = new Float64Array([-1 / 6, 1]);
const SIN_PL = new Float64Array([-9.25185853854297e-18, 0]);
const COS_PH = new Float64Array([1 / 24, -0.5, 1]);
const COS_PL = new Float64Array([2.3129646346357427e-18, 0, 0]);
const EB_TRIG = 2 ** -75;

/** sin r (fn 0) or cos r (fn 1) for the reduced r = rh + rl, |r| <= pi/4 + 2^-40, into O. */
function sinCosCore(rh: number, rl: number, fn: 0 | 1): void {
  const jn = Math.round(rh * 64);
  const t = rh - jn / 64; // exact (Sterbenz)
  // u = t^2 (t = t + rl), |t| <= 2^-7
  const p = t * t;
  const tt = SPLIT * t;
  const th = tt - (tt - t), tl = t - th;
  const ul0 = ((th * th - p) + 2 * th * tl) + tl * tl + 2 * t * rl;
  const uh = p + ul0, ul = ul0 - (uh - p);
  const j = jn < 0 ? -jn : jn;
  let sh = 0, sl = 0, ch = 1, cl = 0; // sin t, cos t
  const needSin = fn === 0 || j !== 0, needCos = fn === 1 || j !== 0;
  if (needSin) {
    const ps = 1 / 120 + uh * (-1 / 5040 + uh * (1 / 362880 - uh * (1 / 39916800)));
    hornerDD(uh, ul, ps, SIN_PH, SIN_PL, false);
    mulDD(O[0], O[1], t, rl);
    sh = O[0]; sl = O[1];
  }
  if (needCos) {
    const pc = -1 / 720 + uh * (1 / 40320 - uh * (1 / 3628800));
    hornerDD(uh, ul, pc, COS_PH, COS_PL, false);
    ch = O[0]; cl = O[1];
  }
  if (j === 0) {
    if (fn === 0) { O[0] = sh; O[1] = sl; } else { O[0] = ch; O[1] = cl; }
    return;
  }
  // a = jn/64: sin(a + t) = S cos t + C sin t, cos(a + t) = C cos t - S sin t
  const Sh = jn < 0 ? -SIN_H[j] : SIN_H[j], Sl = jn < 0 ? -SIN_L[j] : SIN_L[j];
  const Ch = COS_H[j], Cl = COS_L[j];
  if (fn === 0) {
    mulDD(Sh, Sl, ch, cl);
    const ah = O[0], al = O[1];
    mulDD(Ch, Cl, sh, sl);
    addDD(ah, al, O[0], O[1]);
  } else {
    mulDD(Ch, Cl, ch, cl);
    const ah = O[0], al = O[1];
    mulDD(Sh, Sl, sh, sl);
    addDD(ah, al, -O[0], -O[1]);
  }
}

/** Correctly rounded sin (0), cos (1) or tan (2). */
function crTrig(x: number, fn: 0 | 1 | 2): number {
  const ax = Math.abs(x);
  if (ax < 2 ** -27) return fn === 1 ? 1 : x; // |sin x - x|, |tan x - x|, |cos x - 1| < 1/4 ulp
  if (!(ax < 1048576)) return x !== x ? x : ax === Infinity ? NEG_NAN : trigSlow(x, fn);
  // r = x - k pi/2; x - k*PIO2_1 is exact, k*PIO2_i exact for k < 2^20
  const k = Math.round(x * TWO_OVER_PI);
  const a1 = x - k * PIO2_1;
  const b1 = -k * PIO2_2;
  const s1 = a1 + b1, v1 = s1 - a1;
  const e1 = (a1 - (s1 - v1)) + (b1 - v1);
  const b2 = -k * PIO2_3;
  const s2 = s1 + b2, v2 = s2 - s1;
  const e2 = (s1 - (s2 - v2)) + (b2 - v2);
  const lo = (e1 + e2) - k * PIO2_4;
  const rh = s2 + lo, rl = lo - (rh - s2);
  if (k !== 0 && Math.abs(rh) < 2 ** -40) return trigSlow(x, fn); // cancellation: too few bits left
  const q = k & 3;
  let h: number, l: number;
  if (fn === 2) {
    sinCosCore(rh, rl, 0);
    const sh = O[0], sl = O[1];
    sinCosCore(rh, rl, 1);
    const ch = O[0], cl = O[1];
    // tan = s / c, or -c / s in odd quadrants
    const nh = (q & 1) === 0 ? sh : -ch, nl = (q & 1) === 0 ? sl : -cl;
    const dh = (q & 1) === 0 ? ch : sh, dl = (q & 1) === 0 ? cl : sl;
    const q1 = nh / dh;
    mulDD(q1, 0, dh, dl);
    const q2 = ((nh - O[0]) - O[1] + nl) / dh;
    h = q1 + q2;
    l = q2 - (h - q1);
  } else {
    // sin x: sin r, cos r, -sin r, -cos r by quadrant; cos x: cos r, -sin r, -cos r, sin r
    const useCos = ((q + fn) & 1) === 1;
    sinCosCore(rh, rl, useCos ? 1 : 0);
    const neg = fn === 0 ? q >= 2 : q === 1 || q === 2;
    h = neg ? -O[0] : O[0];
    l = neg ? -O[1] : O[1];
  }
  if (safe(h, l, Math.abs(h) * EB_TRIG)) return h;
  return trigSlow(x, fn);
}

/** Correctly rounded sine (sin(+-inf) is glibc's -nan). */
export function crSin(x: number): number { return crTrig(x, 0); }
/** Correctly rounded cosine. */
export function crCos(x: number): number { return crTrig(x, 1); }
/** Correctly rounded tangent. */
export function crTan(x: number): number { return crTrig(x, 2); }

// ---------------------------------------------------------------------------
// atan2, asin, acos

// atan d = d (1 + u (-1/3 + u (1/5 + u (-1/7 + u q(u))))), u = d^2, |d| <= 2^-7
const ATAN_PH = new Float64Array([-1 / 7, 0.2, -1 / 3, 1]);
const ATAN_PL = new Float64Array([-7.93016446160826e-18, -1.1102230246251566e-17, -1.850371707708594e-17, 0]);

/** (nh + nl) / (dh + dl) -> O. */
function divDD(nh: number, nl: number, dh: number, dl: number): void {
  const q1 = nh / dh;
  mulDD(q1, 0, dh, dl);
  const q2 = ((nh - O[0]) - O[1] + nl) / dh;
  const h = q1 + q2;
  O[1] = q2 - (h - q1);
  O[0] = h;
}

/** atan(n / d) for positive double-doubles n, d (ratio within 2^+-900) -> O. */
function atanPos(nh: number, nl: number, dh: number, dl: number): void {
  const swap = nh > dh;
  if (swap) divDD(dh, dl, nh, nl); else divDD(nh, nl, dh, dl);
  const zh = O[0], zl = O[1];
  // atan z = atan c + atan((z - c) / (1 + z c)), c = j/64
  const j = Math.round(zh * 64);
  let h: number, l: number;
  if (j === 0) { h = zh; l = zl; } else {
    const c = j / 64;
    const numh = zh - c; // exact (Sterbenz)
    mulDD(zh, zl, c, 0);
    addDD(1, 0, O[0], O[1]);
    divDD(numh, zl, O[0], O[1]);
    h = O[0]; l = O[1];
  }
  // u = d^2
  const p = h * h;
  const t = SPLIT * h;
  const hh = t - (t - h), hl = h - hh;
  const ul0 = ((hh * hh - p) + 2 * hh * hl) + hl * hl + 2 * h * l;
  const uh = p + ul0, ul = ul0 - (uh - p);
  const q = 1 / 9 + uh * (-1 / 11 + uh * (1 / 13 + uh * (-1 / 15)));
  hornerDD(uh, ul, q, ATAN_PH, ATAN_PL, false);
  mulDD(O[0], O[1], h, l);
  if (j !== 0) addDD(ATAN_H[j], ATAN_L[j], O[0], O[1]);
  if (swap) addDD(PIO2_H, PIO2_L, -O[0], -O[1]);
}

const EB_ARC = 2 ** -75;

/** Correctly rounded atan2(y, x) with C99/glibc special cases (math.atan). */
export function crAtan2(y: number, x: number): number {
  if (y !== y || x !== x) return x !== x ? x : y;
  const ay = Math.abs(y), ax = Math.abs(x);
  if (ay === 0 || ax === Infinity) {
    // +-0 or +-(0 | pi) / (pi/4 | 3pi/4) when both are infinite
    if (ay === Infinity) return (x > 0 ? PIO2_H / 2 : 3 * (PIO2_H / 2)) * (y < 0 ? -1 : 1);
    const neg = y < 0 || Object.is(y, -0);
    const toPi = x < 0 || Object.is(x, -0);
    return toPi ? (neg ? -PI_H : PI_H) : neg ? -0 : 0;
  }
  if (ax === 0 || ay === Infinity) return y < 0 ? -PIO2_H : PIO2_H;
  if (x === 1 && ay < 2 ** -27) return y; // atan y = y (1 - y^2/3 ...): rounds to y
  // |y / x| outside 2^+-900: the dd arithmetic would underflow
  const ty = Math.log2(ay), tx = Math.log2(ax);
  if (ty - tx < -900 || ty - tx > 900 || ay < 2 ** -960 || ax < 2 ** -960) return arcSlow('atan2', y, x);
  atanPos(ay, 0, ax, 0);
  let h = O[0], l = O[1];
  if (x < 0) { addDD(PI_H, PI_L, -h, -l); h = O[0]; l = O[1]; }
  if (y < 0) { h = -h; l = -l; }
  if (safe(h, l, Math.abs(h) * EB_ARC)) return h;
  return arcSlow('atan2', y, x);
}

/** sqrt(1 - a^2) for 0 < a < 1 as a double-double -> O. */
function sqrt1m(a: number): void {
  // 1 - a^2 = (1 - a)(1 + a): 1 - a exact for a >= 1/2, otherwise as two-sum
  const s1 = 1 - a, v1 = s1 - 1, e1 = (1 - (s1 - v1)) + (-a - v1);
  const s2 = 1 + a, v2 = s2 - 1, e2 = (1 - (s2 - v2)) + (a - v2);
  mulDD(s1, e1, s2, e2);
  const wh = O[0], wl = O[1];
  const r = Math.sqrt(wh);
  // one Newton step: r + (w - r^2) / (2r)
  mulDD(r, 0, r, 0);
  const c = ((wh - O[0]) - O[1] + wl) / (2 * r);
  const h = r + c;
  O[1] = c - (h - r);
  O[0] = h;
}

/** Correctly rounded arcsine (|x| > 1: glibc's nan). */
export function crAsin(x: number): number {
  const a = Math.abs(x);
  if (!(a <= 1)) return x !== x ? x : NaN;
  if (a < 2 ** -27) return x; // asin x = x (1 + x^2/6 ...): rounds to x
  if (a === 1) return x > 0 ? PIO2_H : -PIO2_H;
  sqrt1m(a);
  atanPos(a, 0, O[0], O[1]);
  const h = x < 0 ? -O[0] : O[0], l = x < 0 ? -O[1] : O[1];
  if (safe(h, l, Math.abs(h) * EB_ARC)) return h;
  return arcSlow('asin', x);
}

/** Correctly rounded arccosine (|x| > 1: glibc's nan). */
export function crAcos(x: number): number {
  const a = Math.abs(x);
  if (!(a <= 1)) return x !== x ? x : NaN;
  if (a < 2 ** -55) return PIO2_H; // pi/2 - x rounds to the double nearest pi/2
  if (x === 1) return 0;
  if (x === -1) return PI_H;
  sqrt1m(a);
  atanPos(O[0], O[1], a, 0);
  let h = O[0], l = O[1];
  if (x < 0) { addDD(PI_H, PI_L, -h, -l); h = O[0]; l = O[1]; }
  if (safe(h, l, Math.abs(h) * EB_ARC)) return h;
  return arcSlow('acos', x);
}
