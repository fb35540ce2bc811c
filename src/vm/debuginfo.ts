/**
 * Debug information derived from bytecode: current lines, variable names for
 * error messages, function names for tracebacks (the reference's ldebug.c).
 *
 * Values carry no addresses here, so callers say where an offending value
 * lives with a {@link VarLoc}: a register of the current frame, an upvalue of
 * the current closure, or nothing known.
 */

import { Op, OPINFO } from '../bytecode/opcodes.js';
import type { Proto } from '../bytecode/proto.js';
import { chunkid } from '../frontend/chunkid.js';
import type { LuaValue } from '../value/value.js';
import { HostFunction, LuaClosure } from './function.js';
import { CIST, type CallInfo, type LuaState } from './state.js';

/** Where a value came from: register r (>= 0), upvalue u (encoded -1 - u), or unknown (undefined). */
export type VarLoc = number | undefined;
export const upvalLoc = (u: number): number => -1 - u;

/** Names of metamethod events as the debug library reports them ("index", "add", ...). */
const OP_EVENT: Partial<Record<Op, string>> = {
  [Op.SELF]: 'index', [Op.GETTABUP]: 'index', [Op.GETTABLE]: 'index', [Op.GETI]: 'index', [Op.GETFIELD]: 'index',
  [Op.SETTABUP]: 'newindex', [Op.SETTABLE]: 'newindex', [Op.SETI]: 'newindex', [Op.SETFIELD]: 'newindex',
  [Op.ADDI]: 'add', [Op.ADDK]: 'add', [Op.ADD]: 'add', [Op.SUBK]: 'sub', [Op.SUB]: 'sub',
  [Op.MULK]: 'mul', [Op.MUL]: 'mul', [Op.MODK]: 'mod', [Op.MOD]: 'mod', [Op.POWK]: 'pow', [Op.POW]: 'pow',
  [Op.DIVK]: 'div', [Op.DIV]: 'div', [Op.IDIVK]: 'idiv', [Op.IDIV]: 'idiv',
  [Op.BANDK]: 'band', [Op.BAND]: 'band', [Op.BORK]: 'bor', [Op.BOR]: 'bor', [Op.BXORK]: 'bxor', [Op.BXOR]: 'bxor',
  [Op.SHRI]: 'shr', [Op.SHR]: 'shr', [Op.SHLI]: 'shl', [Op.SHL]: 'shl',
  [Op.UNM]: 'unm', [Op.BNOT]: 'bnot', [Op.LEN]: 'len', [Op.CONCAT]: 'concat',
  [Op.EQ]: 'eq', [Op.EQK]: 'eq', [Op.EQI]: 'eq',
  [Op.LT]: 'lt', [Op.LTI]: 'lt', [Op.GTI]: 'lt', [Op.LE]: 'le', [Op.LEI]: 'le', [Op.GEI]: 'le',
  [Op.CLOSE]: 'close', [Op.RETURN]: 'close',
};

/** pc of the instruction being executed by a Lua frame. */
export function currentpc(ci: CallInfo): number {
  return ci.pc - 1;
}

/** Source line of instruction `pc` of `p` (luaG_getfuncline), or -1 without line information. */
export function getfuncline(p: Proto, pc: number): number {
  return pc >= 0 && pc < p.lineinfo.length ? p.lineinfo[pc] : -1;
}

/** Current source line of a frame, or -1 for host frames and stripped code. */
export function currentline(ci: CallInfo): number {
  if (!(ci.callstatus & CIST.LUA)) return -1;
  return getfuncline(ci.closure!.p, currentpc(ci));
}

/** "chunk:line:" prefix for messages raised at a frame ("" for host frames), as luaL_where. */
/**
 * Position prefix of a runtime error raised in frame `ci` (luaG_addinfo):
 * "chunk:line: " for Lua frames, even without line information ("?:-1: "
 * for stripped code, as the reference prints); "" for host frames.
 */
export function where(ci: CallInfo): string {
  if (!(ci.callstatus & CIST.LUA)) return '';
  return `${shortSrc(ci.closure!.p)}:${currentline(ci)}: `;
}

export function shortSrc(p: Proto): string {
  return p.source === undefined ? '?' : chunkid(p.source);
}

/** Name of local variable `n` (1-based) active at `pc`, as luaF_getlocalname. */
export function getlocalname(p: Proto, n: number, pc: number): string | undefined {
  for (let i = 0; i < p.locvars.length && p.locvars[i].startpc <= pc; i++) {
    const lv = p.locvars[i];
    if (pc < lv.endpc) {
      n--;
      if (n === 0) return lv.varname;
    }
  }
  return undefined;
}

function upvalname(p: Proto, uv: number): string {
  const name = p.upvalues[uv]?.name;
  return name === undefined ? '?' : name;
}

/**
 * The pc of the last instruction before `lastpc` that certainly set
 * register `reg`, or -1 (symbolic execution, as the reference's findsetreg).
 */
function findsetreg(p: Proto, lastpc: number, reg: number): number {
  const code = p.code;
  let setreg = -1;
  let jmptarget = 0; // code before this address is conditional
  for (let pc = 0; pc < lastpc; pc++) {
    const i = code[pc];
    const op = (i & 0x7f) as Op;
    const a = (i >>> 7) & 0xff;
    let change: boolean;
    switch (op) {
      case Op.LOADNIL:
        change = a <= reg && reg <= a + ((i >>> 16) & 0xff);
        break;
      case Op.TFORCALL:
        change = reg >= a + 2;
        break;
      case Op.CALL:
      case Op.TAILCALL:
        change = reg >= a;
        break;
      case Op.JMP: {
        const dest = pc + 1 + ((i >>> 7) - ((1 << 24) - 1));
        if (dest <= lastpc && dest > jmptarget) jmptarget = dest;
        change = false;
        break;
      }
      default:
        change = OPINFO[op].setsA && reg === a;
    }
    if (change) setreg = pc < jmptarget ? -1 : pc;
  }
  return setreg;
}

function kname(p: Proto, k: number): string {
  const v = p.k[k];
  return typeof v === 'string' ? v : '?';
}

/** Name of register `c` if it holds a constant string (rname in ldebug.c). */
function rname(p: Proto, pc: number, c: number): string {
  const r = getobjname(p, pc, c);
  return r !== undefined && r[0] === 'constant' ? r[1] : '?';
}

/** Is the table in register/upvalue `t` the environment `_ENV`? */
function isEnv(p: Proto, pc: number, i: number, isup: boolean): 'global' | 'field' {
  const t = (i >>> 16) & 0xff;
  const name = isup ? upvalname(p, t) : getobjname(p, pc, t)?.[1];
  return name === '_ENV' ? 'global' : 'field';
}

/** Name and stack slot of local `n` of frame `ci` (luaG_findlocal), or undefined. */
export function findlocal(L1: LuaState, ci: CallInfo, n: number): [string, number] | undefined {
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

/** [kind, name] describing register `reg` at `lastpc`, e.g. ['local', 'x'], ['global', 'print']. */
export function getobjname(p: Proto, lastpc: number, reg: number): [string, string] | undefined {
  const local = getlocalname(p, reg + 1, lastpc);
  if (local !== undefined) return ['local', local];
  const pc = findsetreg(p, lastpc, reg);
  if (pc === -1) return undefined;
  const i = p.code[pc];
  const op = (i & 0x7f) as Op;
  const b = (i >>> 16) & 0xff;
  const c = i >>> 24;
  switch (op) {
    case Op.MOVE:
      return b < ((i >>> 7) & 0xff) ? getobjname(p, pc, b) : undefined;
    case Op.GETTABUP:
      return [isEnv(p, pc, i, true), kname(p, c)];
    case Op.GETTABLE:
      return [isEnv(p, pc, i, false), rname(p, pc, c)];
    case Op.GETI:
      return ['field', 'integer index'];
    case Op.GETFIELD:
      return [isEnv(p, pc, i, false), kname(p, c)];
    case Op.GETUPVAL:
      return ['upvalue', upvalname(p, b)];
    case Op.LOADK:
    case Op.LOADKX: {
      const idx = op === Op.LOADK ? i >>> 15 : p.code[pc + 1] >>> 7;
      const v = p.k[idx];
      return typeof v === 'string' ? ['constant', v] : undefined;
    }
    case Op.SELF: {
      const key = (i >>> 15) & 1 ? kname(p, c) : rname(p, pc, c);
      return ['method', key];
    }
    default:
      return undefined;
  }
}

/** " (kind 'name')" for an offending value, or "" (varinfo in ldebug.c). */
export function varinfo(L: LuaState, loc: VarLoc): string {
  const ci = L.ci;
  if (loc === undefined || !(ci.callstatus & CIST.LUA)) return '';
  const p = ci.closure!.p;
  let r: [string, string] | undefined;
  if (loc < 0) r = ['upvalue', upvalname(p, -1 - loc)];
  else r = getobjname(p, currentpc(ci), loc);
  return r === undefined ? '' : ` (${r[0]} '${r[1]}')`;
}

/** [namewhat, name] of the function running in `ci`, from its caller (getfuncname). */
export function getfuncname(L: LuaState, ci: CallInfo | null): [string, string] | undefined {
  if (ci === null || ci.callstatus & CIST.TAIL || ci.previous === null) return undefined;
  return funcnamefromcall(ci.previous);
}

/**
 * [namewhat, name] of the function frame `ci` is calling: a hook, a
 * finalizer (the frame running it is marked CIST.FIN), or what the calling
 * instruction names (funcnamefromcall).
 */
export function funcnamefromcall(ci: CallInfo): [string, string] | undefined {
  if (ci.callstatus & CIST.HOOKED) return ['hook', '?'];
  if (ci.callstatus & CIST.FIN) return ['metamethod', '__gc'];
  if (!(ci.callstatus & CIST.LUA)) return undefined;
  return funcnamefromcode(ci.closure!.p, currentpc(ci));
}

export function funcnamefromcode(p: Proto, pc: number): [string, string] | undefined {
  const i = p.code[pc];
  const op = (i & 0x7f) as Op;
  if (op === Op.CALL || op === Op.TAILCALL) return getobjname(p, pc, (i >>> 7) & 0xff);
  if (op === Op.TFORCALL) return ['for iterator', 'for iterator'];
  // ADDI/SHRI with k were compiled from a subtraction / left shift
  if (op === Op.ADDI && (i & 0x8000) !== 0) return ['metamethod', 'sub'];
  if (op === Op.SHRI && (i & 0x8000) !== 0) return ['metamethod', 'shl'];
  const ev = OP_EVENT[op];
  return ev === undefined ? undefined : ['metamethod', ev];
}

/** The function value running in a frame. */
export function ciFunc(L: LuaState, ci: CallInfo): LuaValue {
  return L.stack[ci.func];
}

export function isLuaClosure(v: LuaValue): v is LuaClosure {
  return v instanceof LuaClosure;
}

// ---------------------------------------------------------------------------
// lua_getinfo

/** What `lua_getinfo` tells about a function (the reference's lua_Debug): the fields its options asked for. */
export interface DebugInfo {
  /** 'S': where the function was defined. */
  source?: string;
  short_src?: string;
  linedefined?: number;
  lastlinedefined?: number;
  what?: 'Lua' | 'main' | 'C';
  /** 'l': the line running (-1 when not running, or not Lua). */
  currentline?: number;
  /** 'u': upvalues and parameters. */
  nups?: number;
  nparams?: number;
  isvararg?: boolean;
  /** 'n': a name for the function, found from its caller ('global', 'method', ...; '' when none). */
  name?: string;
  namewhat?: string;
  /** 't': the frame was tail called. */
  istailcall?: boolean;
  /** 'r': the values a call or return hook sees: the first one's local index, and how many. */
  ftransfer?: number;
  ntransfer?: number;
  /** 'L': the lines with code (undefined for host functions). */
  activelines?: number[];
  /** 'f': the function itself. */
  func?: LuaValue;
}

/** Every option letter of lua_getinfo. */
const INFO_OPTIONS = new Set('SlutnrLf');

/**
 * lua_getinfo: the fields `what` asks for about function `f`, running in
 * frame `ci` of thread L (null when it is not running). Undefined when
 * `what` holds a letter that is not an option.
 */
export function getinfo(L: LuaState, what: string, f: LuaValue, ci: CallInfo | null): DebugInfo | undefined {
  const ar: DebugInfo = {};
  let valid = true;
  for (const c of what) {
    if (INFO_OPTIONS.has(c)) INFO_FIELDS[c as keyof typeof INFO_FIELDS](L, ar, f, ci);
    else valid = false;
  }
  return valid ? ar : undefined;
}

type InfoFiller = (L: LuaState, ar: DebugInfo, f: LuaValue, ci: CallInfo | null) => void;

/** How each option fills its fields (auxgetinfo, funcinfo, collectvalidlines). */
const INFO_FIELDS: Record<'S' | 'l' | 'u' | 't' | 'n' | 'r' | 'L' | 'f', InfoFiller> = {
  S(_L, ar, f) {
    if (!(f instanceof LuaClosure)) {
      Object.assign(ar, { source: '=[C]', short_src: '[C]', linedefined: -1, lastlinedefined: -1, what: 'C' });
      return;
    }
    const p = f.p;
    ar.source = p.source ?? '=?';
    ar.short_src = shortSrc(p);
    ar.linedefined = p.linedefined;
    ar.lastlinedefined = p.lastlinedefined;
    ar.what = p.linedefined === 0 ? 'main' : 'Lua';
  },
  l(_L, ar, _f, ci) {
    ar.currentline = ci !== null ? currentline(ci) : -1;
  },
  u(_L, ar, f) {
    if (f instanceof LuaClosure) {
      ar.nups = f.upvals.length;
      ar.nparams = f.p.numparams;
      ar.isvararg = f.p.isVararg;
    } else {
      ar.nups = f instanceof HostFunction ? f.upvalues.length : 0;
      ar.nparams = 0;
      ar.isvararg = true;
    }
  },
  t(_L, ar, _f, ci) {
    ar.istailcall = ci !== null && (ci.callstatus & CIST.TAIL) !== 0;
  },
  n(L, ar, _f, ci) {
    const named = getfuncname(L, ci);
    ar.namewhat = named?.[0] ?? '';
    ar.name = named?.[1];
  },
  r(_L, ar, _f, ci) {
    const tran = ci !== null && (ci.callstatus & CIST.TRAN) !== 0;
    ar.ftransfer = tran ? ci.ftransfer : 0;
    ar.ntransfer = tran ? ci.ntransfer : 0;
  },
  L(_L, ar, f) {
    if (!(f instanceof LuaClosure)) return;
    const p = f.p;
    const lines = new Set<number>();
    // a vararg function's VARARGPREP is not on an "active" line
    for (let pc = p.isVararg ? 1 : 0; pc < p.lineinfo.length; pc++) lines.add(p.lineinfo[pc]);
    ar.activelines = [...lines];
  },
  f(_L, ar, f) {
    ar.func = f;
  },
};
