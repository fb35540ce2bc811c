/**
 * Lua tables: an array part for keys 1..n and a hash part.
 *
 * The hash part is a JS Map from normalised key to a slot number, plus two
 * parallel arrays of keys and values. A slot never moves while the table is
 * traversed, which gives Lua's traversal rules for free:
 *  - `next` is O(1): the slot of the current key gives the next slot;
 *  - assigning nil to an existing field during traversal just empties its
 *    slot (the key stays, a "dead key" as Lua calls it), so traversal goes on;
 *  - empty slots are reclaimed only when a new key is inserted, which Lua
 *    forbids during traversal anyway.
 *
 * Key normalisation (see value.ts for the value representation): a float
 * with an integer value is stored as that integer (`t[1.0]` is `t[1]`);
 * -0.0 is 0; a boxed float too large for int64 is stored as its raw JS
 * number, which can never collide with an integer because integers outside
 * the safe range are bigints.
 */

import { LuaFloat, valueArray, type LuaTableLike, type LuaValue } from '../value/value.js';
import { SafeInt } from '../value/number.js';
import { MAX_ARRAY_PART, MAX_HASH_PART } from '../value/limits.js';
import { tableTooLarge } from './exceptions.js';
import { ARRAY, charge, HASH_SLOT, INDEX_ENTRY, OBJECT_HEADER, SLOT, TABLE, type Heap } from './heap.js';

/** Thrown for keys Lua rejects; the caller turns it into a Lua error with position. */
export class TableKeyError extends Error {}

/** Hash parts up to this many slots are searched linearly. */
const SMALL = 8;

/**
 * The array and hash parts of a table that has none yet: one shared empty
 * array, never written (the first insertion replaces it), so that an empty
 * table costs only its object.
 */
const NO_SLOTS: LuaValue[] = valueArray();

/** Arrays up to this length grow to exactly their new length (see `appended`). */
const EXACT_GROWTH = 8;

/**
 * `a` with `v` appended. An append to a full JS array reserves 16 slots
 * more than half its length again: 150 bytes for a two-field object. Small
 * arrays are copied to exactly their new length instead (a handful of
 * copies over the first appends); larger ones grow as JS arrays do.
 */
function appended(a: LuaValue[], v: LuaValue): LuaValue[] {
  const n = a.length;
  if (n >= EXACT_GROWTH) {
    a.push(v);
    return a;
  }
  const b = new Array<LuaValue>(n + 1);
  for (let i = 0; i < n; i++) b[i] = a[i];
  b[n] = v;
  return b;
}
const TWO63 = 2 ** 63;

/** Normalise a key for storage; undefined for nil and NaN keys. */
export function normKey(key: LuaValue): LuaValue {
  if (key instanceof LuaFloat) {
    const n = key.n;
    if (n >= -TWO63 && n < TWO63) {
      if (n >= SafeInt.MIN && n <= SafeInt.MAX) return n + 0; // + 0 turns -0 into 0
      return BigInt(n);
    }
    return n; // float too large for int64: raw number, never an integer value
  }
  if (key !== key) return undefined; // NaN
  return key;
}

/** Turn a stored key back into a Lua value (the inverse of normKey for raw big floats). */
function denormKey(key: LuaValue): LuaValue {
  if (typeof key === 'number' && Number.isInteger(key) && (key > SafeInt.MAX || key < SafeInt.MIN)) {
    return new LuaFloat(key);
  }
  return key;
}

export class LuaTable implements LuaTableLike {
  /** Marker of LuaTableLike (on the prototype: no per-object cost). */
  get isTable(): true {
    return true;
  }

  /** arr[i] holds key i + 1; it never ends with a nil (trailing nils are trimmed). */
  arr: LuaValue[];
  /**
   * Normalised key -> slot in hkeys/hvals, built only once the hash part
   * has more than SMALL keys: small tables (objects with a few fields) are
   * searched linearly, which is faster than a Map and much cheaper to create.
   */
  private index: Map<LuaValue, number> | undefined = undefined;
  /**
   * Hash part slots. Exposed (read-only by convention) for the
   * interpreter's per-instruction slot hints: `hkeys[hint] === key` proves
   * the hint right, so a stale hint only costs a normal lookup.
   */
  hkeys: LuaValue[] = NO_SLOTS;
  hvals: LuaValue[] = NO_SLOTS;
  /** Largest size the array part ever had: keys up to it stay valid for `next` after trimming. */
  private arrMax = 0;
  /** Number of slots whose value is nil (reclaimable). */
  private dead = 0;
  metatable: LuaTable | undefined = undefined;
  /**
   * Cache of absent metamethods for tables used as metatables: bit e set
   * means the event e (see metamethods.ts) is known to be absent. Cleared on every
   * store into the hash part.
   */
  tmflags = 0;
  /** Epoch of the last mark that reached this table (gc.ts). */
  gcmark = 0;
  /** GcFlag bits (heap.ts): marked for finalization. */
  gcflags = 0;

  /** A new empty table, charged to `heap` (which later growth is charged to as well). */
  constructor(readonly heap: Heap) {
    charge(heap, TABLE);
    this.arr = NO_SLOTS;
  }

  /** Slot of a normalised key in the hash part, or -1. */
  slotOf(key: LuaValue): number {
    const index = this.index;
    if (index !== undefined) {
      const slot = index.get(key);
      return slot === undefined ? -1 : slot;
    }
    const keys = this.hkeys;
    for (let i = 0, n = keys.length; i < n; i++) if (keys[i] === key) return i;
    return -1;
  }

  /** Raw get with any key (already a Lua value, not normalised). */
  get(key: LuaValue): LuaValue {
    if (typeof key === 'number') {
      const arr = this.arr;
      if (key > 0 && key <= arr.length && Number.isInteger(key)) return arr[key - 1];
      const slot = this.slotOf(key);
      return slot < 0 ? undefined : this.hvals[slot];
    }
    if (typeof key === 'string') return this.getStr(key);
    const nk = normKey(key);
    if (nk === undefined) return undefined;
    if (typeof nk === 'number' && nk > 0 && nk <= this.arr.length && Number.isInteger(nk)) return this.arr[nk - 1];
    const slot = this.slotOf(nk);
    return slot < 0 ? undefined : this.hvals[slot];
  }

  /** Raw get with a string key (the common field access). */
  getStr(key: string): LuaValue {
    const index = this.index;
    if (index === undefined) {
      const keys = this.hkeys;
      for (let i = 0, n = keys.length; i < n; i++) if (keys[i] === key) return this.hvals[i];
      return undefined;
    }
    const slot = index.get(key);
    return slot === undefined ? undefined : this.hvals[slot];
  }

  /** Raw get with an integer key given as a JS number. */
  getInt(key: number): LuaValue {
    const arr = this.arr;
    if (key > 0 && key <= arr.length) return arr[key - 1];
    if (this.hkeys.length === 0) return undefined;
    const slot = this.slotOf(key);
    return slot < 0 ? undefined : this.hvals[slot];
  }

  /**
   * Raw set. Throws TableKeyError for nil and NaN keys (Lua's "index is nil" /
   * "index is NaN"); the caller adds position information.
   */
  set(key: LuaValue, value: LuaValue): void {
    if (typeof key === 'number' && Number.isInteger(key)) {
      this.setInt(key, value);
      return;
    }
    if (typeof key === 'string') {
      this.setStr(key, value);
      return;
    }
    if (key === undefined) throw new TableKeyError('index is nil');
    const nk = normKey(key);
    if (nk === undefined) throw new TableKeyError('index is NaN');
    if (typeof nk === 'number' && Number.isInteger(nk) && nk <= SafeInt.MAX && nk >= SafeInt.MIN) {
      this.setInt(nk, value);
      return;
    }
    this.hashSet(nk, value);
  }

  setStr(key: string, value: LuaValue): void {
    this.hashSet(key, value);
  }

  /**
   * Store into an existing live slot (the interpreter checked hkeys[slot]).
   * A nil store goes through the general path, which keeps the counts.
   */
  setSlot(slot: number, key: string, value: LuaValue): void {
    if (value === undefined || this.hvals[slot] === undefined) this.hashSet(key, value);
    else this.hvals[slot] = value;
  }

  /** Raw set with an integer key in the safe range. */
  setInt(key: number, value: LuaValue): void {
    const arr = this.arr;
    const n = arr.length;
    if (key > 0 && key <= n) {
      arr[key - 1] = value;
      if (value === undefined && key === n) this.trimArray();
      return;
    }
    // The hash part never holds a live key n + 1: migrate() moves it into
    // the array as soon as the array reaches n (a dead slot may remain),
    // unless the array part is as long as it may be.
    if (key === n + 1 && n < MAX_ARRAY_PART) {
      if (value === undefined) return;
      charge(this.heap, n === 0 ? ARRAY + SLOT : SLOT);
      this.arr = appended(arr, value);
      if (this.hkeys.length > this.dead) this.migrate();
      return;
    }
    this.hashSet(key, value);
  }

  private trimArray(): void {
    const arr = this.arr;
    let n = arr.length;
    if (n > this.arrMax) this.arrMax = n;
    while (n > 0 && arr[n - 1] === undefined) n--;
    if (n !== arr.length) arr.length = n;
  }

  /** After the array part grew, move keys n+1, n+2, ... from the hash part into it. */
  private migrate(): void {
    while (this.arr.length < MAX_ARRAY_PART) {
      const k = this.arr.length + 1;
      const slot = this.slotOf(k);
      if (slot < 0) return;
      const v = this.hvals[slot];
      if (v === undefined) return;
      charge(this.heap, this.arr.length === 0 ? ARRAY + SLOT : SLOT); // before anything moves: it may throw
      // Leave a dead key: a traversal in progress may still be positioned on it.
      this.hvals[slot] = undefined;
      this.dead++;
      this.arr = appended(this.arr, v);
    }
  }

  private hashSet(key: LuaValue, value: LuaValue): void {
    this.tmflags = 0;
    if (key === '__mode' && value !== undefined && !this.heap.weakSeen) this.heap.noteWeak();
    const slot = this.slotOf(key);
    if (slot >= 0) {
      const old = this.hvals[slot];
      this.hvals[slot] = value;
      if (old === undefined) {
        if (value !== undefined) this.dead--;
      } else if (value === undefined) {
        this.dead++;
      }
      return;
    }
    if (value === undefined) return;
    if (this.dead > 8 && this.dead * 2 > this.hkeys.length) this.compact();
    if (this.hkeys.length >= MAX_HASH_PART) {
      if (this.dead > 0) this.compact();
      if (this.hkeys.length >= MAX_HASH_PART) throw tableTooLarge();
    }
    const n = this.hkeys.length;
    charge(this.heap, (n === 0 ? 2 * ARRAY : 0) + (this.index === undefined ? HASH_SLOT : HASH_SLOT + INDEX_ENTRY));
    this.hkeys = appended(this.hkeys, key);
    this.hvals = appended(this.hvals, value);
    if (this.index !== undefined) this.index.set(key, n);
    else if (n + 1 > SMALL) this.buildIndex();
  }

  private buildIndex(): void {
    charge(this.heap, OBJECT_HEADER + this.hkeys.length * INDEX_ENTRY);
    const index = new Map<LuaValue, number>();
    const keys = this.hkeys;
    for (let i = 0; i < keys.length; i++) index.set(keys[i], i);
    this.index = index;
  }

  /** Drop empty slots. Only called when inserting a new key (never during a valid traversal). */
  private compact(): void {
    const keys: LuaValue[] = [];
    const vals: LuaValue[] = [];
    for (let i = 0; i < this.hkeys.length; i++) {
      const v = this.hvals[i];
      if (v === undefined) continue;
      keys.push(this.hkeys[i]);
      vals.push(v);
    }
    this.hkeys = keys;
    this.hvals = vals;
    this.dead = 0;
    this.index = undefined;
    if (keys.length > SMALL) this.buildIndex();
  }

  /**
   * OP_SETLIST: t[first + j] = values[from + j - 1] for j = 1..n. Appending
   * to the array part writes it directly, so a constructor like {1, nil, 3}
   * keeps its holes in the array part (and `#` sees 3), as in the reference.
   */
  setList(first: number, values: LuaValue[], from: number, n: number): void {
    const arr = this.arr;
    if (first === arr.length && first + n <= MAX_ARRAY_PART) {
      charge(this.heap, (first === 0 ? ARRAY : 0) + n * SLOT);
      // a constructor's first items: an array of exactly their number
      if (first === 0) this.arr = values.slice(from, from + n);
      else for (let j = 0; j < n; j++) arr.push(values[from + j]);
      if (this.hkeys.length > this.dead) {
        // A constructor's `[k] = v` items run before its list is stored, and
        // may have put some of these keys in the hash part: the list wins,
        // and a key must never live in both parts (next would loop).
        for (let j = 1; j <= n; j++) {
          const slot = this.slotOf(first + j);
          if (slot >= 0 && this.hvals[slot] !== undefined) {
            this.hvals[slot] = undefined; // a dead key, as migrate leaves
            this.dead++;
          }
        }
      }
      this.trimArray();
      if (this.hkeys.length > this.dead) this.migrate();
      return;
    }
    for (let j = 1; j <= n; j++) this.set(first + j, values[from + j - 1]);
  }

  /** The length operator without metamethods: a border of the table. */
  length(): number {
    const n = this.arr.length;
    if (this.hkeys.length === this.dead) return n;
    if (this.getInt(n + 1) === undefined) return n;
    // Unbounded search in the hash part, as Lua's hash_search: find i with
    // t[i] non-nil and t[j] nil, then binary search between them.
    let i = n + 1;
    let j = i * 2;
    while (this.getInt(j) !== undefined) {
      i = j;
      if (j > SafeInt.MAX / 2) {
        // Pathological table: fall back to a linear scan as Lua does.
        let k = 1;
        while (this.getInt(k) !== undefined) k++;
        return k - 1;
      }
      j *= 2;
    }
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.getInt(m) === undefined) j = m;
      else i = m;
    }
    return i;
  }

  /**
   * Traversal: the entry after `key` (nil to start), written into `out` as
   * [key, value]; returns false at the end. Throws TableKeyError for a key
   * that is not in the table.
   */
  next(key: LuaValue, out: LuaValue[]): boolean {
    const arr = this.arr;
    let i = 0; // next array position to look at (0-based)
    let slot = 0; // next hash slot to look at
    if (key !== undefined) {
      const nk = normKey(key);
      if (typeof nk === 'number' && Number.isInteger(nk) && nk > 0 && nk <= arr.length) {
        i = nk;
      } else {
        const s = nk === undefined ? -1 : this.slotOf(nk);
        if (s >= 0) {
          i = arr.length;
          slot = s + 1;
        } else if (typeof nk === 'number' && Number.isInteger(nk) && nk > arr.length && nk <= this.arrMax) {
          // An array key whose tail was trimmed (set to nil) during traversal.
          i = arr.length;
        } else {
          throw new TableKeyError("invalid key to 'next'");
        }
      }
    }
    for (; i < arr.length; i++) {
      const v = arr[i];
      if (v !== undefined) {
        out[0] = i + 1;
        out[1] = v;
        return true;
      }
    }
    const keys = this.hkeys;
    const vals = this.hvals;
    for (; slot < keys.length; slot++) {
      const v = vals[slot];
      if (v !== undefined) {
        out[0] = denormKey(keys[slot]);
        out[1] = v;
        return true;
      }
    }
    return false;
  }

  /** Number of non-nil entries in the hash part (for sizing and accounting). */
  hashCount(): number {
    return this.hkeys.length - this.dead;
  }

  // -------------------------------------------------------------------------
  // For the collector (gc.ts)

  /** What this table costs, by heap.ts's model (entries' own sizes not included). */
  gcSize(): number {
    const index = this.index;
    const na = this.arr.length;
    const nh = this.hkeys.length;
    return TABLE + (na === 0 ? 0 : ARRAY + na * SLOT) + (nh === 0 ? 0 : 2 * ARRAY + nh * HASH_SLOT)
      + (index === undefined ? 0 : OBJECT_HEADER + index.size * INDEX_ENTRY);
  }

  /** Weak values: empty every slot whose value `dies` (the slot's key stays, as a dead key). */
  clearValues(dies: (v: LuaValue) => boolean): void {
    const arr = this.arr;
    let cleared = false;
    for (let i = 0; i < arr.length; i++) {
      if (arr[i] !== undefined && dies(arr[i])) {
        arr[i] = undefined;
        cleared = true;
      }
    }
    if (cleared) this.trimArray();
    const vals = this.hvals;
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (v !== undefined && dies(v)) {
        vals[i] = undefined;
        this.dead++;
      }
    }
    this.tmflags = 0;
  }

  /**
   * Weak keys: remove every entry whose key `dies`. The key itself is
   * replaced by a tombstone, so that the table no longer holds the dead
   * object for V8; no traversal can be positioned on it, since the script
   * had no reference left to pass to `next`. The keys of slots already
   * empty are tombstoned when `unreachable` (which, unlike `dies`, does not
   * count a key as live).
   */
  clearKeys(dies: (k: LuaValue) => boolean, unreachable: (k: LuaValue) => boolean): void {
    const keys = this.hkeys;
    const vals = this.hvals;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === DEAD_KEY) continue;
      if (vals[i] === undefined ? !unreachable(k) : !dies(k)) continue;
      if (vals[i] !== undefined) {
        vals[i] = undefined;
        this.dead++;
      }
      keys[i] = DEAD_KEY;
      this.index?.delete(k);
    }
  }
}

/** Stands in a hash slot for a key the collector removed: equal to no Lua value. */
const DEAD_KEY: LuaValue = Object.freeze({ isTable: true as const });
