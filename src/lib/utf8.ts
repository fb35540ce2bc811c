/**
 * The utf8 library (the reference's lutf8lib.c, 5.4.4).
 *
 * Strings are byte strings (char codes 0..255). Decoding follows the
 * reference: sequences of up to 6 bytes encode values up to 0x7FFFFFFF;
 * the strict (non-lax) mode also rejects values above 0x10FFFF and
 * surrogates. Reading past the end of a string sees a 0 byte, like the
 * terminating '\0' the reference relies on.
 */

import { chargeWork } from '../vm/budget.js';
import { isFalse } from '../value/value.js';
import { tointeger, type LuaInteger } from '../value/number.js';
import { HostFunction, type HostFn } from '../vm/function.js';
import { checkstack } from '../vm/call.js';
import type { LuaState } from '../vm/state.js';
import type { LuaTable } from '../vm/table.js';
import { argError, checkInteger, checkString, luaError, optInteger, ret, arg, newString } from './args.js';
import { newLib, type LibTable } from './register.js';

const MAXUNICODE = 0x10ffff;
const MAXUTF = 0x7fffffff;
const MSG_INVALID = 'invalid UTF-8 code';

/** Smallest value that needs a sequence of 1 + index continuation bytes (overlong check). */
const LIMITS: readonly number[] = [Infinity, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];

/** Elements a utf8 function handles between two charges of its work (budget.ts): a power of two. */
const WORK_CHUNK = 4096;
const WORK_CHUNK_MASK = WORK_CHUNK - 1;

/** Byte at `i`, 0 past the end (the reference's terminating '\0'). */
function byteAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

function iscont(s: string, i: number): boolean {
  return (byteAt(s, i) & 0xc0) === 0x80;
}

/** Result of the last `decode`. */
let decoded = 0;

/**
 * utf8_decode: decode the sequence at byte `i`; returns the index just past
 * it (and sets `decoded`), or -1 for an invalid sequence.
 */
function decode(s: string, i: number, strict: boolean): number {
  let c = byteAt(s, i);
  let res = 0;
  let count = 0;
  if (c < 0x80) {
    res = c;
  } else {
    for (; c & 0x40; c <<= 1) { // one continuation byte per leading 1 bit after the first
      const cc = byteAt(s, i + ++count);
      if ((cc & 0xc0) !== 0x80) return -1;
      if (count > 5) return -1; // too long: the reference rejects it after the loop
      res = res * 64 + (cc & 0x3f);
    }
    res += (c & 0x7f) * 2 ** (count * 5);
    if (res > MAXUTF || res < LIMITS[count]) return -1;
  }
  if (strict && (res > MAXUNICODE || (res >= 0xd800 && res <= 0xdfff))) return -1;
  decoded = res;
  return i + count + 1;
}

/** luaO_utf8esc: the UTF-8 bytes of `x` (at most 0x7FFFFFFF), up to 6 bytes. */
function encode(x: number): string {
  if (x < 0x80) return String.fromCharCode(x);
  let out = '';
  let mfb = 0x3f; // largest value that still fits in the first byte
  do {
    out = String.fromCharCode(0x80 | (x & 0x3f)) + out;
    x = Math.floor(x / 64);
    mfb >>= 1;
  } while (x > mfb);
  return String.fromCharCode(((~mfb << 1) | x) & 0xff) + out;
}

/** u_posrelat: negative positions count from the end; too negative becomes 0. */
function posrelat(pos: LuaInteger, len: number): number {
  const p = Number(pos); // beyond 2^53 only the sign and "out of range" matter
  if (p >= 0) return p;
  if (-p > len) return 0;
  return len + p + 1;
}

// ---------------------------------------------------------------------------

function charOf(L: LuaState, base: number, nargs: number, n: number): string {
  const code = checkInteger(L, base, nargs, n);
  // negative values are huge as unsigned, hence out of range too
  if (!(code >= 0 && code <= MAXUTF)) argError(L, n, 'value out of range');
  return encode(Number(code));
}

const char: HostFn = (L, base, nargs) => {
  let out = '';
  for (let i = 1; i <= nargs; i++) out += charOf(L, base, nargs, i);
  return ret(L, newString(L, out));
};

const codepoint: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const len = s.length;
  const posi = posrelat(optInteger(L, base, nargs, 2, 1), len);
  const pose = posrelat(optInteger(L, base, nargs, 3, posi), len);
  const strict = isFalse(arg(L, base, nargs, 4));
  if (posi < 1) argError(L, 2, 'out of bounds');
  if (pose > len) argError(L, 3, 'out of bounds');
  if (posi > pose) return 0;
  if (!checkstack(L, pose - posi + 1)) luaError(L, 'stack overflow (string slice too long)');
  let n = 0;
  for (let i = posi - 1; i < pose;) {
    if ((n & WORK_CHUNK_MASK) === 0) chargeWork(L, WORK_CHUNK); // per element, a chunk at a time
    i = decode(s, i, strict);
    if (i < 0) luaError(L, MSG_INVALID);
    L.stack[L.top++] = decoded;
    n++;
  }
  return n;
};

const len: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const n = s.length;
  let posi = posrelat(optInteger(L, base, nargs, 2, 1), n);
  let posj = posrelat(optInteger(L, base, nargs, 3, -1), n);
  const strict = isFalse(arg(L, base, nargs, 4));
  if (!(posi >= 1 && --posi <= n)) argError(L, 2, 'initial position out of bounds');
  if (!(--posj < n)) argError(L, 3, 'final position out of bounds');
  let count = 0;
  while (posi <= posj) {
    if ((count & WORK_CHUNK_MASK) === 0) chargeWork(L, WORK_CHUNK); // per element, a chunk at a time
    const next = decode(s, posi, strict);
    if (next < 0) return ret(L, undefined, posi + 1);
    posi = next;
    count++;
  }
  return ret(L, count);
};

const offset: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const len = s.length;
  // beyond 2^53 the count only has to stay non-zero: the string ends first
  let n = Number(checkInteger(L, base, nargs, 2));
  let posi = posrelat(optInteger(L, base, nargs, 3, n >= 0 ? 1 : len + 1), len);
  if (!(posi >= 1 && --posi <= len)) argError(L, 3, 'position out of bounds');
  if (n === 0) {
    while (posi > 0 && iscont(s, posi)) posi--; // start of the current sequence
    return ret(L, posi + 1);
  }
  if (iscont(s, posi)) luaError(L, 'initial position is a continuation byte');
  if (n < 0) {
    for (; n < 0 && posi > 0; n++) {
      if ((n & WORK_CHUNK_MASK) === 0) chargeWork(L, WORK_CHUNK); // per character skipped
      do posi--; while (posi > 0 && iscont(s, posi));
    }
  } else {
    for (n--; n > 0 && posi < len; n--) {
      if ((n & WORK_CHUNK_MASK) === 0) chargeWork(L, WORK_CHUNK);
      do posi++; while (iscont(s, posi)); // stops at the end: byteAt gives 0 there
    }
  }
  return ret(L, n === 0 ? posi + 1 : undefined);
};

/** The iterator of `codes`: the control value is the 1-based position of the previous character. */
function iterAux(strict: boolean): HostFn {
  return (L, base, nargs) => {
    const s = checkString(L, base, nargs, 1);
    const len = s.length;
    const ctl = tointeger(arg(L, base, nargs, 2)) ?? 0;
    let n = Number(ctl);
    if (n < 0 || n >= len) return 0; // negative is huge as unsigned
    while (iscont(s, n)) n++; // skip the rest of the previous character
    if (n >= len) return 0;
    // 5.4.6: a character followed by a stray continuation byte is invalid too
    const next = decode(s, n, strict);
    if (next < 0 || iscont(s, next)) luaError(L, MSG_INVALID);
    return ret(L, n + 1, decoded);
  };
}

const iterStrict = new HostFunction(iterAux(true), 'for iterator');
const iterLax = new HostFunction(iterAux(false), 'for iterator');

const codes: HostFn = (L, base, nargs) => {
  const lax = !isFalse(arg(L, base, nargs, 2));
  const s = checkString(L, base, nargs, 1);
  if (iscont(s, 0)) argError(L, 1, MSG_INVALID);
  return ret(L, lax ? iterLax : iterStrict, L.stack[base], 0);
};

const UTF8_FUNCS: LibTable = { offset, codepoint, char, len, codes };

export function openUtf8(L: LuaState): LuaTable {
  const t = newLib(L, UTF8_FUNCS, 'utf8.');
  t.setStr('charpattern', '[\0-\x7F\xC2-\xFD][\x80-\xBF]*');
  return t;
}
