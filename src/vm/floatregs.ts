/**
 * Float registers: unboxed floats in the interpreter's register file.
 *
 * A float result stored into the stack array (a JS array of arbitrary
 * values) makes V8 allocate a heap number for it and record the store in the
 * old-to-new remembered set: float-heavy loops spent most of their time
 * there. So the interpreter keeps the floats it computes in a second array
 * per thread, `L.fstack`, which holds only doubles (V8 stores those unboxed,
 * without allocation or write barrier), and marks the register itself with
 * `null`:
 *
 *     stack[i] === null   <=>   register i holds the float fstack[i]
 *
 * `null` is never a Lua value (nil is `undefined`), and comparing with it is
 * a single instruction. Integral floats need no `LuaFloat` box there either.
 *
 * The marker never leaves the interpreter's registers: it is turned back into
 * an ordinary value ("materialized") wherever a value is handed to anything
 * else. The boundaries are:
 * - arguments of host functions (precall), the results of a frame returning
 *   to host code or to a metamethod's caller (poscall, RETURN1), the values
 *   the interpreter passes to slow paths, and stores into tables;
 * - open upvalues, which alias stack slots: they keep a reference to their
 *   thread's fstack (`UpVal.farr`) and materialize when closed;
 * - the debug library's view of another frame's locals (`slotValue`).
 * Everything else in the runtime reads stack slots that only hold ordinary
 * values: a host function's own arguments and what it pushed.
 */

import { mkfloat, type LuaValue } from '../value/value.js';
import type { LuaState } from './state.js';
import { charge, SLOT } from './heap.js';

/** A register: a Lua value, or `null` for a float register. */
export type Slot = LuaValue | null;

/** The value of stack slot `i` of thread L, materialized if it is a float register. */
export function slotValue(L: LuaState, i: number): LuaValue {
  const v = L.stack[i];
  return (v as LuaValue | null) === null ? mkfloat(L.fstack[i]) : v;
}

/** Materialize the float registers among slots [from, to). */
export function materialize(L: LuaState, from: number, to: number): void {
  const stack = L.stack as (LuaValue | null)[];
  for (let i = from; i < to; i++) {
    if (stack[i] === null) stack[i] = mkfloat(L.fstack[i]);
  }
}

/**
 * Make the register file, `L.stack` and `L.fstack`, cover the slots below
 * `top`. Called wherever a frame is set up (callers test
 * `needsRegisters(L, top)` first), so that the interpreter's register stores
 * stay within the arrays: a store past the end grows the array, and V8
 * deoptimizes the interpreter loop the first time each store site does
 * that; a store far past the end would even turn the array into a slow
 * dictionary. `fstack` holds only doubles (unused slots are NaN).
 *
 * The first growth of `fstack` replaces the (empty) array by one of exactly
 * the size needed: growing an empty array by pushes reserves 17 slots or
 * more, which would add over 100 bytes to every small coroutine. Nothing
 * holds on to the empty array yet: the interpreter and upvalues take
 * `L.fstack` only once a frame of the thread exists.
 */
export function growRegisters(L: LuaState, top: number): void {
  const stack = L.stack;
  // A deep stack grows by half again each time, as the reference's doubles:
  // few growths (and few charges, each of which a memory limit may check).
  if (stack.length >= GEOMETRIC_FROM && top > stack.length) top = Math.max(top, Math.min(L.stackLimit, stack.length * 1.5));
  // a slot of each array per new register, charged to the heap (heap.ts) before it exists
  charge(L.g.heap, (Math.max(0, top - stack.length) + Math.max(0, top - L.fstack.length)) * SLOT);
  while (stack.length < top) stack.push(undefined);
  const f = L.fstack;
  if (f.length === 0 && top <= UNUSED.length) {
    L.fstack = UNUSED.slice(0, top); // a copy of exactly `top` doubles, fast
    return;
  }
  while (f.length < top) f.push(NaN);
}

/** Register arrays this long and longer grow geometrically. */
const GEOMETRIC_FROM = 4096;

/**
 * Shrink the register arrays when they are far larger than the frames
 * need (after a deep recursion unwound): to twice what is in use, never
 * below the current frame's top. A later frame that needs more grows them
 * again (growRegisters).
 */
export function shrinkRegisters(L: LuaState): void {
  const inUse = Math.max(L.top, L.ci.top);
  const keep = Math.max(2 * inUse, SHRINK_FLOOR);
  if (L.stack.length > 2 * keep) L.stack.length = keep;
  if (L.fstack.length > 2 * keep) L.fstack.length = keep;
}

/** Register arrays smaller than this are never shrunk. */
const SHRINK_FLOOR = 1024;

/** True if a frame reaching `top` needs growRegisters first. */
export function needsRegisters(L: LuaState, top: number): boolean {
  return L.fstack.length < top || L.stack.length < top;
}

/** Template for a thread's first float registers (slice keeps the double elements). */
const UNUSED: readonly number[] = Array.from({ length: 256 }, () => NaN);

/**
 * Make register `r` the float `v`: unboxed in `fstack`, except a NaN,
 * which is stored as a value. A NaN's sign is part of what `print` shows
 * (`-nan` for 0/0 on x86-64), and V8 stores a NaN into a double array as
 * the JS NaN (sign clear) when the storing code is not optimized yet.
 */
export function setFloat(stack: Slot[], fstack: number[], r: number, v: number): void {
  if (v === v) {
    fstack[r] = v;
    stack[r] = null;
  } else {
    stack[r] = v;
  }
}
