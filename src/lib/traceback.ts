/**
 * Positions and tracebacks (luaL_where, lua_getstack, luaL_traceback): the
 * "chunk:line:" prefix of library errors, names of functions as the
 * reference finds them (`function 'string.format'`, `local 'f'`), and the
 * `stack traceback:` text with its elision of long stacks.
 */

import type { LuaValue } from '../value/value.js';
import { currentline, getfuncname, shortSrc, where } from '../vm/debuginfo.js';
import { LuaClosure } from '../vm/function.js';
import { CIST, type CallInfo, type LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { LOADED } from './register.js';

/** luaL_where: "chunk:line: " for the function at `level` (1 = the caller of the running host function). */
export function whereLevel(L: LuaState, level: number): string {
  const ci = getstack(L, level);
  // unlike runtime errors, luaL_where adds nothing when there is no line information
  return ci === null || currentline(ci) <= 0 ? '' : where(ci);
}

/** The frame at `level` (0 = running function), or null (lua_getstack). */
export function getstack(L: LuaState, level: number): CallInfo | null {
  if (level < 0) return null;
  let ci: CallInfo | null = L.ci;
  for (; level > 0 && ci !== null && ci !== L.baseCi; level--) ci = ci.previous;
  return ci === null || ci === L.baseCi ? null : ci;
}

// ---------------------------------------------------------------------------
// Function names and tracebacks

/** "string.format" style name of a function found in package.loaded (pushglobalfuncname). */
export function globalFuncName(L: LuaState, f: LuaValue): string | undefined {
  if (f === undefined) return undefined;
  const loaded = L.g.registry.getStr(LOADED);
  if (!(loaded instanceof LuaTable)) return undefined;
  const entry: LuaValue[] = [undefined, undefined];
  let k: LuaValue = undefined;
  while (loaded.next(k, entry)) {
    k = entry[0];
    const mod = entry[1];
    if (typeof k !== 'string' || !(mod instanceof LuaTable)) continue;
    const sub: LuaValue[] = [undefined, undefined];
    let k2: LuaValue = undefined;
    while (mod.next(k2, sub)) {
      k2 = sub[0];
      if (sub[1] === f && typeof k2 === 'string') {
        const name = `${k}.${k2}`;
        return name.startsWith('_G.') ? name.slice(3) : name;
      }
    }
  }
  return undefined;
}

/** How a traceback names the function of frame `ci` ("function 'string.rep'", "local 'f'", "main chunk"). */
export function funcDescription(L: LuaState, ci: CallInfo): string {
  const f = L.stack[ci.func];
  const g = globalFuncName(L, f);
  if (g !== undefined) return `function '${g}'`;
  const named = getfuncname(L, ci);
  if (named !== undefined) return `${named[0]} '${named[1]}'`;
  if (f instanceof LuaClosure) {
    if (f.p.linedefined === 0) return 'main chunk';
    return `function <${shortSrc(f.p)}:${f.p.linedefined}>`;
  }
  return '?';
}

const LEVELS1 = 10;
const LEVELS2 = 11;

/**
 * luaL_traceback: "stack traceback:" and one line per frame of thread L1
 * from `level`. A stack of more than LEVELS1 + LEVELS2 levels shows its
 * first LEVELS1 and last LEVELS2 levels around a "...\t(skipping N levels)"
 * line, with N one less than the levels left out, exactly as the reference
 * counts them.
 */
export function traceback(L: LuaState, L1: LuaState, msg: string | undefined, level: number): string {
  const last = lastLevel(L1);
  let limit2show = last - level > LEVELS1 + LEVELS2 ? LEVELS1 : -1;
  let out = msg === undefined ? '' : msg + '\n';
  out += 'stack traceback:';
  // one walk down the frames (a stack overflow's traceback has 200,000 of them)
  for (let ci = getstack(L1, level++); ci !== null; ci = nextLevel(L1, ci), level++) {
    if (limit2show-- === 0) {
      const n = last - level - LEVELS2 + 1;
      out += `\n\t...\t(skipping ${n} levels)`;
      for (let i = 0; i < n; i++) ci = ci.previous!;
      level += n;
      continue;
    }
    if (ci.callstatus & CIST.LUA) {
      const line = currentline(ci);
      out += `\n\t${shortSrc(ci.closure!.p)}:${line > 0 ? `${line}:` : ''} in ${funcDescription(L1, ci)}`;
    } else {
      out += `\n\t[C]: in ${funcDescription(L1, ci)}`;
    }
    if (ci.callstatus & CIST.TAIL) out += '\n\t(...tail calls...)';
  }
  return out;
}

/** The frame one level below `ci`, or null at the bottom. */
function nextLevel(L: LuaState, ci: CallInfo): CallInfo | null {
  const prev = ci.previous;
  return prev === null || prev === L.baseCi ? null : prev;
}

/** The deepest valid level of L's stack (lastlevel in lauxlib.c). */
function lastLevel(L: LuaState): number {
  let n = -1;
  for (let ci: CallInfo | null = L.ci; ci !== null && ci !== L.baseCi; ci = ci.previous) n++;
  return n;
}
