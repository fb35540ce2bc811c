/**
 * C printf formatting of doubles (%e %f %g %a and upper-case variants), with
 * glibc's exact results: the decimal digits are those of the exact binary
 * value rounded to nearest, ties to even (JS's toFixed/toExponential round
 * ties away from zero and stop at 100 digits, so they are only used where
 * they provably agree). Backs Lua's tostring ("%.14g") and string.format.
 */

export type FloatConv = 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'a' | 'A';

export interface FloatSpec {
  conv: FloatConv;
  /** Digits after the point (%e %f %a) or significant digits (%g); C default when absent. */
  precision?: number;
  /** Any of "-+ #0". */
  flags?: string;
  /** Minimum field width. */
  width?: number;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: [low word, high word]

/** The IEEE sign bit, also for NaN and -0 (which JS comparisons cannot see). */
export function signBit(x: number): boolean {
  f64[0] = x;
  return u32[1] >>> 31 === 1;
}

/** Exact decomposition of a finite positive double: x = m * 2^k, m an integer. */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const hi = u32[1], lo = u32[0];
  const ebits = (hi >>> 20) & 0x7ff;
  const frac = (hi & 0xfffff) * 2 ** 32 + lo;
  if (ebits === 0) return [BigInt(frac), -1074];
  return [BigInt(frac + 2 ** 52), ebits - 1075];
}

/** round(m * 2^k * 10^s), ties to even, exactly. */
function roundScaled(m: bigint, k: number, s: number): bigint {
  let num = m, den = 1n;
  if (k >= 0) num <<= BigInt(k); else den <<= BigInt(-k);
  if (s >= 0) num *= 10n ** BigInt(s); else den *= 10n ** BigInt(-s);
  const q = num / den, r2 = (num - q * den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** Significant digits: ax ~= d[0].d[1..n-1] * 10^e. */
interface Sig { d: string; e: number }

/** `n` significant digits of ax > 0 (finite), correctly rounded. */
function sigDigits(ax: number, n: number): Sig {
  if (n <= 15 && ax >= 2 ** -1022) {
    const short = parseExp(ax.toExponential()); // shortest round-trip digits
    const c = short.d.length;
    // With at most 15 digits the shortest representation is already the
    // correctly rounded one (|x - shortest| < half an ulp, far below half a
    // step of the n-digit grid). A tie at n digits would need x to be exactly
    // an (n+1)-digit decimal ending in 5, which is then its shortest form.
    if (c <= n) return { d: short.d + '0'.repeat(n - c), e: short.e };
    if (!(c === n + 1 && short.d.endsWith('5'))) return parseExp(ax.toExponential(n - 1));
  }
  return sigSlow(ax, n);
}

function sigSlow(ax: number, n: number): Sig {
  const [m, k] = decompose(ax);
  let e = Math.floor(Math.log10(ax)); // estimate (log10 may round across a power of 10), corrected below
  for (let i = 0; i < 4; i++) {
    // Fix the exponent on the truncated value: 10^e <= ax < 10^(e+1) exactly.
    const len = truncScaled(m, k, n - 1 - e).toString().length;
    if (len > n) e++;
    else if (len < n) e--;
    else {
      let d = roundScaled(m, k, n - 1 - e).toString();
      if (d.length > n) {
        // rounding carried into a new digit (9.99.. -> 10.0..): drop the extra zero
        d = d.slice(0, n);
        e++;
      }
      return { d, e };
    }
  }
  throw new Error('sigSlow: exponent did not converge');
}

/** floor(m * 2^k * 10^s), exactly. */
function truncScaled(m: bigint, k: number, s: number): bigint {
  let num = m, den = 1n;
  if (k >= 0) num <<= BigInt(k); else den <<= BigInt(-k);
  if (s >= 0) num *= 10n ** BigInt(s); else den *= 10n ** BigInt(-s);
  return num / den;
}

function parseExp(s: string): Sig {
  const ei = s.indexOf('e');
  const mant = s.slice(0, ei);
  return { d: mant.length > 1 ? mant[0] + mant.slice(2) : mant, e: Number(s.slice(ei + 1)) };
}

/** Integer and fraction digits of ax >= 0 rounded to p decimals. */
function fixDigits(ax: number, p: number): [string, string] {
  // toFixed is exact except that it rounds ties away from zero. A tie means
  // ax has exactly p+1 fractional bits (a binary fraction with j bits has
  // exactly j decimals, the last one 5).
  if (p <= 100 && ax < 1e21 && !(Number.isInteger(ax * 2 ** (p + 1)) && !Number.isInteger(ax * 2 ** p))) {
    const s = ax.toFixed(p);
    return p === 0 ? [s, ''] : [s.slice(0, s.length - p - 1), s.slice(s.length - p)];
  }
  if (ax === 0) return ['0', '0'.repeat(p)];
  const [m, k] = decompose(ax);
  const s = roundScaled(m, k, p).toString().padStart(p + 1, '0');
  return [s.slice(0, s.length - p), s.slice(s.length - p)];
}

const isUpper = (c: FloatConv): boolean => c === 'E' || c === 'F' || c === 'G' || c === 'A';

function expSuffix(e: number, letter: string): string {
  const a = Math.abs(e);
  return letter + (e < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
}

function fmtE(ax: number, p: number, alt: boolean, upper: boolean): string {
  const { d, e } = ax === 0 ? { d: '0'.repeat(p + 1), e: 0 } : sigDigits(ax, p + 1);
  const point = p > 0 || alt ? '.' : '';
  return d[0] + point + d.slice(1) + expSuffix(e, upper ? 'E' : 'e');
}

function fmtF(ax: number, p: number, alt: boolean): string {
  const [ip, fp] = fixDigits(ax, p);
  return p > 0 || alt ? ip + '.' + fp : ip;
}

function fmtG(ax: number, prec: number, alt: boolean, upper: boolean): string {
  const P = prec === 0 ? 1 : prec;
  const { d, e } = ax === 0 ? { d: '0'.repeat(P), e: 0 } : sigDigits(ax, P);
  let ip: string, fp: string, suffix = '';
  if (e < P && e >= -4) {
    if (e >= 0) { ip = d.slice(0, e + 1); fp = d.slice(e + 1); }
    else { ip = '0'; fp = '0'.repeat(-e - 1) + d; }
  } else {
    ip = d[0]; fp = d.slice(1); suffix = expSuffix(e, upper ? 'E' : 'e');
  }
  if (!alt) {
    let end = fp.length;
    while (end > 0 && fp.charCodeAt(end - 1) === 48) end--;
    fp = fp.slice(0, end);
  }
  return (fp.length > 0 || alt ? ip + '.' + fp : ip) + suffix;
}

/** %a body: what follows the sign and "0x" (lead digit, fraction, binary exponent). */
function fmtA(ax: number, prec: number | undefined, alt: boolean, upper: boolean): string {
  let lead: number, frac: bigint, exp: number;
  if (ax === 0) { lead = 0; frac = 0n; exp = 0; }
  else {
    f64[0] = ax;
    const hi = u32[1], ebits = (hi >>> 20) & 0x7ff;
    frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(u32[0]);
    lead = ebits === 0 ? 0 : 1;
    exp = ebits === 0 ? -1022 : ebits - 1023;
  }
  let digits: string;
  if (prec === undefined) {
    digits = frac.toString(16).padStart(13, '0').replace(/0+$/, '');
  } else if (prec >= 13) {
    digits = frac.toString(16).padStart(13, '0') + '0'.repeat(prec - 13);
  } else {
    // round lead.fraction to 4*prec fraction bits, ties to even (the lead
    // digit is the last kept one when prec is 0); a carry bumps the lead digit
    const all = (BigInt(lead) << 52n) | frac;
    const drop = BigInt(52 - 4 * prec), half = 1n << (drop - 1n);
    let q = all >> drop;
    const rem = all - (q << drop);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    const fbits = BigInt(4 * prec);
    lead = Number(q >> fbits);
    digits = prec === 0 ? '' : (q & ((1n << fbits) - 1n)).toString(16).padStart(prec, '0');
  }
  const s = String(lead) + (digits.length > 0 || alt ? '.' + digits : '') + 'p' +
    (exp < 0 ? '-' : '+') + String(Math.abs(exp));
  return upper ? s.toUpperCase() : s;
}

/**
 * Format a double like C printf with conversion `spec.conv`.
 * Non-finite values print as inf/nan (with the NaN's sign bit, as glibc), and
 * the '0' flag does not apply to them.
 */
export function fmtFloat(x: number, spec: FloatSpec): string {
  const flags = spec.flags ?? '';
  const upper = isUpper(spec.conv);
  const neg = x < 0 || (x === 0 || Number.isNaN(x) ? signBit(x) : false);
  const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const ax = Math.abs(x);
  const alt = flags.includes('#');
  let body: string, zeroPad = flags.includes('0') && !flags.includes('-'), prefix = sign;
  if (!Number.isFinite(ax)) {
    body = Number.isNaN(ax) ? 'nan' : 'inf';
    if (upper) body = body.toUpperCase();
    zeroPad = false;
  } else {
    switch (spec.conv) {
      case 'e': case 'E': body = fmtE(ax, spec.precision ?? 6, alt, upper); break;
      case 'f': case 'F': body = fmtF(ax, spec.precision ?? 6, alt); break;
      case 'g': case 'G': body = fmtG(ax, spec.precision ?? 6, alt, upper); break;
      default:
        body = fmtA(ax, spec.precision, alt, upper);
        prefix += upper ? '0X' : '0x';
    }
  }
  return pad(prefix, body, spec.width ?? 0, flags.includes('-'), zeroPad);
}

function pad(prefix: string, body: string, width: number, left: boolean, zero: boolean): string {
  const n = width - prefix.length - body.length;
  if (n <= 0) return prefix + body;
  if (left) return prefix + body + ' '.repeat(n);
  return zero ? prefix + '0'.repeat(n) + body : ' '.repeat(n) + prefix + body;
}

/** "%.14g" (LUAI_NUMFFORMAT) of any double, as tostring prints a float before the ".0" check. */
export function fmtNumberG14(x: number): string {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) return signBit(x) ? '-nan' : 'nan';
    return x > 0 ? 'inf' : '-inf';
  }
  const neg = x < 0 || (x === 0 && signBit(x));
  const ax = Math.abs(x);
  const s = ax >= 1e-4 && ax < 1e14 ? shortG14(ax) : fmtG(ax, 14, false, false);
  return neg ? '-' + s : s;
}

/**
 * Fast path of "%.14g" for 1e-4 <= ax < 1e14: there %g uses fixed notation
 * and JS's String() does too, and when the shortest round-trip form has at
 * most 14 significant digits it is the correctly rounded one (see sigDigits),
 * with trailing zeros already dropped as %g does.
 */
function shortG14(ax: number): string {
  const s = String(ax);
  let lead = 0; // leading "0", ".", "0"s of values below 1 are not significant
  if (ax < 1) while (lead < s.length && (s.charCodeAt(lead) === 48 || s.charCodeAt(lead) === 46)) lead++;
  const dot = s.indexOf('.') >= lead ? 1 : 0;
  return s.length - lead - dot <= 14 ? s : fmtG(ax, 14, false, false);
}
