/**
 * The core of the low-level stack API: the reference's lapi.c for
 * TypeScript hosts. `StackApi` holds one Lua thread and exposes its stack
 * with the C API's index rules; the auxiliary helpers (`aux-api.ts`) and
 * the threads/guards layer (`lua-api.ts`) build on it, and `LuaApi` is the
 * class hosts use.
 *
 * Index rules (manual §4.1): a positive index counts from the base of the
 * current frame (1 = the first argument of the running host function, or
 * the first slot of the thread outside any host function), a negative one
 * from the top (-1 = the top value), and two kinds of pseudo-indices name
 * values that are not on the stack: {@link REGISTRYINDEX} and
 * `upvalueIndex(i)` (the upvalues of the running host function).
 *
 * No panic path: an operation that can raise a Lua error (a call, a
 * metamethod, `error`) is protected when it is made outside any host
 * function (the base frame of the thread). There, an error unwinds to the
 * entry point, the stack is cut back to the height it had at entry minus the
 * operands the operation consumes, and the panic handler runs (`atPanic`);
 * the state stays usable. Inside a host function called from Lua the same
 * operations raise ordinary Lua errors, which Lua's `pcall` can catch.
 */

import { charge, HOST_CLOSURE, SLOT, stringCost, USERDATA } from '../../vm/heap.js';
import { setMetatable as setObjMetatable } from '../../vm/gc.js';
import { tolstring } from '../../lib/tostring.js';
import { traceback as auxTraceback } from '../../lib/traceback.js';
import { normInt, str2number, tointeger, tonumber } from '../../value/number.js';
import { LightUserdata, LuaFloat, isFalse, isInteger, mkfloat, type LuaValue } from '../../value/value.js';
import { LuaUserdata } from '../../vm/userdata.js';
import {
  abandonAbove, callValue, callk as coreCallk, closeprotected, pcall as corePcall, pcallk as corePcallk,
  runerror, shrinkstack, throwValue, toLuaThrow,
} from '../../vm/call.js';
import { HostAbort, YieldSignal } from '../../vm/exceptions.js';
import { HostFunction, LuaClosure, type HostCont } from '../../vm/function.js';
import { pointerOf } from '../../vm/identity.js';
import { globals, loadChunk } from '../../vm/create.js';
import { arith as metaArith, concat as metaConcat, equalobj, index, len as metaLen, lessequal, lessthan, rawequal, rawset, setindex } from '../../vm/operations.js';
import { getmetatable, typeName as vmTypeName } from '../../vm/metamethods.js';
import { LUAI_MAXSTACK } from '../../value/limits.js';
import { LUA_ERRSYNTAX, LUA_OK, type CallInfo, type LuaState } from '../../vm/state.js';
import { LuaTable, TableKeyError } from '../../vm/table.js';
import { LuaError } from '../lua-error.js';
import { apiOf } from './registry.js';
import { decodeUtf8, encodeUtf8 } from '../utf8.js';
import { fromBytes as bytesToString, toBytes as stringToBytes } from '../../value/bytes.js';

// ---------------------------------------------------------------------------
// Constants (lua.h)

/** Type codes returned by `type()` and friends (LUA_T*). */
export const LuaType = {
  NONE: -1, NIL: 0, BOOLEAN: 1, LIGHTUSERDATA: 2, NUMBER: 3, STRING: 4, TABLE: 5, FUNCTION: 6, USERDATA: 7,
  THREAD: 8,
} as const;
/** One of the {@link LuaType} codes. */
export type LuaTypeCode = (typeof LuaType)[keyof typeof LuaType];

/** Status codes of calls, loads and coroutines (LUA_OK, LUA_YIELD, LUA_ERR*). */
export const LuaStatus = { OK: 0, YIELD: 1, ERRRUN: 2, ERRSYNTAX: 3, ERRMEM: 4, ERRERR: 5 } as const;

/** Operators of `arith()` (LUA_OP*), in the C API's order. */
export const LuaArith = {
  ADD: 0, SUB: 1, MUL: 2, MOD: 3, POW: 4, DIV: 5, IDIV: 6, BAND: 7, BOR: 8, BXOR: 9, SHL: 10, SHR: 11,
  UNM: 12, BNOT: 13,
} as const;

/** Operators of `compare()` (LUA_OPEQ, LUA_OPLT, LUA_OPLE). */
export const LuaCompare = { EQ: 0, LT: 1, LE: 2 } as const;

/** The registry's pseudo-index (LUA_REGISTRYINDEX). */
export const REGISTRYINDEX = -LUAI_MAXSTACK - 1000;
/** "All results" for calls (LUA_MULTRET). */
export const MULTRET = -1;

const TYPE_NAMES: readonly string[] = [
  'no value', 'nil', 'boolean', 'userdata', 'number', 'string', 'table', 'function', 'userdata', 'thread',
];

// ---------------------------------------------------------------------------
// Host functions

/**
 * A host function for the low-level API (lua_CFunction): it reads its
 * arguments at indices 1..getTop(), pushes its results and returns how
 * many it pushed (or the value of `yield(...)`).
 */
export type ApiFunction<A extends StackApi = StackApi> = (L: A) => number;

/** A continuation (lua_KFunction): finishes a host function after a yield or a protected call. */
export type ApiContinuation<A extends StackApi = StackApi> = (L: A, status: number, ctx: number) => number;

/**
 * Receives an error raised outside any protected call (lua_atpanic). The
 * stack is already back at its height at entry. If the handler returns
 * normally, the failing operation throws `error` anyway: an unprotected
 * error never continues as if it had succeeded.
 */
export type PanicHandler = (L: StackApi, error: LuaError) => void;

const PANIC_KEY = 'moonbox.api.panic';

/** The default panic handler: throw the host's own exception if one caused the error, else the LuaError. */
export const defaultPanic: PanicHandler = (_L, error) => {
  throw error.cause ?? error;
};

/** Thread state saved at a top-level entry, restored when an error escapes. */
interface Entry {
  ci: CallInfo;
  nny: number;
  nCcalls: number;
  errfunc: number;
  allowhook: boolean;
}

/** Light userdata are compared by the host value they carry: one box per value. */
const lightObjects = new WeakMap<object, LightUserdata>();
const lightPrimitives = new Map<unknown, LightUserdata>();

function lightUserdata(p: unknown): LightUserdata {
  const isObj = (typeof p === 'object' && p !== null) || typeof p === 'function';
  let box = isObj ? lightObjects.get(p as object) : lightPrimitives.get(p);
  if (box === undefined) {
    box = new LightUserdata(p);
    if (isObj) lightObjects.set(p as object, box);
    else lightPrimitives.set(p, box);
  }
  return box;
}

/** The C API type code of a value. */
export function typeCode(v: LuaValue): LuaTypeCode {
  switch (typeof v) {
    case 'undefined': return LuaType.NIL;
    case 'boolean': return LuaType.BOOLEAN;
    case 'number': case 'bigint': return LuaType.NUMBER;
    case 'string': return LuaType.STRING;
  }
  if (v instanceof LuaTable) return LuaType.TABLE;
  if (v instanceof LuaFloat) return LuaType.NUMBER;
  if (v instanceof LuaClosure || v instanceof HostFunction) return LuaType.FUNCTION;
  if (v instanceof LuaUserdata) return LuaType.USERDATA;
  if (v instanceof LightUserdata) return LuaType.LIGHTUSERDATA;
  return LuaType.THREAD;
}

/** A Lua integer from a host number or bigint (wrapped to int64, as a C cast would). */
function toLuaInteger(n: number | bigint): number | bigint {
  if (typeof n === 'number') {
    if (Number.isSafeInteger(n)) return n + 0; // never -0
    return Number.isFinite(n) ? normInt(BigInt.asIntN(64, BigInt(Math.trunc(n)))) : 0;
  }
  return normInt(BigInt.asIntN(64, n));
}

/**
 * The low-level stack API over one Lua thread. Use `LuaApi` (which adds
 * the auxiliary helpers, threads and stack guards); this layer is the
 * reference's lapi.c. See the module comment for the index rules.
 */
export class StackApi {
  /** @param L the thread this object works on (use `newApiState` / `LuaApi.forState` rather than `new`). */
  constructor(protected readonly L: LuaState) {}

  /** The underlying VM thread (to hand to another API object, e.g. `LuaApi.forState(api.state)`). */
  get state(): LuaState {
    return this.L;
  }

  /** True when this object validates every call (checked mode). */
  get checked(): boolean {
    return false;
  }

  // -------------------------------------------------------------------------
  // Index resolution

  /** The value at an acceptable index (undefined for "none" and nil alike). */
  protected value(idx: number): LuaValue {
    const L = this.L;
    if (idx > 0) {
      const o = L.ci.func + idx;
      return o < L.top ? L.stack[o] : undefined;
    }
    if (idx > REGISTRYINDEX) return L.stack[L.top + idx];
    if (idx === REGISTRYINDEX) return L.g.registry;
    const f = L.stack[L.ci.func];
    return f instanceof HostFunction ? f.upvalues[REGISTRYINDEX - idx - 1] : undefined;
  }

  /** Does an acceptable index refer to an existing value (not "none")? */
  protected exists(idx: number): boolean {
    const L = this.L;
    if (idx > 0) return L.ci.func + idx < L.top;
    if (idx >= REGISTRYINDEX) return true;
    const f = L.stack[L.ci.func];
    return f instanceof HostFunction && REGISTRYINDEX - idx <= f.upvalues.length;
  }

  /** Absolute stack slot of a (non-pseudo) stack index. */
  protected slot(idx: number): number {
    return idx > 0 ? this.L.ci.func + idx : this.L.top + idx;
  }

  /** Store into a stack index or an upvalue pseudo-index. */
  protected setValue(idx: number, v: LuaValue): void {
    if (idx > REGISTRYINDEX) {
      this.L.stack[this.slot(idx)] = v;
    } else if (idx < REGISTRYINDEX) {
      const ups = (this.L.stack[this.L.ci.func] as HostFunction).upvalues;
      const n = REGISTRYINDEX - idx - 1;
      if (n < ups.length) ups[n] = v;
    }
  }

  protected push(v: LuaValue): void {
    this.L.stack[this.L.top++] = v;
  }

  /** The pseudo-index of upvalue `i` (1-based) of the running host function (lua_upvalueindex). */
  static upvalueIndex(i: number): number {
    return REGISTRYINDEX - i;
  }

  // -------------------------------------------------------------------------
  // Basic stack manipulation

  /** lua_absindex: an index that does not depend on the stack top. */
  absIndex(idx: number): number {
    return idx > 0 || idx <= REGISTRYINDEX ? idx : this.L.top - this.L.ci.func + idx;
  }

  /** lua_gettop: the number of values in the current frame (the index of the top value). */
  getTop(): number {
    return this.L.top - (this.L.ci.func + 1);
  }

  /** lua_settop: set the top to `idx` (>= 0: fill with nil; < 0: relative to the current top). */
  setTop(idx: number): void {
    const L = this.L;
    if (idx >= 0) {
      const newTop = L.ci.func + 1 + idx;
      for (let p = L.top; p < newTop; p++) L.stack[p] = undefined;
      L.top = newTop;
    } else {
      L.top += idx + 1;
    }
  }

  /** lua_pop: remove `n` values from the top. */
  pop(n = 1): void {
    this.setTop(-n - 1);
  }

  /** lua_pushvalue: push a copy of the value at `idx`. */
  pushValue(idx: number): void {
    this.push(this.value(idx));
  }

  /** lua_rotate: rotate the values from `idx` to the top `n` positions towards the top (n < 0: towards idx). */
  rotate(idx: number, n: number): void {
    const stack = this.L.stack;
    const t = this.L.top - 1;
    const p = this.slot(idx);
    const m = n >= 0 ? t - n : p - n - 1;
    reverse(stack, p, m);
    reverse(stack, m + 1, t);
    reverse(stack, p, t);
  }

  /** lua_insert: move the top value to `idx`, shifting the values above up. */
  insert(idx: number): void {
    this.rotate(idx, 1);
  }

  /** lua_remove: remove the value at `idx`, shifting the values above down. */
  remove(idx: number): void {
    this.rotate(idx, -1);
    this.pop(1);
  }

  /** lua_replace: pop the top value into `idx`. */
  replace(idx: number): void {
    this.copy(-1, idx);
    this.pop(1);
  }

  /** lua_copy: copy the value at `fromidx` into `toidx` (a stack index or an upvalue). */
  copy(fromidx: number, toidx: number): void {
    this.setValue(toidx, this.value(fromidx));
  }

  /**
   * lua_checkstack: make room for `n` more values in the current frame.
   * Returns false when the thread's stack limit would be passed.
   */
  checkStack(n: number): boolean {
    const L = this.L;
    if (L.top + n > L.stackLimit) return false;
    if (L.ci.top < L.top + n) L.ci.top = L.top + n;
    return true;
  }

  // -------------------------------------------------------------------------
  // Pushing values

  /** lua_pushnil. */
  pushNil(): void {
    this.push(undefined);
  }

  /** lua_pushboolean. */
  pushBoolean(b: boolean): void {
    this.push(b === true);
  }

  /** lua_pushinteger: `n` must be an integer in int64 range (a bigint beyond 2^53). */
  pushInteger(n: number | bigint): void {
    this.push(toLuaInteger(n));
  }

  /** lua_pushnumber: always a float (1 is pushed as 1.0). */
  pushNumber(x: number): void {
    this.push(mkfloat(x));
  }

  /** lua_pushstring: a host string, encoded as UTF-8 bytes. */
  pushString(s: string): void {
    this.pushByteString(encodeUtf8(s));
  }

  /** lua_pushlstring with raw bytes. */
  pushBytes(bytes: Uint8Array): void {
    this.pushByteString(bytesToString(bytes));
  }

  /** Push a Lua byte string as it is (each char code 0..255 is one byte); no encoding. */
  pushByteString(s: string): void {
    charge(this.L.g.heap, stringCost(s.length));
    this.push(s);
  }

  /**
   * lua_pushcclosure: push a host function with `nupvalues` upvalues popped
   * from the stack. `name` names it in tracebacks, errors and stack-guard
   * reports.
   */
  pushFunction(fn: ApiFunction<this>, name: string, nupvalues = 0): void {
    const L = this.L;
    const ups = L.stack.slice(L.top - nupvalues, L.top);
    L.top -= nupvalues;
    if (nupvalues > 0) charge(L.g.heap, HOST_CLOSURE + nupvalues * SLOT);
    this.push(this.hostFunction(fn, name, ups));
  }

  /** Build the VM host function behind `pushFunction` (the checked mode adds its guards here). */
  protected hostFunction(fn: ApiFunction<this>, name: string, ups: LuaValue[]): HostFunction {
    return new HostFunction((L) => fn(apiOf<this>(L)), name, ups).hosted();
  }

  /** A VM continuation calling a host continuation with the API object (cached per continuation). */
  protected continuation(k: ApiContinuation<this>): HostCont {
    let c = continuations.get(k);
    if (c === undefined) {
      c = (L, status, ctx) => k(apiOf<this>(L), status, ctx);
      continuations.set(k, c);
    }
    return c;
  }

  /** lua_pushlightuserdata: an identity-only value; pushing the same host value twice gives equal values. */
  pushLightUserdata(p: unknown): void {
    this.push(lightUserdata(p));
  }

  /** lua_pushglobaltable. */
  pushGlobalTable(): void {
    this.push(globals(this.L));
  }

  /** Push any VM value (for bridging with moonbox's other APIs). */
  pushLuaValue(v: LuaValue): void {
    this.push(v);
  }

  // -------------------------------------------------------------------------
  // Reading values

  /** lua_type: the type code of the value at an acceptable index (LuaType.NONE when there is none). */
  type(idx: number): LuaTypeCode {
    return this.exists(idx) ? typeCode(this.value(idx)) : LuaType.NONE;
  }

  /** lua_typename: the name of a type code. */
  typeName(t: number): string {
    return TYPE_NAMES[t + 1];
  }

  /** The VM value at an index (for bridging with moonbox's other APIs). */
  toLuaValue(idx: number): LuaValue {
    return this.value(idx);
  }

  /** lua_toboolean: false only for nil, false and "none". */
  toBoolean(idx: number): boolean {
    return !isFalse(this.value(idx));
  }

  /**
   * lua_tointegerx: the integer value of a number or numeric string with an
   * exact integer value, else undefined. Integers beyond 2^53 are bigints.
   */
  toInteger(idx: number): number | bigint | undefined {
    return tointeger(this.value(idx));
  }

  /** lua_tonumberx: the value of a number or numeric string as a double, else undefined. */
  toNumber(idx: number): number | undefined {
    const n = tonumber(this.value(idx));
    if (n === undefined) return undefined;
    return typeof n === 'number' ? n : typeof n === 'bigint' ? Number(n) : n.n;
  }

  /**
   * lua_tolstring: strings, and numbers converted in place (as in C, the
   * stack slot then holds the string), decoded from UTF-8; undefined for
   * other values.
   */
  toString(idx: number): string | undefined {
    const bytes = this.toByteString(idx);
    return bytes === undefined ? undefined : decodeUtf8(bytes);
  }

  /** lua_tolstring as raw bytes (numbers are converted in place). */
  toBytes(idx: number): Uint8Array | undefined {
    const bytes = this.toByteString(idx);
    return bytes === undefined ? undefined : stringToBytes(bytes);
  }

  /** lua_tolstring as the VM's byte string (char codes 0..255; numbers are converted in place). */
  toByteString(idx: number): string | undefined {
    const v = this.value(idx);
    if (typeof v === 'string') return v;
    if (typeof v !== 'number' && typeof v !== 'bigint' && !(v instanceof LuaFloat)) return undefined;
    const s = tolstring(this.L, v);
    if (idx > REGISTRYINDEX || idx < REGISTRYINDEX) this.setValue(idx, s);
    return s;
  }

  /**
   * lua_topointer: an identity for tables, functions, threads, userdata and
   * strings (the address `%p` and `tostring` print), undefined otherwise.
   */
  toPointer(idx: number): string | undefined {
    return pointerOf(this.L, this.value(idx));
  }

  /** lua_touserdata: the host payload of a full userdata or the value of a light userdata. */
  toUserdata(idx: number): unknown {
    const v = this.value(idx);
    if (v instanceof LuaUserdata) return v.data;
    if (v instanceof LightUserdata) return v.value;
    return undefined;
  }

  /** lua_isnone: no value at this index. */
  isNone(idx: number): boolean { return this.type(idx) === LuaType.NONE; }
  /** lua_isnil. */
  isNil(idx: number): boolean { return this.type(idx) === LuaType.NIL; }
  /** lua_isnoneornil. */
  isNoneOrNil(idx: number): boolean { return this.type(idx) <= LuaType.NIL; }
  /** lua_isboolean. */
  isBoolean(idx: number): boolean { return this.type(idx) === LuaType.BOOLEAN; }
  /** lua_isnumber: a number or a string convertible to one. */
  isNumber(idx: number): boolean { return tonumber(this.value(idx)) !== undefined; }
  /** lua_isinteger: a number of the integer subtype. */
  isInteger(idx: number): boolean { return isInteger(this.value(idx)); }
  /** lua_isstring: a string or a number. */
  isString(idx: number): boolean {
    const t = this.type(idx);
    return t === LuaType.STRING || t === LuaType.NUMBER;
  }
  /** lua_istable. */
  isTable(idx: number): boolean { return this.type(idx) === LuaType.TABLE; }
  /** lua_isfunction: a Lua or host function. */
  isFunction(idx: number): boolean { return this.type(idx) === LuaType.FUNCTION; }
  /** lua_iscfunction: a host (TypeScript) function. */
  isHostFunction(idx: number): boolean { return this.value(idx) instanceof HostFunction; }
  /** lua_isuserdata: full or light userdata. */
  isUserdata(idx: number): boolean {
    const t = this.type(idx);
    return t === LuaType.USERDATA || t === LuaType.LIGHTUSERDATA;
  }
  /** lua_islightuserdata. */
  isLightUserdata(idx: number): boolean { return this.type(idx) === LuaType.LIGHTUSERDATA; }
  /** lua_isthread. */
  isThread(idx: number): boolean { return this.type(idx) === LuaType.THREAD; }

  /** lua_rawlen: length of a string or table without `__len` (0 for other values). */
  rawLen(idx: number): number {
    const v = this.value(idx);
    if (typeof v === 'string') return v.length;
    if (v instanceof LuaTable) return v.length();
    return 0;
  }

  /** lua_rawequal: primitive equality, false when an index is not valid. */
  rawEqual(i1: number, i2: number): boolean {
    return this.exists(i1) && this.exists(i2) && rawequal(this.value(i1), this.value(i2));
  }

  /** lua_stringtonumber: push the number a string denotes and return its length + 1, or return 0. */
  stringToNumber(s: string): number {
    const n = str2number(encodeUtf8(s));
    if (n === undefined) return 0;
    this.push(n);
    return encodeUtf8(s).length + 1;
  }

  // -------------------------------------------------------------------------
  // Tables and metatables

  /** lua_getfield: push t[k] (with metamethods) for the value t at `idx`; returns its type. */
  getField(idx: number, k: string): LuaTypeCode {
    return this.pushIndexed(this.value(idx), encodeUtf8(k));
  }

  /** lua_geti: push t[i] (with metamethods); returns its type. */
  getI(idx: number, i: number | bigint): LuaTypeCode {
    return this.pushIndexed(this.value(idx), toLuaInteger(i));
  }

  /** lua_gettable: replace the key on top with t[key] (with metamethods); returns its type. */
  getTable(idx: number): LuaTypeCode {
    const t = this.value(idx);
    const L = this.L;
    const key = L.stack[L.top - 1];
    return this.entry(L.top - 1, () => {
      const v = index(L, t, key, undefined);
      L.stack[L.top - 1] = v;
      return typeCode(v);
    });
  }

  /** lua_getglobal: push the global `name`; returns its type. */
  getGlobal(name: string): LuaTypeCode {
    return this.pushIndexed(globals(this.L), encodeUtf8(name));
  }

  private pushIndexed(t: LuaValue, key: LuaValue): LuaTypeCode {
    const L = this.L;
    if (t instanceof LuaTable && t.metatable === undefined) {
      const v = t.get(key);
      this.push(v);
      return typeCode(v);
    }
    return this.entry(L.top, () => {
      const v = index(L, t, key, undefined);
      this.push(v);
      return typeCode(v);
    });
  }

  /** lua_setfield: t[k] = the value on top (popped), with metamethods. */
  setField(idx: number, k: string): void {
    this.storeIndexed(this.value(idx), encodeUtf8(k), 1);
  }

  /** lua_seti: t[i] = the value on top (popped), with metamethods. */
  setI(idx: number, i: number | bigint): void {
    this.storeIndexed(this.value(idx), toLuaInteger(i), 1);
  }

  /** lua_settable: t[key] = value, key at -2 and value at -1 (both popped), with metamethods. */
  setTable(idx: number): void {
    this.storeIndexed(this.value(idx), this.L.stack[this.L.top - 2], 2);
  }

  /** lua_setglobal: the global `name` = the value on top (popped). */
  setGlobal(name: string): void {
    this.storeIndexed(globals(this.L), encodeUtf8(name), 1);
  }

  /** t[key] = top value, then pop `npop` values (they stay on the stack during a __newindex call, as in C). */
  private storeIndexed(t: LuaValue, key: LuaValue, npop: number): void {
    const L = this.L;
    const v = L.stack[L.top - 1];
    this.entry(L.top - npop, () => setindex(L, t, key, v, undefined));
    L.top -= npop;
  }

  /** lua_rawget: replace the key on top with t[key], no metamethods; returns its type. */
  rawGet(idx: number): LuaTypeCode {
    const L = this.L;
    const v = (this.value(idx) as LuaTable).get(L.stack[L.top - 1]);
    L.stack[L.top - 1] = v;
    return typeCode(v);
  }

  /** lua_rawgeti: push t[n], no metamethods; returns its type. */
  rawGetI(idx: number, n: number | bigint): LuaTypeCode {
    const v = (this.value(idx) as LuaTable).get(toLuaInteger(n));
    this.push(v);
    return typeCode(v);
  }

  /** lua_rawset: t[key] = value (key at -2, value at -1, both popped), no metamethods. */
  rawSet(idx: number): void {
    const L = this.L;
    const t = this.value(idx) as LuaTable;
    const k = L.stack[L.top - 2];
    const v = L.stack[L.top - 1];
    this.entry(L.top - 2, () => rawset(L, t, k, v));
    L.top -= 2;
  }

  /** lua_rawseti: t[n] = the value on top (popped), no metamethods. */
  rawSetI(idx: number, n: number | bigint): void {
    const L = this.L;
    (this.value(idx) as LuaTable).set(toLuaInteger(n), L.stack[L.top - 1]);
    L.top--;
  }

  /** lua_createtable: push a new table (the sizes are hints, ignored). */
  createTable(narr = 0, nrec = 0): void {
    void narr;
    void nrec;
    this.push(new LuaTable(this.L.g.heap));
  }

  /** lua_newtable. */
  newTable(): void {
    this.push(new LuaTable(this.L.g.heap));
  }

  /**
   * lua_newuserdatauv: push a full userdata carrying the host value `data`
   * with `nuvalue` user values; returns it (its `data` can be changed later).
   */
  newUserdata(data: unknown, nuvalue = 1): LuaUserdata {
    charge(this.L.g.heap, USERDATA + nuvalue * SLOT + (data instanceof Uint8Array ? data.byteLength : 0));
    const u = new LuaUserdata(data, nuvalue);
    this.push(u);
    return u;
  }

  /** lua_getiuservalue: push user value `n` of the userdata at `idx`; LuaType.NONE (and nil) if it has none. */
  getIUserValue(idx: number, n: number): LuaTypeCode {
    const u = this.value(idx) as LuaUserdata;
    if (n < 1 || n > u.uservalues.length) {
      this.push(undefined);
      return LuaType.NONE;
    }
    const v = u.uservalues[n - 1];
    this.push(v);
    return typeCode(v);
  }

  /** lua_setiuservalue: pop a value into user value `n`; false if the userdata has no such value. */
  setIUserValue(idx: number, n: number): boolean {
    const L = this.L;
    const u = this.value(idx) as LuaUserdata;
    const v = L.stack[--L.top];
    if (n < 1 || n > u.uservalues.length) return false;
    u.uservalues[n - 1] = v;
    return true;
  }

  /** lua_getmetatable: push the metatable of the value at `idx` and return true, or push nothing and return false. */
  getMetatable(idx: number): boolean {
    const mt = getmetatable(this.L, this.value(idx));
    if (mt === undefined) return false;
    this.push(mt);
    return true;
  }

  /**
   * lua_setmetatable: pop a table (or nil) and make it the metatable of the
   * value at `idx` (for types other than table and userdata: of the whole type).
   */
  setMetatable(idx: number): void {
    const L = this.L;
    const v = this.value(idx);
    const mt = L.stack[--L.top] as LuaTable | undefined;
    if (v instanceof LuaTable || v instanceof LuaUserdata) {
      setObjMetatable(L.g.heap, v, mt);
    } else if (mt === undefined) {
      L.g.typeMetatables.delete(vmTypeName(v));
    } else {
      L.g.typeMetatables.set(vmTypeName(v), mt);
    }
  }

  /**
   * lua_next: pop a key and push the next key-value pair of the table at
   * `idx` (true), or push nothing at the end (false). Start with nil.
   */
  next(idx: number): boolean {
    const L = this.L;
    const t = this.value(idx) as LuaTable;
    const key = L.stack[L.top - 1];
    let more: boolean;
    try {
      more = t.next(key, nextEntry);
    } catch (e) {
      if (!(e instanceof TableKeyError)) throw e;
      return this.entry(L.top - 1, () => runerror(L, "invalid key to 'next'"));
    }
    if (!more) {
      L.top--;
      return false;
    }
    L.stack[L.top - 1] = nextEntry[0];
    L.stack[L.top++] = nextEntry[1];
    return true;
  }

  // -------------------------------------------------------------------------
  // Operators

  /** lua_arith: pop the operands (one for UNM and BNOT, else two) and push the result, with metamethods. */
  arith(op: number): void {
    const L = this.L;
    if (op === LuaArith.UNM || op === LuaArith.BNOT) this.push(L.stack[L.top - 1]); // fake second operand, as C
    const a = L.stack[L.top - 2];
    const b = L.stack[L.top - 1];
    const r = this.entry(L.top - 2, () => metaArith(L, op, a, b, undefined, undefined));
    L.top--;
    L.stack[L.top - 1] = r;
  }

  /** lua_compare: does the value at i1 compare to the one at i2 by `op` (with metamethods)? False for an invalid index. */
  compare(i1: number, i2: number, op: number): boolean {
    if (!this.exists(i1) || !this.exists(i2)) return false;
    const L = this.L;
    const a = this.value(i1);
    const b = this.value(i2);
    return this.entry(L.top, () => {
      if (op === LuaCompare.EQ) return equalobj(L, a, b);
      return op === LuaCompare.LT ? lessthan(L, a, b) : lessequal(L, a, b);
    });
  }

  /** lua_concat: pop `n` values and push their concatenation (with `__concat`); n = 0 pushes "". */
  concat(n: number): void {
    const L = this.L;
    if (n === 0) {
      this.push('');
      return;
    }
    if (n === 1) return;
    this.entry(L.top - n, () => metaConcat(L, n, L.top - n));
  }

  /** lua_len: push the length of the value at `idx` (with `__len`). */
  len(idx: number): void {
    const L = this.L;
    const v = this.value(idx);
    const r = this.entry(L.top, () => metaLen(L, v, undefined));
    this.push(r);
  }

  // -------------------------------------------------------------------------
  // Calls and errors

  /**
   * lua_call: call the function below the `nargs` arguments on top; pops
   * them and pushes `nresults` results (MULTRET: all). Outside any host
   * function this call is protected and an error goes to the panic handler
   * (see {@link atPanic}); inside one, an error propagates as a Lua error.
   */
  call(nargs: number, nresults = 0): void {
    this.callk(nargs, nresults, 0, undefined);
  }

  /**
   * lua_callk: like `call`, but a yield in the callee does not fail: the
   * host function's JS frames are abandoned and `k` finishes it on resume.
   */
  callk(nargs: number, nresults: number, ctx: number, k: ApiContinuation<this> | undefined): void {
    const L = this.L;
    const func = L.top - nargs - 1;
    if (L.ci === L.baseCi) this.entry(func, () => callValue(L, func, nresults));
    else coreCallk(L, func, nresults, ctx, k === undefined ? null : this.continuation(k));
    this.adjustResults(nresults);
  }

  /**
   * lua_pcall: protected call; returns a status, with the results (LUA_OK)
   * or the error object (after message handler `msgh`, a stack index or 0)
   * on top. When the error came from a JS exception thrown by a host
   * function, {@link lastHostError} returns that exception.
   */
  pcall(nargs: number, nresults = 0, msgh = 0): number {
    return this.pcallk(nargs, nresults, msgh, 0, undefined);
  }

  /** lua_pcallk: `pcall` that lets the callee yield; `k` finishes the host function on resume. */
  pcallk(nargs: number, nresults: number, msgh: number, ctx: number, k: ApiContinuation<this> | undefined): number {
    const L = this.L;
    const func = L.top - nargs - 1;
    const errfunc = msgh === 0 ? 0 : this.slot(msgh);
    let status: number;
    if (L.ci === L.baseCi) {
      const entry = this.saveEntry();
      try {
        status = corePcall(L, func, nresults, errfunc);
      } catch (e) {
        this.abortEntry(entry, func);
        throw e;
      }
    } else {
      status = corePcallk(L, func, nresults, errfunc, ctx, k === undefined ? null : this.continuation(k));
    }
    if (status === LUA_OK) this.adjustResults(nresults);
    return status;
  }

  /** After a MULTRET call the frame must hold its results (adjustresults in lapi.h). */
  private adjustResults(nresults: number): void {
    const L = this.L;
    if (nresults === MULTRET && L.ci.top < L.top) L.ci.top = L.top;
  }

  /** The JS exception behind the error the last failed pcall (or resume) of this thread caught, if any. */
  lastHostError(): unknown {
    return this.L.hostError;
  }

  /** lua_error: raise the value on top as a Lua error (never returns). */
  error(): never {
    const L = this.L;
    const v = L.stack[L.top - 1];
    return this.entry(L.top - 1, () => {
      L.top--;
      return throwValue(L, v);
    });
  }

  /**
   * lua_load: compile a chunk (source as a host string, encoded as UTF-8,
   * or bytes, which may be a precompiled binary chunk) and push it as a
   * function; on failure push the message. Returns LUA_OK or ERRSYNTAX.
   * `mode` is "t", "b" or "bt"; `chunkname` follows the C conventions
   * ("=name", "@file", or the source itself).
   */
  load(chunk: string | Uint8Array, chunkname = '?', mode = 'bt'): number {
    const src = typeof chunk === 'string' ? encodeUtf8(chunk) : bytesToString(chunk);
    const f = loadChunk(this.L, src, encodeUtf8(chunkname), mode);
    this.push(f);
    return typeof f === 'string' ? LUA_ERRSYNTAX : LUA_OK;
  }

  // -------------------------------------------------------------------------
  // The panic path

  /**
   * lua_atpanic: set the handler for errors raised outside any protected
   * call (`undefined` restores the default); returns the previous handler.
   * One handler per Lua universe.
   */
  atPanic(handler: PanicHandler | undefined): PanicHandler {
    const ext = this.L.g.ext;
    const old = (ext.get(PANIC_KEY) as PanicHandler | undefined) ?? defaultPanic;
    if (handler === undefined) ext.delete(PANIC_KEY);
    else ext.set(PANIC_KEY, handler);
    return old;
  }

  /**
   * Run an operation that may raise a Lua error. Inside a host function it
   * simply runs (errors propagate to Lua). At the base frame it is a host
   * entry into Lua: an escaping error cuts the stack back to `restoreTo`
   * and goes to the panic handler.
   */
  protected entry<T>(restoreTo: number, body: () => T): T {
    const L = this.L;
    if (L.ci !== L.baseCi) return body();
    const saved = this.saveEntry();
    try {
      return body();
    } catch (e) {
      return this.unprotectedError(e, saved, restoreTo);
    }
  }

  private saveEntry(): Entry {
    const L = this.L;
    return { ci: L.ci, nny: L.nny, nCcalls: L.nCcalls, errfunc: L.errfunc, allowhook: L.allowhook };
  }

  private restoreEntry(e: Entry): void {
    const L = this.L;
    L.ci = e.ci;
    L.nny = e.nny;
    L.nCcalls = e.nCcalls;
    L.errfunc = e.errfunc;
    L.allowhook = e.allowhook;
  }

  /**
   * A host exception that Lua must not catch (HostAbort: a failed API check,
   * os.exit) crossed the entry: drop the frames it abandoned without running
   * Lua code (no `__close`), so the thread is usable again.
   */
  private abortEntry(e: Entry, level: number): void {
    const L = this.L;
    this.restoreEntry(e);
    abandonAbove(L, level);
    shrinkstack(L);
  }

  private unprotectedError(e: unknown, saved: Entry, level: number): never {
    if (e instanceof HostAbort || e === YieldSignal.instance) {
      this.abortEntry(saved, level);
      throw e;
    }
    const L = this.L;
    const t = toLuaThrow(e, L);
    // The frames that raised are still linked from L.ci: take the traceback before unwinding.
    const tb = t.traceback ?? decodeUtf8(auxTraceback(L, L, undefined, 0));
    this.restoreEntry(saved);
    const [, value] = closeprotected(L, level, t.status, t.value);
    L.top = level;
    shrinkstack(L);
    L.hostError = t.hostError;
    const err = new LuaError(this.errorText(value), value, tb);
    if (t.hostError !== undefined) err.cause = t.hostError;
    const handler = (L.g.ext.get(PANIC_KEY) as PanicHandler | undefined) ?? defaultPanic;
    handler(this, err);
    throw err.cause ?? err;
  }

  /** The message of an error object, as lua.c's message handler words it. */
  private errorText(v: LuaValue): string {
    if (typeof v === 'string') return decodeUtf8(v);
    const mt = getmetatable(this.L, v);
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat || mt?.getStr('__tostring') !== undefined) {
      try {
        return decodeUtf8(tolstring(this.L, v));
      } catch {
        // a failing __tostring: fall through to the generic text
      }
    }
    return `(error object is a ${vmTypeName(v)} value)`;
  }
}

const nextEntry: LuaValue[] = [undefined, undefined];
const continuations = new WeakMap<Function, HostCont>();

function reverse(stack: LuaValue[], from: number, to: number): void {
  for (; from < to; from++, to--) {
    const t = stack[from];
    stack[from] = stack[to];
    stack[to] = t;
  }
}
