/**
 * Calls, returns, errors, protected calls, coroutine resume/yield, and
 * closing of upvalues and to-be-closed variables (the reference's ldo.c and
 * lfunc.c).
 *
 * Model, as in Lua 5.4:
 *  - A Lua-to-Lua call pushes a CallInfo and the interpreter continues in
 *    the same JS frame. JS recursion happens when host code calls Lua
 *    (`callValue`), counted in `L.nCcalls` (limit LUAI_MAXCCALLS = 200).
 *  - An error is a thrown LuaThrow; the message handler of the innermost
 *    protected call runs at the raise point, before anything unwinds.
 *  - A yield from the coroutine's own interpreter loop just returns to
 *    `resume`. A yield from deeper (inside a metamethod, or a host function
 *    that called Lua with a continuation) throws YieldSignal, discarding the
 *    JS frames; the Lua frames stay on the heap, and on resume `unroll`
 *    finishes each interrupted instruction (finishOp) or host function (its
 *    continuation) and continues.
 *  - A protected call inside a coroutine runs unprotected when it has a
 *    continuation: an error unwinds to `resume`, which finds the frame
 *    marked CIST.YPCALL and recovers there. So pcall never blocks a yield.
 */

import { isFalse, type LuaValue } from '../value/value.js';
import { HostAbort, InternalFault, isJsMemoryLimit, isJsStackExhausted, LuaThrow, YieldSignal } from './exceptions.js';
import { LimitAbort, startGrace } from './budget.js';
import { HostFunction, LuaClosure, UpVal, YIELD, type HostCont } from './function.js';
import { charge, UPVAL } from './heap.js';
import { gcCheckpoint } from './gc.js';
import { hookHostCall, rethook } from './hooks.js';
import { execute, finishOp, runFresh } from './interp.js';
import { gettm, objtypename, TM } from './metamethods.js';
import { currentline, funcnamefromcall, getlocalname, shortSrc, where } from './debuginfo.js';
import { addressOf } from './identity.js';
import { growRegisters, materialize, needsRegisters, shrinkRegisters } from './floatregs.js';
import { CIST, LUA_ERRERR, LUA_ERRMEM, LUA_ERRRUN, LUA_OK, LUA_YIELD, type CallInfo, type LuaState } from './state.js';
import { ERROR_STACK_EXTRA, LUAI_MAXCCALLS, LUA_MINSTACK } from '../value/limits.js';

/** Status used by luaF_close for a normal (non-error) close. */
export const CLOSEKTOP = -1;

// ---------------------------------------------------------------------------
// Errors

/** Raise a Lua error with any value (lua_error), running the message handler first. */
export function throwValue(L: LuaState, value: LuaValue, status = LUA_ERRRUN): never {
  if (L.errfunc !== 0 && status === LUA_ERRRUN) {
    const handler = L.stack[L.errfunc];
    const func = L.top;
    L.stack[func] = handler;
    L.stack[func + 1] = value;
    L.top = func + 2;
    callNoYield(L, func, 1);
    value = L.stack[L.top - 1];
  }
  throw new LuaThrow(value, status);
}

/**
 * A JS exception thrown by a host function becomes a Lua error where it was
 * raised (so message handlers see the frames), with its message as the
 * error value and the exception itself kept: if no Lua code catches it, the
 * host gets the original exception back (see LuaThrow.hostError). Lua
 * errors, yields and host aborts pass through untouched.
 */
function hostException(L: LuaState, f: HostFunction, e: unknown): never {
  if (e instanceof LuaThrow || e === YieldSignal.instance || e instanceof HostAbort) throw e;
  if (isJsStackExhausted(e)) {
    // The JS stack ran out below this host call (recursion is counted, so
    // only a host function recursing in JS, or a host that called in with
    // little stack left, gets here). The JS frames are gone but the Lua
    // frames are not: raise the Lua error here so the message handler sees
    // them. If there is no room for that either, the exception goes on up
    // and the enclosing protected call maps it (toLuaThrow). No position:
    // the innermost frame may not have started running.
    throwValue(L, overflowMessage(L, 'stack overflow'));
  }
  if (f.builtin && !isJsMemoryLimit(e)) {
    const fault = new InternalFault(e, `'${f.name}'`);
    L.g.onInternalFault?.(L, fault); // where it happened, before anything unwinds
    throw fault;
  }
  if (e instanceof RangeError) throw e;
  const msg = e instanceof Error ? e.message : String(e);
  try {
    throwValue(L, msg);
  } catch (t) {
    if (t instanceof LuaThrow) t.hostError = e;
    throw t;
  }
}

/**
 * A JS exception that reached a protected call without passing through a
 * host function (those turn theirs into Lua errors, hostException) came
 * from the VM itself: a fault of moonbox, reported where it happened (the
 * frames are still there) and raised as an InternalFault. Engine limits
 * (stack, memory) and RangeErrors let through by hostException stay errors.
 */
function faultOf(L: LuaState, e: unknown): unknown {
  if (e instanceof LuaThrow || e instanceof HostAbort || e instanceof RangeError || isJsStackExhausted(e)) return e;
  // the interpreter saves its pc only where something may look at it: the line may not be known
  const ci = L.ci;
  const line = ci.callstatus & CIST.LUA ? currentline(ci) : 0;
  const running = ci.closure !== null ? `, running ${shortSrc(ci.closure.p)}${line > 0 ? `:${line}` : ''}` : '';
  const fault = new InternalFault(e, `the VM${running}`);
  L.g.onInternalFault?.(L, fault);
  return fault;
}

/** Raise an error with a message, prefixed with the current line when running Lua (luaG_runerror). */
export function runerror(L: LuaState, msg: string): never {
  return throwValue(L, where(L.ci) + msg);
}

/** "attempt to <op> a <type> value<info>" (luaG_typeerror). */
export function typeerror(L: LuaState, v: LuaValue, op: string, info: string): never {
  return runerror(L, `attempt to ${op} a ${objtypename(L, v)} value${info}`);
}

/** Error for calling a non-callable value (luaG_callerror): named from the calling instruction. */
function callerror(L: LuaState, func: number): never {
  const named = funcnamefromcall(L.ci);
  const info = named === undefined ? '' : ` (${named[0]} '${named[1]}')`;
  return typeerror(L, L.stack[func], 'call', info);
}

/** luaE_checkcstack: the JS-recursion limit was reached. */
export function checkCstack(L: LuaState): void {
  if (L.nCcalls === LUAI_MAXCCALLS) runerror(L, overflowMessage(L, 'C stack overflow'));
  else if (L.nCcalls >= (LUAI_MAXCCALLS / 10) * 11) throw new LuaThrow(overflowMessage(L, 'error in error handling'), LUA_ERRERR);
}

/** The Lua stack would pass its limit: "stack overflow", with a little room to handle it. */
export function stackOverflow(L: LuaState): never {
  if (L.stackLimit > L.stackSize) throw new LuaThrow(overflowMessage(L, 'error in error handling'), LUA_ERRERR);
  L.stackLimit = L.stackSize + ERROR_STACK_EXTRA;
  return runerror(L, overflowMessage(L, 'stack overflow'));
}

/**
 * The reference's overflow message, naming the coroutine when it is not the
 * main thread: with many coroutines alive, the host and the script need to
 * know which one died (`stack overflow (in coroutine thread: 0x... created
 * from function <file:12>)`). The reference's words stay first so that code
 * matching on them keeps working.
 */
export function overflowMessage(L: LuaState, msg: string): string {
  if (L === L.g.mainThread) return msg;
  return `${msg} (in coroutine thread: ${addressOf(L, L)} created from ${describeFunction(L.creator)})`;
}

function describeFunction(f: LuaValue): string {
  if (f instanceof LuaClosure) return `function <${shortSrc(f.p)}:${f.p.linedefined}>`;
  if (f instanceof HostFunction) return `function '${f.name}'`;
  return 'a function';
}

/** Make sure `n` more slots fit above the top (lua_checkstack); false if they never can. */
export function checkstack(L: LuaState, n: number): boolean {
  return L.top + n <= L.stackLimit;
}

// ---------------------------------------------------------------------------
// Calls

/**
 * Prepare a call of the value at stack[func] with arguments up to L.top.
 * For a Lua function: push its frame and return it (the caller runs it).
 * For a host function: run it to completion (or to a yield) and return null.
 */
export function precall(L: LuaState, func: number, nresults: number): CallInfo | null {
  const stack = L.stack;
  for (;;) {
    const f = stack[func];
    if (f instanceof LuaClosure) {
      const p = f.p;
      const nargs = L.top - func - 1;
      const fsize = p.maxstacksize;
      if (func + 1 + fsize + (p.isVararg ? nargs : 0) > L.stackLimit) stackOverflow(L);
      const ci = L.nextCi();
      ci.func = func;
      ci.base = func + 1;
      ci.top = func + 1 + fsize;
      ci.nresults = nresults;
      ci.callstatus = CIST.LUA;
      ci.closure = f;
      ci.pc = 0;
      if (needsRegisters(L, ci.top)) growRegisters(L, ci.top);
      const np = p.numparams;
      for (let i = nargs; i < np; i++) stack[func + 1 + i] = undefined;
      if (nargs < np) L.top = func + 1 + np;
      return ci;
    }
    if (f instanceof HostFunction) {
      precallHost(L, func, nresults, f);
      return null;
    }
    tryfuncTM(L, func);
  }
}

function precallHost(L: LuaState, func: number, nresults: number, f: HostFunction): void {
  materialize(L, func + 1, L.top);
  if (L.top + LUA_MINSTACK > L.stackLimit) stackOverflow(L);
  const ci = L.nextCi();
  ci.func = func;
  ci.base = func + 1;
  ci.top = L.top + LUA_MINSTACK;
  ci.nresults = nresults;
  ci.callstatus = 0;
  ci.closure = null;
  ci.k = null;
  if (L.g.traps !== 0) hookHostCall(L, ci, L.top - func - 1);
  let n: number;
  try {
    n = f.fn(L, func + 1, L.top - func - 1);
  } catch (e) {
    return hostException(L, f, e);
  }
  if (n === YIELD) return; // L.status is LUA_YIELD; the frame stays until resumed
  poscall(L, ci, n);
  // the top is exact here (the results are the last live values): a checkpoint of the collector
  if (L.g.heap.pending) gcCheckpoint(L, L.top);
}

/**
 * Insert the `__call` metamethods of stack[func] below it (luaD_tryfuncTM),
 * following a chain of callable non-functions in one step; returns how many
 * slots were inserted. The reference inserts one per retry, shifting the
 * arguments each time: a looping chain (`mt.__call = t`) then costs
 * quadratic time before its "stack overflow" (minutes at 1,000,000 slots).
 * Counting the chain first and shifting once keeps it linear.
 */
export function tryfuncTM(L: LuaState, func: number): number {
  const stack = L.stack;
  const room = L.stackLimit - L.top;
  let n = 0;
  materialize(L, func, func + 1);
  let f = stack[func];
  while (!(f instanceof LuaClosure || f instanceof HostFunction)) {
    const tm = gettm(L, f, TM.CALL);
    if (tm === undefined) break;
    if (n === room) stackOverflow(L);
    n++;
    f = tm;
  }
  if (n === 0) callerror(L, func);
  if (needsRegisters(L, L.top + n)) growRegisters(L, L.top + n);
  const fstack = L.fstack;
  for (let p = L.top - 1; p >= func; p--) {
    const v = stack[p];
    stack[p + n] = v;
    if ((v as LuaValue | null) === null) fstack[p + n] = fstack[p];
  }
  L.top += n;
  // stack[func + n] holds the original value; fill the chain below it.
  f = stack[func + n];
  for (let i = n - 1; i >= 0; i--) {
    f = gettm(L, f, TM.CALL);
    stack[func + i] = f;
  }
  return n;
}

/**
 * Finish a call: move the `nres` results at the top of the stack to the
 * function's slot, adjusted to what the caller wanted, and pop the frame.
 */
export function poscall(L: LuaState, ci: CallInfo, nres: number): void {
  if (L.g.traps !== 0) rethook(L, ci, nres);
  const wanted = ci.nresults;
  const stack = L.stack;
  const fstack = L.fstack;
  const res = ci.func;
  const first = L.top - nres;
  // A float register moves with its number (see floatregs.ts).
  switch (wanted) {
    case 0:
      L.top = res;
      break;
    case 1: {
      const v = nres === 0 ? undefined : stack[first];
      stack[res] = v;
      if ((v as LuaValue | null) === null) fstack[res] = fstack[first];
      L.top = res + 1;
      break;
    }
    case -1:
      for (let i = 0; i < nres; i++) {
        const v = stack[first + i];
        stack[res + i] = v;
        if ((v as LuaValue | null) === null) fstack[res + i] = fstack[first + i];
      }
      L.top = res + nres;
      break;
    default:
      for (let i = 0; i < wanted; i++) {
        const v = i < nres ? stack[first + i] : undefined;
        stack[res + i] = v;
        if ((v as LuaValue | null) === null) fstack[res + i] = fstack[first + i];
      }
      L.top = res + wanted;
  }
  // Results for host code, or for finishOp after a metamethod, are ordinary values.
  if (ci.callstatus & (CIST.FRESH | CIST.MM)) materialize(L, res, L.top);
  L.ci = ci.previous!;
}

/**
 * Call stack[func] with the arguments above it, from host code or a slow
 * path (luaD_call): JS recursion, counted against LUAI_MAXCCALLS. Host
 * functions use this for plain calls (lua_call); use `callk` to let the
 * callee yield.
 */
export function callValue(L: LuaState, func: number, nresults: number): void {
  const caller = L.ci;
  // A call made by a host function without a continuation cannot be resumed
  // after a yield (its JS frames would be gone): make it non-yieldable, as
  // the reference's lua_call does. Calls from Lua frames (metamethods) and
  // from host functions with a continuation stay yieldable.
  const noYield = (caller.callstatus & CIST.LUA) === 0 && caller.k === null;
  if (noYield) L.nny++;
  if (++L.nCcalls >= LUAI_MAXCCALLS) checkCstack(L);
  const ci = precall(L, func, nresults);
  if (ci !== null) {
    ci.callstatus |= CIST.FRESH;
    runFresh(L, ci, false);
  } else if (L.status === LUA_YIELD) {
    throw YieldSignal.instance;
  }
  L.nCcalls--;
  if (noYield) L.nny--;
}

/** callValue that may not yield (luaD_callnoyield). */
export function callNoYield(L: LuaState, func: number, nresults: number): void {
  L.nny++;
  callValue(L, func, nresults);
  L.nny--;
}

/**
 * Call with a continuation (lua_callk): if the callee yields, the JS frames
 * are discarded and `k` finishes the host function on resume.
 */
export function callk(L: LuaState, func: number, nresults: number, ctx: number, k: HostCont | null): void {
  if (k !== null && L.nny === 0) {
    const ci = L.ci;
    ci.k = k;
    ci.ctx = ctx;
    callValue(L, func, nresults);
    ci.k = null;
  } else {
    callNoYield(L, func, nresults);
  }
}

// ---------------------------------------------------------------------------
// Protected calls

/**
 * Convert anything caught in a catch block of thread L into a Lua error
 * (host exceptions included).
 */
export function toLuaThrow(e: unknown, L: LuaState): LuaThrow {
  if (e instanceof LuaThrow) return e;
  if (e instanceof HostAbort) throw e;
  // A JS engine limit hit inside the VM or a library: report what the
  // reference reports when the corresponding C resource runs out.
  // Recursion is counted, so running out of JS stack is a last resort (a
  // host that called in with little stack left, or a host function
  // recursing in JS).
  if (isJsStackExhausted(e)) return new LuaThrow(overflowMessage(L, 'stack overflow'), LUA_ERRRUN);
  if (isJsMemoryLimit(e)) return new LuaThrow('not enough memory', LUA_ERRMEM);
  const msg = e instanceof Error ? e.message : String(e);
  const t = new LuaThrow(msg, LUA_ERRRUN);
  t.hostError = e;
  return t;
}

/**
 * Protected call of stack[func] (luaD_pcall): returns the status; on error
 * the error object replaces the function and its arguments (at `func`),
 * upvalues and to-be-closed variables above it are closed, and the state is
 * restored. `errfunc` is the stack index of a message handler, or 0.
 */
export function pcall(L: LuaState, func: number, nresults: number, errfunc: number): number {
  const oldCi = L.ci;
  const oldNny = L.nny;
  const oldCcalls = L.nCcalls;
  const oldErrfunc = L.errfunc;
  const oldAllowhook = L.allowhook;
  L.errfunc = errfunc;
  try {
    L.nny++;
    callValue(L, func, nresults);
    L.nny = oldNny;
    L.errfunc = oldErrfunc;
    return LUA_OK;
  } catch (caught) {
    if (caught === YieldSignal.instance) throw caught;
    const e = faultOf(L, caught);
    L.ci = oldCi;
    L.nny = oldNny;
    L.nCcalls = oldCcalls;
    L.allowhook = oldAllowhook;
    if (e instanceof HostAbort) {
      // No Lua code may catch it. A limit lets the pending __close handlers
      // run under the grace budget first; then (and for any other abort) the
      // thread is left consistent for the host: frames, upvalues and tbc
      // list back to `func`.
      L.errfunc = oldErrfunc;
      if (e instanceof LimitAbort) closeInGrace(L, func, e);
      abandonAbove(L, func);
      throw e;
    }
    const err = toLuaThrow(e, L);
    L.hostError = err.hostError;
    // __close handlers run under this call's own message handler, as in the reference.
    const [status, value] = closeprotected(L, func, err.status, err.value);
    L.errfunc = oldErrfunc;
    L.stack[func] = value;
    L.top = func + 1;
    shrinkstack(L);
    return status;
  }
}

/**
 * Protected call with a continuation (lua_pcallk). Inside a yieldable
 * coroutine the call is not wrapped at all: errors unwind to `resume`, which
 * recovers at this frame (marked CIST.YPCALL). Returns LUA_OK or an error
 * status; with an error the error object is at the top.
 */
export function pcallk(
  L: LuaState, func: number, nresults: number, errfunc: number, ctx: number, k: HostCont | null,
): number {
  if (k === null || L.nny > 0) return pcall(L, func, nresults, errfunc);
  const ci = L.ci;
  ci.k = k;
  ci.ctx = ctx;
  ci.extra = func;
  ci.oldErrfunc = L.errfunc;
  ci.oldAllowHook = L.allowhook;
  L.errfunc = errfunc;
  ci.callstatus |= CIST.YPCALL;
  callValue(L, func, nresults);
  ci.callstatus &= ~CIST.YPCALL;
  ci.k = null;
  L.errfunc = ci.oldErrfunc;
  return LUA_OK;
}

/**
 * After a limit hit: run the to-be-closed variables above `level` under the
 * grace budget (budget.ts), with the limit's message as their error; an
 * error in one is ignored, another limit hit ends them all.
 */
function closeInGrace(L: LuaState, level: number, e: LimitAbort): void {
  startGrace(L.g);
  try {
    closeprotected(L, level, LUA_ERRRUN, e.message);
  } catch (e2) {
    if (!(e2 instanceof HostAbort)) throw e2;
  }
}

/** Drop everything from stack level `level` up without running Lua code (after a host abort). */
export function abandonAbove(L: LuaState, level: number): void {
  closeUpvals(L, level);
  const list = L.tbclist;
  while (list.length > 0 && list[list.length - 1] >= level) list.pop();
  L.top = level;
  shrinkstack(L);
  // what the abandoned frames held is garbage: the slots must not keep it alive (nor counted)
  const stack = L.stack;
  for (let i = level; i < stack.length; i++) stack[i] = undefined;
}

/**
 * After an error (luaD_shrinkstack): give back the extra room granted while
 * a stack overflow was handled, and the register arrays' slots far above
 * what the frames still use, so that a deep recursion's stack does not stay
 * allocated (and counted against the memory limit) after it unwound.
 */
export function shrinkstack(L: LuaState): void {
  if (L.stackLimit > L.stackSize && L.top < L.stackSize) L.stackLimit = L.stackSize;
  shrinkRegisters(L);
  shrinkCallInfos(L);
}

/** Frames kept for reuse above the current one (luaE_shrinkCI frees the rest). */
const CI_CACHE = 64;

/** Drop the cached frames above the current one beyond CI_CACHE. */
function shrinkCallInfos(L: LuaState): void {
  let ci = L.ci;
  for (let n = 0; n < CI_CACHE && ci.next !== null; n++) ci = ci.next;
  for (let dropped = ci.next; dropped !== null; dropped = dropped.next) L.nci--;
  ci.next = null;
}

// ---------------------------------------------------------------------------
// Upvalues and to-be-closed variables (lfunc.c)

/** The open upvalue for stack slot `level`, created if needed. */
export function findupval(L: LuaState, level: number): UpVal {
  let prev: UpVal | null = null;
  let p = L.openupval;
  while (p !== null && p.idx >= level) {
    if (p.idx === level) return p;
    prev = p;
    p = p.next;
  }
  charge(L.g.heap, UPVAL);
  const uv = new UpVal(L.stack, L.fstack, level);
  uv.next = p;
  if (prev === null) L.openupval = uv;
  else prev.next = uv;
  return uv;
}

/** Close the upvalues at or above `level`. */
export function closeUpvals(L: LuaState, level: number): void {
  let p = L.openupval;
  while (p !== null && p.idx >= level) {
    const next = p.next;
    p.close();
    p = next;
  }
  L.openupval = p;
}

/** Mark stack[level] as a to-be-closed variable (OP_TBC). */
export function newtbcupval(L: LuaState, level: number): void {
  const v = L.stack[level];
  if (isFalse(v)) return; // false and nil need no closing
  if (gettm(L, v, TM.CLOSE) === undefined) {
    const ci = L.ci;
    const name = ci.callstatus & CIST.LUA
      ? getlocalname(ci.closure!.p, level - ci.base + 1, ci.pc - 1) ?? '?'
      : '?';
    runerror(L, `variable '${name}' got a non-closable value`);
  }
  L.tbclist.push(level);
}

/**
 * Close upvalues and to-be-closed variables at or above `level` (luaF_close).
 * `status` is CLOSEKTOP for a normal exit, else the error status with `err`
 * the error object passed to `__close`.
 */
export function closeAll(L: LuaState, level: number, status: number, err: LuaValue, yieldable: boolean): void {
  closeUpvals(L, level);
  const list = L.tbclist;
  while (list.length > 0 && list[list.length - 1] >= level) {
    const tbc = list.pop()!;
    const obj = L.stack[tbc];
    const tm = gettm(L, obj, TM.CLOSE);
    const func = L.top;
    L.stack[func] = tm;
    L.stack[func + 1] = obj;
    L.stack[func + 2] = status === CLOSEKTOP ? undefined : err;
    L.top = func + 3;
    if (yieldable) callValue(L, func, 0);
    else callNoYield(L, func, 0);
  }
}

/**
 * Close everything above `level` after an error, in protected mode: an
 * error in a `__close` replaces the current one and closing goes on
 * (luaD_closeprotected). Returns the final status and error object.
 */
export function closeprotected(L: LuaState, level: number, status: number, err: LuaValue): [number, LuaValue] {
  const oldCi = L.ci;
  const oldAllowhook = L.allowhook;
  for (;;) {
    try {
      if (L.top <= level) L.top = level + 1;
      closeAll(L, level, status, err, false);
      return [status, err];
    } catch (e) {
      if (e === YieldSignal.instance) throw e;
      const t = toLuaThrow(faultOf(L, e), L);
      status = t.status;
      err = t.value;
      L.ci = oldCi;
      L.allowhook = oldAllowhook;
    }
  }
}

// ---------------------------------------------------------------------------
// Coroutines

/** lua_yield(k): suspend the running coroutine with the top `nresults` values. Returns YIELD. */
export function yieldk(L: LuaState, nresults: number, ctx: number, k: HostCont | null): number {
  if (L.nny > 0) {
    if (L !== L.g.mainThread) runerror(L, 'attempt to yield across a C-call boundary');
    runerror(L, 'attempt to yield from outside a coroutine');
  }
  L.status = LUA_YIELD;
  L.nyield = nresults;
  const ci = L.ci;
  ci.k = k;
  ci.ctx = ctx;
  return YIELD;
}

/**
 * Resume coroutine `co` with the `nargs` values at its top (lua_resume).
 * Returns the status: LUA_YIELD or LUA_OK with the results at the top of
 * co's stack (`co.nyield` of them for a yield; see `resumeResults`), or an
 * error status with the error object at the top (the coroutine is dead).
 */
export function resume(co: LuaState, from: LuaState | null, nargs: number): number {
  if (co.status === LUA_OK) {
    if (co.ci !== co.baseCi) return resumeError(co, 'cannot resume non-suspended coroutine', nargs);
    if (co.top - (nargs + 1) === co.baseCi.func) return resumeError(co, 'cannot resume dead coroutine', nargs);
  } else if (co.status !== LUA_YIELD) {
    return resumeError(co, 'cannot resume dead coroutine', nargs);
  }
  const baseCcalls = from === null ? 0 : from.nCcalls;
  if (baseCcalls >= LUAI_MAXCCALLS) return resumeError(co, overflowMessage(co, 'C stack overflow'), nargs);
  co.nCcalls = baseCcalls + 1;
  co.nny = 0;
  let status: number;
  const running = co.g.heap.running;
  running.push(co); // a root of the collector while it runs, however it was resumed
  co.g.profiler?.resumed(co, from);
  try {
    status = runProtected(co, () => resumeBody(co, nargs));
    while (status > LUA_YIELD && recover(co, status)) {
      status = runProtected(co, () => unroll(co));
    }
  } catch (e) {
    // A host abort ends the coroutine: it is dead (not left 'normal' forever),
    // after a limit's grace for its pending __close handlers.
    if (e instanceof HostAbort) {
      if (e instanceof LimitAbort) {
        co.ci = co.baseCi;
        co.status = LUA_OK; // so that __close handlers can run
        co.nny = 1; // and not yield
        closeInGrace(co, 1, e);
        abandonAbove(co, 1);
      }
      co.status = LUA_ERRRUN;
      co.errorValue = e instanceof LimitAbort ? e.message : 'coroutine aborted by the host';
      co.nny = 1;
    }
    throw e;
  } finally {
    running.pop();
    co.g.profiler?.suspended(co);
  }
  if (status > LUA_YIELD) {
    co.status = status; // mark thread as dead; its frames stay for inspection
    co.ci.top = co.top;
    co.g.onCoroutineError?.(co);
  }
  co.nny = 0; // as the reference's luaD_rawrunprotected restoring nCcalls
  return status;
}

function resumeError(co: LuaState, msg: string, nargs: number): number {
  co.top -= nargs;
  co.stack[co.top++] = msg;
  return LUA_ERRRUN;
}

/** Run `body` in `co`, turning a thrown error into a status with the error object on top. */
function runProtected(co: LuaState, body: () => void): number {
  const oldCcalls = co.nCcalls;
  const oldNny = co.nny;
  try {
    body();
    return co.status === LUA_YIELD ? LUA_YIELD : LUA_OK;
  } catch (e) {
    co.nCcalls = oldCcalls;
    co.nny = oldNny;
    if (e === YieldSignal.instance) return LUA_YIELD;
    const t = toLuaThrow(faultOf(co, e), co);
    co.hostError = t.hostError;
    co.errorValue = t.value;
    co.stack[co.top++] = t.value;
    return t.status;
  }
}

function resumeBody(co: LuaState, nargs: number): void {
  const firstArg = co.top - nargs;
  if (co.status === LUA_OK) {
    // Starting the coroutine: call its body function.
    const ci = precall(co, firstArg - 1, -1);
    if (ci !== null) {
      ci.callstatus |= CIST.FRESH;
      runFresh(co, ci, true);
    }
    return;
  }
  // Resuming from a yield.
  co.status = LUA_OK;
  const ci = co.ci;
  if (ci.callstatus & CIST.LUA) {
    // yielded inside a hook: just continue its execution
    co.top = firstArg;
    execute(co, ci, true);
  } else {
    let n = nargs;
    if (ci.k !== null) {
      n = ci.k(co, LUA_YIELD, ci.ctx);
      if (n === YIELD) return;
    }
    poscall(co, ci, n);
  }
  unroll(co);
}

/** Finish every interrupted frame of a resumed coroutine (unroll). */
function unroll(co: LuaState): void {
  for (;;) {
    const ci = co.ci;
    if (ci === co.baseCi) return;
    if (co.status === LUA_YIELD) return;
    if (ci.callstatus & CIST.LUA) {
      finishOp(co, ci);
      runFresh(co, ci, true);
    } else {
      finishCcall(co, ci);
    }
  }
}

/** Complete a host frame interrupted by a yield or recovering from an error. */
function finishCcall(co: LuaState, ci: CallInfo): void {
  let status = LUA_YIELD;
  if (ci.callstatus & CIST.YPCALL) status = finishpcallk(co, ci);
  const n = ci.k!(co, status, ci.ctx);
  if (n === YIELD) return;
  poscall(co, ci, n);
}

/** Status of a yieldable pcall being finished: a yield, or the error it recovers from. */
function finishpcallk(co: LuaState, ci: CallInfo): number {
  let status = ci.recoverStatus;
  if (status === LUA_OK) {
    status = LUA_YIELD;
  } else {
    const func = ci.extra;
    co.allowhook = ci.oldAllowHook;
    // As the reference's luaF_close(L, func, status, 1): a __close here may
    // yield (this function runs again on resume, with the error object still
    // on top) or raise (resume recovers at this same frame with the new error).
    closeAll(co, func, status, co.stack[co.top - 1], true);
    co.stack[func] = co.stack[co.top - 1];
    co.top = func + 1;
    shrinkstack(co);
    ci.recoverStatus = LUA_OK;
  }
  ci.callstatus &= ~CIST.YPCALL;
  co.errfunc = ci.oldErrfunc;
  return status;
}

/** After an error inside a coroutine, find a yieldable pcall to recover at. */
function recover(co: LuaState, status: number): boolean {
  for (let ci: CallInfo | null = co.ci; ci !== null; ci = ci.previous) {
    if (ci.callstatus & CIST.YPCALL) {
      co.ci = ci;
      ci.recoverStatus = status;
      return true;
    }
  }
  return false;
}

