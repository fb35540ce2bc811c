/**
 * The coroutine library (the reference's lcorolib.c).
 */

import { charge, HOST_CLOSURE, SLOT } from '../vm/heap.js';
import { LightUserdata, type LuaValue } from '../value/value.js';
import { closeprotected, resume, throwValue, yieldk } from '../vm/call.js';
import { HostFunction, LuaClosure, type HostCont, type HostFn } from '../vm/function.js';
import { newThread } from '../vm/create.js';
import { LUA_OK, LUA_YIELD, LuaState } from '../vm/state.js';
import { luaError, ret, typeError } from './args.js';
import { newLib, type LibTable } from './register.js';
import type { LuaTable } from '../vm/table.js';
import { whereLevel } from './traceback.js';

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

/**
 * A yield addressed to the host, not to the Lua code resuming the
 * coroutine: an embedding's async host function waiting for a Promise
 * yields one of these as its only value. `coroutine.resume` and
 * `coroutine.wrap` never hand it to their caller: they yield it onwards
 * from their own thread and, when that thread is resumed, resume the inner
 * coroutine with the same values. So the wait reaches the host's driver
 * however deeply the script nests coroutines, and the script sees nothing.
 * `blocked` gives the error to raise where the yield cannot travel further
 * (a resumer that cannot yield).
 */
export class HostYield extends LightUserdata {
  constructor(value: unknown, readonly blocked: (L: LuaState) => string) {
    super(value);
  }
}

/**
 * Thread forwarding a wait -> the coroutine it forwards for. The
 * continuations take the coroutine from here, not from a stack slot or
 * upvalue: debug.setlocal/setupvalue can rewrite those while L is suspended.
 */
const forwardedFor = new WeakMap<LuaState, LuaState>();

/** auxresume's result when the coroutine yielded a HostYield that L must forward. */
const FORWARD = -2;

/** Resume `co` with `narg` values from L's top; pushes results on L. Returns count, or -1 with the error on top. */
function auxresume(L: LuaState, co: LuaState, narg: number): number {
  const waiting = co.status === LUA_YIELD && co.hostWait !== undefined; // a waiting thread is always suspended
  if (co.top + narg > co.stackLimit || waiting) {
    L.top -= narg;
    L.stack[L.top++] = waiting ? 'cannot resume a coroutine waiting for the host' : 'too many arguments to resume';
    return -1;
  }
  xmove(L, co, narg);
  return resumed(L, co, resume(co, L, narg));
}

/** Collect the outcome of resuming `co` (the second half of auxresume). */
function resumed(L: LuaState, co: LuaState, status: number): number {
  if (status === LUA_OK || status === LUA_YIELD) {
    const nres = status === LUA_YIELD ? co.nyield : co.top - 1;
    if (status === LUA_YIELD && nres === 1 && co.stack[co.top - 1] instanceof HostYield) return forward(L, co);
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

/** Pass co's HostYield on to L's top (the caller then yields it), or raise where L cannot yield. */
function forward(L: LuaState, co: LuaState): number {
  const hy = co.stack[--co.top] as HostYield;
  co.hostWait = hy;
  if (L.nny > 0) return luaError(L, hy.blocked(L));
  L.stack[L.top++] = hy;
  L.hostWait = hy;
  forwardedFor.set(L, co);
  return FORWARD;
}

/** Yield the HostYield on L's top; `k` resumes the inner coroutine when L is resumed. */
function yieldForward(L: LuaState, k: HostCont): number {
  // ctx: where the values L will be resumed with start, relative to the frame
  return yieldk(L, 1, L.top - 1 - L.ci.func, k);
}

/** In a continuation after forwarding: the coroutine L forwarded for (no longer recorded). */
function takeForwarded(L: LuaState): LuaState {
  const co = forwardedFor.get(L);
  if (co === undefined) return luaError(L, 'no coroutine to resume after a host wait');
  forwardedFor.delete(L);
  return co;
}

/** In a continuation after forwarding: resume `co` with the values L was resumed with. */
function resumeForwarded(L: LuaState, co: LuaState, ctx: number): number {
  const n = L.top - (L.ci.func + ctx);
  co.hostWait = undefined;
  xmove(L, co, n);
  return resumed(L, co, resume(co, L, n));
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
  return finishResume(L, auxresume(L, co, nargs - 1));
};

const resumeCont: HostCont = (L, _status, ctx) => finishResume(L, resumeForwarded(L, takeForwarded(L), ctx));

/** coroutine.resume's results from auxresume's: true and the values, or false and the error. */
function finishResume(L: LuaState, r: number): number {
  if (r === FORWARD) return yieldForward(L, resumeCont);
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
}

/** The coroutine of a wrap function (its upvalue: checked, as debug.setupvalue may have replaced it). */
function wrapped(L: LuaState): LuaState {
  const co = (L.stack[L.ci.func] as HostFunction).upvalues[0];
  return co instanceof LuaState ? co : luaError(L, 'wrapped coroutine expected');
}

const auxwrap: HostFn = (L, base, nargs) => {
  const co = wrapped(L);
  return finishWrap(L, co, auxresume(L, co, nargs));
};

const wrapCont: HostCont = (L, _status, ctx) => {
  const co = takeForwarded(L);
  return finishWrap(L, co, resumeForwarded(L, co, ctx));
};

/** A wrap function's results from auxresume's: the values, or the error raised again. */
function finishWrap(L: LuaState, co: LuaState, r: number): number {
  if (r === FORWARD) return yieldForward(L, wrapCont);
  if (r >= 0) return r;
  let err: LuaValue = L.stack[L.top - 1];
  if (co.status !== LUA_OK && co.status !== LUA_YIELD) {
    // error in the coroutine: close its pending variables
    const [, e] = resetThread(co, err, L);
    err = e;
  }
  if (typeof err === 'string') err = whereLevel(L, 1) + err;
  L.top--;
  return throwValue(L, err);
}

const wrap: HostFn = (L, base, nargs) => {
  create(L, base, nargs);
  const co = L.stack[--L.top];
  charge(L.g.heap, HOST_CLOSURE + SLOT);
  return ret(L, new HostFunction(auxwrap, 'wrap', [co]));
};

const yieldFn: HostFn = (L, base, nargs) => yieldk(L, nargs, 0, null);

export type CoStatus = 'running' | 'suspended' | 'normal' | 'dead';

/** coroutine.status of `co` seen from `L`. */
export function auxstatus(L: LuaState, co: LuaState): CoStatus {
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
export function resetThread(co: LuaState, err: LuaValue, from: LuaState | null = null): [number, LuaValue] {
  let st = co.status;
  // lua_closethread: the __close calls nest in the closer's host calls (a
  // chain of coroutines closing each other ends in "C stack overflow")
  co.nCcalls = from !== null ? from.nCcalls : 0;
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
  co.hostWait = undefined; // closing a waiting coroutine abandons its wait
  const [s, e] = resetThread(co, err, L);
  if (s === LUA_OK) return ret(L, true);
  return ret(L, false, e);
};

export const coroutineLib: LibTable = {
  create, resume: resumeFn, running, status, wrap, yield: yieldFn, isyieldable, close,
};

export function openCoroutine(L: LuaState): LuaTable {
  return newLib(L, coroutineLib, 'coroutine.');
}

