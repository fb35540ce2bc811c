/**
 * Functions: Lua closures, host (JavaScript) functions, and upvalues.
 */

import type { Proto } from '../bytecode/proto.js';
import { mkfloat, type LuaFunctionLike, type LuaValue } from '../value/value.js';
import type { LuaState } from './state.js';

/**
 * An upvalue. While open it aliases a slot of a thread's stack; once closed
 * it owns the value. Both cases read as `uv.arr[uv.idx]`, so the interpreter
 * never branches on the state: closing just repoints `arr` at a private cell.
 */
export class UpVal {
  arr: LuaValue[];
  idx: number;
  /**
   * The thread's float registers while open: a slot holding `null` has its
   * float in `farr[idx]` (see floatregs.ts). A closed upvalue never holds `null`.
   */
  farr: number[];
  /** Next open upvalue of the same thread (sorted by decreasing stack index). */
  next: UpVal | null = null;
  /** Epoch of the last mark that reached this upvalue (gc.ts). */
  gcmark = 0;
  constructor(stack: LuaValue[], fstack: number[], idx: number) {
    this.arr = stack;
    this.farr = fstack;
    this.idx = idx;
  }
  /** False once closed. While open, `idx` is the stack slot it aliases. */
  isOpen = true;
  /** Detach from the stack, keeping the current value. */
  close(): void {
    this.arr = [this.get()];
    this.idx = 0;
    this.isOpen = false;
    this.next = null; // else a closed upvalue keeps the thread's older upvalues alive
  }
  get(): LuaValue {
    const v = this.arr[this.idx];
    return (v as LuaValue | null) === null ? mkfloat(this.farr[this.idx]) : v;
  }
  set(v: LuaValue): void {
    this.arr[this.idx] = v;
  }
}

/** A Lua function: a prototype plus its upvalues. */
export class LuaClosure implements LuaFunctionLike {
  /** Marker of LuaFunctionLike (on the prototype: no per-object cost). */
  get isFunction(): true {
    return true;
  }
  readonly upvals: UpVal[];
  /** Epoch of the last mark that reached this closure (gc.ts). */
  gcmark = 0;
  constructor(readonly p: Proto, nupvals: number) {
    this.upvals = new Array<UpVal>(nupvals);
  }
}

/**
 * A host function. Its arguments are `L.stack[base .. base + nargs - 1]`
 * (and `L.top === base + nargs` on entry); it pushes its results on top of
 * the stack and returns how many it pushed, like a C function in the Lua C
 * API. It may return {@link YIELD} after `L.yield(...)` to suspend the
 * running coroutine.
 */
export type HostFn = (L: LuaState, base: number, nargs: number) => number;

/** A host function's continuation after a yield or a protected call (lua_KFunction). */
export type HostCont = (L: LuaState, status: number, ctx: number) => number;

/** Returned by a host function that yielded. */
export const YIELD = -1;

export class HostFunction implements LuaFunctionLike {
  /** Marker of LuaFunctionLike (on the prototype: no per-object cost). */
  get isFunction(): true {
    return true;
  }
  /**
   * Upvalues of a host closure (lua_pushcclosure); empty for plain
   * functions. A host function without upvalues is what the reference calls
   * a light C function: a value, not an object of the Lua heap (never
   * collected, never removed from a weak table, shared between states).
   */
  readonly upvalues: LuaValue[];
  /** Epoch of the last mark that reached this closure (gc.ts; host closures only). */
  gcmark = 0;
  /**
   * Part of moonbox (the standard libraries, the command), which raises
   * every error as a Lua error: a JS exception escaping it is a fault of
   * moonbox itself (exceptions.ts, InternalFault). The embedding APIs mark
   * the functions that run the host's code `false`: their exceptions are
   * the host's.
   */
  builtin = true;
  /**
   * The float function this host function computes, when it is a pure
   * function of one number giving a float (math.sqrt, math.sin...): compiled
   * code calls it with a number argument without a frame (`fn.floatOp`).
   */
  readonly floatOp: ((x: number) => number) | undefined;
  constructor(readonly fn: HostFn, readonly name: string, upvalues?: LuaValue[]) {
    this.upvalues = upvalues ?? NO_UPVALUES;
    this.floatOp = (fn as HostFn & { floatOp?: (x: number) => number }).floatOp;
  }

  /** This function runs the host's code (see `builtin`). */
  hosted(): this {
    this.builtin = false;
    return this;
  }
}

export type LuaFunction = LuaClosure | HostFunction;

/** The upvalues of every host function that has none (never written: lua_pushcclosure gives its own array). */
const NO_UPVALUES = Object.freeze([]) as unknown as LuaValue[];
