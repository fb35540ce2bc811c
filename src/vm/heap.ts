/**
 * The Lua heap's accounting (the reference's lmem.c and the pacing half of
 * lgc.c): every allocation a script causes is charged here, in bytes,
 * before it happens, and one function decides what a charge past the
 * threshold means.
 *
 * JavaScript's collector frees the memory; this module and the mark in
 * gc.ts give a state what Lua's collector gives it: a byte count of what it
 * holds (`collectgarbage("count")`, and the number a memory limit is
 * enforced against), and collections paced by allocation, which drive weak
 * tables and finalizers.
 *
 * `total` is the estimate of bytes in use: the live bytes the last mark
 * found plus everything charged since. When a charge takes it past
 * `threshold`, a collection is requested: it runs at the next checkpoint
 * of the collector (gc.ts), where every live value is in a register, a
 * stack slot or a table, never only in a JS local.
 *
 * The costs below estimate what an object costs V8 on a 64-bit Node.js
 * (no pointer compression): an object is a 24-byte header (map, properties,
 * elements) plus 8 bytes per field; a JS array is a 32-byte object plus a
 * backing store of 16 bytes and 8 per slot; a string is a 16-byte header
 * plus one byte per character (rounded up to 8). test/vm/heap.test.ts checks
 * them against V8's own measurements, and BENCHMARKS.md records how the
 * process's resident memory follows the count.
 */

import type { Proto } from '../bytecode/proto.js';
import type { LuaValue } from '../value/value.js';
import type { GlobalState } from './state.js';

// ---------------------------------------------------------------------------
// What objects cost

/** A JS object's header: map, properties and elements pointers. */
export const OBJECT_HEADER = 24;
/** One field of a JS object, one slot of an array: a tagged pointer. */
export const SLOT = 8;
/** A JS array: the array object and its backing store's header. */
export const ARRAY = 32 + 16;
/** A string of `n` bytes: a sequential one-byte string, 16-byte header, characters rounded up to 8. */
export const stringCost = (n: number): number => 16 + ((n + 7) & ~7);
/** A table with no entries: the LuaTable object (11 fields; empty parts share one array). */
export const TABLE = OBJECT_HEADER + 11 * SLOT;
/** One slot of a table's hash part: key and value (in two arrays, each an ARRAY once it exists). */
export const HASH_SLOT = 2 * SLOT;
/** One entry of a large hash part's index (a Map: bucket, key, value and chain, at its usual load). */
export const INDEX_ENTRY = 8 * SLOT;
/** A Lua closure without its upvalues: the object and its upvalue array. */
export const CLOSURE = OBJECT_HEADER + 4 * SLOT + ARRAY;
/** An upvalue: the UpVal object and, once closed, its one-slot cell. */
export const UPVAL = OBJECT_HEADER + 6 * SLOT + ARRAY + SLOT;
/** A host function with upvalues (a C closure): the object and its upvalue array. */
export const HOST_CLOSURE = OBJECT_HEADER + 5 * SLOT + ARRAY;
/** A full userdata without its user values and payload. */
export const USERDATA = OBJECT_HEADER + 4 * SLOT + ARRAY;
/** One call frame (CallInfo, 21 fields). */
export const CALLINFO = OBJECT_HEADER + 21 * SLOT;
/** A thread without its stack: the LuaState object (about 30 fields), its two arrays and its base frame. */
export const THREAD = OBJECT_HEADER + 30 * SLOT + 2 * ARRAY + CALLINFO;
/** A boxed float (LuaFloat) or a bigint stored in a slot. */
export const BOXED_NUMBER = OBJECT_HEADER + SLOT;
/** A number that is not a small integer, stored in a generic slot: a V8 heap number. */
export const HEAP_NUMBER = 16;
/** A typed array of `n` bytes (instructions, line info): the object, its buffer and the bytes. */
export const typedArrayCost = (n: number): number => 2 * OBJECT_HEADER + 8 * SLOT + ((n + 7) & ~7);

/**
 * What a prototype alone costs (its strings and nested prototypes are
 * counted where they are reached): the Proto object, its instructions and
 * line info, its constant, nested-prototype, upvalue and local-variable
 * arrays. Computed once and kept in the prototype, which never changes.
 */
export function protoCost(p: Proto): number {
  if (p.gcsize === 0) {
    p.gcsize = OBJECT_HEADER + 15 * SLOT
      + typedArrayCost(p.code.length * 4) + typedArrayCost(p.lineinfo.length * 4)
      + typedArrayCost(p.code.length * 4) // the interpreter's slot hints, made on first run
      + ARRAY + p.k.length * SLOT + ARRAY + p.p.length * SLOT
      + ARRAY + p.upvalues.length * (OBJECT_HEADER + 4 * SLOT)
      + ARRAY + p.locvars.length * (OBJECT_HEADER + 3 * SLOT);
  }
  return p.gcsize;
}

/** What a freshly loaded chunk costs: every prototype in it and their string constants and names. */
export function chunkCost(p: Proto): number {
  let n = protoCost(p) + (p.source === undefined ? 0 : stringCost(p.source.length));
  for (const k of p.k) if (typeof k === 'string') n += stringCost(k.length);
  for (const v of p.locvars) n += stringCost(v.varname.length);
  for (const q of p.p) n += chunkCost(q);
  return n;
}

/** What a value stored in a slot adds besides the slot itself (numbers V8 boxes). */
export function slotExtra(v: LuaValue): number {
  if (typeof v === 'number') return (v | 0) === v ? 0 : HEAP_NUMBER;
  if (typeof v === 'bigint') return BOXED_NUMBER;
  return 0;
}

// ---------------------------------------------------------------------------
// The heap of one universe

/** The reference's LUAI_GCPAUSE, LUAI_GCMUL, LUAI_GCSTEPSIZE, LUAI_GENMINORMUL, LUAI_GENMAJORMUL. */
export const GC_DEFAULTS = { pause: 200, stepmul: 100, stepsize: 13, genminormul: 20, genmajormul: 100 } as const;

/**
 * The smallest threshold: a state is not collected before it holds this
 * much, so that tiny scripts never pay for a mark (the reference starts
 * after its first few kilobytes in the same way).
 */
const MIN_THRESHOLD = 256 * 1024;

/** Why the collector may not run now (the reference's gcstp bits). */
export const enum GcStop {
  /** Stopped by the script (`collectgarbage("stop")`). */
  USER = 1,
  /** A finalizer or a collection is running: no collection starts inside it. */
  INTERNAL = 2,
  /** The state is closing: no new object is marked for finalization. */
  CLOSING = 4,
}

export class Heap {
  /** Bytes believed in use: the live bytes found by the last mark plus everything charged since. */
  total = 0;
  /** Live bytes found by the last mark. */
  estimate = 0;
  /**
   * A charge that takes `total` past this calls thresholdPassed: the lower
   * of the collection threshold (while a collection can be requested) and
   * the memory limit.
   */
  threshold = MIN_THRESHOLD;
  /** When the next collection is due (setPause), whether or not one can be requested now. */
  gcThreshold = MIN_THRESHOLD;
  /** The memory limit in bytes (Infinity: none), enforced before every allocation past it. */
  limit = Infinity;
  /** The highest `total` seen since the run started (for usage reports). */
  peak = 0;
  /** `total` just after the last measure or collection: what was charged since is `total - measured`. */
  measured = 0;
  /**
   * What is live right now, without changing anything (gc.ts's measure): the
   * check of the memory limit, which may run in the middle of an operation.
   */
  measure: () => number = () => this.total;
  /** GcStop bits; the collector runs automatically only when this is 0. */
  stopped = 0;
  /** A collection was requested and waits for the next checkpoint. */
  pending = false;
  /**
   * The threshold passed while no collection could change what a script
   * sees: no table has ever had a `__mode` field and no object is marked for
   * finalization. The collection waits until one of those appears, or until
   * the count is read (see `collectionMatters`).
   */
  overdue = false;
  /** Some table has had a `__mode` field: weak tables may exist. */
  weakSeen = false;
  mode: 'incremental' | 'generational' = 'incremental';
  /**
   * Pacing parameters as the reference stores them: `pause`, `stepmul` and
   * `genmajormul` are kept divided by 4 in a byte (lgc.h's setgcparam), which
   * is why `collectgarbage("setpause", 150)` later reads back as 148.
   */
  pause: number = GC_DEFAULTS.pause / 4;
  stepmul: number = GC_DEFAULTS.stepmul / 4;
  stepsize: number = GC_DEFAULTS.stepsize;
  genminormul: number = GC_DEFAULTS.genminormul;
  genmajormul: number = GC_DEFAULTS.genmajormul / 4;
  /** Objects whose metatable had `__gc` when it was set, in the order they were marked for finalization. */
  finobj: FinalizableObject[] = [];
  /** Unreachable objects waiting for their finalizer, in the order the finalizers run. */
  tobefnz: FinalizableObject[] = [];
  /** Host-held Lua values: strong pins, counted (an async run's coroutine, say). */
  readonly pins = new Map<object, number>();
  /** Host handles (proxies, callables) whose Lua value lives while the handle does. */
  readonly handles = new Set<WeakRef<object>>();
  /** The Lua value behind a host handle (set by the embedding API). */
  valueOfHandle: (handle: object) => LuaValue = () => undefined;
  /** Threads being resumed right now, outermost first: roots while they run. */
  readonly running: object[] = [];
  /** The error for an allocation that would take the heap to `wanted` bytes, past the limit (budget.ts). */
  overLimit: (wanted: number) => Error = () => new RangeError('not enough memory');
  /** Collections completed, for tests and figures. */
  cycles = 0;
  /** Milliseconds spent marking, and the longest single mark, for figures. */
  markTime = 0;
  longestMark = 0;

  constructor(readonly g: GlobalState) {}

  /** Pin `v` as a root until a matching `unpin` (host code holding a Lua value across waits). */
  pin(v: object): void {
    this.pins.set(v, (this.pins.get(v) ?? 0) + 1);
  }

  unpin(v: object): void {
    const n = this.pins.get(v) ?? 0;
    if (n <= 1) this.pins.delete(v);
    else this.pins.set(v, n - 1);
  }

  /** Keep the Lua value behind `handle` (see valueOfHandle) alive while the host holds the handle. */
  holdWhileReachable(handle: object): void {
    this.handles.add(new WeakRef(handle));
  }

  /**
   * Set the threshold from the live estimate, as the reference's setpause.
   * Every collection here is a full one, so generational mode is paced by
   * `pause` too: its minor multiplier (20%) would mean a full mark each time
   * the heap grew by a fifth.
   */
  setPause(): void {
    this.gcThreshold = Math.max(MIN_THRESHOLD, (this.estimate / 100) * Math.max(this.pause * 4, 100));
    this.setThreshold();
  }

  /** The next check: the collection threshold while a collection can be requested, and the limit. */
  setThreshold(): void {
    const canRequest = this.stopped === 0 && !this.pending && !this.overdue;
    this.threshold = Math.min(canRequest ? this.gcThreshold : Infinity, this.limit);
  }

  /** Set the memory limit (bytes, Infinity for none); the next charge past it checks it. */
  setLimit(bytes: number): void {
    this.limit = bytes;
    this.setThreshold();
  }

  /**
   * Would a collection now change anything but the count? Only if weak
   * tables may exist or objects wait for finalization. (A memory limit
   * does not need collections: past it, the heap is measured, see
   * thresholdPassed.) When none holds, a due
   * collection is deferred (`overdue`): marking the heap would only measure
   * it, and the measure is taken when somebody reads it. Lua leaves the
   * timing of collections unspecified, so nothing a script can observe
   * differs from collecting on time.
   */
  collectionMatters(): boolean {
    return this.weakSeen || this.finobj.length > 0 || this.tobefnz.length > 0;
  }

  /** A reason to collect appeared (a weak mode, a finalizer): a deferred collection is due now. */
  noteCollectionMatters(): void {
    if (this.overdue && this.stopped === 0) {
      this.overdue = false;
      this.pending = true;
    }
  }

  /** A table got a `__mode` field (table.ts): from now on collections run when due. */
  noteWeak(): void {
    this.weakSeen = true;
    this.noteCollectionMatters();
  }

  /** `collectgarbage("stop")` / `("restart")`. */
  setUserStop(stop: boolean): void {
    if (stop) this.stopped |= GcStop.USER;
    else this.stopped &= ~GcStop.USER;
    this.setThreshold();
    if (this.stopped === 0 && this.total > this.threshold) thresholdPassed(this, 0);
  }
}

/** A table or full userdata: what a finalizer can be attached to. */
export interface FinalizableObject {
  metatable: LuaValue;
  gcflags: number;
}

/** Bits of `gcflags` on tables and userdata. */
export const enum GcFlag {
  /** In `finobj` or `tobefnz`: its finalizer has not run yet (the reference's FINALIZEDBIT, inverted). */
  FINALIZABLE = 1,
}

/**
 * Charge `bytes` to the heap before allocating them. The common case is an
 * addition and a comparison; thresholdPassed decides the rest.
 */
export function charge(h: Heap, bytes: number): void {
  if ((h.total += bytes) > h.threshold) thresholdPassed(h, bytes);
}

/**
 * How much may be charged past the memory limit before the heap is measured
 * again. Measuring costs a mark of the whole heap, so a script hovering at
 * its limit and allocating in small pieces would pay one per piece; instead
 * it is measured again once it has allocated this much since the last
 * measure. So the heap can exceed the limit by at most this (a sixteenth of
 * the limit, at least 64 KB), and an allocation larger than that is always
 * checked before it happens.
 */
function measureWindow(limit: number): number {
  return Math.max(64 * 1024, limit / 16);
}

/**
 * The one place that decides what a charge past the threshold means
 * (`bytes` were just added to the total, not yet allocated):
 * - past the memory limit, the heap is measured (what is live right now);
 *   if the allocation still does not fit, it is refused with the memory
 *   limit's error before anything is allocated;
 * - past the collection threshold, a collection is requested for the next
 *   checkpoint of the collector (gc.ts's gcCheckpoint), never run in the
 *   middle of an operation, where values may be held only by JS locals;
 *   when no collection could change what the script sees, it is deferred
 *   (see `collectionMatters`).
 */
export function thresholdPassed(h: Heap, bytes: number): void {
  if (h.total > h.peak) h.peak = h.total;
  if (h.total > h.limit && h.total - h.measured >= measureWindow(h.limit)) {
    const live = h.measure();
    h.total = live;
    if (live + bytes > h.limit) throw h.overLimit(live + bytes);
    h.total = live + bytes;
    h.measured = live;
  }
  if (h.total > h.gcThreshold && h.stopped === 0 && !h.pending && !h.overdue) {
    if (h.collectionMatters()) h.pending = true;
    else h.overdue = true;
  }
  h.setThreshold();
}
