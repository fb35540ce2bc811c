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
import type { LuaState } from '../state.js';
import { CIST, type CallInfo } from '../state.js';
import { charge, protoCost } from '../heap.js';
import { Exit, slotHintsOf } from '../interp.js';
import { generate } from './codegen.js';
import { runtime } from './runtime.js';
import { analyze, instructionsOf, loopsOf, type Analysis } from './analysis.js';
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
 * Compile `p`: whole when its code fits JIT_MAX_SOURCE, else loop by loop
 * (`byLoops`). Returns the code, or null.
 */
function compileProto(L: LuaState, p: Proto, stats: JitStats, inlineSlow = false): JitCode | null {
  p.jit = null; // until it succeeds
  // (a function too long for its code to fit is not even looked at: the analysis costs per instruction)
  if (p.code.length > JIT_MAX_INSTRUCTIONS) {
    stats.tooLarge++;
    return null;
  }
  // (at a hundred characters an instruction at least, a longer function does not fit whole)
  if (p.code.length <= JIT_MAX_SOURCE / 100) {
    const t0 = performance.now();
    const whole = generate(p, inlineSlow);
    if (whole.length <= JIT_MAX_SOURCE) return (p.jit = instantiate(L, p, whole, stats, t0));
  }
  return (p.jit = byLoops(p, stats, inlineSlow));
}

/**
 * The code of a function too large to compile whole (a long main chunk,
 * typically): its outermost loops, where it spends its time, each compiled
 * into a JS function of its own when execution first enters it (V8 does
 * not optimize very large functions, and most of a long chunk runs once).
 * The rest of the function is the interpreter's. A loop whose code is too
 * large still is split into the loops inside it.
 */
function byLoops(p: Proto, stats: JitStats, inlineSlow: boolean): JitCode {
  const loops = loopsOf(p);
  let an: Analysis | undefined;
  let plain: Analysis | undefined;
  /** Region of each instruction (-1: interpreted), and each region's loop and code (undefined until entered). */
  const regionOf = new Int32Array(p.code.length).fill(-1);
  const regions: Array<{ loop: [number, number]; code: JitCode | null | undefined }> = [];
  const addRegions = (within: [number, number] | undefined): void => {
    for (const loop of outermost(loops, within)) {
      regionOf.fill(regions.length, loop[0], loop[1] + 1);
      regions.push({ loop, code: undefined });
    }
  };
  const compileRegion = (L: LuaState, r: number): JitCode | null => {
    const t0 = performance.now();
    const loop = regions[r].loop;
    const inside = instructionsOf([loop]);
    an ??= analyze(p, inlineSlow);
    let source = generate(p, inlineSlow, inside, an);
    // (a loop too large with its slow paths inline keeps its first form)
    if (source.length > JIT_MAX_SOURCE && inlineSlow) source = generate(p, false, inside, (plain ??= analyze(p)));
    if (source.length <= JIT_MAX_SOURCE) return instantiate(L, p, source, stats, t0);
    addRegions(loop); // its inner loops, each on its own
    if (regionOf[loop[0]] === r) stats.tooLarge++; // not one inside it
    return null;
  };
  addRegions(undefined);
  return (L: object, ci: object, depth: number): Exit => {
    const r = regionOf[(ci as CallInfo).pc];
    if (r < 0) return Exit.NO_ENTRY;
    let code = regions[r].code;
    if (code === undefined) code = regions[r].code = compileRegion(L as LuaState, r);
    return code === null ? Exit.NO_ENTRY : code(L, ci, depth);
  };
}

/** The loops of `loops` inside `within` (all, without it) that no other loop there contains; overlapping ones merged. */
function outermost(loops: Array<[number, number]>, within: [number, number] | undefined): Array<[number, number]> {
  const inner = loops
    .filter(([t, x]) => within === undefined || (t >= within[0] && x <= within[1] && (t !== within[0] || x !== within[1])))
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Array<[number, number]> = [];
  for (const [t, x] of inner) {
    const last = out[out.length - 1];
    if (last !== undefined && t <= last[1]) last[1] = Math.max(last[1], x);
    else out.push([t, x]);
  }
  return out;
}

/** `source` made a function for `p`'s frames, charged to the heap; null when it would not fit under the memory limit. */
function instantiate(L: LuaState, p: Proto, source: string, stats: JitStats, t0: number): JitCode | null {
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
  protoCost(p); // (sets gcsize, if not yet)
  p.gcsize += cost; // the code lives as long as the prototype
  charge(heap, cost);
  stats.compiled++;
  stats.sourceChars += source.length;
  stats.ms += performance.now() - t0;
  return code;
}
