/**
 * The string library (the reference's lstrlib.c): the Lua-facing glue over
 * the pure engines in `string/` (patterns, format, pack), plus the simple
 * functions and the string metatable (`("x"):upper()`, and the arithmetic
 * metamethods through which 5.4 coerces numeric strings).
 */

import { ArithOp, str2number, type LuaInteger } from '../value/number.js';
import { LuaFloat, isFalse, type LuaValue } from '../value/value.js';
import { callValue } from '../vm/call.js';
import { HostFunction, LuaClosure, type HostFn } from '../vm/function.js';
import { arith as vmArith, index } from '../vm/operations.js';
import { getmetatable, typeName } from '../vm/metamethods.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { argError, chargeBytes, checkInteger, checkString, luaError, newString, optInteger, ret, typeError } from './args.js';
import { newLib, type LibTable } from './register.js';
import { pointerOf, tolstring, toStringOrUndefined, typeNameForMessages } from './tostring.js';
import { dumpFunction } from '../bytecode/luac.js';
import { engine, posrelatI } from './string/lib-error.js';
import { format, type FormatHooks } from './string/format.js';
import { pack, packsize, unpack } from './string/pack.js';
import { find, gmatch, GmatchIterator, gsub, match, type Capture, type MatchState } from './string/pattern.js';
import { MAX_SIZE, MAX_STRING } from '../value/limits.js';
import { HOST_CLOSURE, SLOT, USERDATA, charge } from '../vm/heap.js';
import { LuaUserdata } from '../vm/userdata.js';
import { WorkMeter } from '../vm/budget.js';


function endpos(L: LuaState, base: number, nargs: number, arg: number, def: LuaInteger, len: number): number {
  const pos = optInteger(L, base, nargs, arg, def);
  if (pos > len) return len;
  if (pos >= 0) return Number(pos);
  if (pos < -len) return 0;
  return len + Number(pos) + 1;
}

const len: HostFn = (L, base, nargs) => ret(L, checkString(L, base, nargs, 1).length);

const sub: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const l = s.length;
  const start = posrelatI(checkInteger(L, base, nargs, 2), l);
  const end = endpos(L, base, nargs, 3, -1, l);
  if (start > end) return ret(L, '');
  chargeBytes(L, end - start + 1);
  return ret(L, s.slice(start - 1, end));
};

/** The C locale's toupper/tolower touch ASCII letters only (not latin1 bytes). */
/** Any byte >= 0x80: JS case mapping would touch latin1 letters (and 0xDF, 0xFF, 0xB5 grow or leave the byte range). */
const HIGH_BYTE = /[\x80-\xff]/;
const upper: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  chargeBytes(L, s.length);
  return ret(L, HIGH_BYTE.test(s) ? s.replace(/[a-z]+/g, (m) => m.toUpperCase()) : s.toUpperCase());
};
const lower: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  chargeBytes(L, s.length);
  return ret(L, HIGH_BYTE.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s.toLowerCase());
};

const rep: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const n = checkInteger(L, base, nargs, 2);
  const sep = nargs >= 3 && L.stack[base + 2] !== undefined ? checkString(L, base, nargs, 3) : '';
  if (n <= 0) return ret(L, '');
  const unit = s.length + sep.length;
  if (unit === 0) return ret(L, '');
  // the reference's own test (str_rep), integer division included: 'a' with a
  // separator, 2^30 times, is too large although the result would fit in an int
  if (unit > Math.floor(MAX_SIZE / Number(n))) return luaError(L, 'resulting string too large');
  const count = Number(n);
  chargeBytes(L, unit * count - sep.length); // a memory limit refuses it here, before the engine's own limit
  if (unit * count - sep.length > MAX_STRING) return luaError(L, 'not enough memory');
  const r = sep === '' ? s.repeat(count) : (s + sep).repeat(count - 1) + s;
  // V8 builds a repetition as a tree of joined pieces (a 100-byte result
  // took 200 bytes); reading a byte makes it one flat string, as charged
  r.charCodeAt(0);
  return ret(L, r);
};

/** Build a string of `n` bytes from `byteAt` (in chunks: fromCharCode.apply has an argument limit). */
function bytesToString(n: number, byteAt: (i: number) => number): string {
  const buf = new Uint8Array(n);
  for (let i = 0; i < n; i++) buf[i] = byteAt(i);
  let out = '';
  for (let i = 0; i < n; i += 8192) {
    out += String.fromCharCode.apply(null, buf.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}

const reverse: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  chargeBytes(L, s.length);
  // Strings hold bytes (code units < 256, no surrogate pairs), so reversing code units is exact.
  if (s.length < 32) {
    let out = '';
    for (let i = s.length - 1; i >= 0; i--) out += s[i];
    return ret(L, out);
  }
  return ret(L, bytesToString(s.length, (i) => s.charCodeAt(s.length - 1 - i)));
};

const byte: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const l = s.length;
  const i = optInteger(L, base, nargs, 2, 1);
  const pi = posrelatI(i, l);
  const pose = endpos(L, base, nargs, 3, i, l); // j defaults to i itself, not to its normalised form
  
  if (pi > pose) return 0;
  const n = pose - pi + 1;
  if (n >= 0x7fffffff) return luaError(L, 'string slice too long');
  for (let i = 0; i < n; i++) L.stack[L.top++] = s.charCodeAt(pi - 1 + i);
  return n;
};

const char: HostFn = (L, base, nargs) => {
  chargeBytes(L, nargs);
  let out = '';
  for (let i = 1; i <= nargs; i++) {
    const c = checkInteger(L, base, nargs, i);
    if (!(c >= 0 && c <= 255)) argError(L, i, 'value out of range');
    out += String.fromCharCode(Number(c));
  }
  return ret(L, out);
};

// ---- patterns

function pushCaptures(L: LuaState, caps: Capture[]): number {
  for (const c of caps) L.stack[L.top++] = typeof c === 'string' ? newString(L, c) : c;
  return caps.length;
}

const strfind: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const init = optInteger(L, base, nargs, 3, 1);
  const plain = nargs >= 4 && !isFalse(L.stack[base + 3]);
  const meter = new WorkMeter(L).begin(L);
  const r = engine(L, () => find(s, p, init, plain, meter));
  meter.end();
  if (r === null) return ret(L, undefined);
  L.stack[L.top++] = r.start;
  L.stack[L.top++] = r.end;
  return 2 + pushCaptures(L, r.captures);
};

const strmatch: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const init = optInteger(L, base, nargs, 3, 1);
  const meter = new WorkMeter(L).begin(L);
  const caps = engine(L, () => match(s, p, init, meter));
  meter.end();
  if (caps === null) return ret(L, undefined);
  return pushCaptures(L, caps);
};

/**
 * The iterator string.gmatch returns: a host closure whose upvalues are, as
 * in the reference, the subject, the pattern and a userdata holding the
 * match state (debug.getupvalue shows them; debug.setupvalue can replace
 * them, hence the check).
 */
const gmatchAux: HostFn = (L) => {
  const ud = (L.stack[L.ci.func] as HostFunction).upvalues[2];
  const state = ud instanceof LuaUserdata ? ud.data : undefined;
  if (!(state instanceof GmatchState)) return luaError(L, 'gmatch state expected');
  const { it, meter } = state;
  meter.begin(L);
  const caps = engine(L, () => it.next());
  meter.end();
  if (caps === null) return 0;
  return pushCaptures(L, caps);
};

/** What a gmatch iterator keeps between calls. */
class GmatchState {
  constructor(readonly it: GmatchIterator, readonly meter: WorkMeter) {}
}

/** string.gmatch (s, pattern [, init]) (§6.4.1). */
const strgmatch: HostFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const init = optInteger(L, base, nargs, 3, 1);
  const meter = new WorkMeter(L);
  charge(L.g.heap, HOST_CLOSURE + 3 * SLOT + USERDATA);
  const state = new LuaUserdata(new GmatchState(gmatch(s, p, init, meter), meter), 0);
  return ret(L, new HostFunction(gmatchAux, 'gmatch_aux', [s, p, state]));
};

/** The replacement for one match from a table or function (add_value in lstrlib.c). */
function replacementValue(L: LuaState, repl: LuaValue, ms: MatchState): string | undefined {
  let v: LuaValue;
  if (repl instanceof LuaTable) {
    v = index(L, repl, ms.capture(0), undefined);
  } else {
    const caps = ms.captures(true);
    const func = L.top;
    L.stack[func] = repl;
    for (let i = 0; i < caps.length; i++) L.stack[func + 1 + i] = caps[i];
    L.top = func + 1 + caps.length;
    callValue(L, func, 1);
    v = L.stack[--L.top];
  }
  if (isFalse(v)) return undefined; // keep the original text
  const s = toStringOrUndefined(v);
  if (s === undefined) return luaError(L, `invalid replacement value (a ${typeName(v)})`);
  return s;
}

const strgsub: HostFn = (L, base, nargs) => {
  const src = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const repl = nargs >= 3 ? L.stack[base + 2] : undefined;
  const maxN = nargs >= 4 && L.stack[base + 3] !== undefined ? checkInteger(L, base, nargs, 4) : undefined;
  const rs = toStringOrUndefined(repl);
  if (rs === undefined && !(repl instanceof LuaTable || repl instanceof LuaClosure || repl instanceof HostFunction)) {
    return typeError(L, base, nargs, 3, 'string/function/table');
  }
  const meter = new WorkMeter(L).begin(L);
  const r = engine(L, () => gsub(src, p, rs !== undefined ? rs : (ms) => {
    // the replacement may run Lua code, which charges the counter itself
    meter.end();
    const v = replacementValue(L, repl, ms);
    meter.begin(L);
    return v;
  }, maxN, meter));
  meter.end();
  return ret(L, r.result, r.count); // its bytes were charged as it grew (WorkMeter.bytes)
};

// ---- format, pack, dump

const strformat: HostFn = (L, base, nargs) => {
  const fmt = checkString(L, base, nargs, 1);
  const args = L.stack.slice(base + 1, base + nargs);
  const hooks: FormatHooks = {
    tostring: (v) => tolstring(L, v),
    typeName: typeNameForMessages,
    topointer: (v) => pointerOf(L, v),
  };
  return ret(L, newString(L, engine(L, () => format(fmt, args, hooks))));
};

const strpack: HostFn = (L, base, nargs) => {
  const fmt = checkString(L, base, nargs, 1);
  const args = L.stack.slice(base + 1, base + nargs);
  // the result's bytes are charged as the format is read (reserve), before they exist
  return ret(L, engine(L, () => pack(fmt, args, { typeName: typeNameForMessages, reserve: (n) => chargeBytes(L, n) })));
};

const strunpack: HostFn = (L, base, nargs) => {
  const fmt = checkString(L, base, nargs, 1);
  const data = checkString(L, base, nargs, 2);
  const init = optInteger(L, base, nargs, 3, 1);
  const r = engine(L, () => unpack(fmt, data, init));
  for (const v of r.values) L.stack[L.top++] = typeof v === 'string' ? newString(L, v) : v;
  L.stack[L.top++] = r.next;
  return r.values.length + 1;
};

const strpacksize: HostFn = (L, base, nargs) => {
  const fmt = checkString(L, base, nargs, 1);
  return ret(L, engine(L, () => packsize(fmt)));
};

const strdump: HostFn = (L, base, nargs) => {
  const f = nargs >= 1 ? L.stack[base] : undefined;
  if (!(f instanceof LuaClosure || f instanceof HostFunction)) return typeError(L, base, nargs, 1, 'function');
  const strip = nargs >= 2 && !isFalse(L.stack[base + 1]);
  const chunk = dumpFunction(f, strip);
  if (chunk === undefined) return luaError(L, 'unable to dump given function');
  return ret(L, newString(L, chunk));
};

// ---- the string metatable's arithmetic (5.4 coerces numeric strings here, not in the VM)

function tonum(v: LuaValue): LuaValue {
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return v;
  if (typeof v === 'string') return str2number(v);
  return undefined;
}

function stringArith(op: ArithOp, event: string): HostFn {
  return (L, base, nargs) => {
    const a = L.stack[base];
    const b = nargs >= 2 ? L.stack[base + 1] : undefined;
    const x = tonum(a);
    const y = tonum(b);
    if (x !== undefined && y !== undefined) return ret(L, vmArith(L, op, x, y, undefined, undefined));
    // trymt: the second operand's own metamethod, if it is not a string
    const mm = typeof b === 'string' ? undefined : getmetatable(L, b)?.getStr(event);
    if (mm === undefined) {
      return luaError(L, `attempt to ${event.slice(2)} a '${typeName(a)}' with a '${typeName(b)}'`);
    }
    const func = L.top;
    L.stack[func] = mm;
    L.stack[func + 1] = a;
    L.stack[func + 2] = b;
    L.top = func + 3;
    callValue(L, func, 1);
    return 1;
  };
}

const ARITH_EVENTS: ReadonlyArray<[string, ArithOp]> = [
  ['__add', ArithOp.ADD], ['__sub', ArithOp.SUB], ['__mul', ArithOp.MUL], ['__mod', ArithOp.MOD],
  ['__pow', ArithOp.POW], ['__div', ArithOp.DIV], ['__idiv', ArithOp.IDIV], ['__unm', ArithOp.UNM],
];

export const stringLib: LibTable = {
  byte, char, dump: strdump, find: strfind, format: strformat, gmatch: strgmatch, gsub: strgsub, len, lower,
  match: strmatch, pack: strpack, packsize: strpacksize, rep, reverse, sub, unpack: strunpack, upper,
};

/** Build the string table and install the string metatable (luaopen_string). */
export function openString(L: LuaState): LuaTable {
  const lib = newLib(L, stringLib, 'string.');
  const mt = new LuaTable(L.g.heap);
  for (const [event, op] of ARITH_EVENTS) mt.setStr(event, new HostFunction(stringArith(op, event), event));
  mt.setStr('__index', lib);
  L.g.typeMetatables.set('string', mt);
  return lib;
}

