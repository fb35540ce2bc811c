/**
 * The base library (the reference's lbaselib.c): print, type, tostring,
 * tonumber, pairs/ipairs/next, select, raw access, metatables, assert,
 * error, pcall/xpcall, load/loadfile/dofile, collectgarbage, warn.
 */

import { chargeWork } from '../vm/budget.js';
import { iadd, str2number, tonumberBase, tostringNumber } from '../value/number.js';
import { LuaFloat, isFalse, type LuaValue } from '../value/value.js';
import { callk, pcallk, runerror, throwValue } from '../vm/call.js';
import { HostFunction, LuaClosure, YIELD, type HostFn } from '../vm/function.js';
import { loadChunk, globals, closedUpval } from '../vm/create.js';
import { getmetatable, typeName } from '../vm/metamethods.js';
import { index, rawequal, rawset } from '../vm/operations.js';
import { LUA_OK, LUA_YIELD, type LuaState } from '../vm/state.js';
import { LuaTable, TableKeyError } from '../vm/table.js';
import { argError, checkAny, checkInteger, checkOption, checkString, checkTable, luaError, optInteger, optString, ret, typeError, arg, newString } from './args.js';
import { tolstring, toStringOrUndefined } from './tostring.js';
import { whereLevel } from './traceback.js';
import { type LibTable } from './register.js';
import { warning } from '../vm/warning.js';
import { platformOf } from './platform-interface.js';
import { collect, fullCollect, gcStep, setMetatable } from '../vm/gc.js';
import { GcStop } from '../vm/heap.js';

const print: HostFn = (L, base, nargs) => {
  let out = '';
  for (let i = 0; i < nargs; i++) {
    if (i > 0) out += '\t';
    out += tolstring(L, L.stack[base + i]);
  }
  L.g.stdout(out + '\n');
  return 0;
};

const type: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  return ret(L, typeName(L.stack[base]));
};

const tostring: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  return ret(L, newString(L, tolstring(L, L.stack[base])));
};

const tonumber: HostFn = (L, base, nargs) => {
  const b = arg(L, base, nargs, 2);
  if (b === undefined) {
    const v = arg(L, base, nargs, 1);
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return ret(L, v);
    if (typeof v === 'string') {
      const n = str2number(v);
      if (n !== undefined) return ret(L, n);
    }
    checkAny(L, nargs, 1);
    return ret(L, undefined);
  }
  const radix = checkInteger(L, base, nargs, 2);
  const v = arg(L, base, nargs, 1);
  if (typeof v !== 'string') typeError(L, base, nargs, 1, 'string');
  if (!(radix >= 2 && radix <= 36)) argError(L, 2, 'base out of range');
  return ret(L, tonumberBase(v, Number(radix)));
};

const ipairsaux: HostFn = (L, base, nargs) => {
  const t = L.stack[base];
  const k = L.stack[base + 1];
  // the control variable as luaL_checkinteger takes it, plus one, wrapping around
  // (a JS number that is integral is a Lua integer; past the safe range they are bigints)
  const i = typeof k === 'number' && Number.isSafeInteger(k + 1) ? k + 1 : iadd(checkInteger(L, base, nargs, 2), 1);
  let v: LuaValue;
  if (t instanceof LuaTable) {
    v = typeof i === 'number' ? t.getInt(i) : t.get(i);
    if (v === undefined && t.metatable !== undefined) v = index(L, t, i, undefined);
  } else {
    v = index(L, t, i, undefined);
  }
  if (v === undefined) return ret(L, undefined);
  L.stack[L.top++] = i;
  L.stack[L.top++] = v;
  return 2;
};
const ipairsauxFn = new HostFunction(ipairsaux, 'ipairs_aux');

const ipairs: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  return ret(L, ipairsauxFn, L.stack[base], 0);
};

const nextEntry: LuaValue[] = [undefined, undefined];
const next: HostFn = (L, base, nargs) => {
  const t = checkTable(L, base, nargs, 1);
  let more: boolean;
  try {
    more = t.next(arg(L, base, nargs, 2), nextEntry);
  } catch (e) {
    // raised by the table code itself in the reference, so without a position
    if (e instanceof TableKeyError) return runerror(L, e.message);
    throw e;
  }
  if (!more) return ret(L, undefined);
  L.stack[L.top++] = nextEntry[0];
  L.stack[L.top++] = nextEntry[1];
  return 2;
};
const nextFn = new HostFunction(next, 'next');

const pairscont = (L: LuaState): number => 3;

const pairs: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  const t = L.stack[base];
  const mt = getmetatable(L, t);
  const tm = mt?.getStr('__pairs');
  if (tm === undefined) return ret(L, nextFn, t, undefined);
  const func = L.top;
  L.stack[func] = tm;
  L.stack[func + 1] = t;
  L.top = func + 2;
  callk(L, func, 3, 0, pairscont);
  return 3;
};

const select: HostFn = (L, base, nargs) => {
  const n = arg(L, base, nargs, 1);
  if (n === '#') return ret(L, nargs - 1);
  let i = Number(checkInteger(L, base, nargs, 1));
  if (i < 0) i = nargs + i;
  else if (i > nargs) i = nargs;
  if (i < 1) argError(L, 1, 'index out of range');
  chargeWork(L, nargs - i); // per element returned
  // results: args i+1 .. nargs are already on the stack in place
  return nargs - i;
};

const rawget: HostFn = (L, base, nargs) => {
  const t = checkTable(L, base, nargs, 1);
  checkAny(L, nargs, 2);
  return ret(L, t.get(L.stack[base + 1]));
};

const rawsetFn: HostFn = (L, base, nargs) => {
  const t = checkTable(L, base, nargs, 1);
  checkAny(L, nargs, 2);
  checkAny(L, nargs, 3);
  rawset(L, t, L.stack[base + 1], L.stack[base + 2]);
  return ret(L, t);
};

const rawequalFn: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  checkAny(L, nargs, 2);
  return ret(L, rawequal(L.stack[base], L.stack[base + 1]));
};

const rawlen: HostFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  if (v instanceof LuaTable) return ret(L, v.length());
  if (typeof v === 'string') return ret(L, v.length);
  return typeError(L, base, nargs, 1, 'table or string');
};

const getmetatableFn: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  const mt = getmetatable(L, L.stack[base]);
  if (mt === undefined) return ret(L, undefined);
  const protectedMt = mt.getStr('__metatable');
  return ret(L, protectedMt !== undefined ? protectedMt : mt);
};

const setmetatable: HostFn = (L, base, nargs) => {
  const t = checkTable(L, base, nargs, 1);
  const mt = arg(L, base, nargs, 2);
  if (nargs < 2 || (mt !== undefined && !(mt instanceof LuaTable))) typeError(L, base, nargs, 2, 'nil or table');
  if (t.metatable?.getStr('__metatable') !== undefined) luaError(L, 'cannot change a protected metatable');
  setMetatable(L.g.heap, t, mt as LuaTable | undefined);
  return ret(L, t);
};

const assert: HostFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  if (!isFalse(v)) return nargs; // all arguments, already in place
  checkAny(L, nargs, 1);
  const msg = nargs >= 2 ? L.stack[base + 1] : 'assertion failed!';
  // as the reference, assert raises through 'error' at level 1
  return throwValue(L, typeof msg === 'string' ? whereLevel(L, 1) + msg : msg);
};

const error: HostFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  const level = Number(nargs >= 2 && L.stack[base + 1] !== undefined ? checkInteger(L, base, nargs, 2) : 1);
  if (typeof v === 'string' && level > 0) return throwValue(L, whereLevel(L, level) + v);
  return throwValue(L, v);
};

/** Continuation of pcall/xpcall: the status tells how the protected call ended. */
function finishpcall(L: LuaState, status: number, extra: number): number {
  if (status !== LUA_OK && status !== LUA_YIELD) {
    L.stack[L.top++] = false;
    L.stack[L.top] = L.stack[L.top - 2];
    L.top++;
    return 2;
  }
  return L.top - (L.ci.func + 1) - extra;
}

const pcall: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  // stack: f args... -> true f args...; results are counted from `true`
  for (let p = L.top; p > base; p--) L.stack[p] = L.stack[p - 1];
  L.stack[base] = true;
  L.top++;
  const status = pcallk(L, base + 1, -1, 0, 0, finishpcall);
  return finishpcall(L, status, 0);
};

const xpcall: HostFn = (L, base, nargs) => {
  const h = arg(L, base, nargs, 2);
  if (!(h instanceof LuaClosure || h instanceof HostFunction)) typeError(L, base, nargs, 2, 'function');
  // stack: f h args... -> f h true f args...
  const f = L.stack[base];
  const top = L.top;
  for (let p = top + 1; p > base + 2; p--) L.stack[p] = L.stack[p - 2];
  L.stack[base + 2] = true;
  L.stack[base + 3] = f;
  L.top = top + 2;
  const status = pcallk(L, base + 3, -1, base + 1, 2, finishpcall);
  return finishpcall(L, status, 2);
};

// ---- load, loadfile, dofile

/** Run `load`'s reader function until it returns nil or "" and join the pieces. */
function readAll(L: LuaState, reader: LuaValue): string {
  const parts: string[] = [];
  for (;;) {
    const func = L.top;
    L.stack[func] = reader;
    L.top = func + 1;
    callk(L, func, 1, 0, null);
    const piece = L.stack[--L.top];
    if (piece === undefined || piece === '') break;
    if (typeof piece !== 'string') luaError(L, 'reader function must return a string');
    parts.push(piece);
  }
  return parts.join('');
}

function loadResult(L: LuaState, r: LuaClosure | string, env: LuaValue, hasEnv: boolean): number {
  if (typeof r === 'string') return ret(L, undefined, r);
  if (hasEnv && r.upvals.length > 0) r.upvals[0] = closedUpval(L.g.heap, env);
  return ret(L, r);
}

const load: HostFn = (L, base, nargs) => {
  const chunk = arg(L, base, nargs, 1);
  const mode = optString(L, base, nargs, 3, 'bt');
  const hasEnv = nargs >= 4;
  const env = arg(L, base, nargs, 4);
  let src: string;
  let chunkname: string;
  const text = toStringOrUndefined(chunk);
  if (text !== undefined) {
    src = text;
    chunkname = optString(L, base, nargs, 2, text);
  } else {
    chunkname = optString(L, base, nargs, 2, '=(load)');
    if (!(chunk instanceof LuaClosure || chunk instanceof HostFunction)) typeError(L, base, nargs, 1, 'function');
    try {
      src = readAll(L, chunk);
    } catch (e) {
      const v = (e as { value?: LuaValue }).value;
      if (v !== undefined && typeof v === 'string') return ret(L, undefined, v);
      throw e;
    }
  }
  return loadResult(L, loadChunk(L, src, chunkname, mode), env, hasEnv);
};

/** luaL_loadfilex: read a file (or stdin), skip a leading '#' line, compile. */
export function loadFile(L: LuaState, filename: string | undefined, mode: string): LuaClosure | string {
  const platform = platformOf(L);
  const chunkname = filename === undefined ? '=stdin' : '@' + filename;
  let src: string;
  try {
    src = filename === undefined ? platform.readStdin() : platform.readFile(filename);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return `cannot open ${filename ?? 'stdin'}${why ? ': ' + why : ''}`;
  }
  return loadChunk(L, skipComment(src), chunkname, mode);
}

/** The UTF-8 byte-order mark, as bytes (skipBOM). */
const UTF8_BOM = '\xEF\xBB\xBF';

/**
 * lauxlib's skipcomment: a file may start with a byte-order mark, then a
 * '#' line (Unix exec. file). Both are dropped; a dropped line leaves its
 * newline so that line numbers stay right, unless a binary chunk follows.
 */
function skipComment(src: string): string {
  if (src.startsWith(UTF8_BOM)) src = src.slice(UTF8_BOM.length);
  if (src.charCodeAt(0) !== 0x23 /* '#' */) return src;
  const nl = src.indexOf('\n');
  if (nl < 0) return '';
  return src.charCodeAt(nl + 1) === 0x1b /* LUA_SIGNATURE[0] */ ? src.slice(nl + 1) : src.slice(nl);
}

const loadfile: HostFn = (L, base, nargs) => {
  const fname = arg(L, base, nargs, 1) === undefined ? undefined : checkString(L, base, nargs, 1);
  const mode = optString(L, base, nargs, 2, 'bt');
  return loadResult(L, loadFile(L, fname, mode), arg(L, base, nargs, 3), nargs >= 3);
};

const dofilecont = (L: LuaState): number => L.top - (L.ci.func + 1) - 1;

const dofile: HostFn = (L, base, nargs) => {
  const fname = arg(L, base, nargs, 1) === undefined ? undefined : checkString(L, base, nargs, 1);
  L.top = base + 1;
  const r = loadFile(L, fname, 'bt');
  if (typeof r === 'string') return throwValue(L, r);
  const func = L.top;
  L.stack[L.top++] = r;
  callk(L, func, -1, 0, dofilecont);
  return dofilecont(L);
};

// ---- collectgarbage, warn

/** lbaselib.c's `(int)luaL_optinteger(L, n, 0)`: argument n as a C int (wrapping), 0 when absent. */
function optInt(L: LuaState, base: number, nargs: number, n: number): number {
  return Number(BigInt.asIntN(32, BigInt(optInteger(L, base, nargs, n, 0))));
}

/**
 * The options of collectgarbage (manual §6.1; lua_gc, §4.6), each as the
 * reference computes it. Inside a finalizer every option gives fail
 * (lua_gc refuses while the collector runs one).
 */
const GC_OPTIONS: Readonly<Record<string, (L: LuaState, base: number, nargs: number) => LuaValue>> = {
  stop(L) {
    L.g.heap.setUserStop(true);
    return 0;
  },
  restart(L) {
    L.g.heap.setUserStop(false);
    return 0;
  },
  collect(L) {
    fullCollect(L);
    return 0;
  },
  count(L) {
    const heap = L.g.heap;
    if (heap.overdue) collect(L); // a deferred collection: the count is what it measures
    const kb = heap.total / 1024;
    return Number.isInteger(kb) ? new LuaFloat(kb) : kb;
  },
  step(L, base, nargs) {
    return gcStep(L, optInt(L, base, nargs, 2));
  },
  setpause(L, base, nargs) {
    const heap = L.g.heap;
    const previous = heap.pause * 4;
    heap.pause = gcParam(optInt(L, base, nargs, 2));
    heap.setPause();
    return previous;
  },
  setstepmul(L, base, nargs) {
    const heap = L.g.heap;
    const previous = heap.stepmul * 4;
    heap.stepmul = gcParam(optInt(L, base, nargs, 2));
    return previous;
  },
  isrunning(L) {
    return L.g.heap.stopped === 0;
  },
  generational(L, base, nargs) {
    const heap = L.g.heap;
    const previous = heap.mode;
    const minormul = optInt(L, base, nargs, 2);
    const majormul = optInt(L, base, nargs, 3);
    if (minormul !== 0) heap.genminormul = minormul & 0xff;
    if (majormul !== 0) heap.genmajormul = gcParam(majormul);
    heap.mode = 'generational';
    return previous;
  },
  incremental(L, base, nargs) {
    const heap = L.g.heap;
    const previous = heap.mode;
    const pause = optInt(L, base, nargs, 2);
    const stepmul = optInt(L, base, nargs, 3);
    const stepsize = optInt(L, base, nargs, 4);
    if (pause !== 0) heap.pause = gcParam(pause);
    if (stepmul !== 0) heap.stepmul = gcParam(stepmul);
    if (stepsize !== 0) heap.stepsize = stepsize & 0xff;
    heap.mode = 'incremental';
    heap.setPause();
    return previous;
  },
};
const GC_OPTION_NAMES = Object.keys(GC_OPTIONS);

/** lgc.h's setgcparam: a percentage kept divided by 4 in a byte. */
function gcParam(v: number): number {
  return Math.trunc(v / 4) & 0xff;
}

const collectgarbage: HostFn = (L, base, nargs) => {
  const o = GC_OPTION_NAMES[checkOption(L, base, nargs, 1, 'collect', GC_OPTION_NAMES)];
  if (L.g.heap.stopped & GcStop.INTERNAL) return ret(L, undefined);
  return ret(L, GC_OPTIONS[o](L, base, nargs));
};

const warn: HostFn = (L, base, nargs) => {
  checkString(L, base, nargs, 1);
  for (let i = 2; i <= nargs; i++) checkString(L, base, nargs, i);
  let msg = '';
  for (let i = 0; i < nargs; i++) msg += toStringOrUndefined(L.stack[base + i]);
  const g = L.g;
  if (nargs === 1 && msg.charCodeAt(0) === 0x40 /* '@' */) {
    if (msg === '@on') g.warnOn = true;
    else if (msg === '@off') g.warnOn = false;
    return 0;
  }
  warning(g, msg);
  return 0;
};

export const baseLib: LibTable = {
  assert, collectgarbage, dofile, error, getmetatable: getmetatableFn, ipairs, load, loadfile, next, pairs, pcall,
  print, rawequal: rawequalFn, rawget, rawlen, rawset: rawsetFn, select, setmetatable, tonumber, tostring, type,
  warn, xpcall,
};

/** Open the base library into the global table. */
export function openBase(L: LuaState): LuaTable {
  const G = globals(L);
  G.setStr('_G', G);
  for (const name of Object.keys(baseLib)) {
    G.setStr(name, name === 'next' ? nextFn : new HostFunction(baseLib[name], name));
  }
  G.setStr('_VERSION', 'Lua 5.4');
  return G;
}

export { tostringNumber, YIELD };
