/**
 * The auxiliary helpers hosts expect (the reference's lauxlib.c):
 * argument checks with Lua's messages, metatables by name, references in
 * a table, tracebacks, loading and running strings, library registration.
 *
 * They are methods of {@link AuxApi}, layered on the core stack API, and
 * use only its public operations plus the VM's argument-check helpers (so
 * messages match the reference: `bad argument #1 to 'f' (number expected,
 * got nil)`). Raising helpers go through the same no-panic entry as the
 * core: outside any host function their error reaches the panic handler.
 */

import { argError as vmArgError, checkInteger as vmCheckInteger, checkNumber as vmCheckNumber, checkString as vmCheckString } from '../../lib/args.js';
import { tolstring, typeNameForMessages } from '../../lib/tostring.js';
import { traceback as vmTraceback, whereLevel } from '../../lib/traceback.js';
import { LuaUserdata } from '../../vm/userdata.js';
import { throwValue } from '../../vm/call.js';
import { LuaTable } from '../../vm/table.js';
import { decodeUtf8, encodeUtf8 } from '../utf8.js';
import {
  LuaStatus, LuaType, MULTRET, REGISTRYINDEX, StackApi, type ApiFunction, type LuaTypeCode,
} from './stack-api.js';

/** luaL_ref's result for a nil value (LUA_REFNIL). */
export const REFNIL = -1;
/** A reference that is never returned by `ref` (LUA_NOREF). */
export const NOREF = -2;
/** Index of the free-list head in a reference table (as lauxlib's `freelist`). */
const FREELIST = 3;

/** A library as data: function name -> host function (luaL_Reg). */
export type ApiLib<A extends StackApi = StackApi> = Readonly<Record<string, ApiFunction<A>>>;

/** The core stack API plus the auxiliary helpers (lauxlib). */
export class AuxApi extends StackApi {
  /** Frame arguments as the VM helpers see them. */
  private args(): [base: number, nargs: number] {
    const L = this.L;
    const base = L.ci.func + 1;
    return [base, L.top - base];
  }

  // -------------------------------------------------------------------------
  // Argument checks (they raise "bad argument" errors naming the caller's function)

  /** luaL_argerror: raise "bad argument #arg to 'f' (msg)". */
  argError(arg: number, msg: string): never {
    return this.entry(this.L.top, () => vmArgError(this.L, arg, encodeUtf8(msg)));
  }

  /** luaL_typeerror: raise "bad argument #arg to 'f' (tname expected, got <type>)". */
  typeError(arg: number, tname: string): never {
    const got = this.type(arg) === LuaType.NONE ? 'no value' : typeNameForMessages(this.value(arg));
    return this.argError(arg, `${tname} expected, got ${got}`);
  }

  /** luaL_argcheck. */
  argCheck(cond: boolean, arg: number, msg: string): void {
    if (!cond) this.argError(arg, msg);
  }

  /** luaL_argexpected. */
  argExpected(cond: boolean, arg: number, tname: string): void {
    if (!cond) this.typeError(arg, tname);
  }

  /** luaL_checkany: argument `arg` must be present (nil counts). */
  checkAny(arg: number): void {
    if (this.type(arg) === LuaType.NONE) this.argError(arg, 'value expected');
  }

  /** luaL_checktype: argument `arg` must have type `t`. */
  checkType(arg: number, t: number): void {
    if (this.type(arg) !== t) this.typeError(arg, this.typeName(t));
  }

  /** luaL_checkinteger: an integer, or a float/string with an exact integer value. */
  checkInteger(arg: number): number | bigint {
    const v = this.value(arg);
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    const [base, nargs] = this.args();
    return this.entry(this.L.top, () => vmCheckInteger(this.L, base, nargs, arg));
  }

  /** luaL_optinteger: `def` when the argument is absent or nil. */
  optInteger(arg: number, def: number | bigint): number | bigint {
    return this.isNoneOrNil(arg) ? def : this.checkInteger(arg);
  }

  /** luaL_checknumber: a number (or numeric string) as a double. */
  checkNumber(arg: number): number {
    const n = this.toNumber(arg);
    if (n !== undefined) return n;
    const [base, nargs] = this.args();
    this.entry(this.L.top, () => vmCheckNumber(this.L, base, nargs, arg));
    return NaN; // unreachable: the check raised
  }

  /** luaL_optnumber. */
  optNumber(arg: number, def: number): number {
    return this.isNoneOrNil(arg) ? def : this.checkNumber(arg);
  }

  /** luaL_checklstring: a string or number (converted in place), decoded from UTF-8. */
  checkString(arg: number): string {
    return decodeUtf8(this.checkByteString(arg));
  }

  /** luaL_checklstring as the VM's byte string (char codes 0..255). */
  checkByteString(arg: number): string {
    const s = this.toByteString(arg);
    if (s !== undefined) return s;
    const [base, nargs] = this.args();
    return this.entry(this.L.top, () => vmCheckString(this.L, base, nargs, arg));
  }

  /** luaL_optlstring. */
  optString(arg: number, def: string): string {
    return this.isNoneOrNil(arg) ? def : this.checkString(arg);
  }

  /** luaL_checkoption: the index in `options` of the string argument (or of `def` when absent). */
  checkOption(arg: number, def: string | undefined, options: readonly string[]): number {
    const name = def !== undefined ? this.optString(arg, def) : this.checkString(arg);
    const i = options.indexOf(name);
    if (i < 0) this.argError(arg, `invalid option '${name}'`);
    return i;
  }

  /** luaL_checkstack: grow the stack by `sz` or raise "stack overflow (msg)". */
  ensureStack(sz: number, msg?: string): void {
    if (this.checkStack(sz)) return;
    this.raiseError(msg === undefined ? 'stack overflow' : `stack overflow (${msg})`);
  }

  // -------------------------------------------------------------------------
  // Errors

  /** luaL_where: push "chunk:line:" of the function at `level` (1 = the caller of the running host function). */
  where(level: number): void {
    this.push(whereLevel(this.L, level));
  }

  /** luaL_error: raise `msg` prefixed with the position of the calling Lua code. */
  raiseError(msg: string): never {
    return this.entry(this.L.top, () => throwValue(this.L, whereLevel(this.L, 1) + encodeUtf8(msg)));
  }

  /**
   * luaL_traceback: push a traceback of thread `L1` (from `level`, 0 = its
   * running function), preceded by `msg` when given.
   */
  traceback(L1: StackApi, msg?: string, level = 0): void {
    this.push(vmTraceback(this.L, L1.state, msg === undefined ? undefined : encodeUtf8(msg), level));
  }

  /** luaL_tolstring: push `tostring(v)` for the value at `idx` (honouring __tostring and __name) and return it. */
  toDisplayString(idx: number): string {
    const v = this.value(idx);
    const s = this.entry(this.L.top, () => tolstring(this.L, v));
    this.push(s);
    return decodeUtf8(s);
  }

  /** luaL_len: the length of the value at `idx` (with __len) as a number; raises if it is not an integer. */
  lenOf(idx: number): number {
    this.len(idx);
    const n = this.toInteger(-1);
    this.pop(1);
    if (n === undefined) this.raiseError('object length is not an integer');
    return Number(n);
  }

  // -------------------------------------------------------------------------
  // Metatables by name (userdata types)

  /**
   * luaL_newmetatable: push the registry's metatable named `tname`; create
   * it (with `__name = tname`) and return true if it did not exist.
   */
  newMetatable(tname: string): boolean {
    if (this.getMetatableByName(tname) !== LuaType.NIL) return false;
    this.pop(1);
    this.createTable(0, 2);
    this.pushString(tname);
    this.setField(-2, '__name');
    this.pushValue(-1);
    this.setField(REGISTRYINDEX, tname);
    return true;
  }

  /** luaL_getmetatable: push the registry's metatable named `tname` (nil if none); returns its type. */
  getMetatableByName(tname: string): LuaTypeCode {
    return this.getField(REGISTRYINDEX, tname);
  }

  /** luaL_setmetatable: give the value on top the registry's metatable `tname`. */
  setMetatableByName(tname: string): void {
    this.getMetatableByName(tname);
    this.setMetatable(-2);
  }

  /** luaL_testudata: the userdata at `arg` if its metatable is the registry's `tname`, else undefined. */
  testUdata(arg: number, tname: string): LuaUserdata | undefined {
    const u = this.value(arg);
    if (!(u instanceof LuaUserdata) || u.metatable === undefined) return undefined;
    const mt = this.L.g.registry.getStr(encodeUtf8(tname));
    return u.metatable === mt ? u : undefined;
  }

  /** luaL_checkudata: like testUdata, but raises a type error; the host payload is `.data`. */
  checkUdata(arg: number, tname: string): LuaUserdata {
    const u = this.testUdata(arg, tname);
    if (u === undefined) this.typeError(arg, tname);
    return u;
  }

  // -------------------------------------------------------------------------
  // References

  /**
   * luaL_ref: pop the top value into the table at `t` under a fresh integer
   * key and return it (REFNIL for nil, popped). Freed keys are reused.
   */
  ref(t: number): number {
    if (this.isNil(-1)) {
      this.pop(1);
      return REFNIL;
    }
    const table = this.value(t) as LuaTable;
    let free = table.getInt(FREELIST);
    if (free === undefined) {
      free = 0;
      table.setInt(FREELIST, 0);
    }
    let ref = free as number;
    if (ref !== 0) table.setInt(FREELIST, table.getInt(ref)); // pop the free list
    else ref = table.length() + 1;
    this.rawSetI(t, ref);
    return ref;
  }

  /** luaL_unref: release reference `ref` of the table at `t` (its key goes back to the free list). */
  unref(t: number, ref: number): void {
    if (ref < 0) return;
    const table = this.value(t) as LuaTable;
    table.setInt(ref, table.getInt(FREELIST));
    table.setInt(FREELIST, ref);
  }

  // -------------------------------------------------------------------------
  // Loading and running code

  /** luaL_loadstring: load a chunk named after its source. */
  loadString(s: string): number {
    return this.load(s, s, 't');
  }

  /** luaL_loadbufferx. */
  loadBuffer(chunk: string | Uint8Array, name: string, mode = 'bt'): number {
    return this.load(chunk, name, mode);
  }

  /** luaL_dostring: load and run `s` in protected mode; returns the status (results or error on top). */
  doString(s: string): number {
    const status = this.loadString(s);
    return status !== LuaStatus.OK ? status : this.pcall(0, MULTRET, 0);
  }

  // -------------------------------------------------------------------------
  // Registration

  /**
   * luaL_setfuncs: set the functions of `lib` into the table below the
   * `nup` upvalues on top; each function gets copies of them (popped).
   */
  setFuncs(lib: ApiLib<this>, nup = 0): void {
    for (const name of Object.keys(lib)) {
      for (let i = 0; i < nup; i++) this.pushValue(-nup);
      this.pushFunction(lib[name], name, nup);
      this.setField(-(nup + 2), name);
    }
    this.pop(nup);
  }

  /** luaL_newlib: push a new table with the functions of `lib`. */
  newLib(lib: ApiLib<this>): void {
    this.createTable(0, Object.keys(lib).length);
    this.setFuncs(lib, 0);
  }

  /** luaL_getsubtable: push t[fname] of the table at `idx`, creating it as a table if needed; true if it existed. */
  getSubTable(idx: number, fname: string): boolean {
    if (this.getField(idx, fname) === LuaType.TABLE) return true;
    this.pop(1);
    idx = this.absIndex(idx);
    this.newTable();
    this.pushValue(-1);
    this.setField(idx, fname);
    return false;
  }

  /**
   * luaL_requiref: if package.loaded[modname] is not set, call `openf` with
   * the module name and store its result there (and as a global when
   * `global`); push the module.
   */
  requireF(modname: string, openf: ApiFunction<this>, global: boolean): void {
    this.getSubTable(REGISTRYINDEX, '_LOADED');
    this.getField(-1, modname);
    if (!this.toBoolean(-1)) {
      this.pop(1);
      this.pushFunction(openf, modname);
      this.pushString(modname);
      this.call(1, 1);
      this.pushValue(-1);
      this.setField(-3, modname);
    }
    this.remove(-2);
    if (global) {
      this.pushValue(-1);
      this.setGlobal(modname);
    }
  }
}
