/**
 * The table library (the reference's ltablib.c, 5.4.4).
 *
 * Element access honours `__index`/`__newindex` and lengths honour `__len`
 * (lua_geti/lua_seti/luaL_len), and a non-table argument is accepted when
 * its metatable has the metamethods the function needs (`checktab`). Plain
 * tables without a metatable take fast paths on their array part; those
 * paths are exact equivalents of the generic ones (no Lua code can run on
 * them, so nothing can observe the difference).
 *
 * Functions that may run Lua code (metamethods, the sort comparator) do so
 * with yields forbidden, as the reference ("attempt to yield across a
 * C-call boundary"): they cannot be resumed half-way.
 */

import { chargeWork } from '../vm/budget.js';
import { MAXINTEGER, normInt, tointeger, tostringNumber, type LuaInteger } from '../value/number.js';
import { LuaFloat, isFalse, type LuaValue } from '../value/value.js';
import { callValue, checkstack, throwValue } from '../vm/call.js';
import { HostFunction, LuaClosure, type HostFn } from '../vm/function.js';
import { equalobj, index, len, lessthan, setindex } from '../vm/operations.js';
import { getmetatable, typeName } from '../vm/metamethods.js';
import { LUA_ERRMEM, type LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { argError, checkInteger, luaError, optInteger, optString, ret, typeError, arg, chargeBytes } from './args.js';
import { newLib, type LibTable } from './register.js';
import { MAX_STRING } from '../value/limits.js';

/** What a function does with its table argument (checktab's TAB_R/W/L). */
const TAB_R = 1, TAB_W = 2, TAB_L = 4;
const TAB_RW = TAB_R | TAB_W;
const TAB_FIELDS: ReadonlyArray<readonly [number, string]> = [[TAB_R, '__index'], [TAB_W, '__newindex'], [TAB_L, '__len']];

const INT_MAX = 0x7fffffff;

/** Run `f` with yields forbidden (lua_callnoyield semantics for everything it calls). */
function noYield<T>(L: LuaState, f: () => T): T {
  L.nny++;
  try {
    return f();
  } finally {
    L.nny--;
  }
}

/** checktab: a table, or a value whose metatable has the needed metamethods. */
function checktab(L: LuaState, base: number, nargs: number, n: number, what: number): LuaValue {
  const v = arg(L, base, nargs, n);
  if (v instanceof LuaTable) return v;
  const mt = n <= nargs ? getmetatable(L, v) : undefined;
  if (mt !== undefined && TAB_FIELDS.every(([bit, field]) => !(what & bit) || mt.getStr(field) !== undefined)) return v;
  return typeError(L, base, nargs, n, 'table');
}

/** A plain table: raw access is exactly what lua_geti/lua_seti do on it. */
function isPlain(t: LuaValue): t is LuaTable {
  return t instanceof LuaTable && t.metatable === undefined;
}

/** luaL_len: `#t` with `__len`, which must give an integer. */
function lenOf(L: LuaState, t: LuaValue): LuaInteger {
  if (isPlain(t)) return t.length();
  const n = len(L, t, undefined);
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  const i = tointeger(n);
  if (i === undefined) return luaError(L, 'object length is not an integer');
  return i;
}

/** lua_geti. */
function geti(L: LuaState, t: LuaValue, i: LuaInteger): LuaValue {
  chargeWork(L, 1); // library loops over elements are charged per element (budget.ts)
  if (t instanceof LuaTable) {
    const v = typeof i === 'number' ? t.getInt(i) : t.get(i);
    if (v !== undefined || t.metatable === undefined) return v;
  }
  return index(L, t, i, undefined);
}

/** lua_seti. */
function seti(L: LuaState, t: LuaValue, i: LuaInteger, v: LuaValue): void {
  chargeWork(L, 1);
  if (isPlain(t)) {
    if (typeof i === 'number') t.setInt(i, v);
    else t.set(i, v);
    return;
  }
  setindex(L, t, i, v, undefined);
}

/** int64 `a + b` with wraparound (luaL_intop). */
function iadd(a: LuaInteger, b: number): LuaInteger {
  if (typeof a === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(BigInt(a) + BigInt(b));
}

/** `(lua_Unsigned)a < (lua_Unsigned)b` (or `<=`). */
function ucmp(a: LuaInteger, b: LuaInteger, orEqual: boolean): boolean {
  let x: LuaInteger = a, y: LuaInteger = b;
  if (typeof a !== 'number' || typeof b !== 'number' || (a < 0) !== (b < 0)) {
    x = BigInt.asUintN(64, BigInt(a));
    y = BigInt.asUintN(64, BigInt(b));
  }
  return orEqual ? x <= y : x < y;
}

// ---------------------------------------------------------------------------
// insert / remove

const insert: HostFn = (L, base, nargs) => {
  const t = checktab(L, base, nargs, 1, TAB_RW | TAB_L);
  const n = lenOf(L, t);
  const e = iadd(n, 1); // first empty element
  const v = L.stack[base + nargs - 1];
  if (nargs === 2) {
    seti(L, t, e, v);
    return 0;
  }
  if (nargs !== 3) return luaError(L, "wrong number of arguments to 'insert'");
  const pos = checkInteger(L, base, nargs, 2);
  if (!ucmp(iadd(pos, -1), e, false)) argError(L, 2, 'position out of bounds');
  if (isPlain(t) && typeof pos === 'number' && n === t.arr.length) {
    chargeWork(L, n - pos + 1); // the elements moved
    insertArray(t, pos, n, v);
  } else {
    noYield(L, () => {
      for (let i: LuaInteger = e; i > pos; i = iadd(i, -1)) seti(L, t, i, geti(L, t, iadd(i, -1)));
      seti(L, t, pos, v);
    });
  }
  return 0;
};

/** insert into a plain table whose array part is exactly 1..n, 1 <= pos <= n + 1. */
function insertArray(t: LuaTable, pos: number, n: number, v: LuaValue): void {
  if (pos > n) {
    t.setInt(pos, v);
    return;
  }
  t.setInt(n + 1, t.arr[n - 1]); // grows the array part (and keeps the table's invariants)
  const arr = t.arr; // read after growing: a small array part is replaced when it grows
  for (let i = n - 1; i >= pos; i--) arr[i] = arr[i - 1];
  arr[pos - 1] = v; // a nil here is a hole, never the end: arr[n] is not nil
}

const remove: HostFn = (L, base, nargs) => {
  const t = checktab(L, base, nargs, 1, TAB_RW | TAB_L);
  const size = lenOf(L, t);
  const pos = optInteger(L, base, nargs, 2, size);
  // the reference checks a given 'pos' in [1, size + 1]
  if (pos !== size && !ucmp(iadd(pos, -1), size, true)) argError(L, 2, 'position out of bounds');
  if (isPlain(t) && typeof pos === 'number' && size === t.arr.length && pos >= 1 && pos <= size) {
    chargeWork(L, size - pos + 1); // the elements moved
    return ret(L, removeArray(t, pos, size));
  }
  return ret(L, noYield(L, () => {
    const v = geti(L, t, pos);
    let p: LuaInteger = pos;
    for (; p < size; p = iadd(p, 1)) seti(L, t, p, geti(L, t, iadd(p, 1)));
    seti(L, t, p, undefined);
    return v;
  }));
}

/** remove from a plain table whose array part is exactly 1..size, 1 <= pos <= size. */
function removeArray(t: LuaTable, pos: number, size: number): LuaValue {
  const arr = t.arr;
  const v = arr[pos - 1];
  for (let i = pos - 1; i < size - 1; i++) arr[i] = arr[i + 1];
  t.setInt(size, undefined); // trims trailing nils
  return v;
}

// ---------------------------------------------------------------------------
// move

/** Checks of table.move for f <= e, done in int64 arithmetic. */
function checkMove(L: LuaState, f: LuaInteger, e: LuaInteger, t: LuaInteger): void {
  const small = (x: LuaInteger): boolean => typeof x === 'number' && Math.abs(x) < 2 ** 52;
  if (small(f) && small(e) && small(t)) return; // both checks trivially hold
  const bf = BigInt(f), be = BigInt(e), bt = BigInt(t);
  if (!(bf > 0n || be < MAXINTEGER + bf)) argError(L, 3, 'too many elements to move');
  const n = be - bf + 1n;
  if (!(bt <= MAXINTEGER - n + 1n)) argError(L, 4, 'destination wrap around');
}

const move: HostFn = (L, base, nargs) => {
  const f = checkInteger(L, base, nargs, 2);
  const e = checkInteger(L, base, nargs, 3);
  const t = checkInteger(L, base, nargs, 4);
  const tt = arg(L, base, nargs, 5) !== undefined ? 5 : 1;
  const src = checktab(L, base, nargs, 1, TAB_R);
  const dst = checktab(L, base, nargs, tt, TAB_W);
  if (e >= f) {
    checkMove(L, f, e, t);
    noYield(L, () => {
      // overlapping ranges in the same table are copied backwards
      const forward = t > e || t <= f || (tt !== 1 && !equalobj(L, src, dst));
      copyRange(L, src, dst, f, e, t, forward);
    });
  }
  return ret(L, dst);
};

function copyRange(
  L: LuaState, src: LuaValue, dst: LuaValue, f: LuaInteger, e: LuaInteger, t: LuaInteger, forward: boolean,
): void {
  if (typeof f === 'number' && typeof e === 'number' && typeof t === 'number' && Number.isSafeInteger(t + (e - f))) {
    const n = e - f + 1;
    if (forward) for (let i = 0; i < n; i++) seti(L, dst, t + i, geti(L, src, f + i));
    else for (let i = n - 1; i >= 0; i--) seti(L, dst, t + i, geti(L, src, f + i));
    return;
  }
  const bf = BigInt(f), bt = BigInt(t), n = BigInt(e) - bf + 1n;
  const step = (i: bigint): void => seti(L, dst, normInt(bt + i), geti(L, src, normInt(bf + i)));
  if (forward) for (let i = 0n; i < n; i++) step(i);
  else for (let i = n - 1n; i >= 0n; i--) step(i);
}

// ---------------------------------------------------------------------------
// concat / pack / unpack

function concatField(L: LuaState, t: LuaValue, i: LuaInteger): string {
  const v = geti(L, t, i);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  return luaError(L, `invalid value (${typeName(v)}) at index ${tostringNumber(i)} in table for 'concat'`);
}

const concat: HostFn = (L, base, nargs) => {
  const t = checktab(L, base, nargs, 1, TAB_R | TAB_L);
  let last = lenOf(L, t);
  const sep = optString(L, base, nargs, 2, '');
  const first = optInteger(L, base, nargs, 3, 1);
  last = optInteger(L, base, nargs, 4, last);
  if (first > last) return ret(L, '');
  return ret(L, isPlain(t) ? joinRange(L, t, first, last, sep) : noYield(L, () => joinRange(L, t, first, last, sep)));
};

function joinRange(L: LuaState, t: LuaValue, first: LuaInteger, last: LuaInteger, sep: string): string {
  const parts: string[] = [];
  let size = 0;
  const add = (i: LuaInteger): void => {
    const s = concatField(L, t, i);
    size += s.length + sep.length;
    if (size > MAX_STRING) throwValue(L, 'not enough memory', LUA_ERRMEM);
    parts.push(s);
  };
  if (typeof first === 'number' && typeof last === 'number') {
    for (let i = first; i <= last; i++) add(i);
  } else {
    for (let i = BigInt(first); i <= BigInt(last); i++) add(normInt(i));
  }
  chargeBytes(L, size - sep.length);
  return parts.join(sep);
}

const pack: HostFn = (L, base, nargs) => {
  const t = new LuaTable(L.g.heap);
  t.setList(0, L.stack, base, nargs); // like a constructor: holes stay in the array part
  t.setStr('n', nargs);
  return ret(L, t);
};

const unpack: HostFn = (L, base, nargs) => {
  const t = arg(L, base, nargs, 1);
  const i = optInteger(L, base, nargs, 2, 1);
  const e = arg(L, base, nargs, 3) === undefined ? lenOf(L, t) : checkInteger(L, base, nargs, 3);
  if (i > e) return 0;
  const n = typeof i === 'number' && typeof e === 'number' ? e - i + 1 : Number(BigInt(e) - BigInt(i) + 1n);
  if (n >= INT_MAX || !checkstack(L, n)) return luaError(L, 'too many results to unpack');
  if (isPlain(t) && typeof i === 'number') {
    chargeWork(L, n);
    const stack = L.stack;
    let top = L.top;
    for (let k = 0; k < n; k++) stack[top++] = t.getInt(i + k);
    L.top = top;
    return n;
  }
  noYield(L, () => {
    for (let k = 0; k < n; k++) L.stack[L.top++] = geti(L, t, iadd(i, k));
  });
  return n;
};

// ---------------------------------------------------------------------------
// sort: the reference's quicksort (median of three, randomized pivots for
// unbalanced partitions), with an explicit stack instead of recursion. Using
// the same algorithm keeps the resulting order of equivalent elements, and
// the comparator call sequence, identical to lua5.4.

/** Intervals shorter than this always use the middle element as pivot. */
const RANLIMIT = 100;

/** Element access and comparison for one sort; `less` is the only place that compares. */
class Sorter {
  constructor(readonly L: LuaState, readonly t: LuaValue, readonly cmp: LuaValue) {}

  get(i: number): LuaValue {
    const t = this.t;
    if (t instanceof LuaTable) {
      const v = t.getInt(i);
      if (v !== undefined || t.metatable === undefined) return v;
    }
    return index(this.L, t, i, undefined);
  }

  set(i: number, v: LuaValue): void {
    const t = this.t;
    if (t instanceof LuaTable && t.metatable === undefined) t.setInt(i, v);
    else setindex(this.L, t, i, v, undefined);
  }

  /** sort_comp: a < b with the comparator, or the `<` operator. */
  less(a: LuaValue, b: LuaValue): boolean {
    const cmp = this.cmp;
    chargeWork(this.L, 1); // a sort is charged per comparison
    if (cmp === undefined) {
      if (typeof a === 'number' && typeof b === 'number') return a < b;
      if (typeof a === 'string' && typeof b === 'string') return a < b;
      return lessthan(this.L, a, b);
    }
    const L = this.L;
    const stack = L.stack;
    const func = L.top;
    stack[func] = cmp;
    stack[func + 1] = a;
    stack[func + 2] = b;
    L.top = func + 3;
    callValue(L, func, 1); // yields are already forbidden (sort runs under noYield)
    const r = stack[func];
    L.top = func;
    return !isFalse(r);
  }

  /** set2 after comparing: a[i] = x; a[j] = y. */
  set2(i: number, x: LuaValue, j: number, y: LuaValue): void {
    this.set(i, x);
    this.set(j, y);
  }

  invalid(): never {
    return luaError(this.L, 'invalid order function for sorting');
  }
}

function randomPivotSeed(): number {
  return (Math.random() * 0x100000000) >>> 0;
}

/** A pivot in the middle half of [lo, up], chosen by `rnd`. */
function choosePivot(lo: number, up: number, rnd: number): number {
  const r4 = Math.floor((up - lo) / 4);
  return (rnd % (r4 * 2)) + (lo + r4);
}

/** Order a[lo], a[p], a[up] (median of three); false if the interval is already sorted (<= 3 elements). */
function medianOfThree(s: Sorter, lo: number, up: number, p: number): boolean {
  const alo = s.get(lo), aup = s.get(up);
  if (s.less(aup, alo)) s.set2(lo, aup, up, alo);
  if (up - lo === 1) return false;
  const ap = s.get(p), alo2 = s.get(lo);
  if (s.less(ap, alo2)) {
    s.set2(p, alo2, lo, ap);
  } else {
    const aup2 = s.get(up);
    if (s.less(aup2, ap)) s.set2(p, aup2, up, ap);
  }
  return up - lo !== 2;
}

/** Partition a[lo..up] around the pivot P stored at a[up - 1]; returns P's final index. */
function partition(s: Sorter, lo: number, up: number, P: LuaValue): number {
  let i = lo, j = up - 1;
  for (;;) {
    let ai: LuaValue, aj: LuaValue;
    while (s.less(ai = s.get(++i), P)) {
      if (i === up - 1) s.invalid(); // a[i] < P but a[up - 1] == P
    }
    while (s.less(P, aj = s.get(--j))) {
      if (j < i) s.invalid(); // j < i but a[j] > P
    }
    if (j < i) {
      s.set2(up - 1, ai, i, P);
      return i;
    }
    s.set2(i, aj, j, ai);
  }
}

function auxsort(s: Sorter, n: number): void {
  const pending: number[] = []; // (lo, up, rnd) triples of intervals still to sort
  let lo = 1, up = n, rnd = 0;
  for (;;) {
    while (lo < up) {
      let p = up - lo < RANLIMIT || rnd === 0 ? Math.floor((lo + up) / 2) : choosePivot(lo, up, rnd);
      if (!medianOfThree(s, lo, up, p)) break;
      const P = s.get(p);
      s.set2(p, s.get(up - 1), up - 1, P);
      p = partition(s, lo, up, P);
      // sort the smaller side first (as the reference's recursion) and keep the larger for later
      let small: number, blo: number, bup: number;
      if (p - lo < up - p) {
        small = p - lo; blo = p + 1; bup = up; up = p - 1;
      } else {
        small = up - p; blo = lo; bup = p - 1; lo = p + 1;
      }
      const brnd = Math.floor((bup - blo) / 128) > small ? randomPivotSeed() : rnd; // too unbalanced: randomize
      pending.push(blo, bup, brnd);
    }
    if (pending.length === 0) return;
    rnd = pending.pop()!;
    up = pending.pop()!;
    lo = pending.pop()!;
  }
}

const sort: HostFn = (L, base, nargs) => {
  const t = checktab(L, base, nargs, 1, TAB_RW | TAB_L);
  const n = lenOf(L, t);
  if (n > 1) {
    if (n >= INT_MAX) argError(L, 1, 'array too big');
    const cmp = arg(L, base, nargs, 2);
    if (cmp !== undefined && !(cmp instanceof LuaClosure || cmp instanceof HostFunction)) {
      typeError(L, base, nargs, 2, 'function');
    }
    noYield(L, () => auxsort(new Sorter(L, t, cmp), Number(n)));
  }
  return 0;
};

// ---------------------------------------------------------------------------

const TABLE_FUNCS: LibTable = { concat, insert, pack, unpack, remove, move, sort };

export function openTable(L: LuaState): LuaTable {
  return newLib(L, TABLE_FUNCS, 'table.');
}
