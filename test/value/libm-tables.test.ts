// The tables of libm.ts, built on first use by libm-big.ts a block at a time
// (along recurrences, at 160 bits), against the direct computation at 240
// bits that tools/gen-libm-tables.ts used to emit as literals: every entry,
// bit for bit.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  atanFix, atanTableAt, dyadic, expFix, expTableAt, ln2Fix, logFix, logTablesAt, roundDyadic, sinCosFix,
  sinCosTablesAt,
} from '../../src/value/libm-big.js';

const P = 240;

/** Nearest double to V * 2^-P (signed). */
function rnd(V: bigint): number {
  return V < 0n ? -roundDyadic(-V, -P) : roundDyadic(V, -P);
}
/** d * 2^P as a bigint (d a double that is a multiple of 2^-P). */
function fix(d: number): bigint {
  if (d === 0) return 0n;
  const [m, e] = dyadic(Math.abs(d));
  const v = e + P >= 0 ? m << BigInt(e + P) : m >> BigInt(-(e + P));
  return d < 0 ? -v : v;
}
/** V * 2^-P as hi + lo. */
function dd(V: bigint): [number, number] {
  const hi = rnd(V);
  return [hi, rnd(V - fix(hi))];
}

const ln2 = ln2Fix(P);

/** The direct computation: each entry on its own, at 240 bits. */
function reference(): Record<string, number[]> {
  const r: Record<string, number[]> = {
    LOG_C: [], LOG_TH: [], LOG_TL: [], EXP_H: [], EXP_L: [],
    SIN_H: [], SIN_L: [], COS_H: [], COS_L: [], ATAN_H: [], ATAN_L: [],
  };
  for (let i = 0; i < 512; i++) {
    let c: number;
    if (i === 0) c = 1;
    else if (i === 511) c = 0.5;
    else c = Math.round(2 ** 24 / (1 + (i + 0.5) / 512)) / 2 ** 24;
    let t = -logFix(c, P);
    if (i >= 212) t -= ln2;
    const [h, l] = dd(t);
    r.LOG_C.push(c); r.LOG_TH.push(h); r.LOG_TL.push(l);
  }
  for (let j = 0; j < 128; j++) {
    const [M, k] = expFix((BigInt(j) * ln2) / 128n, P);
    const [h, l] = dd(k >= 0 ? M << BigInt(k) : M >> BigInt(-k));
    r.EXP_H.push(h); r.EXP_L.push(l);
  }
  for (let j = 0; j <= 50; j++) {
    const [sv, cv] = sinCosFix(BigInt(j) << BigInt(P - 6), P);
    const [sh, sl] = dd(sv), [ch, cl] = dd(cv);
    r.SIN_H.push(sh); r.SIN_L.push(sl); r.COS_H.push(ch); r.COS_L.push(cl);
  }
  for (let j = 0; j <= 64; j++) {
    const [h, l] = dd(atanFix(BigInt(j) << BigInt(P - 6), P));
    r.ATAN_H.push(h); r.ATAN_L.push(l);
  }
  return r;
}

/** The tables as libm.ts gets them. */
function built(): Record<string, Float64Array> {
  const f = (n: number): Float64Array => new Float64Array(n);
  const t = {
    LOG_C: f(512), LOG_TH: f(512), LOG_TL: f(512), EXP_H: f(128), EXP_L: f(128),
    SIN_H: f(51), SIN_L: f(51), COS_H: f(51), COS_L: f(51), ATAN_H: f(65), ATAN_L: f(65),
  };
  // as libm.ts asks, in a scrambled order: an entry still 0 has its block filled
  // (sin's and atan's entry 0 is not used: it is 0, and filled with entry 1)
  const ask = (n: number, from: number, mark: Float64Array, fill: (j: number) => void): void => {
    for (let k = 0; k < n; k++) {
      const j = (k * 37) % n;
      if (j < from) continue;
      if (mark[j] === 0) fill(j);
      assert.notEqual(mark[j], 0, `entry ${j} filled`);
    }
  };
  ask(512, 0, t.LOG_C, (j) => logTablesAt(j, t.LOG_C, t.LOG_TH, t.LOG_TL));
  ask(128, 0, t.EXP_H, (j) => expTableAt(j, t.EXP_H, t.EXP_L));
  ask(51, 1, t.COS_H, (j) => sinCosTablesAt(j, t.SIN_H, t.SIN_L, t.COS_H, t.COS_L));
  ask(65, 1, t.ATAN_H, (j) => atanTableAt(j, t.ATAN_H, t.ATAN_L));
  return t;
}

test('the tables built on first use are the directly computed ones, bit for bit', () => {
  const want = reference(), got = built();
  // One deliberate difference: at i = 511, C = 1/2 and T = -ln(1/2) - ln 2 is
  // exactly 0, as computed now; the direct computation, -logFix(1/2) - ln2Fix,
  // left a residue of about 2^-240 there. Both are far inside the error bounds
  // of libm.ts, whose results are correctly rounded either way.
  assert.ok(Math.abs(want.LOG_TH[511]) < 2 ** -230 && want.LOG_TL[511] === 0);
  want.LOG_TH[511] = 0;
  let entries = 0;
  for (const name of Object.keys(want)) {
    assert.equal(got[name].length, want[name].length, name);
    for (let i = 0; i < want[name].length; i++) {
      assert.ok(Object.is(got[name][i], want[name][i]), `${name}[${i}]: ${got[name][i]} !== ${want[name][i]}`);
      entries++;
    }
  }
  assert.equal(entries, 512 * 3 + 128 * 2 + 51 * 4 + 65 * 2);
});
