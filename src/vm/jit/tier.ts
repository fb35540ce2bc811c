/**
 * The compiling tier: which Lua functions get compiled to JavaScript, when,
 * and what happens where compiling is not allowed.
 *
 * A function is compiled when it is hot: after `JIT_HOT_ENTRIES` entries of
 * its frames (calls, and returns into it from its callees: a loop that
 * calls something is hot through them), or when the safepoint sampler finds
 * it running a loop (`sample`: with the tier on, the safepoint counter
 * comes back at least every `JIT_SAMPLE_INTERVAL` instructions, and the
 * function running then is compiled; the interpreter switches to the
 * compiled code at its next backward jump). Compilation is lazy, so start-up
 * is unchanged, and done once per prototype: every closure of it shares the
 * code.
 *
 * Three modes: 'hot' (the default), 'off' (`new Lua({ compile: false })`,
 * `moonbox --no-compile`), and 'all', which compiles every function on its
 * first call: the test suite runs whole in it (MOONBOX_COMPILE=all), so
 * that every opcode's compiled form meets every test. Where `new Function`
 * is refused (a Content-Security-Policy without 'unsafe-eval') the tier
 * turns itself off for the process, and everything runs in the interpreter.
 */

import type { JitCode, Proto } from '../../bytecode/proto.js';
import { LuaFloat, mkfloat } from '../../value/value.js';
import { iadd, imul, ishl, ishr, isub, x86nan } from '../../value/number.js';
import type { LuaState } from '../state.js';
import { CIST } from '../state.js';
import { LuaTable } from '../table.js';
import { LuaClosure } from '../function.js';
import { closeAll, newtbcupval, poscall, precall } from '../call.js';
import { concat, equalobj, indexTableChain, len, lessequal, lessthan, rawequal, rawset } from '../operations.js';
import { upvalLoc } from '../debuginfo.js';
import { charge, protoCost, stringCost } from '../heap.js';
import { gcCheckpoint } from '../gc.js';
import { safepoint } from '../budget.js';
import { materialize } from '../floatregs.js';
import { hookVarargCall } from '../hooks.js';
import {
  adjustVarargs, closure, finishMM, floatEq, floatOf, forloopSlow, forprep, hintedGet, hintedSet, intMod, numArithValue,
  opReturn, pushLuaFrame, setlist, slotHintsOf, stringIndex, tailcall, vararg, slowArith, negatedImm, compareImm,
  getSlow, setSlow, arithTail, flippedArith, arithMM, orderMM, eqMM,
} from '../interp.js';
import { generate, RUNTIME_NAMES } from './codegen.js';
import { instructionsOf, loopsOf } from './analysis.js';
import { JIT_MAX_INSTRUCTIONS, JIT_MAX_SOURCE, JIT_RECOMPILE_BAILS } from '../../value/limits.js';

/** When functions are compiled: 'hot' ones, 'all' on first call (for tests), or never ('off'). */
export type CompileMode = 'hot' | 'all' | 'off';

/** What the tier did in one state: for benchmarks and tests. */
export interface JitStats {
  /** Functions compiled (a function compiled again counts twice). */
  compiled: number;
  /** Functions compiled again with their slow paths in their code (`bailed`). */
  recompiled: number;
  /** Functions whose compilation failed (a bug of the code generator; they stay interpreted). */
  failed: number;
  /** Functions not compiled because their code would not fit under the memory limit. */
  refused: number;
  /** Functions not compiled because even their loops alone make too much code (JIT_MAX_SOURCE). */
  tooLarge: number;
  /** Milliseconds spent generating and instantiating code. */
  ms: number;
  /** Characters of JavaScript generated. */
  sourceChars: number;
}

/** The tier's state in one Lua universe (g.jit). */
export interface JitState {
  mode: CompileMode;
  stats: JitStats;
}

/** The first failure of the code generator, kept for tests and bug reports. */
export let lastFailure: { source: string; error: unknown } | undefined;

/** Set once `new Function` has been refused: no state of this process compiles again. */
let evalRefused = false;

/** Is `new Function` refused here (a Content-Security-Policy without 'unsafe-eval')? */
export function compilingRefused(): boolean {
  return evalRefused;
}

/**
 * The mode of a state whose host did not choose one: the environment's
 * MOONBOX_COMPILE ('all', 'off' or 'hot'; how the test suite runs whole
 * in each mode), else 'hot'.
 */
export function defaultCompileMode(): CompileMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.MOONBOX_COMPILE;
  return v === 'all' || v === 'off' || v === 'hot' ? v : 'hot';
}

/** A new state's tier. */
export function newJitState(mode: CompileMode): JitState {
  return { mode, stats: { compiled: 0, recompiled: 0, failed: 0, refused: 0, tooLarge: 0, ms: 0, sourceChars: 0 } };
}

/**
 * The loaded chunk `p` in a state of mode 'all': every function in it is
 * compiled on its first call.
 */
export function primeChunk(p: Proto): void {
  p.hot = 0;
  for (const q of p.p) primeChunk(q);
}

/**
 * `p`'s frames were entered JIT_HOT_ENTRIES times (or it was sampled, or
 * the mode is 'all'): compile it, or mark it as never to be compiled.
 * Returns the code, or null.
 */
export function tierUp(L: LuaState, p: Proto): JitCode | null {
  const jit = L.g.jit;
  if (jit.mode === 'off' || evalRefused) {
    p.jit = null;
    return null;
  }
  return compileProto(L, p, jit.stats);
}

/**
 * The safepoint sampler of mode 'hot' (Budget.onSample): the Lua function
 * running when the counter came back has been running a while; compile it,
 * and the interpreter enters its code at the next backward jump.
 */
export function sample(L: LuaState): void {
  const ci = L.ci;
  if ((ci.callstatus & CIST.LUA) === 0) return;
  const p = ci.closure!.p;
  if (p.jit === undefined) tierUp(L, p);
}

/**
 * Compiled code of `p` left an instruction to the interpreter (a
 * metamethod, a coercion, an error...). The first code of a function sends
 * every slow path there, which keeps it small; a function that does so
 * often (operators on objects, __index functions) is compiled again with
 * the slow paths in its code (codegen.ts's `slow`), at once in mode 'all'
 * so that the tests run both forms.
 */
export function bailed(L: LuaState, p: Proto): void {
  const jit = L.g.jit;
  if (++p.bails === (jit.mode === 'all' ? 1 : JIT_RECOMPILE_BAILS) && p.jit != null) {
    const before = p.jit;
    // (too large with its slow paths: the first code stays)
    if (compileProto(L, p, jit.stats, true) === null) p.jit = before;
    else jit.stats.recompiled++;
  }
}

/**
 * What compiled code is taken to cost in memory: V8 keeps the source, its
 * bytecode (about half the source's size) and, once optimized, machine
 * code. An estimate, as heap.ts's other costs are.
 */
function codeCost(sourceChars: number): number {
  return 2 * sourceChars;
}

/**
 * The code for `p` within JIT_MAX_SOURCE: all of it; else its loops; else
 * the largest loop around where its frame is (the running frame's pc,
 * when it is `p`'s: the sampler and the frame reload compile a function
 * from inside it), the rest left to the interpreter; else none.
 */
function sourceFor(L: LuaState, p: Proto, inlineSlow: boolean): string | undefined {
  // (a function too long for its code to fit is not even looked at: the analysis costs per instruction)
  if (p.code.length > JIT_MAX_INSTRUCTIONS) return undefined;
  // (at a hundred characters an instruction at least, a longer function does not fit whole)
  const whole = p.code.length <= JIT_MAX_SOURCE / 100 ? generate(p, inlineSlow) : undefined;
  if (whole !== undefined && whole.length <= JIT_MAX_SOURCE) return whole;
  const loops = loopsOf(p);
  const inLoops = generate(p, inlineSlow, instructionsOf(loops));
  if (inLoops.length <= JIT_MAX_SOURCE) return inLoops;
  const ci = L.ci;
  if (ci.closure?.p !== p) return undefined;
  const pc = ci.pc;
  const around = loops.filter(([t, x]) => t <= pc && pc <= x + 1).sort((a, b) => (b[1] - b[0]) - (a[1] - a[0]));
  for (const loop of around) {
    const one = generate(p, inlineSlow, instructionsOf([loop]));
    if (one.length <= JIT_MAX_SOURCE) return one;
  }
  return undefined;
}

function compileProto(L: LuaState, p: Proto, stats: JitStats, inlineSlow = false): JitCode | null {
  const t0 = performance.now();
  p.jit = null; // until it succeeds
  const source = sourceFor(L, p, inlineSlow);
  if (source === undefined) {
    stats.tooLarge++;
    return null;
  }
  const heap = L.g.heap;
  const cost = codeCost(source.length);
  if (heap.total + cost > heap.limit) {
    // a memory-limited state keeps its room for the script's own data
    stats.refused++;
    return null;
  }
  let factory: (R: object, K: unknown[], hints: Int32Array) => JitCode;
  try {
    factory = new Function('R', 'K', 'hints', source) as typeof factory;
  } catch (e) {
    if (e instanceof EvalError) {
      evalRefused = true; // a Content-Security-Policy: interpret everything from now on
      return null;
    }
    stats.failed++;
    lastFailure ??= { source, error: e };
    if (L.g.jit.mode === 'all') throw e; // the test mode: a generator bug must not hide
    return null;
  }
  const code = factory(runtime(), p.k, slotHintsOf(p));
  p.gcsize = protoCost(p) + cost;
  charge(heap, cost);
  p.jit = code;
  stats.compiled++;
  stats.sourceChars += source.length;
  stats.ms += performance.now() - t0;
  return code;
}

let runtimeObject: Record<(typeof RUNTIME_NAMES)[number], unknown> | undefined;

/** What generated code calls (codegen.ts's RUNTIME_NAMES), made once. */
export function runtime(): object {
  runtimeObject ??= {
    LuaTable, LuaClosure, LuaFloat, mkfloat, floatOf, floatEq, rawequal, rawset, charge, stringCost, gcCheckpoint,
    safepoint, materialize, closeAll, newtbcupval, precall, poscall, pushLuaFrame, finishMM, tailcall, opReturn, setlist,
    closure, vararg, adjustVarargs, hookVarargCall, hintedGet, hintedSet, indexTableChain, stringIndex, numArithValue,
    intMod, iadd, isub, imul, ishl, ishr, forprep, forloopSlow, upvalLoc, slowArith, negatedImm, compareImm, lessthan,
    lessequal, equalobj, len, concat, x86nan, getSlow, setSlow, arithTail, flippedArith, arithMM, orderMM, eqMM,
  };
  return runtimeObject;
}

