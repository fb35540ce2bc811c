/**
 * Slow, exact-enough reference implementations of exp, log, log2, log10,
 * pow, sin, cos, tan, atan2, asin and acos on BigInt fixed-point numbers. They are the fallback of the fast
 * double-double paths in `libm.ts` (Ziv's strategy: when the fast result is
 * too close to a rounding boundary, recompute with more bits), the source of
 * its split constants in `libm-tables.ts` (see tools/gen-libm-tables.ts), and
 * the builders of its tables (at the end).
 *
 * A fixed-point number with P fractional bits is a bigint V standing for
 * V / 2^P. Every routine works with guard bits and reports an error bound;
 * the final rounding (`roundInterval`) succeeds only when both ends of the
 * error interval round to the same double, otherwise the caller doubles P.
 */

const GUARD = 40;

// ---------------------------------------------------------------------------
// Doubles as exact dyadic rationals

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Finite positive x = m * 2^e exactly, m an odd integer (x !== 0). */
export function dyadic(x: number): [bigint, number] {
  F64[0] = x;
  const hi = U32[1], lo = U32[0];
  const ebits = (hi >>> 20) & 0x7ff;
  let m = BigInt((hi & 0xfffff) * 2 ** 32 + lo);
  let e: number;
  if (ebits === 0) e = -1074;
  else { m += 1n << 52n; e = ebits - 1075; }
  while ((m & 0xffffffffn) === 0n) { m >>= 32n; e += 32; }
  while ((m & 1n) === 0n) { m >>= 1n; e += 1; }
  return [m, e];
}

export function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  return v === 0n ? 0 : v.toString(16).length * 4 - (Math.clz32(parseInt(v.toString(16)[0], 16)) - 28);
}

/** Round-to-nearest-even of mant * 2^exp (mant >= 0), subnormals and overflow included. */
export function roundDyadic(mant: bigint, exp: number): number {
  if (mant <= 0n) return 0;
  const len = bitLength(mant);
  const top = len + exp - 1;
  if (top > 1023) return Infinity;
  const keep = Math.min(53, top + 1075);
  if (keep <= 0) {
    // below half the smallest subnormal: 0; exactly half: ties to even (0)
    if (keep < 0) return 0;
    return mant === 1n << BigInt(len - 1) ? 0 : 2 ** -1074;
  }
  const drop = len - keep;
  let r = mant;
  if (drop > 0) {
    const d = BigInt(drop);
    r = mant >> d;
    const rem = mant - (r << d), half = 1n << (d - 1n);
    if (rem > half || (rem === half && (r & 1n) === 1n)) r += 1n;
  } else if (drop < 0) {
    r = mant << BigInt(-drop);
  }
  const e = exp + drop;
  const h = Math.trunc(e / 2);
  return Number(r) * 2 ** h * 2 ** (e - h);
}

/**
 * The double nearest to V * 2^(exp) when every value of [V - err, V + err]
 * rounds to it, otherwise undefined (not enough precision yet).
 */
function roundInterval(v: bigint, err: bigint, exp: number, neg: boolean): number | undefined {
  const a = roundDyadic(v - err, exp), b = roundDyadic(v + err, exp);
  if (a !== b) return undefined;
  return neg ? -a : a;
}

// ---------------------------------------------------------------------------
// Fixed-point elementary functions (P fractional bits, errors in units 2^-P)

const ln2Cache = new Map<number, bigint>();
const ln10Cache = new Map<number, bigint>();

/** atanh(n/d) * 2^P for |n/d| <= 1/3, error < 4 + terms. */
function atanhFix(n: bigint, d: bigint, P: number): bigint {
  if (n < 0n) return -atanhFix(-n, d, P);
  const one = 1n << BigInt(P);
  const z = (n * one) / d;
  const z2 = (z * z) >> BigInt(P);
  let term = z, sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) >> BigInt(P);
  }
  return sum;
}

/** ln 2 * 2^P, |error| <= 1. */
export function ln2Fix(P: number): bigint {
  let v = ln2Cache.get(P);
  if (v === undefined) {
    // ln 2 = 2 atanh(1/3)
    v = (2n * atanhFix(1n, 3n, P + GUARD)) >> BigInt(GUARD);
    ln2Cache.set(P, v);
  }
  return v;
}

/** ln 10 * 2^P, |error| <= 1. */
export function ln10Fix(P: number): bigint {
  let v = ln10Cache.get(P);
  if (v === undefined) {
    // ln 10 = 3 ln 2 + ln(5/4) = 3 ln 2 + 2 atanh(1/9)
    const Q = P + GUARD;
    v = (3n * ln2Fix(Q) + 2n * atanhFix(1n, 9n, Q)) >> BigInt(GUARD);
    ln10Cache.set(P, v);
  }
  return v;
}

/** ln(x) * 2^P for a finite x > 0, |error| <= 2. */
export function logFix(x: number, P: number): bigint {
  const Q = P + GUARD;
  const [m0, e0] = dyadic(x);
  // x = m * 2^e with m in [1/sqrt2, sqrt2): m = m0 * 2^(e0 - e)
  const len = bitLength(m0);
  let e = e0 + len - 1; // m0 * 2^(e0) = (m0 / 2^(len-1)) * 2^e, ratio in [1, 2)
  const num = m0;
  let den = 1n << BigInt(len - 1);
  if (num * num * 2n > den * den * 4n) { den <<= 1n; e += 1; } // m > sqrt2: halve
  // ln m = 2 atanh((m - 1) / (m + 1))
  const t = 2n * atanhFix(num - den, num + den, Q);
  return (t + BigInt(e) * ln2Fix(Q)) >> BigInt(GUARD);
}

/**
 * exp(Z / 2^P) as [M, k]: exp = M * 2^(k - P), |error of M| <= 4.
 * |Z / 2^P| must be moderate (a few thousand at most).
 */
export function expFix(Z: bigint, P: number): [bigint, number] {
  const S = 12; // halvings before the Taylor series
  const Q = P + GUARD + S;
  const z = Z << BigInt(Q - P);
  const l2 = ln2Fix(Q);
  // k = round(z / ln2)
  let k = z / l2;
  let r = z - k * l2;
  if (2n * r > l2) { k += 1n; r -= l2; } else if (2n * r < -l2) { k -= 1n; r += l2; }
  const one = 1n << BigInt(Q);
  const rs = r >> BigInt(S); // |rs| <= 2^-13, error 1
  let term = one, sum = one;
  for (let n = 1n; term !== 0n; n += 1n) {
    term = ((term * rs) >> BigInt(Q)) / n;
    sum += term;
  }
  for (let i = 0; i < S; i++) sum = (sum * sum) >> BigInt(Q);
  return [sum >> BigInt(Q - P), Number(k)];
}

// ---------------------------------------------------------------------------
// Correctly rounded functions (slow)

const START_P = 128, MAX_P = 1 << 14;

/** Correctly rounded exp(x) for finite x. */
export function expSlow(x: number): number {
  if (x > 710) return Infinity;
  if (x < -746) return 0;
  if (x === 0) return 1;
  const [m, e] = dyadic(Math.abs(x));
  for (let P = START_P; ; P *= 2) {
    let Z = e >= -P ? m << BigInt(P + e) : 0n; // x is exact at P >= -e
    if (e < -P) {
      // |x| < 2^-P: exp(x) = 1 + x + ..., 1 + x is enough when P is large
      Z = (m << BigInt(P + 64)) >> BigInt(-e + 64);
    }
    if (x < 0) Z = -Z;
    const [M, k] = expFix(Z, P);
    const r = roundInterval(M, e < -P ? 16n : 8n, k - P, false);
    if (r !== undefined || P >= MAX_P) return r ?? roundDyadic(M, k - P);
  }
}

/** Correctly rounded log of a finite x > 0 in base e (0), 2 or 10. */
export function logSlow(x: number, base: 0 | 2 | 10): number {
  if (x === 1) return 0;
  const [m, e] = dyadic(x);
  if (base === 2 && m === 1n) return e;
  for (let P = START_P; ; P *= 2) {
    // the result can be as small as ~2^-53: use P + 64 bits, error <= 2 units
    const W = P + 64;
    let L = logFix(x, W), err = 4n;
    if (base !== 0) {
      const div = base === 2 ? ln2Fix(W) : ln10Fix(W);
      L = (L << BigInt(W)) / div;
      err = 8n;
    }
    const neg = L < 0n;
    const r = roundInterval(neg ? -L : L, err, -W, neg);
    if (r !== undefined || P >= MAX_P) return r ?? (neg ? -roundDyadic(-L, -W) : roundDyadic(L, -W));
  }
}

/**
 * x^y exactly when it is a dyadic rational (x = o * 2^e, y = n / 2^s: the
 * root o^(1/2^s) is an integer and 2^s divides e), correctly rounded;
 * undefined otherwise. x > 0 finite, y finite non-zero. Only a dyadic result
 * can be exactly halfway between two doubles, where Ziv's loop never ends.
 */
export function powDyadic(x: number, y: number): number | undefined {
  const [o, e] = dyadic(x);
  const [yn, ye] = dyadic(Math.abs(y)); // |y| = yn * 2^ye, yn odd
  if (ye >= 0) {
    // integral y: exact only for tiny powers (otherwise too many bits to be a
    // midpoint, and Ziv's loop terminates)
    const n = yn << BigInt(ye);
    if (y < 0 && o !== 1n) return undefined;
    if (n > 64n && o !== 1n) return undefined;
    const ex = BigInt(e) * n * (y < 0 ? -1n : 1n);
    if (ex > 4096n || ex < -4096n) return ex > 0n ? Infinity : 0;
    return roundDyadic(y < 0 ? 1n : o ** n, Number(ex));
  }
  const s = -ye;
  if (s > 60 || e % 2 ** s !== 0) return undefined;
  // integer 2^s-th root of o
  let root: bigint;
  if (o === 1n) root = 1n;
  else {
    if (s > 6) return undefined; // o < 2^53 has no integer 2^s-th root > 1
    root = BigInt(Math.round(Number(o) ** (2 ** -s)));
    if (root ** (1n << BigInt(s)) !== o) return undefined;
  }
  if (y < 0 && root !== 1n) return undefined;
  if (yn > 4096n && root !== 1n) return undefined; // far too many bits: not a midpoint, not representable
  const ex = BigInt(e / 2 ** s) * yn * (y < 0 ? -1n : 1n);
  if (ex > 4096n || ex < -4096n) return ex > 0n ? Infinity : 0;
  return roundDyadic(root ** yn, Number(ex));
}

/** Correctly rounded |x|^y for finite x !== 0 and finite y !== 0 (sign handled by caller). */
export function powSlow(x: number, y: number): number {
  x = Math.abs(x);
  const d = powDyadic(x, y);
  if (d !== undefined) return d;
  const [ym, ye] = dyadic(Math.abs(y));
  const ybits = Math.max(0, bitLength(ym) + ye);
  for (let P = START_P; ; P *= 2) {
    // z = y ln x with absolute error ~2^-P: ln x needs P + log2|y| bits
    const W = P + ybits + 8;
    const L = logFix(x, W);
    let Z = L * ym; // error 2 * ym units of 2^-W
    Z = ye >= 0 ? Z << BigInt(ye) : Z >> BigInt(-ye);
    if (y < 0) Z = -Z;
    const Zp = Z >> BigInt(W - P); // error <= 1 unit of 2^-P
    // overflow/underflow far away: the result is decided
    const lim = 800n << BigInt(P);
    if (Zp > lim) return Infinity;
    if (Zp < -lim) return 0;
    const [M, k] = expFix(Zp, P);
    // exp(z ± 2^-P) = exp(z)(1 ± 2^-P·1.01); M < 2^(P+1)
    const r = roundInterval(M, 8n, k - P, false);
    if (r !== undefined || P >= MAX_P) return r ?? roundDyadic(M, k - P);
  }
}

// ---------------------------------------------------------------------------
// Trigonometric functions

const piCache = new Map<number, bigint>();

/** atan(p/q) * 2^P for integers 0 < p < q, error <= terms (few when p/q is small). */
function atanFracFix(p: bigint, q: bigint, P: number): bigint {
  const p2 = p * p, q2 = q * q;
  let term = (p << BigInt(P)) / q, sum = 0n;
  for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
    sum += (sign * term) / k;
    term = (term * p2) / q2;
  }
  return sum;
}

/** pi * 2^P, |error| <= 1 (Machin's formula). */
export function piFix(P: number): bigint {
  let v = piCache.get(P);
  if (v === undefined) {
    const Q = P + GUARD;
    v = (16n * atanFracFix(1n, 5n, Q) - 4n * atanFracFix(1n, 239n, Q)) >> BigInt(GUARD);
    piCache.set(P, v);
  }
  return v;
}

/** [sin r, cos r] * 2^P for |r / 2^P| <= 1, error <= terms. */
export function sinCosFix(r: bigint, P: number): [bigint, bigint] {
  const one = 1n << BigInt(P), sh = BigInt(P);
  const r2 = (r * r) >> sh;
  let s = 0n, c = 0n, term = one; // term = r^n / n!
  for (let n = 0n; term !== 0n; n += 2n) {
    const sign = (n / 2n) % 2n === 0n ? 1n : -1n;
    c += sign * term;
    const t1 = ((term * r) >> sh) / (n + 1n);
    s += sign * t1;
    term = ((term * r2) >> sh) / ((n + 1n) * (n + 2n));
  }
  return [s, c];
}

/** Correctly rounded sin (0), cos (1) or tan (2) of a finite x. */
export function trigSlow(x: number, fn: 0 | 1 | 2): number {
  if (x === 0) return fn === 1 ? 1 : x;
  const [m, e] = dyadic(Math.abs(x));
  const top = bitLength(m) + e; // |x| < 2^top
  for (let P = START_P; ; P *= 2) {
    const W = P + 64 + Math.max(0, -top); // relative precision P + 64 even for tiny x
    // reduce at Wp bits: the error of k * pi/2 stays below 2^-64 units of 2^-W
    const Wp = W + Math.max(0, top) + 64;
    const X = m << BigInt(Wp + e);
    const halfPi = piFix(Wp + 1) >> 2n;
    let k = X / halfPi;
    let rp = X - k * halfPi;
    if (2n * rp > halfPi) { k += 1n; rp -= halfPi; }
    const r = rp >> BigInt(Wp - W);
    const [s, c] = sinCosFix(r, W);
    const q = Number(k % 4n);
    let v: bigint;
    if (fn === 0) v = q === 0 ? s : q === 1 ? c : q === 2 ? -s : -c;
    else if (fn === 1) v = q === 0 ? c : q === 1 ? -s : q === 2 ? -c : s;
    else v = q % 2 === 0 ? (s << BigInt(W)) / c : -((c << BigInt(W)) / s);
    if (x < 0 && fn !== 1) v = -v;
    const neg = v < 0n;
    const a = neg ? -v : v;
    // relative error below 2^-(W - 70) (|r| >= 2^-64 for doubles), plus a few units
    const err = (a >> BigInt(W - 70)) + 64n;
    const res = roundInterval(a, err, -W, neg);
    if (res !== undefined || P >= MAX_P) return res ?? (neg ? -roundDyadic(a, -W) : roundDyadic(a, -W));
  }
}

/** floor(sqrt(n)) for n >= 0. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1); // >= sqrt(n)
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** atan(z / 2^P) * 2^P for 0 <= z <= 2^P, error <= ~8 units + terms / 2^20. */
export function atanFix(z: bigint, P: number): bigint {
  const G = 20, Q = P + G;
  const one = 1n << BigInt(Q);
  let t = z << BigInt(G);
  // four halvings: atan t = 2 atan(t / (1 + sqrt(1 + t^2)))
  for (let i = 0; i < 4; i++) t = (t << BigInt(Q)) / (one + isqrt(one * one + t * t));
  const t2 = (t * t) >> BigInt(Q);
  let term = t, sum = 0n;
  for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
    sum += (sign * term) / k;
    term = (term * t2) >> BigInt(Q);
  }
  return (sum << 4n) >> BigInt(G);
}

/** atan(A / B) * 2^W for fixed-point A, B > 0 (same scale). */
function atanRatioFix(A: bigint, B: bigint, W: number): bigint {
  if (A <= B) return atanFix((A << BigInt(W)) / B, W);
  return (piFix(W + 1) >> 2n) - atanFix((B << BigInt(W)) / A, W);
}

/** ceil(log2 |x|)-ish exponent: |x| < 2^top. */
function topOf(x: number): number {
  const [m, e] = dyadic(Math.abs(x));
  return bitLength(m) + e;
}

/** Correctly rounded atan2(y, x) (finite, non-zero), asin (x, 1 argument) or acos (x). */
export function arcSlow(fn: 'atan2' | 'asin' | 'acos', y: number, x = 1): number {
  for (let P = START_P; ; P *= 2) {
    let v: bigint, W: number;
    if (fn === 'atan2') {
      const [my, ey] = dyadic(Math.abs(y)), [mx, ex] = dyadic(Math.abs(x));
      W = P + 64 + Math.max(0, topOf(x) - topOf(y)); // atan(|y/x|) may be tiny
      // A / B = |y| / |x| with both as integers
      const emin = Math.min(ey, ex);
      const A = my << BigInt(ey - emin), B = mx << BigInt(ex - emin);
      v = atanRatioFix(A, B, W);
      if (x < 0) v = (piFix(W + 1) >> 1n) - v;
      if (y < 0) v = -v;
    } else {
      // s = sqrt(1 - x^2); asin = atan(|x| / s), acos = atan(s / |x|) (or pi - that)
      const [m, e] = dyadic(Math.abs(y)); // |x| = m 2^e, e < 0 here
      W = P + 64 + Math.max(0, -topOf(y));
      const d = BigInt(-2 * e);
      const S = isqrt(((1n << d) - m * m) << BigInt(2 * W) >> d); // s * 2^W
      const X = -e <= W ? m << BigInt(W + e) : m >> BigInt(-e - W); // |x| * 2^W
      if (fn === 'asin') {
        v = atanRatioFix(X, S, W);
        if (y < 0) v = -v;
      } else {
        v = atanRatioFix(S, X, W);
        if (y < 0) v = (piFix(W + 1) >> 1n) - v;
      }
    }
    const neg = v < 0n;
    const a = neg ? -v : v;
    const err = (a >> BigInt(W - 70)) + 64n;
    const res = roundInterval(a, err, -W, neg);
    if (res !== undefined || P >= MAX_P) return res ?? (neg ? -roundDyadic(a, -W) : roundDyadic(a, -W));
  }
}

// ---------------------------------------------------------------------------
// The tables of libm.ts, computed on first use rather than shipped as ~2,100
// literals (40 KB of the browser bundle). A use of an entry fills its block
// of 16 entries: the first entry directly, the others along a recurrence
// (a short series each). A block takes 0.05 ms, 0.3 ms for the first one
// while the code is cold; the whole of log's table, 32 blocks, about 2 ms.
//
// In fixed point with TW fractional bits, the error that builds up in a block
// stays below 2^9 units (2^-151), while no exact entry lies closer than
// 2^-120.8 to a rounding boundary of its hi or lo part (measured on 240-bit
// values): every rounded pair is the one of the direct computation at 240
// bits that tools/gen-libm-tables.ts used to emit as literals, as
// test/value/libm-tables.test.ts checks entry by entry (but for log's
// T[511], exactly 0 here and a residue of ~2^-240 there).

const TW = 160;
const TWB = BigInt(TW);
const BLOCK = 16;

/**
 * V * 2^-TW rounded to hi + lo into H[i], L[i]. Number() of a BigInt rounds
 * to nearest, ties to even (ECMAScript's ToNumber), and the scalings by
 * powers of two are exact at these magnitudes.
 */
function putDD(V: bigint, H: Float64Array, L: Float64Array, i: number): void {
  const h = Number(V) * 2 ** -TW;
  H[i] = h;
  L[i] = Number(V - BigInt(h * 2 ** TW)) * 2 ** -TW;
}

/**
 * Fills the block of log's tables that holds entry i. C[i]: the reciprocal of
 * the midpoint of [1 + i/512, 1 + (i+1)/512) with 24 significant bits (but 1
 * at i = 0 and 1/2 at i = 511, so that r = m C - 1 is exact and tiny around
 * 1); T[i] = -ln C[i] as TH[i] + TL[i], less ln 2 for i >= 212 (mantissas
 * >= sqrt 2 use the exponent e + 1).
 */
export function logTablesAt(i: number, C: Float64Array, TH: Float64Array, TL: Float64Array): void {
  const first = i - (i % BLOCK);
  // 2 atanh z = 2 (z + z^3/3 + z^5/5 + ...) in Horner form on z^2 for the
  // steps between neighbours, |z| < 2^-9.4: 9 terms leave out less than 2^-179
  const K: bigint[] = [];
  for (let k = 0; k < 9; k++) K.push((2n << TWB) / BigInt(2 * k + 1));
  let T = 0n;
  for (let j = first; j < first + BLOCK; j++) {
    const c = j === 0 ? 1 : j === 511 ? 0.5 : Math.round(2 ** 24 / (1 + (j + 0.5) / 512)) / 2 ** 24;
    C[j] = c;
    if (j === first || j === 212 || j === 511) {
      // directly: -ln c' = 2 atanh((1 - c') / (1 + c')), c' = c or 2c in
      // [1/sqrt2, sqrt2) (exactly 0 at 511, where 2c = 1)
      const c2 = j < 212 ? c * 2 ** 24 : c * 2 ** 25;
      T = 2n * atanhFix(BigInt(2 ** 24 - c2), BigInt(2 ** 24 + c2), TW);
    } else {
      // T += ln(b / c) = 2 atanh((b - c) / (b + c)), b the previous entry;
      // b - c and b + c are exact, and integers once scaled by 2^24
      const n = BigInt((C[j - 1] - c) * 2 ** 24), d = BigInt((C[j - 1] + c) * 2 ** 24);
      const n2 = n * n, d2 = d * d;
      let acc = K[K.length - 1];
      for (let k = K.length - 2; k >= 0; k--) acc = K[k] + (acc * n2) / d2;
      T += (acc * n) / d;
    }
    putDD(T, TH, TL, j);
  }
}

/** Fills the block of exp's table that holds entry j: 2^(j/128) as H[j] + L[j]. */
export function expTableAt(j: number, H: Float64Array, L: Float64Array): void {
  const first = j - (j % BLOCK);
  // roots[k] = 2^(2^-(k+1)): 2^(1/2), 2^(1/4), ..., 2^(1/128) by square roots
  const roots: bigint[] = [];
  let r = 2n << TWB;
  for (let k = 0; k < 7; k++) {
    r = isqrt(r << TWB);
    roots.push(r);
  }
  // 2^(first/128) = 2^(b/8) for b = first / 16 < 8: the product of 2^(1/2),
  // 2^(1/4) and 2^(1/8) by the bits of b
  let E = 1n << TWB;
  for (let k = 0; k < 3; k++) if (((first / BLOCK) >> (2 - k)) & 1) E = (E * roots[k]) >> TWB;
  for (let i = first; i < first + BLOCK; i++) {
    putDD(E, H, L, i);
    E = (E * roots[6]) >> TWB;
  }
}

/** Fills the block of sin's and cos's tables that holds entry j: sin(j/64) and cos(j/64) as hi + lo (j <= 50). */
export function sinCosTablesAt(j: number, SH: Float64Array, SL: Float64Array, CH: Float64Array, CL: Float64Array): void {
  const first = j - (j % BLOCK);
  let [s, c] = sinCosFix(BigInt(first) << BigInt(TW - 6), TW);
  const [s1, c1] = sinCosFix(1n << BigInt(TW - 6), TW);
  for (let i = first; i < first + BLOCK && i <= 50; i++) {
    putDD(s, SH, SL, i);
    putDD(c, CH, CL, i);
    // turn by 1/64
    const t = (s * c1 + c * s1) >> TWB;
    c = (c * c1 - s * s1) >> TWB;
    s = t;
  }
}

/**
 * Fills the block of atan's table that holds entry j: atan(j/64) as H[j] + L[j]
 * (j <= 64). From one entry to the next, atan(i/64) - atan((i-1)/64) =
 * atan(64 / (4096 + i (i-1))), a short series.
 */
export function atanTableAt(j: number, H: Float64Array, L: Float64Array): void {
  const first = j - (j % BLOCK);
  let A = atanFix(BigInt(first) << BigInt(TW - 6), TW);
  for (let i = first; i < first + BLOCK && i <= 64; i++) {
    if (i > first) A += atanFracFix(64n, BigInt(4096 + i * (i - 1)), TW);
    putDD(A, H, L, i);
  }
}
