/**
 * The coroutine library (the reference's lcorolib.c).
 */

import type { LuaValue } from '../value/value.js';
import { closeprotected, resume, throwValue, yieldk } from '../vm/call.js';
import { HostFunction, LuaClosure, type HostFn } from '../vm/function.js';
import { newThread } from '../vm/lstate.js';
import { LUA_OK, LUA_YIELD, LuaState } from '../vm/state.js';
import { luaError, newLib, ret, typeError, whereLevel, type LibTable } from './auxlib.js';

function getco(L: LuaState, base: number, nargs: number): LuaState {
  const co = nargs >= 1 ? L.stack[base] : undefined;
  if (!(co instanceof LuaState)) return typeError(L, base, nargs, 1, 'thread');
  return co;
}

/** Move `n` values from the top of `from` to the top of `to` (lua_xmove). */
function xmove(from: LuaState, to: LuaState, n: number): void {
  if (from === to) return;
  const src = from.top - n;
  for (let i = 0; i < n; i++) to.stack[to.top++] = from.stack[src + i];
  from.top = src;
}

/** Resume `co` with `narg` values from L's top; pushes results on L. Returns count, or -1 with the error on top. */
function auxresume(L: LuaState, co: LuaState, narg: number): number {
  if (co.top + narg > co.stackLimit) {
    L.top -= narg;
    L.stack[L.top++] = 'too many arguments to resume';
    return -1;
  }
  xmove(L, co, narg);
  const status = resume(co, L, narg);
  if (status === LUA_OK || status === LUA_YIELD) {
    const nres = status === LUA_YIELD ? co.nyield : co.top - 1;
    if (L.top + nres + 1 > L.stackLimit) {
      co.top -= nres;
      L.stack[L.top++] = 'too many results to resume';
      return -1;
    }
    xmove(co, L, nres);
    return nres;
  }
  xmove(co, L, 1); // the error object
  return -1;
}

const create: HostFn = (L, base, nargs) => {
  const f = nargs >= 1 ? L.stack[base] : undefined;
  if (!(f instanceof LuaClosure || f instanceof HostFunction)) return typeError(L, base, nargs, 1, 'function');
  const co = newThread(L);
  co.stack[co.top++] = f;
  co.creator = f;
  return ret(L, co);
};

const resumeFn: HostFn = (L, base, nargs) => {
  const co = getco(L, base, nargs);
  const r = auxresume(L, co, nargs - 1);
  if (r < 0) {
    // false, error object
    const err = L.stack[L.top - 1];
    L.stack[L.top - 1] = false;
    L.stack[L.top++] = err;
    return 2;
  }
  // true, results...
  const first = L.top - r;
  for (let p = L.top; p > first; p--) L.stack[p] = L.stack[p - 1];
  L.stack[first] = true;
  L.top++;
  return r + 1;
};

const auxwrap: HostFn = (L, base, nargs) => {
  const co = (L.stack[L.ci.func] as HostFunction).upvalues[0] as LuaState;
  const r = auxresume(L, co, nargs);
  if (r >= 0) return r;
  let err: LuaValue = L.stack[L.top - 1];
  if (co.status !== LUA_OK && co.status !== LUA_YIELD) {
    // error in the coroutine: close its pending variables
    const [, e] = resetThread(co, err);
    err = e;
  }
  if (typeof err === 'string') err = whereLevel(L, 1) + err;
  L.top--;
  return throwValue(L, err);
};

const wrap: HostFn = (L, base, nargs) => {
  create(L, base, nargs);
  const co = L.stack[--L.top];
  return ret(L, new HostFunction(auxwrap, 'wrap', [co]));
};

const yieldFn: HostFn = (L, base, nargs) => yieldk(L, nargs, 0, null);

type CoStatus = 'running' | 'suspended' | 'normal' | 'dead';

function auxstatus(L: LuaState, co: LuaState): CoStatus {
  if (L === co) return 'running';
  switch (co.status) {
    case LUA_YIELD:
      return 'suspended';
    case LUA_OK:
      if (co.ci !== co.baseCi) return 'normal';
      return co.top - 1 === 0 ? 'dead' : 'suspended';
    default:
      return 'dead';
  }
}

const status: HostFn = (L, base, nargs) => ret(L, auxstatus(L, getco(L, base, nargs)));

const running: HostFn = (L) => ret(L, L, L === L.g.mainThread);

const isyieldable: HostFn = (L, base, nargs) => {
  const co = nargs >= 1 && L.stack[base] !== undefined ? getco(L, base, nargs) : L;
  return ret(L, co.nny === 0);
};

/**
 * Unwind a coroutine's frames and close its pending to-be-closed variables
 * (lua_resetthread). Returns the final status and error object. As in the
 * reference, the thread is left with status OK and an empty stack, so it
 * reads as dead and a second close succeeds.
 */
export function resetThread(co: LuaState, err: LuaValue): [number, LuaValue] {
  let st = co.status;
  co.ci = co.baseCi;
  co.stack[0] = undefined;
  if (st === LUA_YIELD) st = LUA_OK;
  co.status = LUA_OK; // so it can run __close metamethods
  co.errorValue = undefined;
  const [status, e] = st === LUA_OK
    ? closeprotected(co, 1, -1 /* CLOSEKTOP */, undefined)
    : closeprotected(co, 1, st, err);
  co.top = 1;
  co.stack.length = 1;
  if (status !== LUA_OK && status !== -1) return [status, e];
  return [LUA_OK, undefined];
}

const close: HostFn = (L, base, nargs) => {
  const co = getco(L, base, nargs);
  const st = auxstatus(L, co);
  if (st !== 'dead' && st !== 'suspended') return luaError(L, `cannot close a ${st} coroutine`);
  const err = co.status > LUA_YIELD ? co.errorValue : undefined;
  const [s, e] = resetThread(co, err);
  if (s === LUA_OK) return ret(L, true);
  return ret(L, false, e);
};

export const coroutineLib: LibTable = {
  create, resume: resumeFn, running, status, wrap, yield: yieldFn, isyieldable, close,
};

export function openCoroutine(): ReturnType<typeof newLib> {
  return newLib(coroutineLib);
}

