/**
 * The debug library's introspection functions (the reference's ldblib.c
 * and ldebug.c's lua_getinfo/lua_getlocal): tracebacks, frame and function
 * information, locals, upvalues, metatables, the registry, user values.
 *
 * Hooks (sethook/gethook) are not part of this file yet: they need the
 * interpreter's safepoint, which arrives with the sandbox work.
 */

import { setMetatable } from '../vm/gc.js';
import { LuaFloat, type LuaValue } from '../value/value.js';
import { LuaUserdata } from '../vm/userdata.js';
import { currentline, getfuncname, getlocalname, shortSrc } from '../vm/debuginfo.js';
import { HostFunction, LuaClosure, type HostFn } from '../vm/function.js';
import { typeName } from '../vm/metamethods.js';
import { CIST, LuaState, type CallInfo } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { slotValue } from '../vm/floatregs.js';
import { argError, checkInteger, optInteger, ret, typeError, arg, newString } from './args.js';
import { getstack, traceback } from './traceback.js';
import { newLib, type LibTable } from './register.js';
import { toStringOrUndefined } from './tostring.js';

/** Optional thread first argument (getthread in ldblib.c): returns [thread, index of the next argument]. */
function getthread(L: LuaState, base: number, nargs: number): [LuaState, number] {
  const v = nargs >= 1 ? L.stack[base] : undefined;
  return v instanceof LuaState ? [v, 1] : [L, 0];
}

function isFunction(v: LuaValue): v is LuaClosure | HostFunction {
  return v instanceof LuaClosure || v instanceof HostFunction;
}

// ---- traceback

const dbtraceback: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const msg = arg(L, base, nargs, a + 1);
  const text = toStringOrUndefined(msg);
  if (msg !== undefined && text === undefined) return ret(L, msg); // non-string message: return it untouched
  const level = Number(optInteger(L, base, nargs, a + 2, L === L1 ? 1 : 0));
  return ret(L, newString(L, traceback(L, L1, text, level)));
};

// ---- getinfo

const INFO_OPTIONS = /^>?[SlnrutfL]*$/;

/** Fill `t` with the fields `what` asks for, about function `f` running in `ci` (or not running: ci null). */
function fillInfo(L: LuaState, L1: LuaState, t: LuaTable, what: string, f: LuaValue, ci: CallInfo | null): void {
  const lua = f instanceof LuaClosure ? f : undefined;
  for (const c of what) {
    switch (c) {
      case 'S': {
        if (lua === undefined) {
          t.setStr('source', '=[C]');
          t.setStr('short_src', '[C]');
          t.setStr('linedefined', -1);
          t.setStr('lastlinedefined', -1);
          t.setStr('what', 'C');
        } else {
          const p = lua.p;
          t.setStr('source', p.source ?? '=?');
          t.setStr('short_src', shortSrc(p));
          t.setStr('linedefined', p.linedefined);
          t.setStr('lastlinedefined', p.lastlinedefined);
          t.setStr('what', p.linedefined === 0 ? 'main' : 'Lua');
        }
        break;
      }
      case 'l':
        t.setStr('currentline', ci !== null && ci.callstatus & CIST.LUA ? currentline(ci) : -1);
        break;
      case 'u':
        t.setStr('nups', lua !== undefined ? lua.upvals.length : f instanceof HostFunction ? f.upvalues.length : 0);
        t.setStr('nparams', lua !== undefined ? lua.p.numparams : 0);
        t.setStr('isvararg', lua !== undefined ? lua.p.isVararg : true);
        break;
      case 'n': {
        const named = ci !== null ? getfuncname(L1, ci) : undefined;
        t.setStr('name', named?.[1]);
        t.setStr('namewhat', named?.[0] ?? '');
        break;
      }
      case 't':
        t.setStr('istailcall', ci !== null && (ci.callstatus & CIST.TAIL) !== 0);
        break;
      case 'r':
        t.setStr('ftransfer', ci?.ftransfer ?? 0);
        t.setStr('ntransfer', ci?.ntransfer ?? 0);
        break;
      case 'L':
        if (lua !== undefined) {
          const lines = new LuaTable(L.g.heap);
          const li = lua.p.lineinfo;
          // the VARARGPREP of a vararg function is not an "active" line, as in the reference
          for (let pc = lua.p.isVararg ? 1 : 0; pc < li.length; pc++) lines.set(li[pc], true);
          t.setStr('activelines', lines);
        }
        break;
      case 'f':
        t.setStr('func', f);
        break;
    }
  }
}

const getinfo: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const target = arg(L, base, nargs, a + 1);
  const whatArg = arg(L, base, nargs, a + 2);
  const what = whatArg === undefined ? 'flnSrtu' : String(whatArg);
  if (!INFO_OPTIONS.test(what) || what.startsWith('>')) return argError(L, a + 2, 'invalid option');
  let f: LuaValue;
  let ci: CallInfo | null = null;
  if (isFunction(target)) {
    f = target;
  } else {
    if (typeof target !== 'number' && typeof target !== 'bigint' && !(target instanceof LuaFloat)) {
      return argError(L, a + 1, 'function or level expected');
    }
    const level = Number(checkInteger(L, base, nargs, a + 1));
    ci = getstack(L1, L === L1 ? level : level);
    if (ci === null || level < 0) return ret(L, undefined); // level out of range
    f = L1.stack[ci.func];
  }
  const t = new LuaTable(L.g.heap);
  fillInfo(L, L1, t, what, f, ci);
  return ret(L, t);
};

// ---- locals

/** Name and stack slot of local `n` of frame `ci` (luaG_findlocal), or undefined. */
function findlocal(L1: LuaState, ci: CallInfo, n: number): [string, number] | undefined {
  const lua = ci.callstatus & CIST.LUA ? ci.closure! : undefined;
  if (lua !== undefined && n < 0) {
    // varargs: -1 is the first extra argument
    const nextra = lua.p.isVararg ? ci.nextraargs : 0;
    if (n >= -nextra) return ['(vararg)', ci.func - nextra - (n + 1)];
    return undefined;
  }
  const base = ci.base;
  let name = lua !== undefined ? getlocalname(lua.p, n, ci.pc - 1) : undefined;
  if (name === undefined) {
    const limit = ci === L1.ci ? L1.top : ci.next!.func;
    if (limit - base >= n && n > 0) name = lua !== undefined ? '(temporary)' : '(C temporary)';
    else return undefined;
  }
  return [name, base + n - 1];
}

const getlocal: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const n = Number(checkInteger(L, base, nargs, a + 2));
  const target = arg(L, base, nargs, a + 1);
  if (isFunction(target)) {
    // information about a non-active function: only parameter names
    const name = target instanceof LuaClosure ? getlocalname(target.p, n, 0) : undefined;
    return ret(L, name);
  }
  const level = Number(checkInteger(L, base, nargs, a + 1));
  const ci = getstack(L1, level);
  if (ci === null || level < 0) return argError(L, a + 1, 'level out of range');
  const found = findlocal(L1, ci, n);
  if (found === undefined) return ret(L, undefined);
  return ret(L, found[0], slotValue(L1, found[1]));
};

const setlocal: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const level = Number(checkInteger(L, base, nargs, a + 1));
  const n = Number(checkInteger(L, base, nargs, a + 2));
  if (a + 3 > nargs) argError(L, a + 3, 'value expected');
  const ci = getstack(L1, level);
  if (ci === null || level < 0) return argError(L, a + 1, 'level out of range');
  const found = findlocal(L1, ci, n);
  if (found === undefined) return ret(L, undefined);
  L1.stack[found[1]] = L.stack[base + a + 2];
  return ret(L, found[0]);
};

// ---- upvalues

function upvalueName(f: LuaClosure | HostFunction, n: number): string | undefined {
  if (f instanceof HostFunction) return n >= 1 && n <= f.upvalues.length ? '' : undefined;
  if (n < 1 || n > f.upvals.length) return undefined;
  return f.p.upvalues[n - 1]?.name ?? '(no name)';
}

function checkFunction(L: LuaState, base: number, nargs: number, n: number): LuaClosure | HostFunction {
  const f = arg(L, base, nargs, n);
  if (!isFunction(f)) return typeError(L, base, nargs, n, 'function');
  return f;
}

const getupvalue: HostFn = (L, base, nargs) => {
  const f = checkFunction(L, base, nargs, 1);
  const n = Number(checkInteger(L, base, nargs, 2));
  const name = upvalueName(f, n);
  if (name === undefined) return 0;
  const v = f instanceof LuaClosure ? f.upvals[n - 1].get() : f.upvalues[n - 1];
  return ret(L, name, v);
};

const setupvalue: HostFn = (L, base, nargs) => {
  if (nargs < 3) argError(L, 3, 'value expected');
  const f = checkFunction(L, base, nargs, 1);
  const n = Number(checkInteger(L, base, nargs, 2));
  const name = upvalueName(f, n);
  if (name === undefined) return 0;
  const v = L.stack[base + 2];
  if (f instanceof LuaClosure) f.upvals[n - 1].set(v);
  else f.upvalues[n - 1] = v;
  return ret(L, name);
};

/** Lua closure and a valid upvalue index for upvalueid/upvaluejoin. */
function checkUpval(L: LuaState, base: number, nargs: number, fArg: number, nArg: number): [LuaClosure, number] {
  const f = checkFunction(L, base, nargs, fArg);
  const n = Number(checkInteger(L, base, nargs, nArg));
  if (!(f instanceof LuaClosure) || n < 1 || n > f.upvals.length) return argError(L, nArg, 'invalid upvalue index');
  return [f, n - 1];
}

const upvalueid: HostFn = (L, base, nargs) => {
  const f = checkFunction(L, base, nargs, 1);
  const n = Number(checkInteger(L, base, nargs, 2));
  if (f instanceof LuaClosure) {
    if (n < 1 || n > f.upvals.length) return ret(L, undefined);
    return ret(L, lightFor(f.upvals[n - 1]));
  }
  if (n < 1 || n > f.upvalues.length) return ret(L, undefined);
  return ret(L, lightFor(f.upvalues));
};

/** A stable light-userdata identity per upvalue object. */
const ids = new WeakMap<object, LuaUserdata>();
function lightFor(o: object): LuaValue {
  let id = ids.get(o);
  if (id === undefined) {
    id = new LuaUserdata(o, 0);
    ids.set(o, id);
  }
  return id;
}

const upvaluejoin: HostFn = (L, base, nargs) => {
  const [f1, n1] = checkUpval(L, base, nargs, 1, 2);
  const [f2, n2] = checkUpval(L, base, nargs, 3, 4);
  f1.upvals[n1] = f2.upvals[n2];
  return 0;
};

// ---- metatables, registry, user values

const dgetmetatable: HostFn = (L, base, nargs) => {
  if (nargs < 1) argError(L, 1, 'value expected');
  const v = L.stack[base];
  const mt = v instanceof LuaTable || v instanceof LuaUserdata ? v.metatable : L.g.typeMetatables.get(typeName(v));
  return ret(L, mt);
};

const dsetmetatable: HostFn = (L, base, nargs) => {
  const mt = arg(L, base, nargs, 2);
  if (mt !== undefined && !(mt instanceof LuaTable)) typeError(L, base, nargs, 2, 'nil or table');
  const v = arg(L, base, nargs, 1);
  if (v instanceof LuaTable || v instanceof LuaUserdata) setMetatable(L.g.heap, v, mt);
  else if (mt === undefined) L.g.typeMetatables.delete(typeName(v));
  else L.g.typeMetatables.set(typeName(v), mt);
  return ret(L, v);
};

const getregistry: HostFn = (L) => ret(L, L.g.registry);

const getuservalue: HostFn = (L, base, nargs) => {
  const u = arg(L, base, nargs, 1);
  const n = Number(optInteger(L, base, nargs, 2, 1));
  if (!(u instanceof LuaUserdata) || n < 1 || n > u.uservalues.length) return ret(L, undefined, false);
  return ret(L, u.uservalues[n - 1], true);
};

const setuservalue: HostFn = (L, base, nargs) => {
  const u = arg(L, base, nargs, 1);
  if (!(u instanceof LuaUserdata)) return typeError(L, base, nargs, 1, 'userdata');
  if (nargs < 2) argError(L, 2, 'value expected');
  const n = Number(optInteger(L, base, nargs, 3, 1));
  if (n < 1 || n > u.uservalues.length) return ret(L, undefined);
  u.uservalues[n - 1] = L.stack[base + 1];
  return ret(L, u);
};

export const debugLib: LibTable = {
  getinfo, getlocal, getmetatable: dgetmetatable, getregistry, getupvalue, getuservalue, setlocal,
  setmetatable: dsetmetatable, setupvalue, setuservalue, traceback: dbtraceback, upvalueid, upvaluejoin,
};

export function openDebug(L: LuaState): LuaTable {
  return newLib(L, debugLib);
}

