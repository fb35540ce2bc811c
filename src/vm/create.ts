/**
 * Creating a Lua universe (global state + main thread), threads, and
 * loading chunks into closures.
 */

import { compile, LuaSyntaxError } from '../frontend/compile.js';
import { undump } from '../bytecode/undump.js';
import type { LuaValue } from '../value/value.js';
import { closeprotected, overflowMessage } from './call.js';
import { finalizeAll, measure } from './gc.js';
import { Budget, chargeBytesWork, limitHit, setQuantum, TICK_IDLE } from './budget.js';
import { Identities } from './identity.js';
import { inheritHook } from './hooks.js';
import { LuaClosure, UpVal } from './function.js';
import { LUAI_MAXSTACK } from '../value/limits.js';
import { LUA_OK, LuaState, type GlobalState } from './state.js';
import { LuaTable } from './table.js';
import { charge, chunkCost, CLOSURE, Heap, SLOT, THREAD, UPVAL } from './heap.js';
import { defaultSink } from './default-output.js';
import { defaultCompileMode, newJitState, primeChunk, sample, type CompileMode } from './jit/tier.js';

/** Registry indices, as the reference's LUA_RIDX_*. */
export const RIDX_MAINTHREAD = 1;
export const RIDX_GLOBALS = 2;

/** The parser's message for too deep a nesting (the reference's wording). */
const CSTACK_OVERFLOW = 'C stack overflow';

export interface StateOptions {
  /** Stack slots of the main thread before "stack overflow" (default 1,000,000 as LUAI_MAXSTACK). */
  stackLimit?: number;
  /**
   * Stack slots of each coroutine before "stack overflow" (default: `stackLimit`).
   * A slot stands for one of the reference's 16-byte stack values (TValue),
   * so 1,000 slots is the equivalent of a 16 KB coroutine stack.
   */
  coroutineStackLimit?: number;
  /** Where `print` and `io.write` go (bytes as a latin1 string). */
  stdout?: (s: string) => void;
  /** Where warnings and the CLI's errors go. */
  stderr?: (s: string) => void;
  /** When Lua functions are compiled to JavaScript (jit/tier.ts; default: MOONBOX_COMPILE, else 'hot'). */
  compile?: CompileMode;
}

/** Create a new Lua universe and return its main thread (lua_newstate). */
export function newState(options: StateOptions = {}): LuaState {
  const mode = options.compile ?? defaultCompileMode();
  const g: GlobalState = {
    registry: undefined as unknown as LuaTable,
    typeMetatables: new Map(),
    mainThread: undefined as unknown as LuaState,
    stackLimit: options.stackLimit ?? LUAI_MAXSTACK,
    coroutineStackLimit: options.coroutineStackLimit ?? options.stackLimit ?? LUAI_MAXSTACK,
    warnOn: false,
    warnBuffer: '',
    stdout: options.stdout ?? defaultSink('stdout'),
    stderr: options.stderr ?? defaultSink('stderr'),
    heap: undefined as unknown as Heap,
    budget: new Budget(),
    identities: new Identities(),
    tick: TICK_IDLE,
    traps: 0,
    profiler: null,
    onCoroutineError: undefined,
    onInternalFault: undefined,
    jit: newJitState(mode),
    frameWrites: 0,
    upvaluesJoined: false,
    ext: new Map(),
  };
  if (mode === 'hot') {
    g.budget.onSample = sample;
    setQuantum(g);
  }
  const heap = new Heap(g);
  g.heap = heap;
  heap.measure = () => measure(heap);
  heap.overLimit = (wanted) => {
    const running = (heap.running[heap.running.length - 1] as LuaState | undefined) ?? g.mainThread;
    return limitHit(running, 'memory', heap.limit, wanted);
  };
  charge(heap, THREAD);
  const registry = new LuaTable(heap);
  g.registry = registry;
  const L = new LuaState(g);
  g.mainThread = L;
  registry.setInt(RIDX_MAINTHREAD, L);
  registry.setInt(RIDX_GLOBALS, new LuaTable(heap));
  return L;
}

/** The global table (_G). */
export function globals(L: LuaState): LuaTable {
  return L.g.registry.getInt(RIDX_GLOBALS) as LuaTable;
}

/**
 * lua_close's work on a live universe: the main thread's pending
 * to-be-closed variables are closed (when `unwind`, its frames are dropped
 * first, as when a script calls `os.exit(code, true)`), then every object
 * still marked for finalization is finalized. The state stays usable by the
 * host, but its objects are no longer marked for finalization.
 */
export function closeState(L: LuaState, unwind: boolean): void {
  const main = L.g.mainThread;
  if (unwind) {
    main.ci = main.baseCi;
    closeprotected(main, 1, LUA_OK, undefined);
  }
  finalizeAll(main);
}

/** A new coroutine sharing L's universe (lua_newthread). */
export function newThread(L: LuaState): LuaState {
  charge(L.g.heap, THREAD);
  const co = new LuaState(L.g, L.g.coroutineStackLimit);
  // The reference's lua_isyieldable is true for any coroutine that is not
  // inside a non-yieldable call (fresh, suspended or dead alike); only the
  // running thread can actually yield, so this never lets a yield through.
  co.nny = 0;
  inheritHook(L, co);
  return co;
}

/**
 * Load a chunk (lua_load): returns a closure whose first upvalue is the
 * global table, or the error message. `mode` is "t", "b" or "bt".
 */
export function loadChunk(L: LuaState, chunk: string, chunkname: string, mode: string): LuaClosure | string {
  const binary = chunk.charCodeAt(0) === 0x1b;
  const kind = binary ? 'binary' : 'text';
  if (!mode.includes(kind[0])) return `attempt to load a ${kind} chunk (mode is '${mode}')`;
  chargeBytesWork(L, chunk.length); // compiling costs per byte, as producing a string does
  let p;
  try {
    // undump verifies everything the interpreter relies on (see undump.ts)
    // Syntactic nesting counts on top of the host calls in progress, as the
    // reference's parser counts in L->nCcalls.
    p = binary ? undump(chunk, chunkname) : compile(chunk, chunkname, { cstackBase: L.nCcalls });
  } catch (e) {
    if (e instanceof LuaSyntaxError) {
      // too deep a nesting is this thread's overflow: name it as the VM's overflows do
      return e.luaMessage === CSTACK_OVERFLOW ? overflowMessage(L, e.luaMessage) : e.luaMessage;
    }
    throw e;
  }
  const heap = L.g.heap;
  charge(heap, chunkCost(p) + CLOSURE + p.upvalues.length * SLOT);
  if (L.g.jit.mode === 'all') primeChunk(p);
  const cl = new LuaClosure(p, p.upvalues.length);
  for (let i = 0; i < p.upvalues.length; i++) cl.upvals[i] = closedUpval(heap, undefined);
  if (p.upvalues.length > 0) cl.upvals[0] = closedUpval(heap, globals(L));
  return cl;
}

/** A fresh closed upvalue holding `v`. */
export function closedUpval(heap: Heap, v: LuaValue): UpVal {
  charge(heap, UPVAL);
  const uv = new UpVal([v], [], 0);
  uv.isOpen = false;
  return uv;
}
