/**
 * The lexer (llex.c): turns the chunk's bytes into tokens.
 *
 * The source is a JS string whose char codes are bytes (0..255). The lexer
 * walks it with charCodeAt and slices whole runs of text (names, plain
 * string contents) instead of saving character by character.
 *
 * Error messages quote the "buffer": the text of the token being read, as
 * the reference keeps it (string delimiters included, escapes already
 * decoded). `buff` mirrors that buffer so "near '...'" parts come out the same.
 */

import { LuaFloat } from '../value/value.js';
import { str2number } from '../value/number.js';
import { chunkid } from './chunkid.js';
import { internShort } from '../value/intern.js';
import { LuaSyntaxError } from './syntax-error.js';

/** Tokens: single-character tokens are their char code; the others start at 256. */
export const enum T {
  FIRST_RESERVED = 256,
  AND = 256, BREAK, DO, ELSE, ELSEIF, END, FALSE, FOR, FUNCTION,
  GOTO, IF, IN, LOCAL, NIL, NOT, OR, REPEAT,
  RETURN, THEN, TRUE, UNTIL, WHILE,
  // other terminal symbols
  IDIV, CONCAT, DOTS, EQ, GE, LE, NE,
  SHL, SHR, DBCOLON, EOS,
  FLT, INT, NAME, STRING,
}

const TOKEN_NAMES: readonly string[] = [
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function',
  'goto', 'if', 'in', 'local', 'nil', 'not', 'or', 'repeat',
  'return', 'then', 'true', 'until', 'while',
  '//', '..', '...', '==', '>=', '<=', '~=',
  '<<', '>>', '::', '<eof>',
  '<number>', '<integer>', '<name>', '<string>',
];

const NUM_RESERVED = T.WHILE - T.FIRST_RESERVED + 1;

/** The reserved words, in the order of their tokens. */
export const RESERVED_WORDS: readonly string[] = TOKEN_NAMES.slice(0, NUM_RESERVED);

/** Reserved words, looked up once per name. */
const RESERVED = new Map<string, number>();
for (let i = 0; i < NUM_RESERVED; i++) RESERVED.set(TOKEN_NAMES[i] as string, T.FIRST_RESERVED + i);

/** Character classes (lctype.c, without LUA_UCID): bit flags per byte. */
const C_ALPHA = 1, C_DIGIT = 2, C_XDIGIT = 4, C_SPACE = 8, C_PRINT = 16;
const CTYPE = new Uint8Array(257); // index c + 1 so that EOZ (-1) is 0
for (let c = 0; c < 256; c++) {
  let f = 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) f |= C_ALPHA;
  if (c >= 48 && c <= 57) f |= C_DIGIT | C_XDIGIT;
  if ((c >= 65 && c <= 70) || (c >= 97 && c <= 102)) f |= C_XDIGIT;
  if (c === 32 || (c >= 9 && c <= 13)) f |= C_SPACE;
  if (c >= 32 && c < 127) f |= C_PRINT;
  CTYPE[c + 1] = f;
}
const isalpha = (c: number): boolean => ((CTYPE[c + 1] as number) & C_ALPHA) !== 0;
const isalnum = (c: number): boolean => ((CTYPE[c + 1] as number) & (C_ALPHA | C_DIGIT)) !== 0;
const isdigit = (c: number): boolean => ((CTYPE[c + 1] as number) & C_DIGIT) !== 0;
const isxdigit = (c: number): boolean => ((CTYPE[c + 1] as number) & C_XDIGIT) !== 0;
const isspace = (c: number): boolean => ((CTYPE[c + 1] as number) & C_SPACE) !== 0;
const isprint = (c: number): boolean => ((CTYPE[c + 1] as number) & C_PRINT) !== 0;

const EOZ = -1;
const NL = 10, CR = 13;

function hexavalue(c: number): number {
  return isdigit(c) ? c - 48 : (c | 0x20) - 87;
}

/** Semantic value of a token: names and strings carry text, numerals their value. */
export type SemInfo = string | number | bigint | LuaFloat | undefined;

export interface Token {
  token: number;
  seminfo: SemInfo;
}

export class Lexer {
  /** Current character (EOZ at the end). */
  private current = EOZ;
  /** Index of the character after `current`. */
  private p = 0;
  /** Text of the token being read, for error messages (see the module comment). */
  private buff = '';
  /** Input line counter. */
  linenumber = 1;
  /** Line of the last token consumed (instructions take this line). */
  lastline = 1;
  /** Current token. */
  readonly t: Token = { token: 0, seminfo: undefined };
  /** Look-ahead token (token === T.EOS ... no: 0 when absent). */
  private readonly ahead: Token = { token: 0, seminfo: undefined };
  private hasAhead = false;
  readonly chunkid: string;

  constructor(private readonly src: string, readonly source: string) {
    this.chunkid = chunkid(source);
    this.next();
  }

  // ---- character stream

  private next(): void {
    const p = this.p;
    this.current = p < this.src.length ? this.src.charCodeAt(p) : EOZ;
    this.p = p + 1;
  }

  /** The current character (a method, so that TS does not narrow it across next()). */
  private peek(): number {
    return this.current;
  }

  private saveAndNext(): void {
    this.buff += String.fromCharCode(this.current);
    this.next();
  }

  private currIsNewline(): boolean {
    return this.current === NL || this.current === CR;
  }

  /** Skip '\n', '\r', '\n\r' or '\r\n' and count one line. */
  private inclinenumber(): void {
    const old = this.current;
    this.next();
    if (this.currIsNewline() && this.current !== old) this.next();
    if (++this.linenumber >= 0x7fffffff) this.lexerror('chunk has too many lines', 0);
  }

  private checkNext1(c: number): boolean {
    if (this.current === c) {
      this.next();
      return true;
    }
    return false;
  }

  /** If current is one of the two chars of `set`, save it and advance. */
  private checkNext2(c1: number, c2: number): boolean {
    if (this.current === c1 || this.current === c2) {
      this.saveAndNext();
      return true;
    }
    return false;
  }

  // ---- errors

  /** luaX_token2str: how a token is named in messages. */
  token2str(token: number): string {
    if (token < T.FIRST_RESERVED) {
      return isprint(token) ? `'${String.fromCharCode(token)}'` : `'<\\${token}>'`;
    }
    const s = TOKEN_NAMES[token - T.FIRST_RESERVED] as string;
    return token < T.EOS ? `'${s}'` : s;
  }

  private txtToken(token: number): string {
    switch (token) {
      case T.NAME: case T.STRING: case T.FLT: case T.INT:
        return `'${this.buff}'`;
      default:
        return this.token2str(token);
    }
  }

  /** Raise "chunk:line: msg near token"; token 0 omits the "near" part. */
  lexerror(msg: string, token: number): never {
    let m = `${this.chunkid}:${this.linenumber}: ${msg}`;
    if (token !== 0) m += ` near ${this.txtToken(token)}`;
    throw new LuaSyntaxError(m);
  }

  /** Error at the current token. */
  syntaxerror(msg: string): never {
    return this.lexerror(msg, this.t.token);
  }

  /** Error without the "near" part (luaK_semerror). */
  semerror(msg: string): never {
    return this.lexerror(msg, 0);
  }

  // ---- tokens

  /** Advance to the next token (luaX_next). */
  advance(): void {
    this.lastline = this.linenumber;
    if (this.hasAhead) {
      this.t.token = this.ahead.token;
      this.t.seminfo = this.ahead.seminfo;
      this.hasAhead = false;
    } else {
      this.t.token = this.llex(this.t);
    }
  }

  /** Peek at the token after the current one (luaX_lookahead). */
  lookahead(): number {
    this.ahead.token = this.llex(this.ahead);
    this.hasAhead = true;
    return this.ahead.token;
  }

  private llex(tok: Token): number {
    this.buff = '';
    tok.seminfo = undefined;
    for (;;) {
      const c = this.current;
      switch (c) {
        case NL: case CR:
          this.inclinenumber();
          break;
        case 32: case 12: case 9: case 11: // ' ', '\f', '\t', '\v'
          this.next();
          break;
        case 45: { // '-'
          this.next();
          if (this.current !== 45) return 45;
          this.next();
          if (this.peek() === 91 /* '[' */) {
            const sep = this.skipSep();
            this.buff = '';
            if (sep >= 2) {
              this.readLongString(undefined, sep);
              this.buff = '';
              break;
            }
          }
          this.skipLine();
          break;
        }
        case 91: { // '['
          const sep = this.skipSep();
          if (sep >= 2) {
            this.readLongString(tok, sep);
            return T.STRING;
          }
          if (sep === 0) this.lexerror('invalid long string delimiter', T.STRING);
          return 91;
        }
        case 61: // '='
          this.next();
          return this.checkNext1(61) ? T.EQ : 61;
        case 60: // '<'
          this.next();
          if (this.checkNext1(61)) return T.LE;
          if (this.checkNext1(60)) return T.SHL;
          return 60;
        case 62: // '>'
          this.next();
          if (this.checkNext1(61)) return T.GE;
          if (this.checkNext1(62)) return T.SHR;
          return 62;
        case 47: // '/'
          this.next();
          return this.checkNext1(47) ? T.IDIV : 47;
        case 126: // '~'
          this.next();
          return this.checkNext1(61) ? T.NE : 126;
        case 58: // ':'
          this.next();
          return this.checkNext1(58) ? T.DBCOLON : 58;
        case 34: case 39: // '"', '\''
          this.readString(c, tok);
          return T.STRING;
        case 46: // '.'
          this.saveAndNext();
          if (this.checkNext1(46)) return this.checkNext1(46) ? T.DOTS : T.CONCAT;
          if (!isdigit(this.current)) return 46;
          return this.readNumeral(tok);
        case EOZ:
          return T.EOS;
        default: {
          if (isdigit(c)) return this.readNumeral(tok);
          if (isalpha(c)) return this.readName(tok);
          this.next(); // single-char token
          return c;
        }
      }
    }
  }

  private skipLine(): void {
    const src = this.src;
    let p = this.p - 1;
    while (p < src.length) {
      const c = src.charCodeAt(p);
      if (c === NL || c === CR) break;
      p++;
    }
    this.p = p;
    this.next();
  }

  private readName(tok: Token): number {
    const src = this.src;
    const start = this.p - 1;
    let p = this.p;
    while (p < src.length && isalnum(src.charCodeAt(p))) p++;
    const name = internShort(src.slice(start, p));
    this.p = p;
    this.next();
    this.buff = name;
    const reserved = RESERVED.get(name);
    if (reserved !== undefined) return reserved;
    tok.seminfo = name;
    return T.NAME;
  }

  private readNumeral(tok: Token): number {
    let e1 = 69, e2 = 101; // 'E', 'e'
    const first = this.current;
    this.saveAndNext();
    if (first === 48 && this.checkNext2(88, 120)) { // "0x"
      e1 = 80; e2 = 112; // 'P', 'p'
    }
    for (;;) {
      if (this.checkNext2(e1, e2)) this.checkNext2(45, 43); // optional exponent sign
      else if (isxdigit(this.current) || this.current === 46) this.saveAndNext();
      else break;
    }
    if (isalpha(this.current)) this.saveAndNext(); // numeral touching a letter: force an error
    const v = smallDecimal(this.buff) ?? str2number(this.buff);
    if (v === undefined) this.lexerror('malformed number', T.FLT);
    tok.seminfo = v;
    return typeof v === 'number' ? (Number.isInteger(v) ? T.INT : T.FLT)
      : typeof v === 'bigint' ? T.INT : T.FLT;
  }

  /**
   * Reads '[' '='* and returns 2 + the count of '=' if the bracket is
   * complete, 1 for a lone bracket, 0 for '[=' ... without the second bracket.
   */
  private skipSep(): number {
    let count = 0;
    const s = this.current;
    this.saveAndNext();
    while (this.current === 61) {
      this.saveAndNext();
      count++;
    }
    return this.current === s ? count + 2 : count === 0 ? 1 : 0;
  }

  /** Long string or comment (tok undefined); the opening bracket has been read. */
  private readLongString(tok: Token | undefined, sep: number): void {
    const line = this.linenumber;
    this.saveAndNext(); // skip second '['
    if (this.currIsNewline()) this.inclinenumber(); // first newline is skipped
    const src = this.src;
    for (;;) {
      // copy a run of ordinary characters at once
      const start = this.p - 1;
      let p = start;
      while (p < src.length) {
        const c = src.charCodeAt(p);
        if (c === 93 || c === NL || c === CR) break;
        p++;
      }
      if (p > start) {
        if (tok !== undefined) this.buff += src.slice(start, p);
        this.p = p;
        this.next();
      }
      switch (this.current) {
        case EOZ: {
          const what = tok !== undefined ? 'string' : 'comment';
          this.lexerror(`unfinished long ${what} (starting at line ${line})`, T.EOS);
          break;
        }
        case 93: // ']'
          if (this.skipSep() === sep) {
            this.saveAndNext(); // skip second ']'
            if (tok !== undefined) tok.seminfo = this.buff.slice(sep, this.buff.length - sep);
            return;
          }
          break;
        case NL: case CR:
          this.buff += '\n';
          this.inclinenumber();
          if (tok === undefined) this.buff = ''; // comments need no text
          break;
      }
    }
  }

  /** Raise an escape error, quoting the escape read so far plus the offending char. */
  private escerror(msg: string): never {
    if (this.current !== EOZ) this.saveAndNext();
    return this.lexerror(msg, T.STRING);
  }

  private gethexa(): number {
    this.saveAndNext();
    if (!isxdigit(this.current)) this.escerror('hexadecimal digit expected');
    return hexavalue(this.current);
  }

  private readHexaEsc(): number {
    let r = this.gethexa();
    return (r << 4) + this.gethexa();
  }

  private readUtf8Esc(): number {
    this.saveAndNext(); // skip 'u'
    if (this.current !== 123 /* '{' */) this.escerror("missing '{'");
    let r = this.gethexa(); // must have at least one digit
    for (;;) {
      this.saveAndNext();
      if (!isxdigit(this.current)) break;
      if (r > (0x7fffffff >>> 4)) this.escerror('UTF-8 value too large');
      r = r * 16 + hexavalue(this.current);
    }
    if (this.peek() !== 125 /* '}' */) this.escerror("missing '}'");
    this.next(); // skip '}'
    return r;
  }

  private readDecEsc(): number {
    let r = 0;
    for (let i = 0; i < 3 && isdigit(this.current); i++) {
      r = 10 * r + this.current - 48;
      this.saveAndNext();
    }
    if (r > 255) this.escerror('decimal escape too large');
    return r;
  }

  private readString(del: number, tok: Token): void {
    const src = this.src;
    this.saveAndNext(); // keep the delimiter for error messages
    for (;;) {
      // copy a run of ordinary characters at once
      const start = this.p - 1;
      let p = start;
      while (p < src.length) {
        const c = src.charCodeAt(p);
        if (c === del || c === 92 || c === NL || c === CR) break;
        p++;
      }
      if (p > start) {
        this.buff += src.slice(start, p);
        this.p = p;
        this.next();
      }
      const c = this.current;
      if (c === del) break;
      if (c === EOZ) this.lexerror('unfinished string', T.EOS);
      if (c === NL || c === CR) this.lexerror('unfinished string', T.STRING);
      this.readEscape(); // c === '\\'
    }
    this.saveAndNext(); // skip the closing delimiter
    const str = this.buff.slice(1, -1);
    tok.seminfo = internShort(str);
  }

  /** Simple escapes and the character each stands for. */
  private static readonly SIMPLE_ESC: Readonly<Record<number, number>> = {
    97: 7, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11, // a b f n r t v
    92: 92, 34: 34, 39: 39, // \\ \" \'
  };

  /**
   * Reads one escape sequence. The escape's own text is kept in the buffer
   * while it is read (error messages quote it), then replaced by its value.
   */
  private readEscape(): void {
    const base = this.buff;
    this.saveAndNext(); // keep '\\' for error messages
    const c = this.current;
    const simple = Lexer.SIMPLE_ESC[c];
    if (simple !== undefined) {
      this.next();
      this.buff = base + String.fromCharCode(simple);
      return;
    }
    switch (c) {
      case 120: { // 'x'
        const v = this.readHexaEsc();
        this.next();
        this.buff = base + String.fromCharCode(v);
        return;
      }
      case 117: // 'u'
        this.buff = base + utf8esc(this.readUtf8Esc());
        return;
      case NL: case CR:
        this.inclinenumber();
        this.buff = base + '\n';
        return;
      case EOZ:
        return; // will raise an error in the next loop
      case 122: // 'z': skip the following span of spaces
        this.buff = base;
        this.next();
        while (isspace(this.current)) {
          if (this.currIsNewline()) this.inclinenumber();
          else this.next();
        }
        return;
      default: {
        if (!isdigit(c)) this.escerror('invalid escape sequence');
        this.buff = base + String.fromCharCode(this.readDecEsc());
        return;
      }
    }
  }
}

/** Fast path for the most common numerals: up to 15 decimal digits (always a safe integer). */
function smallDecimal(s: string): number | undefined {
  const n = s.length;
  if (n > 15) return undefined;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return v;
}

/** luaO_utf8esc: encode x (< 2^31) as a UTF-8-like sequence of up to 6 bytes. */
export function utf8esc(x: number): string {
  if (x < 0x80) return String.fromCharCode(x);
  const bytes: number[] = [];
  let mfb = 0x3f; // maximum that fits in the first byte
  do {
    bytes.push(0x80 | (x & 0x3f));
    x = Math.floor(x / 64);
    mfb >>= 1;
  } while (x > mfb);
  bytes.push(((~mfb << 1) | x) & 0xff);
  bytes.reverse();
  return String.fromCharCode(...bytes);
}
