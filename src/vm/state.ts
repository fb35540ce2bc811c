/**
 * Threads (coroutines), call frames, and the state shared by all threads of
 * one Lua universe.
 *
 * Frames are heap objects (CallInfo) linked into a list per thread, and all
 * registers live in the thread's stack array: a Lua-to-Lua call never
 * recurses in JavaScript. JavaScript recursion happens only where a host
 * function calls back into Lua (and for metamethods called from the
 * interpreter, as the reference does with C recursion); that depth is
 * counted in `nCcalls` and limited like LUAI_MAXCCALLS.
 */

import type { JitState } from './jit/tier.js';
import { LUA_MINSTACK } from '../value/limits.js';
import type { LuaThreadLike, LuaValue } from '../value/value.js';
import type { LuaTable } from './table.js';
import type { HostCont, LuaClosure, UpVal } from './function.js';
import { CALLINFO, charge, type Heap } from './heap.js';
import type { Budget } from './budget.js';
import type { InternalFault } from './exceptions.js';
import type { Identities } from './identity.js';
import type { Hook } from './hooks.js';
import type { Profiler, ProfiledThread } from './profiler.js';

/**
 * Frame status bits (CallInfo.callstatus), as lstate.h's CIST_* flags. A const
 * enum so that the interpreter tests them against literals (see Instr in
 * opcodes.ts for why that matters).
 */
export const enum CIST {
  FRESH = 1 << 0, // entry frame of an execute() invocation: returning from it leaves execute
  YPCALL = 1 << 1, // host frame doing a yieldable protected call
  TAIL = 1 << 2, // frame was tail called
  HOOKED = 1 << 3, // frame is running a debug hook
  FIN = 1 << 4, // frame is running a finalizer
  CLSRET = 1 << 5, // frame is closing to-be-closed variables while returning
  HOOKYIELD = 1 << 6,
  TRAN = 1 << 7, // frame has transfer information (hooks)
  /** Frame is running '__lt' for '__le' (its result must be negated; LUA_COMPAT_LT_LE). */
  LEQ = 1 << 9,
  /** Frame is a Lua function (`closure` is set). */
  LUA = 1 << 8,
  /**
   * Frame is a Lua metamethod the interpreter called without recursing: when it
   * returns, the caller's interrupted instruction is completed by finishOp.
   */
  MM = 1 << 10,
}

/** Thread status codes, as lua.h's. */
export const LUA_OK = 0;
export const LUA_YIELD = 1;
export const LUA_ERRRUN = 2;
export const LUA_ERRSYNTAX = 3;
export const LUA_ERRMEM = 4;
export const LUA_ERRERR = 5;

export class CallInfo {
  /** Stack index of the function being called. */
  func = 0;
  /** First register (Lua frames); func + 1 for host frames. */
  base = 0;
  /** Frame top: base + maxstacksize for Lua frames; limit for host frames. */
  top = 0;
  previous: CallInfo | null = null;
  next: CallInfo | null = null;
  /** Results wanted by the caller (-1: all). */
  nresults = 0;
  callstatus = 0;
  // Lua frames
  closure: LuaClosure | null = null;
  /** Saved program counter: index of the next instruction. */
  pc = 0;
  /** Number of extra (vararg) arguments below func. */
  nextraargs = 0;
  // Host frames
  /** Continuation after a yield (lua_KFunction). */
  k: HostCont | null = null;
  ctx = 0;
  /** Saved error handler stack index for a yieldable pcall. */
  oldErrfunc = 0;
  /** Stack index of the called function of a yieldable pcall, for recovery. */
  extra = 0;
  /** Saved "allow hook" flag for recovery of a yieldable pcall. */
  oldAllowHook = true;
  /** Error status a yieldable pcall is recovering from (LUA_OK when none). */
  recoverStatus = 0;
  /** Number of results of a RETURN interrupted while closing variables. */
  nres = 0;
  // Transfer info for hooks (call/return values)
  ftransfer = 0;
  ntransfer = 0;
}

/** State shared by every thread of a Lua universe (global_State). */
export interface GlobalState {
  registry: LuaTable;
  /** Metatables for non-table, non-userdata types, by type name. */
  typeMetatables: Map<string, LuaTable>;
  mainThread: LuaState;
  /** Stack slots of the main thread before "stack overflow". */
  stackLimit: number;
  /** Stack slots of every coroutine before "stack overflow". */
  coroutineStackLimit: number;
  /** Warning system state for `warn` ("@on"/"@off", continuation pieces). */
  warnOn: boolean;
  warnBuffer: string;
  /** Host output sinks (bytes as latin1 strings). */
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** The Lua heap: accounting, collector state, finalizers (heap.ts, gc.ts). */
  heap: Heap;
  /** This state's fake object addresses (identity.ts). */
  identities: Identities;
  /** The limits of the current run and what it used (budget.ts). */
  budget: Budget;
  /**
   * The safepoint counter (budget.ts): the interpreter decrements it once
   * per instruction, library functions by the work they do, and the slow
   * path runs when it goes negative.
   */
  tick: number;
  /**
   * How many things want call and return events (hooks.ts): threads with a
   * hook mask, plus one for a running profiler. Calls and returns test it;
   * zero means the interpreter runs without looking at hooks at all.
   */
  traps: number;
  /** The running profiler, if any (profiler.ts). */
  profiler: Profiler | null;
  /** Called when a coroutine dies by an error, its frames still there (post-mortem reports). */
  onCoroutineError: ((co: LuaState) => void) | undefined;
  /** Called where a fault of moonbox itself happens, before anything unwinds (exceptions.ts, InternalFault). */
  onInternalFault: ((L: LuaState, fault: InternalFault) => void) | undefined;
  /** The compiling tier: its mode and what it did (jit/tier.ts). */
  jit: JitState;
  /**
   * Writes into frames from outside them (`debug.setlocal`), counted:
   * compiled code, which keeps registers in JS locals, reads them from the
   * frame again when this changed during a call (vm/jit/codegen.ts).
   */
  frameWrites: number;
  /** `debug.upvaluejoin` was used: writes to open upvalues count in frameWrites too. */
  upvaluesJoined: boolean;
  /** Extension slots for libraries (e.g. package state, random state). */
  ext: Map<string, unknown>;
}

/** A Lua thread: its stack, its frames and its coroutine status. */
export class LuaState implements LuaThreadLike {
  /** Marker of LuaThreadLike (on the prototype: no per-object cost). */
  get isThread(): true {
    return true;
  }
  stack: LuaValue[] = [];
  /** Float registers: the number of every stack slot holding `null` (see floatregs.ts). */
  fstack: number[] = [];
  /** First free slot. */
  top = 0;
  /** Current frame. */
  ci: CallInfo;
  /** The bottom frame (a pseudo host frame that holds the entry function). */
  readonly baseCi: CallInfo;
  status = LUA_OK;
  /** Open upvalues, sorted by decreasing stack index. */
  openupval: UpVal | null = null;
  /** Stack indices of to-be-closed variables, in creation order. */
  tbclist: number[] = [];
  /** Nested host-call depth (JS recursion) plus coroutine nesting, as PUC's nCcalls. */
  nCcalls = 0;
  /** Number of non-yieldable calls in the stack (main thread: always >= 1). */
  nny = 1;
  /** Error handler (message handler) stack index, 0 for none. */
  errfunc = 0;
  /** Number of values yielded (while suspended) or passed to resume. */
  nyield = 0;
  /**
   * The JS exception behind the last error a protected call caught, when a
   * host function threw it (undefined for Lua errors): lets the host API give
   * the host back its own exception.
   */
  hostError: unknown = undefined;
  /** The value of an error that killed this coroutine (kept for inspection). */
  errorValue: LuaValue = undefined;
  /** This thread's debug hook (hooks.ts): called on the events of `hookmask`; null when none. */
  hook: Hook | null = null;
  /** Events hooked (HookMask bits), the count hook's period and the instructions left before it. */
  hookmask = 0;
  basehookcount = 0;
  hookcount = 0;
  /** False while a hook runs: hooks do not run inside hooks. */
  allowhook = true;
  /** Instruction index of the last line event (luaG_traceexec's 'oldpc'). */
  oldpc = 0;
  /** What the running profile knows of this thread (profiler.ts); null when none. */
  profiled: ProfiledThread | null = null;
  /** This thread's configured stack size in slots. */
  readonly stackSize: number;
  /** Current limit: stackSize, or a little more while a stack overflow is being handled. */
  stackLimit: number;
  /**
   * The host wait (a HostYield of the async API) this thread is suspended in,
   * if any: only the wait's owner may resume it. A field rather than a map
   * because every `coroutine.resume` checks it.
   */
  hostWait: object | undefined = undefined;
  /** Where a Lua function that created this coroutine was defined (for overflow messages). */
  creator: LuaValue = undefined;
  /** Epoch of the last mark that reached this thread (gc.ts). */
  gcmark = 0;
  /** Call frames allocated for this thread (in use or cached for reuse). */
  nci = 0;

  constructor(readonly g: GlobalState, stackSize: number = g.stackLimit) {
    const ci = new CallInfo();
    this.baseCi = ci;
    this.ci = ci;
    ci.func = 0;
    ci.base = 1;
    ci.top = 1 + LUA_MINSTACK;
    this.stack.push(undefined);
    this.top = 1;
    this.stackSize = stackSize;
    this.stackLimit = stackSize;
  }

  /** Push a value. */
  push(v: LuaValue): void {
    this.stack[this.top++] = v;
  }

  /** Allocate (or reuse) the frame after the current one. */
  nextCi(): CallInfo {
    const ci = this.ci;
    let n = ci.next;
    if (n === null) {
      charge(this.g.heap, CALLINFO);
      this.nci++;
      n = new CallInfo();
      n.previous = ci;
      ci.next = n;
    }
    this.ci = n;
    return n;
  }

  /**
   * lua_isyieldable: false for the main thread and for a coroutine inside a
   * non-yieldable call; true for any other coroutine (only the running one
   * can actually yield).
   */
  isYieldable(): boolean {
    return this.nny === 0;
  }
}
