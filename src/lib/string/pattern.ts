/**
 * Lua 5.4 patterns (manual §6.4.1): the engine behind string.find,
 * string.match, string.gmatch and string.gsub.
 *
 * The matcher follows the structure of the reference implementation
 * (lstrlib.c) on purpose: its observable behaviour -- which match is found,
 * which error is raised and when, and when a pattern is "too complex" -- is
 * the specification. Like the reference, `match` recurses for captures,
 * `?`, `*`, `+` and `-`, and every nested call spends one unit of a depth
 * budget of PATTERN_MAXCCALLS (200). Exhausting it raises "pattern too complex"
 * exactly where the reference does, and it also bounds our JS recursion to a
 * few hundred small frames, so the JS stack can never overflow.
 *
 * Positions are 0-based offsets into the subject internally; everything
 * returned to Lua (match bounds, position captures) is 1-based.
 *
 * Work is countable: a {@link StepMeter} is charged one step per call of
 * the matcher and one per byte scanned by repetition, balance and
 * back-reference loops. Without a meter the charge is a decrement of
 * Infinity and a never-taken branch.
 */

import { StringLibError, checkLength, posrelatI } from './lib-error.js';
import { LUA_MAXCAPTURES, PATTERN_MAXCCALLS } from '../../value/limits.js';

/** A pattern error (malformed pattern, bad capture, too complex...). */
export class PatternError extends StringLibError {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/**
 * A budget the matcher charges for its work. `left` is decremented per
 * step; when it reaches 0 or less the matcher calls `refill()`, which may
 * throw (to abort the match: CPU limit, deadline, interrupt) or raise
 * `left` again to continue. The VM can hand in an adapter over its single
 * safepoint counter.
 */
export interface StepMeter {
  left: number;
  refill(): void;
  /**
   * `n` bytes are about to be added to a result being built (gsub): the
   * host may charge them (memory and work) and throw to stop first.
   */
  bytes?(n: number): void;
}

/** A capture value as Lua sees it: a substring or a 1-based position. */
export type Capture = string | number;


const CAP_UNFINISHED = -1;
const CAP_POSITION = -2;

/** Returned by the matcher for "no match" (the reference's NULL). */
const FAIL = -1;

// Character codes used by the pattern syntax.
const L_ESC = 0x25; // %
const OPEN = 0x28; // (
const CLOSE = 0x29; // )
const DOLLAR = 0x24; // $
const CARET = 0x5e; // ^
const DOT = 0x2e; // .
const LBRACKET = 0x5b; // [
const RBRACKET = 0x5d; // ]
const STAR = 0x2a; // *
const PLUS = 0x2b; // +
const MINUS = 0x2d; // -
const QUEST = 0x3f; // ?
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

// ---------------------------------------------------------------------------
// Character classes, C locale. CTYPE[c] holds one bit per class letter.

const CLASS_BITS: Record<string, (c: number) => boolean> = {
  a: (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a),
  c: (c) => c < 0x20 || c === 0x7f,
  d: (c) => c >= 0x30 && c <= 0x39,
  g: (c) => c > 0x20 && c < 0x7f,
  l: (c) => c >= 0x61 && c <= 0x7a,
  p: (c) => c > 0x20 && c < 0x7f && !CLASS_BITS.a!(c) && !CLASS_BITS.d!(c),
  s: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
  u: (c) => c >= 0x41 && c <= 0x5a,
  w: (c) => CLASS_BITS.a!(c) || CLASS_BITS.d!(c),
  x: (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
  z: (c) => c === 0, // deprecated since 5.2, still accepted by the reference
};

/** CTYPE[byte]: bit set of the classes the byte belongs to. */
const CTYPE = new Uint16Array(256);
/** LETTER_BIT[letter]: the class bit a letter after `%` selects (0: none). */
const LETTER_BIT = new Uint16Array(256);
/** LETTER_NEG[letter]: 1 for upper-case class letters, which complement. */
const LETTER_NEG = new Uint8Array(256);

Object.keys(CLASS_BITS).forEach((letter, i) => {
  const bit = 1 << i;
  const test = CLASS_BITS[letter]!;
  for (let c = 0; c < 256; c++) if (test(c)) CTYPE[c]! |= bit;
  const lower = letter.charCodeAt(0);
  LETTER_BIT[lower] = bit;
  LETTER_BIT[lower - 32] = bit; // upper case: same class, complemented
  LETTER_NEG[lower - 32] = 1;
});

/** Does byte `c` match the class `%cl`? (Non-class letters match themselves.) */
function matchClass(c: number, cl: number): boolean {
  const bit = LETTER_BIT[cl]!;
  if (bit === 0) return cl === c;
  return ((CTYPE[c]! & bit) !== 0) !== (LETTER_NEG[cl] === 1);
}

/** Characters that make a pattern more than a plain substring (lstrlib's SPECIALS). */
const SPECIALS = /[\^$*+?.([%-]/;

/** True when `p` has no magic characters, so `find` may use a plain search. */
export function noSpecials(p: string): boolean {
  return !SPECIALS.test(p);
}

const NO_METER: StepMeter = { left: Infinity, refill() {} };

// ---------------------------------------------------------------------------

/**
 * State of one match of a pattern against a subject: the reference's
 * MatchState. It is reused across attempts (find tries every start
 * position; gmatch/gsub iterate), so a match allocates nothing per step.
 */
export class MatchState {
  /** Number of captures opened so far. */
  level = 0;
  private depth = PATTERN_MAXCCALLS;
  /** Start offset of each capture. */
  private readonly capInit: number[] = [];
  /** Length of each capture, or CAP_UNFINISHED / CAP_POSITION. */
  private readonly capLen: number[] = [];
  private readonly srcEnd: number;
  private readonly pEnd: number;
  private readonly meter: StepMeter;

  /** Start and end (0-based, exclusive) of the last successful match. */
  start = 0;
  end = 0;

  constructor(
    readonly src: string,
    readonly pat: string,
    meter?: StepMeter,
  ) {
    this.srcEnd = src.length;
    this.pEnd = pat.length;
    this.meter = meter ?? NO_METER;
  }

  /**
   * Try to match the pattern, from pattern offset `p`, exactly at subject
   * offset `s`. Returns true and sets `start`/`end` on success.
   */
  matchAt(s: number, p: number): boolean {
    this.level = 0; // the reference's reprepstate
    this.depth = PATTERN_MAXCCALLS;
    let e: number;
    try {
      e = this.match(s, p);
    } catch (err) {
      // Safety net only: the depth budget keeps recursion to a few hundred
      // frames, but never let a host stack overflow escape as a RangeError.
      if (err instanceof RangeError) throw new PatternError('pattern too complex');
      throw err;
    }
    if (e === FAIL) return false;
    this.start = s;
    this.end = e;
    return true;
  }

  /** Charge the meter for `n` start positions skipped by a head-class prefilter. */
  chargeSkipped(n: number): void {
    if (n > 0) this.charge(n);
  }

  /**
   * The bytes that can begin a match of the pattern from `p0` (1 = can), or
   * null when that is not a plain single-character class that must match at
   * least once. Looks through leading '(' and '()', which fail without side
   * effects when what follows fails. Skipping start positions whose byte is
   * not in the table changes nothing observable: the matcher would fail
   * there at once, before reaching any part of the pattern that can raise.
   */
  headTable(p0: number): Uint8Array | null {
    const pat = this.pat;
    let q = p0;
    while (q < this.pEnd && pat.charCodeAt(q) === OPEN) q += pat.charCodeAt(q + 1) === CLOSE ? 2 : 1;
    if (q >= this.pEnd) return null;
    const c = pat.charCodeAt(q);
    if (c === CLOSE || (c === DOLLAR && q + 1 === this.pEnd)) return null;
    if (c === L_ESC) {
      const nc = pat.charCodeAt(q + 1);
      if (nc === 0x62 /* b */ || nc === 0x66 /* f */ || (nc >= DIGIT_0 && nc <= DIGIT_9)) return null;
    }
    let ep: number;
    try {
      ep = this.classEnd(q);
    } catch {
      return null; // malformed: let the matcher raise it where the reference does
    }
    const suffix = pat.charCodeAt(ep);
    if (suffix === STAR || suffix === QUEST || suffix === MINUS) return null;
    const table = new Uint8Array(256);
    for (let b = 0; b < 256; b++) {
      let ok: boolean;
      if (c === DOT) ok = true;
      else if (c === L_ESC) ok = matchClass(b, pat.charCodeAt(q + 1));
      else if (c === LBRACKET) ok = this.matchBracketClass(b, q, ep - 1);
      else ok = c === b;
      table[b] = ok ? 1 : 0;
    }
    return table;
  }

  // ---- the matcher ------------------------------------------------------

  private charge(n: number): void {
    const m = this.meter;
    if ((m.left -= n) <= 0) m.refill();
  }

  /** Match pattern from `p` at subject offset `s`; returns the end offset or FAIL. */
  private match(s: number, p: number): number {
    if (this.depth-- === 0) throw new PatternError('pattern too complex');
    this.charge(1);
    const r = this.matchBody(s, p);
    this.depth++;
    return r;
  }

  private matchBody(s: number, p: number): number {
    const pat = this.pat;
    // Tail calls of the reference (`goto init`) become iterations.
    for (;;) {
      if (p === this.pEnd) return s;
      const pc = pat.charCodeAt(p);
      if (pc === OPEN) {
        return pat.charCodeAt(p + 1) === CLOSE
          ? this.startCapture(s, p + 2, CAP_POSITION)
          : this.startCapture(s, p + 1, CAP_UNFINISHED);
      }
      if (pc === CLOSE) return this.endCapture(s, p + 1);
      if (pc === DOLLAR && p + 1 === this.pEnd) {
        // '$' is an anchor only as the last pattern character.
        return s === this.srcEnd ? s : FAIL;
      }
      if (pc === L_ESC) {
        const nc = pat.charCodeAt(p + 1);
        if (nc === 0x62 /* b */) {
          s = this.matchBalance(s, p + 2);
          if (s === FAIL) return FAIL;
          p += 4;
          continue;
        }
        if (nc === 0x66 /* f */) {
          p += 2;
          if (pat.charCodeAt(p) !== LBRACKET) {
            throw new PatternError("missing '[' after '%f' in pattern");
          }
          const ep = this.classEnd(p);
          // The subject is NUL-terminated for the frontier's purposes.
          const prev = s === 0 ? 0 : this.src.charCodeAt(s - 1);
          const cur = s < this.srcEnd ? this.src.charCodeAt(s) : 0;
          if (!this.matchBracketClass(prev, p, ep - 1) && this.matchBracketClass(cur, p, ep - 1)) {
            p = ep;
            continue;
          }
          return FAIL;
        }
        if (nc >= DIGIT_0 && nc <= DIGIT_9) {
          s = this.matchCapture(s, nc);
          if (s === FAIL) return FAIL;
          p += 2;
          continue;
        }
        // any other escape is a single-character class: fall through
      }
      // A single-character class, with an optional repetition suffix.
      const ep = this.classEnd(p);
      const suffix = pat.charCodeAt(ep); // NaN at the end of the pattern
      if (!this.singleMatch(s, p, ep)) {
        if (suffix === STAR || suffix === QUEST || suffix === MINUS) {
          p = ep + 1; // accepts the empty match
          continue;
        }
        return FAIL; // '+' or no suffix
      }
      switch (suffix) {
        case QUEST: {
          const r = this.match(s + 1, ep + 1);
          if (r !== FAIL) return r;
          p = ep + 1;
          continue;
        }
        case PLUS:
          return this.maxExpand(s + 1, p, ep); // one already matched
        case STAR:
          return this.maxExpand(s, p, ep);
        case MINUS:
          return this.minExpand(s, p, ep);
        default:
          s++;
          p = ep;
          continue;
      }
    }
  }

  /** Offset just past the single-character class starting at `p`. */
  private classEnd(p: number): number {
    const pat = this.pat;
    const c = pat.charCodeAt(p++);
    if (c === L_ESC) {
      if (p === this.pEnd) throw new PatternError("malformed pattern (ends with '%')");
      return p + 1;
    }
    if (c === LBRACKET) {
      if (pat.charCodeAt(p) === CARET) p++;
      // The first character after '[' (or '[^') is never the closing ']'.
      do {
        if (p === this.pEnd) throw new PatternError("malformed pattern (missing ']')");
        if (pat.charCodeAt(p++) === L_ESC && p < this.pEnd) p++; // skip escapes like '%]'
      } while (pat.charCodeAt(p) !== RBRACKET);
      return p + 1;
    }
    return p;
  }

  /** Does subject byte at `s` match the class spanning pattern [p, ep)? */
  private singleMatch(s: number, p: number, ep: number): boolean {
    if (s >= this.srcEnd) return false;
    const c = this.src.charCodeAt(s);
    const pc = this.pat.charCodeAt(p);
    switch (pc) {
      case DOT:
        return true;
      case L_ESC:
        return matchClass(c, this.pat.charCodeAt(p + 1));
      case LBRACKET:
        return this.matchBracketClass(c, p, ep - 1);
      default:
        return pc === c;
    }
  }

  /** Does byte `c` match the set `[...]` at pattern [p, ec] (ec is the ']')? */
  private matchBracketClass(c: number, p: number, ec: number): boolean {
    const pat = this.pat;
    let sig = true;
    if (pat.charCodeAt(p + 1) === CARET) {
      sig = false;
      p++;
    }
    while (++p < ec) {
      const pc = pat.charCodeAt(p);
      if (pc === L_ESC) {
        p++;
        if (matchClass(c, pat.charCodeAt(p))) return sig;
      } else if (pat.charCodeAt(p + 1) === MINUS && p + 2 < ec) {
        p += 2;
        if (pc <= c && c <= pat.charCodeAt(p)) return sig;
      } else if (pc === c) {
        return sig;
      }
    }
    return !sig;
  }

  /** Greedy repetition: match as many as possible, then back off. */
  private maxExpand(s: number, p: number, ep: number): number {
    let i = 0;
    while (this.singleMatch(s + i, p, ep)) i++;
    this.charge(i);
    for (; i >= 0; i--) {
      const r = this.match(s + i, ep + 1);
      if (r !== FAIL) return r;
    }
    return FAIL;
  }

  /** Lazy repetition: match as few as possible, extending one at a time. */
  private minExpand(s: number, p: number, ep: number): number {
    for (;;) {
      const r = this.match(s, ep + 1);
      if (r !== FAIL) return r;
      if (!this.singleMatch(s, p, ep)) return FAIL;
      s++;
    }
  }

  /** `%bxy`: a balanced run from x to the matching y. */
  private matchBalance(s: number, p: number): number {
    if (p >= this.pEnd - 1) {
      throw new PatternError("malformed pattern (missing arguments to '%b')");
    }
    const src = this.src;
    const open = this.pat.charCodeAt(p);
    if (s >= this.srcEnd || src.charCodeAt(s) !== open) return FAIL;
    const close = this.pat.charCodeAt(p + 1);
    let depth = 1;
    const start = s;
    while (++s < this.srcEnd) {
      const c = src.charCodeAt(s);
      if (c === close) {
        if (--depth === 0) {
          this.charge(s - start);
          return s + 1;
        }
      } else if (c === open) {
        depth++;
      }
    }
    this.charge(s - start);
    return FAIL;
  }

  private startCapture(s: number, p: number, what: number): number {
    const level = this.level;
    if (level >= LUA_MAXCAPTURES) throw new PatternError('too many captures');
    this.capInit[level] = s;
    this.capLen[level] = what;
    this.level = level + 1;
    const r = this.match(s, p);
    if (r === FAIL) this.level--; // undo capture
    return r;
  }

  private endCapture(s: number, p: number): number {
    const l = this.captureToClose();
    this.capLen[l] = s - this.capInit[l]!;
    const r = this.match(s, p);
    if (r === FAIL) this.capLen[l] = CAP_UNFINISHED; // undo capture
    return r;
  }

  /** The innermost capture still open, for a ')'. */
  private captureToClose(): number {
    for (let level = this.level - 1; level >= 0; level--) {
      if (this.capLen[level] === CAP_UNFINISHED) return level;
    }
    throw new PatternError('invalid pattern capture');
  }

  /** Back-reference `%1`..`%9` (`digit` is the char code). */
  private matchCapture(s: number, digit: number): number {
    const l = digit - DIGIT_0 - 1;
    if (l < 0 || l >= this.level || this.capLen[l] === CAP_UNFINISHED) {
      throw new PatternError(`invalid capture index %${l + 1}`);
    }
    const len = this.capLen[l]!;
    // A position capture has no text: the reference's size_t compare fails.
    if (len < 0 || this.srcEnd - s < len) return FAIL;
    this.charge(len);
    const init = this.capInit[l]!;
    const src = this.src;
    for (let i = 0; i < len; i++) {
      if (src.charCodeAt(init + i) !== src.charCodeAt(s + i)) return FAIL;
    }
    return s + len;
  }

  // ---- captures -----------------------------------------------------------

  /**
   * Capture `i` (0-based) of the last match. When the pattern has no
   * captures, capture 0 is the whole match. Raises the reference's errors
   * for an unfinished capture or an index out of range.
   */
  capture(i: number): Capture {
    if (i >= this.level) {
      if (i !== 0) throw new PatternError(`invalid capture index %${i + 1}`);
      return this.src.slice(this.start, this.end);
    }
    const len = this.capLen[i]!;
    const init = this.capInit[i]!;
    if (len === CAP_UNFINISHED) throw new PatternError('unfinished capture');
    if (len === CAP_POSITION) return init + 1;
    return this.src.slice(init, init + len);
  }

  /**
   * All captures of the last match (the reference's push_captures). With
   * `wholeIfNone`, a pattern without captures yields the whole match.
   */
  captures(wholeIfNone: boolean): Capture[] {
    const n = this.level === 0 && wholeIfNone ? 1 : this.level;
    const out = new Array<Capture>(n);
    for (let i = 0; i < n; i++) out[i] = this.capture(i);
    return out;
  }
}

// ---------------------------------------------------------------------------
// The library operations. `init` is Lua's (1-based, negative from the end).

/** Result of {@link find}: 1-based inclusive bounds plus the captures. */
export interface FindResult {
  start: number;
  end: number;
  captures: Capture[];
}

/** Head tables by pattern (patterns are mostly constants); null: no prefilter. */
const HEAD_CACHE = new Map<string, Uint8Array | null>();
const HEAD_CACHE_MAX = 256;
/** Subjects shorter than this are searched without a head table. */
const HEAD_MIN_SCAN = 16;

function headTableFor(ms: MatchState, pat: string, p0: number): Uint8Array | null {
  const key = p0 === 0 ? pat : '^' + pat; // p0 is 0 or 1 (after '^')
  let t = HEAD_CACHE.get(key);
  if (t === undefined) {
    t = ms.headTable(p0);
    if (HEAD_CACHE.size >= HEAD_CACHE_MAX) HEAD_CACHE.clear();
    HEAD_CACHE.set(key, t);
  }
  return t;
}

/** First offset >= s (and <= end) whose byte can begin a match; charges the skipped ones. */
function skipToHead(ms: MatchState, head: Uint8Array, src: string, s: number, end: number): number {
  const from = s;
  while (s < end && head[src.charCodeAt(s)] === 0) s++;
  ms.chargeSkipped(s - from);
  return s;
}

/** Split a leading '^' anchor off a pattern. */
function anchorOf(p: string): { anchor: boolean; p0: number } {
  const anchor = p.charCodeAt(0) === CARET;
  return { anchor, p0: anchor ? 1 : 0 };
}

/**
 * Search for `pat` in `src` from `init`, trying successive start positions
 * (only the first if anchored). Returns the MatchState positioned on the
 * match, or null.
 */
function search(src: string, pat: string, init: number, meter: StepMeter | undefined): MatchState | null {
  const { anchor, p0 } = anchorOf(pat);
  const ms = new MatchState(src, pat, meter);
  const first = anchor ? -1 : literalHead(pat, p0);
  const head = first < 0 && !anchor && src.length - init >= HEAD_MIN_SCAN ? headTableFor(ms, pat, p0) : null;
  let s = init;
  do {
    if (first >= 0) {
      // A match must start with this byte: skip to its next occurrence.
      s = src.indexOf(String.fromCharCode(first), s);
      if (s < 0) return null;
    } else if (head !== null) {
      s = skipToHead(ms, head, src, s, src.length);
    }
    if (ms.matchAt(s, p0)) return ms;
  } while (s++ < src.length && !anchor);
  return null;
}

/**
 * If every match of the pattern from `p` must begin with one literal byte,
 * that byte; else -1. (A plain character not followed by a suffix that
 * allows zero repetitions.)
 */
function literalHead(pat: string, p: number): number {
  if (p >= pat.length) return -1;
  let c = pat.charCodeAt(p);
  if (c === L_ESC) {
    // An escaped punctuation character ('%[', '%.') is a literal too.
    c = pat.charCodeAt(p + 1); // NaN at the end: malformed, left to the matcher
    if (!(c < 0x80) || (CTYPE[c]! & LETTER_BIT[0x77 /* w */]!) !== 0) return -1;
    p++;
  } else if (SPECIALS.test(pat[p]!) || c === CLOSE) {
    return -1;
  }
  const next = pat.charCodeAt(p + 1);
  if (next === STAR || next === QUEST || next === MINUS) return -1;
  return c;
}

/** string.find. `plain` (or a pattern without specials) searches with indexOf. */
export function find(
  src: string,
  pat: string,
  init: number | bigint = 1,
  plain = false,
  meter?: StepMeter,
): FindResult | null {
  const i = posrelatI(init, src.length) - 1;
  if (i > src.length) return null; // start after the end: cannot find anything
  if (plain || noSpecials(pat)) {
    const at = src.indexOf(pat, i);
    if (meter !== undefined) chargeMeter(meter, (at < 0 ? src.length : at) - i + 1);
    return at < 0 ? null : { start: at + 1, end: at + pat.length, captures: [] };
  }
  const ms = search(src, pat, i, meter);
  if (ms === null) return null;
  return { start: ms.start + 1, end: ms.end, captures: ms.captures(false) };
}

/** string.match: the captures (or the whole match), or null. */
export function match(src: string, pat: string, init: number | bigint = 1, meter?: StepMeter): Capture[] | null {
  const i = posrelatI(init, src.length) - 1;
  if (i > src.length) return null;
  const ms = search(src, pat, i, meter);
  return ms === null ? null : ms.captures(true);
}

function chargeMeter(m: StepMeter, n: number): void {
  if ((m.left -= n) <= 0) m.refill();
}

/**
 * The state of a string.gmatch iterator. Each `next()` returns the next
 * match's captures (whole match if none) or null when exhausted. As in 5.4,
 * '^' is not an anchor here (it would stop the iteration), and a match may
 * not end where the previous one ended (no empty match right after a match).
 */
export class GmatchIterator {
  private readonly ms: MatchState;
  private pos: number;
  private lastMatch = -1;
  private readonly head: Uint8Array | null;

  constructor(src: string, pat: string, init: number | bigint = 1, meter?: StepMeter) {
    let i = posrelatI(init, src.length) - 1;
    if (i > src.length) i = src.length + 1; // start after the end: no match
    this.pos = i;
    this.ms = new MatchState(src, pat, meter);
    this.head = src.length - i >= HEAD_MIN_SCAN ? headTableFor(this.ms, pat, 0) : null;
  }

  next(): Capture[] | null {
    const ms = this.ms;
    const end = ms.src.length;
    const head = this.head;
    for (let s = this.pos; s <= end; s++) {
      if (head !== null) s = skipToHead(ms, head, ms.src, s, end);
      if (ms.matchAt(s, 0) && ms.end !== this.lastMatch) {
        this.pos = this.lastMatch = ms.end;
        return ms.captures(true);
      }
    }
    this.pos = end + 1;
    return null;
  }
}

/** string.gmatch. */
export function gmatch(src: string, pat: string, init: number | bigint = 1, meter?: StepMeter): GmatchIterator {
  return new GmatchIterator(src, pat, init, meter);
}

/**
 * A gsub replacement computed by the caller (for a table or function
 * replacement): given the match state positioned on a match, return the
 * replacement text, or undefined to keep the match unchanged (the value was
 * false or nil). The callback takes what it needs: `ms.capture(0)` for a
 * table key, `ms.captures(true)` for function arguments; errors such as
 * "unfinished capture" then arise exactly where the reference raises them.
 */
export type GsubCallback = (ms: MatchState) => string | undefined;

/** Result of {@link gsub}. */
export interface GsubResult {
  result: string;
  count: number;
}

/**
 * Expand a gsub replacement string for the current match: `%0` is the whole
 * match, `%1`..`%9` the captures (`%1` is the whole match if there are
 * none), `%%` a percent sign; anything else after '%' is an error.
 */
export function expandReplacement(ms: MatchState, repl: string): string {
  let at = repl.indexOf('%');
  if (at < 0) return repl;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const c = repl.charCodeAt(at + 1); // NaN if '%' ends the string
    let piece: string;
    if (c === L_ESC) piece = '%';
    else if (c === DIGIT_0) piece = ms.src.slice(ms.start, ms.end);
    else if (c > DIGIT_0 && c <= DIGIT_9) piece = String(ms.capture(c - DIGIT_0 - 1));
    else throw new PatternError("invalid use of '%' in replacement string");
    checkLength(out.length + (at - from) + piece.length);
    out += repl.slice(from, at) + piece;
    from = at + 2;
    at = repl.indexOf('%', from);
  }
  return out + repl.slice(from);
}

/**
 * string.gsub. `repl` is a replacement string (expanded with
 * {@link expandReplacement}) or a callback for table/function replacements.
 * `maxN` defaults to "all" (the reference's `#src + 1`).
 */
export function gsub(
  src: string,
  pat: string,
  repl: string | GsubCallback,
  maxN?: number | bigint,
  meter?: StepMeter,
): GsubResult {
  const { anchor, p0 } = anchorOf(pat);
  const max = maxN === undefined ? src.length + 1 : maxN;
  const ms = new MatchState(src, pat, meter);
  const end = src.length;
  let out = '';
  let copiedTo = 0; // src[copiedTo, s) still has to be copied to `out`
  let s = 0;
  let lastMatch = -1;
  let count = 0;
  let changed = false;
  const head = !anchor && end >= HEAD_MIN_SCAN ? headTableFor(ms, pat, p0) : null;
  while (count < max) {
    if (head !== null && s < end && head[src.charCodeAt(s)] === 0) {
      s = skipToHead(ms, head, src, s + 1, end); // no match can start before s
      ms.chargeSkipped(1);
      continue;
    }
    if (ms.matchAt(s, p0) && ms.end !== lastMatch) {
      count++;
      const text = typeof repl === 'string' ? expandReplacement(ms, repl) : repl(ms);
      const piece = text === undefined ? src.slice(s, ms.end) : text; // undefined: keep the match
      if (text !== undefined) changed = true;
      checkLength(out.length + (s - copiedTo) + piece.length);
      meter?.bytes?.(s - copiedTo + piece.length);
      out += src.slice(copiedTo, s) + piece;
      s = lastMatch = copiedTo = ms.end;
    } else if (s < end) {
      s++; // the byte is copied later, in bulk
    } else {
      break;
    }
    if (anchor) break;
  }
  if (!changed) return { result: src, count };
  checkLength(out.length + (end - copiedTo));
  meter?.bytes?.(end - copiedTo);
  return { result: out + src.slice(copiedTo), count };
}
