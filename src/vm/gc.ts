/**
 * The collector (the reference's lgc.c): a mark of the Lua heap from its
 * roots, and what the mark drives: weak tables, ephemerons and finalizers,
 * exactly as Lua 5.4 specifies them. JavaScript's collector reclaims the
 * memory; this one decides what Lua considers garbage, measures what is
 * live (heap.ts), and drops the heap's own references to dead objects
 * (cleared weak entries, dead stack slots) so that V8 can reclaim them.
 *
 * A collection is a full, stop-the-world mark: a cycle of the reference's
 * incremental collector done in one step. It runs when a script calls
 * `collectgarbage`, or when a charge past the threshold requested it, at
 * the next checkpoint: where the reference checks its debt (luaC_checkGC),
 * after the interpreter creates a table, a closure or a concatenation, and
 * after a host function returns. There the stack top is exact: every live
 * value is reachable from the roots (a register below the top, a stack
 * slot, an upvalue, a table, the registry, or a value the host holds
 * through the embedding API: pins and handles, heap.ts), and registers
 * above the top are dead, so a dead temporary never keeps an object alive.
 *
 * The mark uses an explicit work list (no recursion: a deep structure never
 * touches the JS stack) and an epoch per object: an object is marked when
 * its `gcmark` equals the current collection's epoch, so no pass is needed
 * to clear marks. Epochs are global across states: objects shared between
 * states (light host functions, say) never look marked by another state's
 * collection.
 */

import { LightUserdata, LuaFloat, type LuaValue } from '../value/value.js';
import { LUAI_MAXSHORTLEN } from '../value/limits.js';
import type { Proto } from '../bytecode/proto.js';
import { checkstack, pcall } from './call.js';
import { HostFunction, LuaClosure, UpVal } from './function.js';
import {
  BOXED_NUMBER, CALLINFO, CLOSURE, GcFlag, GcStop, HEAP_NUMBER, HOST_CLOSURE, SLOT, THREAD, UPVAL, USERDATA,
  protoCost, stringCost, thresholdPassed, type FinalizableObject, type Heap,
} from './heap.js';
import { CIST, LUA_OK, LuaState } from './state.js';
import { LuaTable } from './table.js';
import { LuaBuffer, LuaUserdata } from './userdata.js';
import { warning } from './warning.js';

/** The current collection's epoch (see the header). */
let epoch = 0;

/** A table's weak mode, from its metatable's `__mode`. */
const enum Weak {
  NONE = 0,
  KEYS = 1,
  VALUES = 2,
  BOTH = 3,
}

function weakMode(t: LuaTable): Weak {
  const mt = t.metatable;
  if (mt === undefined) return Weak.NONE;
  const mode = mt.getStr('__mode');
  if (typeof mode !== 'string') return Weak.NONE;
  return (mode.includes('k') ? Weak.KEYS : 0) | (mode.includes('v') ? Weak.VALUES : 0);
}

/** An object the mark can reach: what has a `gcmark`. */
type Collectable = LuaTable | LuaClosure | HostFunction | LuaUserdata | LuaState;

/**
 * Is `v` an object of the Lua heap, one that a weak table may lose? Strings
 * and numbers are values; light host functions (no upvalues) and light
 * userdata are not objects in the reference either.
 */
function isCollectable(v: LuaValue): v is Collectable {
  return v instanceof LuaTable || v instanceof LuaClosure || v instanceof LuaUserdata
    || (v instanceof HostFunction && v.upvalues.length > 0) || isThread(v);
}

function isThread(v: LuaValue): v is LuaState {
  return v instanceof LuaState;
}

/** One collection's marking state. */
class Mark {
  readonly epoch = ++epoch;
  /** Tables marked but not yet traversed (most objects: a list of their own, no dispatch). */
  readonly grayTables: LuaTable[] = [];
  /** Other objects marked but not yet traversed. */
  readonly gray: (Collectable | Proto)[] = [];
  /** Bytes found live. */
  live = 0;
  /** Short strings found live (counted once each, as the reference counts an interned string). */
  readonly strings = new Set<string>();
  /** Weak tables met, by kind (the reference's g->weak, g->ephemeron, g->allweak). */
  readonly weak: LuaTable[] = [];
  readonly ephemeron: LuaTable[] = [];
  readonly allweak: LuaTable[] = [];

  /**
   * @param running the thread running the collection
   * @param measureOnly a measure (see `measure`): nothing is cleared, and a
   *   running Lua frame's registers count up to its top
   */
  constructor(readonly running: LuaState, readonly measureOnly = false) {}

  /** Is `v` live (for a collectable), or a value (always kept)? Strings met here are counted live. */
  isMarked(v: LuaValue): boolean {
    if (typeof v === 'string') {
      this.markString(v);
      return true;
    }
    return !isCollectable(v) || v.gcmark === this.epoch;
  }

  /**
   * Count a string. A short one is counted once however many places hold
   * it, as the reference interns it (a duplicate costs V8 at most a few dozen
   * bytes, next to the slot holding it). A long one is counted at every
   * reference: JS gives strings no identity, so equal contents cannot tell
   * one string held twice from two strings, and a script making many equal
   * long strings must not look small to a memory limit.
   */
  markString(s: string): void {
    if (s.length > LUAI_MAXSHORTLEN) {
      this.live += stringCost(s.length);
      return;
    }
    const n = this.strings.size;
    this.strings.add(s);
    if (this.strings.size !== n) this.live += stringCost(s.length);
  }

  /** Mark a value: count it if it is a string or boxed number, queue it if it is an unmarked object. */
  markValue(v: LuaValue | null): void {
    if (v instanceof LuaTable) { // the common case first
      if (v.gcmark !== this.epoch) {
        v.gcmark = this.epoch;
        this.grayTables.push(v);
      }
      return;
    }
    switch (typeof v) {
      case 'string':
        this.markString(v);
        return;
      case 'number':
        if ((v | 0) !== v) this.live += HEAP_NUMBER;
        return;
      case 'bigint':
        this.live += BOXED_NUMBER;
        return;
      case 'object':
        if (v === null) return; // a float register (see floatregs.ts)
        if (v instanceof LuaFloat) {
          this.live += BOXED_NUMBER;
          return;
        }
        if (v instanceof LightUserdata) return;
        if (isCollectable(v) && v.gcmark !== this.epoch) {
          v.gcmark = this.epoch;
          this.gray.push(v);
        }
        return;
      default:
        return; // nil, booleans
    }
  }

  markProto(p: Proto): void {
    if (p.gcmark === this.epoch) return;
    p.gcmark = this.epoch;
    this.gray.push(p);
  }

  /** Traverse every queued object (propagateall). */
  propagate(): void {
    const tables = this.grayTables;
    const gray = this.gray;
    for (;;) {
      while (tables.length > 0) this.traverseTable(tables.pop()!);
      if (gray.length === 0) return;
      const o = gray.pop()!;
      if (o instanceof LuaTable) this.traverseTable(o);
      else if (o instanceof LuaClosure) this.traverseClosure(o);
      else if (o instanceof HostFunction) this.traverseHostClosure(o);
      else if (o instanceof LuaUserdata) this.traverseUserdata(o);
      else if (o instanceof LuaState) this.traverseThread(o);
      else this.traverseProto(o);
    }
  }

  traverseTable(t: LuaTable): void {
    this.live += t.gcSize();
    if (t.metatable !== undefined) this.markValue(t.metatable);
    const mode = weakMode(t);
    const arr = t.arr;
    const keys = t.hkeys;
    const vals = t.hvals;
    switch (mode) {
      case Weak.NONE:
        for (let i = 0; i < arr.length; i++) this.markValue(arr[i]);
        for (let i = 0; i < keys.length; i++) {
          const v = vals[i];
          if (v === undefined) continue; // a dead key: not an entry
          this.markValue(keys[i]);
          this.markValue(v);
        }
        return;
      case Weak.VALUES: // traverseweakvalue: keys are strong; values are counted when clearing keeps them
        this.weak.push(t);
        for (let i = 0; i < keys.length; i++) if (vals[i] !== undefined) this.markValue(keys[i]);
        return;
      case Weak.KEYS: // traverseephemeron: a value is reached only through its key
        this.ephemeron.push(t);
        for (let i = 0; i < arr.length; i++) this.markValue(arr[i]); // integer keys are values
        this.traverseEphemeron(t);
        return;
      default: // both weak: nothing is marked; strings in the entries clearing keeps are counted then
        this.allweak.push(t);
    }
  }

  /** Mark the values of an ephemeron table whose keys are marked; true if it marked anything. */
  traverseEphemeron(t: LuaTable): boolean {
    const keys = t.hkeys;
    const vals = t.hvals;
    let marked = false;
    for (let i = 0; i < keys.length; i++) {
      const v = vals[i];
      if (v === undefined) continue;
      const k = keys[i];
      if (!this.isMarked(k)) continue; // white key: its value waits (maybe forever)
      if (isCollectable(v) ? v.gcmark !== this.epoch : true) {
        if (isCollectable(v)) marked = true;
        this.markValue(v);
      }
    }
    return marked;
  }

  /** Repeat ephemeron traversals until nothing new is marked (convergeephemerons). */
  convergeEphemerons(): void {
    let changed = true;
    while (changed) {
      changed = false;
      // the list may grow while it is walked: tables reached through values join it
      for (let i = 0; i < this.ephemeron.length; i++) {
        if (this.traverseEphemeron(this.ephemeron[i])) {
          this.propagate();
          changed = true;
        }
      }
    }
  }

  traverseClosure(cl: LuaClosure): void {
    this.live += CLOSURE + cl.upvals.length * SLOT;
    this.markProto(cl.p);
    for (const uv of cl.upvals) if (uv !== undefined) this.markUpval(uv);
  }

  /** An upvalue, shared by the closures that captured it, is counted once; its value is marked open or closed. */
  markUpval(uv: UpVal): void {
    if (uv.gcmark === this.epoch) return;
    uv.gcmark = this.epoch;
    this.live += UPVAL;
    this.markValue(uv.arr[uv.idx] as LuaValue | null);
  }

  traverseHostClosure(f: HostFunction): void {
    this.live += HOST_CLOSURE + f.upvalues.length * SLOT;
    for (const v of f.upvalues) this.markValue(v);
  }

  traverseUserdata(u: LuaUserdata): void {
    this.live += USERDATA + u.uservalues.length * SLOT + (u.data instanceof Uint8Array ? u.data.byteLength : 0);
    if (u.metatable !== undefined) this.markValue(u.metatable);
    for (const v of u.uservalues) this.markValue(v);
  }

  traverseProto(p: Proto): void {
    this.live += protoCost(p);
    if (p.source !== undefined) this.markString(p.source);
    for (const k of p.k) if (typeof k === 'string') this.markString(k);
    for (const v of p.locvars) this.markString(v.varname);
    for (const q of p.p) this.markProto(q);
  }

  /**
   * A thread: its stack up to its top, the values it keeps for inspection,
   * and its hook. A collection starts in a host function (whose arguments
   * and results are below the top) or at a checkpoint, which sets the top
   * just above the registers in use; in a Lua frame that called a function,
   * the registers above the call are dead. Slots above the top
   * are cleared, so that the stack array does not keep garbage alive for V8
   * (the reference's atomic phase clears them too).
   */
  traverseThread(th: LuaState): void {
    const stack = th.stack;
    // a measure may run in the middle of a Lua frame, whose registers reach its top, not L.top
    const top = this.measureOnly && th.ci !== th.baseCi ? Math.max(th.top, th.ci.top) : th.top;
    const limit = Math.min(top, stack.length);
    for (let i = 0; i < limit; i++) {
      // numbers in registers are counted with the stack (the reference's TValues); elsewhere V8 boxes some
      const v = stack[i] as LuaValue | null;
      if (typeof v !== 'number') this.markValue(v);
    }
    const frames = th.nci;
    if (!this.measureOnly) {
      for (let i = limit; i < stack.length; i++) stack[i] = undefined;
      for (let ci = th.ci.next; ci !== null; ci = ci.next) {
        ci.closure = null; // a cached frame, not in use: it must not keep a dead closure alive
        ci.k = null;
      }
    }
    this.live += THREAD + (stack.length + th.fstack.length) * SLOT + frames * CALLINFO + th.tbclist.length * SLOT;
    for (let uv = th.openupval; uv !== null; uv = uv.next) this.markUpval(uv);
    this.markValue(th.errorValue);
    this.markValue(th.creator);
  }
}

// ---------------------------------------------------------------------------
// A collection

/** Mark everything the roots reach. */
function markRoots(m: Mark, heap: Heap): void {
  const g = heap.g;
  m.markValue(g.registry);
  m.markValue(g.mainThread);
  for (const mt of g.typeMetatables.values()) m.markValue(mt);
  m.markValue(m.running);
  for (const th of heap.running) m.markValue(th as LuaState);
  for (const v of heap.pins.keys()) m.markValue(v as LuaValue);
  for (const ref of heap.handles) {
    const h = ref.deref();
    if (h === undefined) heap.handles.delete(ref);
    else m.markValue(heap.valueOfHandle(h));
  }
  for (const v of g.ext.values()) m.markValue(v as LuaValue);
  // objects waiting for their finalizer stay alive until it has run
  for (const o of heap.tobefnz) m.markValue(o as unknown as LuaValue);
}

/**
 * Move the objects with finalizers that the mark did not reach (every one
 * when `all`) from `finobj` to the end of `tobefnz` (separatetobefnz). The
 * newest is moved first, so finalizers run in the reverse order of marking.
 */
function separateToBeFinalized(m: Mark | undefined, heap: Heap, all: boolean): void {
  const keep: FinalizableObject[] = [];
  const fin = heap.finobj;
  const dead: FinalizableObject[] = [];
  for (let i = fin.length - 1; i >= 0; i--) {
    const o = fin[i];
    if (all || (o as unknown as { gcmark: number }).gcmark !== m!.epoch) dead.push(o);
    else keep.push(o);
  }
  keep.reverse();
  heap.finobj = keep;
  for (const o of dead) heap.tobefnz.push(o);
}

/** Clear the values of weak tables `list[from..]` that did not survive (clearbyvalues). */
function clearByValues(m: Mark, list: LuaTable[], from: number): void {
  const dies = (v: LuaValue): boolean => !m.isMarked(v);
  for (let i = from; i < list.length; i++) list[i].clearValues(dies);
}

/** Remove the entries of weak-key tables whose key did not survive (clearbykeys). */
function clearByKeys(m: Mark, list: LuaTable[]): void {
  const dies = (k: LuaValue): boolean => !m.isMarked(k);
  const unreachable = (k: LuaValue): boolean => isCollectable(k) && k.gcmark !== m.epoch;
  for (const t of list) t.clearKeys(dies, unreachable);
}

/**
 * What a collection would find live right now, changing nothing: no weak
 * entry cleared, no finalizer scheduled, no stack slot touched. The memory
 * limit's check (heap.ts) runs it wherever an allocation passes the limit,
 * possibly in the middle of an operation; there a value held only by a JS
 * local is not counted, an error of at most that operation's temporaries.
 * Objects waiting for finalization count, as a collection would keep them.
 */
export function measure(heap: Heap): number {
  return markAll(heap, new Mark(runningThread(heap), true)).live;
}

/** The thread running now: the innermost one being resumed, else the main thread (where a measure starts). */
export function runningThread(heap: Heap): LuaState {
  return (heap.running[heap.running.length - 1] as LuaState | undefined) ?? heap.g.mainThread;
}

/** Mark everything a collection would keep (objects waiting for finalization too), with `m`. */
function markAll<M extends Mark>(heap: Heap, m: M): M {
  markRoots(m, heap);
  m.propagate();
  m.convergeEphemerons();
  for (const o of heap.finobj) m.markValue(o as unknown as LuaValue);
  m.propagate();
  m.convergeEphemerons();
  return m;
}

/** Live bytes by kind of object (a post-mortem report's memory accounting). */
export interface MemoryByType {
  strings: number;
  tables: number;
  /** Lua and host closures, their upvalues and the prototypes of Lua functions. */
  functions: number;
  /** Threads: their stacks and frames. */
  coroutines: number;
  buffers: number;
  /** Other full userdata. */
  userdata: number;
  /** What is counted with no object of its own (boxed numbers). */
  other: number;
}

/**
 * A measure that also sorts what it counts by kind of object and collects
 * every live thread. It changes nothing, as `measure`; it is slower (one
 * closure per object), which only a report can afford.
 */
class Census extends Mark {
  readonly threads: LuaState[] = [];
  readonly by: MemoryByType = { strings: 0, tables: 0, functions: 0, coroutines: 0, buffers: 0, userdata: 0, other: 0 };

  override markString(s: string): void {
    const before = this.live;
    super.markString(s);
    this.by.strings += this.live - before;
  }

  /** Run `traverse`, charging what it counts to `kind` (the strings it meets are strings). */
  private charge(kind: keyof MemoryByType, traverse: () => void): void {
    const before = this.live;
    const strings = this.by.strings;
    traverse();
    this.by[kind] += this.live - before - (this.by.strings - strings);
  }

  override traverseTable(t: LuaTable): void {
    this.charge('tables', () => super.traverseTable(t));
  }

  override traverseClosure(cl: LuaClosure): void {
    this.charge('functions', () => super.traverseClosure(cl));
  }

  override traverseHostClosure(f: HostFunction): void {
    this.charge('functions', () => super.traverseHostClosure(f));
  }

  override traverseProto(p: Proto): void {
    this.charge('functions', () => super.traverseProto(p));
  }

  override traverseUserdata(u: LuaUserdata): void {
    this.charge(u instanceof LuaBuffer ? 'buffers' : 'userdata', () => super.traverseUserdata(u));
  }

  override traverseThread(th: LuaState): void {
    this.threads.push(th);
    this.charge('coroutines', () => super.traverseThread(th));
  }
}

/** What is live now, by kind, and every live thread (main thread first); nothing is changed. */
export function census(heap: Heap): { total: number; byType: MemoryByType; threads: LuaState[] } {
  const m = markAll(heap, new Census(runningThread(heap), true));
  const by = m.by;
  by.other = m.live - (by.strings + by.tables + by.functions + by.coroutines + by.buffers + by.userdata);
  return { total: m.live, byType: by, threads: m.threads };
}

/**
 * A full collection (a cycle of the reference's collector, its atomic
 * phase included): mark, settle weak tables and ephemerons, separate the
 * unreachable objects with finalizers (they and what they reach are marked
 * again: resurrected until their finalizer has run), clear the weak
 * entries of what died. Finalizers are not called here: see
 * `runFinalizers`. `L` is the thread running the collection.
 */
export function collect(L: LuaState): void {
  const heap = L.g.heap;
  const start = performance.now();
  const wasStopped = heap.stopped;
  heap.stopped |= GcStop.INTERNAL;
  const m = new Mark(L);
  markRoots(m, heap);
  m.propagate();
  m.convergeEphemerons();
  // everything strongly reachable is marked: clear weak values before finalization
  clearByValues(m, m.weak, 0);
  clearByValues(m, m.allweak, 0);
  const origWeak = m.weak.length;
  const origAll = m.allweak.length;
  const before = heap.tobefnz.length;
  separateToBeFinalized(m, heap, false);
  for (let i = before; i < heap.tobefnz.length; i++) m.markValue(heap.tobefnz[i] as unknown as LuaValue);
  m.propagate();
  m.convergeEphemerons();
  // resurrected objects are marked: remove dead keys, and dead values from tables met while resurrecting
  clearByKeys(m, m.ephemeron);
  clearByKeys(m, m.allweak);
  clearByValues(m, m.weak, origWeak);
  clearByValues(m, m.allweak, origAll);
  heap.stopped = wasStopped;
  if (heap.total > heap.peak) heap.peak = heap.total;
  heap.estimate = m.live;
  heap.total = m.live;
  heap.measured = m.live;
  heap.pending = false;
  heap.overdue = false;
  heap.cycles++;
  heap.setPause();
  const took = performance.now() - start;
  heap.markTime += took;
  if (took > heap.longestMark) heap.longestMark = took;
}

/**
 * Call the finalizers waiting in `tobefnz`, in order (GCTM for each): the
 * object leaves the finalization lists first, so a finalizer that
 * resurrects it must set its metatable again to be finalized again. A
 * finalizer runs in protected mode, cannot yield, runs with hooks off and
 * the collector stopped; its error becomes a warning ("error in __gc
 * (...)"), never an error of the code that happened to be running.
 */
export function runFinalizers(L: LuaState): void {
  const heap = L.g.heap;
  if (heap.stopped & GcStop.INTERNAL) return; // inside a finalizer: the outer loop goes on
  while (heap.tobefnz.length > 0) {
    const o = heap.tobefnz.shift()!;
    o.gcflags &= ~GcFlag.FINALIZABLE;
    const mt = o.metatable;
    const tm = mt instanceof LuaTable ? mt.getStr('__gc') : undefined;
    if (tm !== undefined) callFinalizer(L, tm, o as unknown as LuaValue);
  }
  // charges made while finalizers ran could not request a collection: do it now if one is due
  if (heap.total > heap.threshold) thresholdPassed(heap, 0);
}

function callFinalizer(L: LuaState, tm: LuaValue, o: LuaValue): void {
  const heap = L.g.heap;
  const oldStopped = heap.stopped;
  const oldAllowhook = L.allowhook;
  const ci = L.ci;
  const oldStatus = ci.callstatus;
  if (!checkstack(L, 2)) return; // no room on this stack: the reference fails the same way, silently
  const func = L.top;
  L.stack[func] = tm;
  L.stack[func + 1] = o;
  L.top = func + 2;
  heap.stopped |= GcStop.INTERNAL;
  L.allowhook = false;
  ci.callstatus |= CIST.FIN;
  const status = pcall(L, func, 0, 0);
  ci.callstatus = oldStatus;
  L.allowhook = oldAllowhook;
  heap.stopped = oldStopped;
  if (status !== LUA_OK) {
    const err = L.stack[func];
    warning(L.g, `error in __gc (${typeof err === 'string' ? err : 'error object is not a string'})`);
  }
  L.top = func;
}

/**
 * `collectgarbage("step", kb)` (lua_gc(LUA_GCSTEP)): with 0, a basic step;
 * otherwise `kb` kilobytes more of allocation are assumed, and a step is
 * taken if that makes one due. A step even runs when the collector is
 * stopped (without restarting it). This collector's steps are whole
 * cycles: in incremental mode a step that ran ends a cycle (true); in
 * generational mode the reference's steps are minor collections that never
 * end one (false).
 */
export function gcStep(L: LuaState, kb: number): boolean {
  const heap = L.g.heap;
  const due = kb <= 0 || heap.total + kb * 1024 > heap.gcThreshold;
  if (!due) return false;
  fullCollect(L);
  return heap.mode === 'incremental';
}

/**
 * A checkpoint (luaC_checkGC) with a collection pending: collect, then run
 * the finalizers, with the top at `top` (the first dead slot of the running
 * frame) so that nothing above it is marked; the top is restored after.
 */
export function gcCheckpoint(L: LuaState, top: number): void {
  const saved = L.top;
  L.top = top;
  collect(L);
  runFinalizers(L);
  L.top = saved;
}

/** A full collection and the finalizers it leaves pending (lua_gc(LUA_GCCOLLECT), luaC_fullgc). */
export function fullCollect(L: LuaState): void {
  collect(L);
  runFinalizers(L);
}

/** Set the metatable of a table or userdata (lua_setmetatable's part for them), marking it for finalization as below. */
export function setMetatable(heap: Heap, o: LuaTable | LuaUserdata, mt: LuaTable | undefined): void {
  o.metatable = mt;
  checkFinalizer(heap, o, mt);
}

/**
 * luaC_checkfinalizer: `setmetatable(o, mt)` marks `o` for finalization
 * when `mt` has a `__gc` field at that moment (a `__gc` added later does not
 * count), unless it is already marked or the state is closing.
 */
export function checkFinalizer(heap: Heap, o: LuaTable | LuaUserdata, mt: LuaTable | undefined): void {
  if (mt === undefined || (o.gcflags & GcFlag.FINALIZABLE) || (heap.stopped & GcStop.CLOSING)) return;
  if (mt.getStr('__gc') === undefined) return;
  o.gcflags |= GcFlag.FINALIZABLE;
  heap.finobj.push(o);
  heap.noteCollectionMatters();
}

/**
 * Close the heap of a state (luaC_freeallobjects' first half): every object
 * still marked for finalization is finalized now, newest first, and no
 * object created from here on is marked. `lua_close` and the end of the
 * CLI call this.
 */
export function finalizeAll(L: LuaState): void {
  const heap = L.g.heap;
  heap.stopped |= GcStop.CLOSING;
  heap.stopped &= ~GcStop.INTERNAL;
  separateToBeFinalized(undefined, heap, true);
  runFinalizers(L);
}
