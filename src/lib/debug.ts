/**
 * The debug library (§6.10; the reference's ldblib.c): tracebacks, frame
 * and function information, locals, upvalues, metatables, the registry,
 * user values, hooks, and the interactive debug.debug. What it reports
 * comes from the VM's debug information (vm/debuginfo.ts) and hooks
 * (vm/hooks.ts).
 */

import { setMetatable } from '../vm/gc.js';
import { LightUserdata, type LuaValue } from '../value/value.js';
import { LuaUserdata } from '../vm/userdata.js';
import { findlocal, getinfo as getinfoOf, getlocalname, type DebugInfo } from '../vm/debuginfo.js';
import { sethook as sethookOf, HookMask, type Hook } from '../vm/hooks.js';
import { callNoYield, pcall } from '../vm/call.js';
import { loadChunk } from '../vm/create.js';
import { LUAI_MAXCCALLS } from '../value/limits.js';
import { LUA_OK } from '../vm/state.js';
import { platformOf, type PlatformFile } from './platform-interface.js';
import { HostFunction, LuaClosure, type HostFn } from '../vm/function.js';
import { typeName } from '../vm/metamethods.js';
import { LuaState, type CallInfo } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { slotValue } from '../vm/floatregs.js';
import { argError, checkInteger, checkString, optInteger, optString, ret, typeError, arg, newString } from './args.js';
import { getstack, traceback } from './traceback.js';
import { newLib, type LibTable } from './register.js';
import { tolstring, toStringOrUndefined } from './tostring.js';

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

/** debug.getinfo ([thread,] f, [what]) (§6.10): a table of lua_getinfo's fields. */
const getinfo: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const options = optString(L, base, nargs, a + 2, 'flnSrtu');
  if (options.startsWith('>')) argError(L, a + 2, "invalid option '>'");
  const target = arg(L, base, nargs, a + 1);
  let f: LuaValue;
  let ci: CallInfo | null = null;
  if (isFunction(target)) {
    f = target;
  } else {
    ci = getstack(L1, Number(checkInteger(L, base, nargs, a + 1)));
    if (ci === null) return ret(L, undefined); // level out of range
    f = L1.stack[ci.func];
  }
  const ar = getinfoOf(L1, options, f, ci);
  if (ar === undefined) return argError(L, a + 2, 'invalid option');
  const t = new LuaTable(L.g.heap);
  for (const [key, v] of Object.entries(ar) as [string, DebugInfo[keyof DebugInfo]][]) {
    if (key === 'activelines') {
      const lines = new LuaTable(L.g.heap);
      for (const line of v as number[]) lines.set(line, true);
      t.setStr(key, lines);
    } else {
      t.setStr(key, v as LuaValue);
    }
  }
  return ret(L, t);
};

// ---- locals

const getlocal: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const n = Number(checkInteger(L, base, nargs, a + 2));
  const target = arg(L, base, nargs, a + 1);
  if (isFunction(target)) {
    // information about a non-active function: only parameter names
    const name = target instanceof LuaClosure ? getlocalname(target.p, n, 0) : undefined;
    return ret(L, name);
  }
  const ci = getstack(L1, Number(checkInteger(L, base, nargs, a + 1)));
  if (ci === null) return argError(L, a + 1, 'level out of range');
  const found = findlocal(L1, ci, n);
  if (found === undefined) return ret(L, undefined);
  return ret(L, found[0], slotValue(L1, found[1]));
};

const setlocal: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const level = Number(checkInteger(L, base, nargs, a + 1));
  const n = Number(checkInteger(L, base, nargs, a + 2));
  const ci = getstack(L1, level);
  if (ci === null) return argError(L, a + 1, 'level out of range');
  if (a + 3 > nargs) argError(L, a + 3, 'value expected');
  const found = findlocal(L1, ci, n);
  if (found === undefined) return ret(L, undefined);
  L1.stack[found[1]] = L.stack[base + a + 2];
  L.g.frameWrites++; // compiled code reads its registers again (vm/jit/codegen.ts)
  return ret(L, found[0]);
};

// ---- upvalues

/** Name of upvalue n of f ('' for a host function's), or undefined when there is no such upvalue (lua_getupvalue). */
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

/** debug.getupvalue (f, up) (§6.10): its name and value, or nothing when there is no such upvalue. */
const getupvalue: HostFn = (L, base, nargs) => {
  const n = Number(checkInteger(L, base, nargs, 2));
  const f = checkFunction(L, base, nargs, 1);
  const name = upvalueName(f, n);
  if (name === undefined) return 0;
  const v = f instanceof LuaClosure ? f.upvals[n - 1].get() : f.upvalues[n - 1];
  return ret(L, name, v);
};

/** debug.setupvalue (f, up, value) (§6.10): its name, or nothing when there is no such upvalue. */
const setupvalue: HostFn = (L, base, nargs) => {
  if (nargs < 3) argError(L, 3, 'value expected');
  const n = Number(checkInteger(L, base, nargs, 2));
  const f = checkFunction(L, base, nargs, 1);
  const name = upvalueName(f, n);
  if (name === undefined) return 0;
  const v = L.stack[base + 2];
  if (f instanceof LuaClosure) f.upvals[n - 1].set(v);
  else f.upvalues[n - 1] = v;
  L.g.frameWrites++; // an open upvalue is a frame's register: compiled code reads its registers again
  return ret(L, name);
};

/**
 * The identity of upvalue n of the function at argument `fArg`
 * (checkupval and lua_upvalueid): undefined when there is none. With
 * `mustExist`, that is an "invalid upvalue index" error.
 */
function checkUpval(
  L: LuaState, base: number, nargs: number, fArg: number, nArg: number, mustExist: boolean,
): [id: LuaValue, n: number] {
  const n = Number(checkInteger(L, base, nargs, nArg));
  const f = checkFunction(L, base, nargs, fArg);
  let id: LuaValue;
  if (f instanceof LuaClosure) id = n >= 1 && n <= f.upvals.length ? idOf(f.upvals[n - 1]) : undefined;
  else id = n >= 1 && n <= f.upvalues.length ? hostUpvalueId(f.upvalues, n - 1) : undefined;
  if (mustExist && id === undefined) argError(L, nArg, 'invalid upvalue index');
  return [id, n];
}

/** debug.upvalueid (f, n) (§6.10): a light userdata identifying the upvalue, or fail. */
const upvalueid: HostFn = (L, base, nargs) => ret(L, checkUpval(L, base, nargs, 1, 2, false)[0]);

/** Upvalue identities: one object per upvalue (a light userdata's address in the reference). */
const ids = new WeakMap<object, LightUserdata>();
const hostIds = new WeakMap<object, LightUserdata[]>();

function idOf(o: object): LightUserdata {
  let id = ids.get(o);
  if (id === undefined) {
    id = new LightUserdata(o);
    ids.set(o, id);
  }
  return id;
}

/** A host closure's upvalues are slots of its array: one identity per slot. */
function hostUpvalueId(upvalues: LuaValue[], i: number): LightUserdata {
  let slots = hostIds.get(upvalues);
  if (slots === undefined) {
    slots = [];
    hostIds.set(upvalues, slots);
  }
  return (slots[i] ??= new LightUserdata(upvalues));
}

/** debug.upvaluejoin (f1, n1, f2, n2) (§6.10): upvalue n1 of Lua closure f1 becomes upvalue n2 of Lua closure f2. */
const upvaluejoin: HostFn = (L, base, nargs) => {
  const [, n1] = checkUpval(L, base, nargs, 1, 2, true);
  const [, n2] = checkUpval(L, base, nargs, 3, 4, true);
  const f1 = L.stack[base];
  const f2 = L.stack[base + 2];
  if (!(f1 instanceof LuaClosure)) return argError(L, 1, 'Lua function expected');
  if (!(f2 instanceof LuaClosure)) return argError(L, 3, 'Lua function expected');
  f1.upvals[n1 - 1] = f2.upvals[n2 - 1];
  // f1 may now write a register of a running frame that no closure of that
  // frame's function could write (what compiled code counts on): from now
  // on every write to an open upvalue counts as a write into a frame
  L.g.upvaluesJoined = true;
  L.g.frameWrites++;
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
  if (nargs < 2 || (mt !== undefined && !(mt instanceof LuaTable))) typeError(L, base, nargs, 2, 'nil or table');
  const v = arg(L, base, nargs, 1);
  if (v instanceof LuaTable || v instanceof LuaUserdata) setMetatable(L.g.heap, v, mt);
  else if (mt === undefined) L.g.typeMetatables.delete(typeName(v));
  else L.g.typeMetatables.set(typeName(v), mt);
  return ret(L, v);
};

const getregistry: HostFn = (L) => ret(L, L.g.registry);

/** debug.getuservalue (u, n) (§6.10): the value and true, or only nil (not a full userdata, or no such value). */
const getuservalue: HostFn = (L, base, nargs) => {
  const n = Number(optInteger(L, base, nargs, 2, 1));
  const u = arg(L, base, nargs, 1);
  if (!(u instanceof LuaUserdata) || n < 1 || n > u.uservalues.length) return ret(L, undefined);
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

// ---- hooks

/** Event names as hooks receive them, indexed by HookEvent. */
const HOOK_NAMES = ['call', 'return', 'line', 'count', 'tail call'];

/**
 * Registry key of the table of Lua hook functions by thread, weak-keyed
 * (a hooked coroutine can still be collected), as the reference's.
 */
const HOOKKEY = '_HOOKKEY';

/** The table of hook functions by thread; created (with its weak-key metatable) when `create`. */
function hookTable(L: LuaState, create: boolean): LuaTable | undefined {
  const reg = L.g.registry;
  const t = reg.getStr(HOOKKEY);
  if (t instanceof LuaTable || !create) return t instanceof LuaTable ? t : undefined;
  const nt = new LuaTable(L.g.heap);
  nt.setStr('__mode', 'k');
  setMetatable(L.g.heap, nt, nt);
  reg.setStr(HOOKKEY, nt);
  return nt;
}

/**
 * The hook debug.sethook installs (hookf in ldblib.c): calls the thread's
 * Lua hook function with the event name and, for line events, the line.
 * A coroutine created by a hooked thread inherits this hook but has no
 * function in the table: nothing is called in it until debug.sethook is
 * given that coroutine, as in the reference.
 */
const hookf: Hook = (L, event, line) => {
  const table = hookTable(L, false);
  const f = table?.get(L);
  if (!isFunction(f)) return;
  // the table stays below the call, as in the reference (getlocal sees it as a temporary of the hooked frame)
  L.stack[L.top++] = table;
  const func = L.top;
  L.stack[func] = f;
  L.stack[func + 1] = HOOK_NAMES[event];
  L.stack[func + 2] = line >= 0 ? line : undefined;
  L.top = func + 3;
  callNoYield(L, func, 0);
};

/** The letters of a hook mask string and their events (makemask/unmakemask), in gethook's order. */
const MASK_LETTERS: readonly (readonly [string, HookMask])[] = [['c', HookMask.CALL], ['r', HookMask.RET], ['l', HookMask.LINE]];

/** debug.sethook ([thread,] hook, mask [, count]) (§6.10); no hook turns hooks off. */
const sethook: HostFn = (L, base, nargs) => {
  const [L1, a] = getthread(L, base, nargs);
  const f = arg(L, base, nargs, a + 1);
  let mask = 0;
  let count = 0;
  if (f !== undefined) {
    const smask = checkString(L, base, nargs, a + 2);
    if (!isFunction(f)) return typeError(L, base, nargs, a + 1, 'function');
    count = Number(optInteger(L, base, nargs, a + 3, 0));
    for (const [letter, bit] of MASK_LETTERS) if (smask.includes(letter)) mask |= bit;
    if (count > 0) mask |= HookMask.COUNT;
  }
  hookTable(L, true)!.set(L1, f);
  sethookOf(L1, f === undefined ? null : hookf, mask, count);
  return 0;
};

/** debug.gethook ([thread]) (§6.10): the hook function, its mask and its count; fail without a hook. */
const gethook: HostFn = (L, base, nargs) => {
  const [L1] = getthread(L, base, nargs);
  const hook = L1.hook;
  if (hook === null) return ret(L, undefined);
  const smask = MASK_LETTERS.filter(([, bit]) => L1.hookmask & bit).map(([letter]) => letter).join('');
  return ret(L, hook === hookf ? hookTable(L, false)?.get(L1) : 'external hook', smask, L1.basehookcount);
};

// ---- the rest

/**
 * debug.debug () (§6.10): a prompt on standard error reading commands from
 * standard input, each run as a chunk, until a line `cont` or end of input.
 * A line longer than the reference's buffer (250 bytes) is read, and run,
 * in pieces, as there.
 */
const debug: HostFn = (L) => {
  const input = platformOf(L).stdin();
  for (;;) {
    L.g.stderr('lua_debug> ');
    const line = readLine(input, DEBUG_LINE_MAX);
    if (line === '' || line === 'cont\n') return 0;
    const top = L.top;
    const f = loadChunk(L, line, '=(debug command)', 'bt');
    let failed = typeof f === 'string';
    if (typeof f === 'string') L.stack[L.top++] = f;
    else {
      L.stack[L.top] = f;
      failed = pcall(L, L.top++, 0, 0) !== LUA_OK;
    }
    if (failed) L.g.stderr(tolstring(L, L.stack[L.top - 1]) + '\n');
    L.top = top;
  }
};

/** fgets's buffer in the reference's debug.debug: a line holds at most this many bytes, newline included. */
const DEBUG_LINE_MAX = 249;

/** A line of at most `max` bytes from `input` (its newline included), read byte by byte so that nothing after it is consumed. */
function readLine(input: PlatformFile, max: number): string {
  let line = '';
  while (line.length < max) {
    const c = input.read(1);
    if (c === '') break;
    line += c;
    if (c === '\n') break;
  }
  return line;
}

/** debug.setcstacklimit (limit) (§8.3): deprecated in 5.4, does nothing; returns the fixed limit, as the reference does. */
const setcstacklimit: HostFn = (L, base, nargs) => {
  checkInteger(L, base, nargs, 1);
  return ret(L, LUAI_MAXCCALLS);
};

export const debugLib: LibTable = {
  debug, gethook, getinfo, getlocal, getmetatable: dgetmetatable, getregistry, getupvalue, getuservalue, sethook,
  setcstacklimit, setlocal, setmetatable: dsetmetatable, setupvalue, setuservalue, traceback: dbtraceback, upvalueid,
  upvaluejoin,
};

export function openDebug(L: LuaState): LuaTable {
  return newLib(L, debugLib, 'debug.');
}

