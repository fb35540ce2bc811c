/**
 * Debug hooks: call, return, line and count events (the reference's
 * luaD_hook, luaD_hookcall, rethook and luaG_traceexec), delivered to the
 * thread's hook (the debug library's, or a host's) and to the profiler.
 *
 * What it costs when nothing is hooked (DESIGN.md, "One safepoint counter"):
 *  - `g.traps` counts what wants call and return events (threads with a
 *    hook mask, a running profiler). Frame switches and returns test it: one
 *    load and a branch, paid per call, never per instruction.
 *  - Line and count events need a look at every instruction. A frame whose
 *    thread wants them runs from a copy of its code in which every opcode is
 *    TRAP (operands unchanged: `trapCode`). The interpreter already holds
 *    each instruction word, and its one test of that word (is this TRAP?)
 *    sends a trapped instruction here; `traceexec` runs the hooks and gives
 *    back the real instruction. Untrapped code never takes that branch, so
 *    the only per-instruction cost of hooks is a compare on a register.
 *
 * Count hooks count instructions as the reference does (one per instruction
 * fetched), with their own counter; the sandbox's instruction budget keeps
 * counting on the safepoint counter whatever hooks do (budget.ts).
 */

import { Op, OPINFO } from '../bytecode/opcodes.js';
import type { Proto } from '../bytecode/proto.js';
import { LUA_MINSTACK } from '../value/limits.js';
import { runerror, stackOverflow } from './call.js';
import { getfuncline } from './debuginfo.js';
import { growRegisters, needsRegisters } from './floatregs.js';
import { charge, typedArrayCost } from './heap.js';
import { CIST, LUA_OK, LUA_YIELD, type CallInfo, type LuaState } from './state.js';

/** Hook events (lua.h's LUA_HOOK*): also the index of their names in the debug library. */
export const enum HookEvent {
  CALL = 0,
  RET = 1,
  LINE = 2,
  COUNT = 3,
  TAILCALL = 4,
}

/** Which events a hook wants (lua.h's LUA_MASK*). */
export const enum HookMask {
  CALL = 1 << HookEvent.CALL,
  RET = 1 << HookEvent.RET,
  LINE = 1 << HookEvent.LINE,
  COUNT = 1 << HookEvent.COUNT,
  /** Events that need every instruction looked at. */
  TRACE = LINE | COUNT,
}

/**
 * A hook (lua_Hook): called with the event and, for line events, the new
 * line (-1 otherwise). The frame that caused the event is `L.ci`, marked
 * CIST.HOOKED while the hook runs; hooks are off inside it.
 */
export type Hook = (L: LuaState, event: HookEvent, line: number) => void;

// ---------------------------------------------------------------------------
// Setting hooks

/**
 * lua_sethook: the hook of thread L, the events it wants and the count
 * hook's period. A null hook or an empty mask turns hooks off.
 */
export function sethook(L: LuaState, hook: Hook | null, mask: number, count: number): void {
  if (hook === null || mask === 0) {
    hook = null;
    mask = 0;
  }
  countTraps(L, mask);
  L.hook = hook;
  L.hookmask = mask;
  L.basehookcount = count;
  L.hookcount = count;
}

/** A new coroutine starts with its creator's hook, mask and count (lua_newthread). */
export function inheritHook(L: LuaState, co: LuaState): void {
  countTraps(co, L.hookmask);
  co.hook = L.hook;
  co.hookmask = L.hookmask;
  co.basehookcount = L.basehookcount;
  co.hookcount = L.basehookcount;
}

/**
 * Keep `g.traps` counting the threads with a hook mask. A hooked thread
 * that becomes garbage stays counted: calls and returns then keep testing
 * the hook masks, which costs a little and changes nothing.
 */
function countTraps(L: LuaState, newMask: number): void {
  if ((L.hookmask === 0) !== (newMask === 0)) L.g.traps += newMask === 0 ? -1 : 1;
}

/** Does thread L want every instruction looked at (line or count hooks, or a profile by lines)? */
export function tracing(L: LuaState): boolean {
  return (L.hookmask & HookMask.TRACE) !== 0 || (L.g.profiler !== null && L.g.profiler.lines);
}

/** The code a frame of `p` runs from in thread L: its own, or the trapped copy when tracing. */
export function frameCode(L: LuaState, p: Proto): Int32Array {
  return tracing(L) ? trapCode(L, p) : p.code;
}

/** The trapped copy of p's code: every opcode TRAP, every operand as it was. */
function trapCode(L: LuaState, p: Proto): Int32Array {
  let code = p.trapCode;
  if (code === undefined) {
    const cost = typedArrayCost(p.code.length * 4);
    charge(L.g.heap, cost);
    if (p.gcsize !== 0) p.gcsize += cost; // the copy lives as long as the prototype
    code = p.code.map((i) => (i & ~0x7f) | Op.TRAP);
    p.trapCode = code;
  }
  return code;
}

// ---------------------------------------------------------------------------
// Events

/**
 * A Lua frame starts or resumes running while something is hooked (the
 * interpreter's frame switch when `g.traps` is not zero): the call event
 * of a new frame, and the code the frame must run from. A vararg function's
 * call event comes after its VARARGPREP, as in the reference.
 */
export function enterLua(L: LuaState, ci: CallInfo): Int32Array {
  const p = ci.closure!.p;
  if (ci.pc === 0 && !p.isVararg) hookcall(L, ci);
  return frameCode(L, p);
}

/** A vararg function has adjusted its arguments: its call event (OP_VARARGPREP with hooks). */
export function hookVarargCall(L: LuaState, ci: CallInfo, pc: number): void {
  ci.pc = pc;
  hookcall(L, ci);
  L.oldpc = 1; // the next instruction is seen as a new line
}

/** The call event of a Lua frame (luaD_hookcall). */
function hookcall(L: LuaState, ci: CallInfo): void {
  L.oldpc = 0;
  const prof = L.g.profiler;
  if (prof !== null) prof.enter(L, ci);
  if (L.hookmask & HookMask.CALL) {
    const event = ci.callstatus & CIST.TAIL ? HookEvent.TAILCALL : HookEvent.CALL;
    ci.pc++; // hooks see the frame past its first instruction, as the reference's do
    runHook(L, event, -1, 1, ci.closure!.p.numparams);
    ci.pc--;
  }
}

/** The call event of a host function's frame, before it runs. */
export function hookHostCall(L: LuaState, ci: CallInfo, nargs: number): void {
  const prof = L.g.profiler;
  if (prof !== null) prof.enter(L, ci);
  if (L.hookmask & HookMask.CALL) runHook(L, HookEvent.CALL, -1, 1, nargs);
}

/**
 * The return event of frame `ci`, its `nres` results at the top (rethook):
 * the hook sees them as locals `ftransfer`.. of the returning frame.
 */
export function rethook(L: LuaState, ci: CallInfo, nres: number): void {
  if (L.hookmask & HookMask.RET) {
    // a vararg function's frame was moved down over its extra arguments for the return: back up
    const p = ci.callstatus & CIST.LUA ? ci.closure!.p : null;
    const delta = p !== null && p.isVararg ? ci.nextraargs + p.numparams + 1 : 0;
    ci.func += delta;
    runHook(L, HookEvent.RET, -1, L.top - nres - ci.func, nres);
    ci.func -= delta;
  }
  const prof = L.g.profiler;
  if (prof !== null) prof.leave(L, ci);
  const caller = ci.previous;
  if (caller !== null && caller.callstatus & CIST.LUA) L.oldpc = caller.pc - 1;
}

/**
 * A trapped instruction is about to run (luaG_traceexec); `ci.pc` is past
 * it. Runs the count and line hooks it triggers and returns the real
 * instruction. A host hook may yield here (L.status is then LUA_YIELD):
 * the interpreter suspends before the instruction, and runs it on resume
 * without calling the hooks again.
 */
export function traceexec(L: LuaState, ci: CallInfo): number {
  const p = ci.closure!.p;
  const npc = ci.pc - 1;
  const i = p.code[npc];
  // hooks start after a VARARGPREP (hookVarargCall); a TFORLOOP is the end of
  // the TFORCALL before it, one step for hooks, as in the reference
  const op = i & 0x7f;
  if (op === Op.VARARGPREP || op === Op.TFORLOOP) return i;
  const prof = L.g.profiler;
  if (prof !== null && prof.lines) prof.line(L, ci, npc);
  const mask = L.hookmask;
  if (!(mask & HookMask.TRACE)) return i;
  let counthook = false;
  if (mask & HookMask.COUNT && --L.hookcount === 0) {
    L.hookcount = L.basehookcount;
    counthook = true;
  } else if (!(mask & HookMask.LINE)) {
    return i;
  }
  if (ci.callstatus & CIST.HOOKYIELD) {
    // the hook yielded last time: the instruction has not run yet
    ci.callstatus &= ~CIST.HOOKYIELD;
    return i;
  }
  if (!usesTop(i)) L.top = ci.top; // the registers are all live: the hook goes above them
  if (counthook) runHook(L, HookEvent.COUNT, -1, 0, 0);
  if (mask & HookMask.LINE) {
    // L.oldpc may belong to another function: then it only needs to be a valid index
    const oldpc = L.oldpc < p.code.length ? L.oldpc : 0;
    const line = getfuncline(p, npc);
    if (npc <= oldpc || line !== getfuncline(p, oldpc)) runHook(L, HookEvent.LINE, line, 0, 0);
    L.oldpc = npc;
  }
  if (L.status === LUA_YIELD) {
    if (counthook) L.hookcount = 1; // the count reaches zero again on resume
    ci.callstatus |= CIST.HOOKYIELD;
  }
  return i;
}

/** Does instruction i use the top left by the previous one (isIT)? */
function usesTop(i: number): boolean {
  return OPINFO[i & 0x7f].usesTop && ((i >>> 16) & 0xff) === 0;
}


/**
 * Call the thread's hook for an event of frame L.ci (luaD_hook), unless
 * there is none or a hook is already running. The hook runs above the
 * frame's registers, and L.top and the frame's top are restored after it.
 */
export function runHook(L: LuaState, event: HookEvent, line: number, ftransfer: number, ntransfer: number): void {
  const hook = L.hook;
  if (hook === null || !L.allowhook) return;
  const ci = L.ci;
  const top = L.top;
  const ciTop = ci.top;
  let mask = CIST.HOOKED;
  if (ntransfer !== 0) {
    mask |= CIST.TRAN;
    ci.ftransfer = ftransfer;
    ci.ntransfer = ntransfer;
  }
  if (ci.callstatus & CIST.LUA && L.top < ci.top) L.top = ci.top;
  if (L.top + LUA_MINSTACK > L.stackLimit) stackOverflow(L);
  if (needsRegisters(L, L.top + LUA_MINSTACK)) growRegisters(L, L.top + LUA_MINSTACK);
  if (ci.top < L.top + LUA_MINSTACK) ci.top = L.top + LUA_MINSTACK;
  L.allowhook = false;
  ci.callstatus |= mask;
  hook(L, event, line);
  L.allowhook = true;
  ci.top = ciTop;
  L.top = top;
  ci.callstatus &= ~mask;
  if (L.status === LUA_YIELD && (L.nyield !== 0 || (event !== HookEvent.LINE && event !== HookEvent.COUNT))) {
    // the interpreter can only suspend between two instructions, with nothing to hand over
    L.status = LUA_OK;
    runerror(L, 'a hook can only yield from a line or count event, with no values');
  }
}
