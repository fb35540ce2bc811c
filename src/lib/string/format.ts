/**
 * string.format (manual §6.4), following lstrlib.c's str_format: each
 * conversion is checked against the flags C printf would accept for it,
 * width and precision have at most two digits, and the errors (and the
 * order in which arguments and specifications are checked) are the
 * reference's.
 *
 * Floats are formatted by `fmtFloat` (src/value/numfmt.ts, C printf
 * semantics for %e %f %g %a); integers (64-bit, numbers or bigints) here.
 */

import { LuaFloat, type LuaValue } from '../../value/value.js';
import { fmtFloat, type FloatConv } from '../../value/numfmt.js';
import type { LuaInteger } from '../../value/number.js';
import { basicTypeName, checkInteger, checkNumber } from './args.js';
import { argError, checkLength, libError } from './lib-error.js';

/** What the library glue provides to string.format. */
export interface FormatHooks {
  /** luaL_tolstring: honours `__tostring` and `__name`. Used by %s. */
  tostring(v: LuaValue): string;
  /** Type name for "number expected, got X" (luaL_typename, or `__name`). */
  typeName?(v: LuaValue): string;
  /** lua_topointer as text ("0x55..."), or undefined for non-objects. Used by %p. */
  topointer?(v: LuaValue): string | undefined;
}

// Flags each conversion accepts (lstrlib's L_FMTFLAGS*).
const FLAGS_FLOAT = '-+#0 ';
const FLAGS_X = '-#0';
const FLAGS_I = '-+0 ';
const FLAGS_U = '-0';
const FLAGS_C = '-';

/** Characters a specification may span before its conversion letter. */
const SPEC_CHARS = '-+#0 123456789.';
/** lstrlib's MAX_FORMAT (32) less room for '%', '\0' and a length modifier. */
const MAX_SPEC_LEN = 32 - 10;

/** Argument `arg` (1-based, the format string being #1) of the call. */
type ArgGetter = (arg: number) => LuaValue;

/** A parsed conversion specification, e.g. `%-08.3f`. */
interface Spec {
  /** The whole specification as written, '%' included (for error messages). */
  form: string;
  flags: string;
  width: number;
  /** -1 when absent. */
  precision: number;
  conv: string;
}

/**
 * Format `fmt` with `args` (the values after the format string: `args[0]`
 * is argument #2). Errors are StringLibErrors; argument errors carry the
 * argument's position in the call.
 */
export function format(fmt: string, args: readonly LuaValue[], hooks: FormatHooks): string {
  const get: ArgGetter = (arg) => args[arg - 2];
  const top = args.length + 1;
  let out = '';
  let arg = 1;
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      checkLength(out.length + n - i);
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    i = pct + 1;
    if (fmt.charCodeAt(i) === 0x25) {
      out += '%'; // "%%"
      i++;
      continue;
    }
    if (++arg > top) argError(arg, 'no value');
    // Fast paths for the commonest bare conversions; everything else (and
    // every error) goes through the general path below.
    const c = fmt.charCodeAt(i);
    if (c === 0x64 /* d */ || c === 0x73 /* s */) {
      const v = args[arg - 2];
      let item: string | undefined;
      if (c === 0x73) item = typeof v === 'string' ? v : hooks.tostring(v);
      else if (typeof v === 'number' && Number.isInteger(v)) item = String(v);
      if (item !== undefined) {
        checkLength(out.length + item.length);
        out += item;
        i++;
        continue;
      }
    }
    const spec = readSpec(fmt, i);
    i += spec.form.length - 1;
    const item = formatItem(spec, arg, get, hooks);
    checkLength(out.length + item.length);
    out += item;
  }
  return out;
}

/** Read the specification starting after the '%' at `i` (lstrlib's getformat). */
function readSpec(fmt: string, i: number): Spec {
  let j = i;
  while (j < fmt.length && SPEC_CHARS.includes(fmt[j]!)) j++;
  // The conversion letter is the next character ('' at the end of the format).
  if (j + 1 - i >= MAX_SPEC_LEN) libError('invalid format (too long)');
  const body = fmt.slice(i, j);
  const conv = fmt.slice(j, j + 1);
  return { form: '%' + body + conv, flags: '', width: 0, precision: -1, conv };
}

/**
 * Validate the specification for a conversion that accepts `flags`
 * (and a precision if `precision`), filling in its parts; raise
 * "invalid conversion specification" otherwise (lstrlib's checkformat).
 */
function checkSpec(spec: Spec, flags: string, precision: boolean): void {
  const f = spec.form;
  let k = 1;
  while (k < f.length && flags.includes(f[k]!)) k++;
  spec.flags = f.slice(1, k);
  if (f[k] !== '0') {
    // A width cannot start with '0' (that is a flag, possibly not accepted here).
    const w = twoDigits(f, k);
    if (w > k) spec.width = Number(f.slice(k, w));
    k = w;
    if (f[k] === '.' && precision) {
      const p = twoDigits(f, k + 1);
      spec.precision = Number(f.slice(k + 1, p) || '0');
      k = p;
    }
  }
  if (!isAlpha(f.charCodeAt(k))) libError(`invalid conversion specification: '${f}'`);
}

/** Index after at most two decimal digits starting at `k`. */
function twoDigits(s: string, k: number): number {
  if (isDigit(s.charCodeAt(k))) {
    k++;
    if (isDigit(s.charCodeAt(k))) k++;
  }
  return k;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** One conversion (the body of str_format's switch). */
function formatItem(spec: Spec, arg: number, get: ArgGetter, hooks: FormatHooks): string {
  const v = get(arg);
  const typeName = hooks.typeName ?? basicTypeName;
  switch (spec.conv) {
    case 'c': {
      checkSpec(spec, FLAGS_C, false);
      const code = Number(BigInt.asUintN(8, BigInt(checkInteger(v, arg, typeName))));
      return pad(String.fromCharCode(code), spec, false);
    }
    case 'd':
    case 'i':
      return formatInt(checkInteger(v, arg, typeName), spec, FLAGS_I);
    case 'u':
      return formatInt(checkInteger(v, arg, typeName), spec, FLAGS_U);
    case 'o':
    case 'x':
    case 'X':
      return formatInt(checkInteger(v, arg, typeName), spec, FLAGS_X);
    case 'a':
    case 'A':
      checkSpec(spec, FLAGS_FLOAT, true);
      return formatFloat(checkNumber(v, arg, typeName), spec);
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      const x = checkNumber(v, arg, typeName);
      checkSpec(spec, FLAGS_FLOAT, true);
      return formatFloat(x, spec);
    }
    case 'p': {
      const p = hooks.topointer?.(v);
      checkSpec(spec, FLAGS_C, false);
      return pad(p ?? '(null)', spec, false);
    }
    case 'q':
      if (spec.form.length > 2) libError("specifier '%q' cannot have modifiers");
      return quoteLiteral(v, arg);
    case 's':
      return formatString(hooks.tostring(v), spec, arg);
    default:
      return libError(`invalid conversion '${spec.form}' to 'format'`);
  }
}

// ---- conversions ------------------------------------------------------------

/** Pad `s` to the width, on the left unless '-'; with zeros if `zeros`. */
function pad(s: string, spec: Spec, zeros: boolean): string {
  const n = spec.width - s.length;
  if (n <= 0) return s;
  if (spec.flags.includes('-')) return s + ' '.repeat(n);
  return (zeros ? '0' : ' ').repeat(n) + s;
}

/** Radix and digit case of the integer conversions. */
const INT_RADIX: Record<string, { radix: number; upper: boolean; signed: boolean }> = {
  d: { radix: 10, upper: false, signed: true },
  i: { radix: 10, upper: false, signed: true },
  u: { radix: 10, upper: false, signed: false },
  o: { radix: 8, upper: false, signed: false },
  x: { radix: 16, upper: false, signed: false },
  X: { radix: 16, upper: true, signed: false },
};

/**
 * C printf of a 64-bit integer ("%lld", "%llx"...): precision is a minimum
 * number of digits (and disables the '0' flag), '#' adds "0x" to non-zero
 * hex and a leading zero to octal; unsigned conversions see the two's
 * complement bits.
 */
function formatInt(n: LuaInteger, spec: Spec, flags: string): string {
  checkSpec(spec, flags, true);
  const { radix, upper, signed } = INT_RADIX[spec.conv]!;
  const neg = n < 0;
  let digits: string;
  if (signed) {
    digits = typeof n === 'number' ? String(Math.abs(n)) : (neg ? -n : n).toString();
  } else {
    digits = (neg ? BigInt.asUintN(64, BigInt(n)) : n).toString(radix);
    if (upper) digits = digits.toUpperCase();
  }
  const isZero = n === 0 || n === 0n;
  if (spec.precision >= 0) {
    if (spec.precision === 0 && isZero) digits = '';
    digits = digits.padStart(spec.precision, '0');
  }
  let prefix = '';
  if (signed) prefix = neg ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : '';
  if (spec.flags.includes('#')) {
    if (radix === 8 && digits[0] !== '0') digits = '0' + digits;
    else if (radix === 16 && !isZero) prefix = upper ? '0X' : '0x';
  }
  const zeroPad = spec.flags.includes('0') && !spec.flags.includes('-') && spec.precision < 0;
  if (zeroPad) {
    const n0 = spec.width - prefix.length - digits.length;
    if (n0 > 0) digits = '0'.repeat(n0) + digits;
  }
  return pad(prefix + digits, spec, false);
}

function formatFloat(x: number, spec: Spec): string {
  return fmtFloat(x, {
    conv: spec.conv as FloatConv,
    precision: spec.precision >= 0 ? spec.precision : undefined,
    flags: spec.flags,
    width: spec.width,
  });
}

/** %s: the whole string without modifiers, else C's "%-W.Ps". */
function formatString(s: string, spec: Spec, arg: number): string {
  if (spec.form.length === 2) return s; // keeps embedded zeros
  if (s.includes('\0')) argError(arg, 'string contains zeros');
  checkSpec(spec, FLAGS_C, true);
  // Without a precision, a long string is kept whole (too long for the
  // reference's fixed buffer, which is also what width would produce).
  if (spec.precision < 0 && s.length >= 100) return s;
  return pad(spec.precision >= 0 ? s.slice(0, spec.precision) : s, spec, false);
}

// ---- %q -----------------------------------------------------------------------

/** %q: the value as a Lua literal that reads back as the same value. */
export function quoteLiteral(v: LuaValue, arg: number): string {
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'bigint') return v === -0x8000000000000000n ? '0x8000000000000000' : v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : quoteFloat(v);
  if (v === undefined) return 'nil';
  if (typeof v === 'boolean') return String(v);
  if (v instanceof LuaFloat) return quoteFloat(v.n);
  return argError(arg, 'value has no literal form');
}

/** A float as a hex numeral (exact), or the expressions for inf and NaN. */
function quoteFloat(x: number): string {
  if (x === Infinity) return '1e9999';
  if (x === -Infinity) return '-1e9999';
  if (x !== x) return '(0/0)';
  return fmtFloat(x, { conv: 'a' });
}

/**
 * A string literal: '"', '\\' and newline are escaped with a backslash
 * (newline as backslash-newline); other control bytes as decimal escapes,
 * three digits wide when a digit follows (so it is not read as part of the
 * escape); every other byte, including bytes >= 0x80, as itself.
 */
export function quoteString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string;
    if (c === 0x22 || c === 0x5c || c === 0x0a) {
      esc = '\\' + s[i];
    } else if (c < 0x20 || c === 0x7f) {
      esc = isDigit(s.charCodeAt(i + 1)) ? '\\' + String(c).padStart(3, '0') : '\\' + String(c);
    } else {
      continue;
    }
    out += s.slice(from, i) + esc;
    from = i + 1;
  }
  return out + s.slice(from) + '"';
}
