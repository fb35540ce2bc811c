/**
 * Lua's operations in their general form (the reference's lvm.c slow
 * paths): indexing through `__index`/`__newindex` chains, arithmetic and
 * bitwise fallbacks to metamethods, comparisons, equality, length and
 * concatenation, with the runtime errors they raise. The interpreter calls
 * these when its inline fast path does not apply; libraries call them for
 * metamethod-honouring access.
 */

import { ArithOp, arith as rawArith, numEq, numLe, numLt, tointegerNS, tostringNumber } from '../value/number.js';
import { LuaFloat, isFalse, type LuaValue } from '../value/value.js';
import { LuaUserdata } from './userdata.js';
import { HostFunction, LuaClosure } from './function.js';
import { callValue, runerror, typeerror } from './call.js';
import { charge, stringCost } from './heap.js';
import { chargeBytesWork } from './budget.js';
import { varinfo, type VarLoc } from './debuginfo.js';
import { CIST, type LuaState } from './state.js';
import { LuaTable, TableKeyError } from './table.js';
import { TM, binTM, callTM, callTMres, fasttm, gettm, objtypename } from './metamethods.js';
import { MAXTAGLOOP } from '../value/limits.js';

// ---------------------------------------------------------------------------
// Indexing

/** `t[key]` with metamethods (luaV_finishget). `loc` says where `t` lives, for error messages. */
export function index(L: LuaState, t: LuaValue, key: LuaValue, loc: VarLoc): LuaValue {
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      const v = t.get(key);
      if (v !== undefined) return v;
      tm = fasttm(t.metatable, TM.INDEX);
      if (tm === undefined) return undefined;
    } else {
      tm = gettm(L, t, TM.INDEX);
      if (tm === undefined) indexError(L, t, loop === 0 ? loc : undefined);
    }
    if (tm instanceof LuaClosure || tm instanceof HostFunction) return callTMres(L, tm, t, key);
    t = tm;
  }
  return runerror(L, "'__index' chain too long; possible loop");
}

/**
 * `t[key]` for a string key missing from `t` itself, when every `__index`
 * on the way is a table (the usual class hierarchy): the value found, or
 * undefined. Returns null, which is not a Lua value, when the chain reaches
 * a function, a non-table or the loop limit: `index` then does the whole
 * lookup (nothing here has side effects, so starting over is safe).
 */
export function indexTableChain(t: LuaTable, key: string): LuaValue | null {
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    const h = fasttm(t.metatable, TM.INDEX);
    if (h === undefined) return undefined;
    if (!(h instanceof LuaTable)) return null;
    const v = h.getStr(key);
    if (v !== undefined) return v;
    t = h;
  }
  return null;
}

function indexError(L: LuaState, t: LuaValue, loc: VarLoc): never {
  return typeerror(L, t, 'index', varinfo(L, loc));
}

/** `t[key] = v` with metamethods (luaV_finishset). */
export function setindex(L: LuaState, t: LuaValue, key: LuaValue, v: LuaValue, loc: VarLoc): void {
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      const mt = t.metatable;
      if (mt === undefined || t.get(key) !== undefined || (tm = fasttm(mt, TM.NEWINDEX)) === undefined) {
        rawset(L, t, key, v);
        return;
      }
    } else {
      tm = gettm(L, t, TM.NEWINDEX);
      if (tm === undefined) indexError(L, t, loop === 0 ? loc : undefined);
    }
    if (tm instanceof LuaClosure || tm instanceof HostFunction) {
      callTM(L, tm, t, key, v);
      return;
    }
    t = tm;
  }
  runerror(L, "'__newindex' chain too long; possible loop");
}

/** Raw set with Lua's key errors. */
export function rawset(L: LuaState, t: LuaTable, key: LuaValue, v: LuaValue): void {
  try {
    t.set(key, v);
  } catch (e) {
    if (e instanceof TableKeyError) runerror(L, `table ${e.message}`);
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Arithmetic and bitwise fallbacks

/** The metamethod event of each ArithOp. */
export const ARITH_EVENT: readonly TM[] = [
  TM.ADD, TM.SUB, TM.MUL, TM.MOD, TM.POW, TM.DIV, TM.IDIV,
  TM.BAND, TM.BOR, TM.BXOR, TM.SHL, TM.SHR, TM.UNM, TM.BNOT,
];

function isNum(v: LuaValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat;
}

/**
 * `a op b` for any operands: numbers first, then metamethods, then the
 * reference's errors. `la`/`lb` locate the operands for messages.
 */
export function arith(L: LuaState, op: ArithOp, a: LuaValue, b: LuaValue, la: VarLoc, lb: VarLoc): LuaValue {
  const r = rawArith(op, a, b);
  if (r !== undefined) return r;
  if (isNum(a) && isNum(b)) {
    if (op === ArithOp.IDIV) runerror(L, 'attempt to divide by zero');
    if (op === ArithOp.MOD) runerror(L, "attempt to perform 'n%0'");
  }
  return arithTM(L, op, a, b, la, lb);
}

/** luaT_trybinTM: call the operands' metamethod or raise the right error. */
export function arithTM(L: LuaState, op: ArithOp, a: LuaValue, b: LuaValue, la: VarLoc, lb: VarLoc): LuaValue {
  const tm = binTM(L, a, b, ARITH_EVENT[op]);
  if (tm !== undefined) return callTMres(L, tm, a, b);
  if (op >= ArithOp.BAND && op <= ArithOp.SHR || op === ArithOp.BNOT) {
    if (isNum(a) && isNum(b)) {
      // one of them is a float without an integer value
      const bad = tointegerNS(a) === undefined ? la : lb;
      runerror(L, `number${varinfo(L, bad)} has no integer representation`);
    }
    return opinterror(L, a, b, la, lb, 'perform bitwise operation on');
  }
  return opinterror(L, a, b, la, lb, 'perform arithmetic on');
}

function opinterror(L: LuaState, a: LuaValue, b: LuaValue, la: VarLoc, lb: VarLoc, msg: string): never {
  if (!isNum(a)) return typeerror(L, a, msg, varinfo(L, la));
  return typeerror(L, b, msg, varinfo(L, lb));
}

// ---------------------------------------------------------------------------
// Comparison

/** Raw equality (lua_rawequal): identity, or numeric equality across subtypes. */
export function rawequal(a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta === 'number' || ta === 'bigint' || a instanceof LuaFloat) {
    const tb = typeof b;
    if (tb === 'number' || tb === 'bigint' || b instanceof LuaFloat) {
      return numEq(a as number, b as number);
    }
  }
  return false;
}

/** `a == b` with `__eq` (luaV_equalobj). */
export function equalobj(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  if (a instanceof LuaTable && b instanceof LuaTable || a instanceof LuaUserdata && b instanceof LuaUserdata) {
    let tm = fasttm(a.metatable, TM.EQ);
    if (tm === undefined) tm = fasttm(b.metatable, TM.EQ);
    if (tm === undefined) return false;
    return !isFalse(callTMres(L, tm, a, b));
  }
  return rawequal(a, b);
}

/** `a < b` (luaV_lessthan). */
export function lessthan(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  if (isNum(a) && isNum(b)) return numLt(a as number, b as number);
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return orderTM(L, a, b, TM.LT);
}

/** `a <= b` (luaV_lessequal). */
export function lessequal(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  if (isNum(a) && isNum(b)) return numLe(a as number, b as number);
  if (typeof a === 'string' && typeof b === 'string') return a <= b;
  return orderTM(L, a, b, TM.LE);
}

function orderTM(L: LuaState, a: LuaValue, b: LuaValue, event: TM): boolean {
  let tm = binTM(L, a, b, event);
  if (tm !== undefined) return !isFalse(callTMres(L, tm, a, b));
  if (event === TM.LE) {
    // The reference is built with LUA_COMPAT_LT_LE: try 'not (b < a)' for 'a <= b'.
    tm = gettm(L, b, TM.LT);
    if (tm === undefined) tm = gettm(L, a, TM.LT);
    if (tm !== undefined) {
      // Mark the frame so a yield inside the metamethod finishes with the negation (finishOp).
      L.ci.callstatus |= CIST.LEQ;
      const r = isFalse(callTMres(L, tm, b, a));
      L.ci.callstatus &= ~CIST.LEQ;
      return r;
    }
  }
  return ordererror(L, a, b);
}

export function ordererror(L: LuaState, a: LuaValue, b: LuaValue): never {
  const t1 = objtypename(L, a);
  const t2 = objtypename(L, b);
  if (t1 === t2) return runerror(L, `attempt to compare two ${t1} values`);
  return runerror(L, `attempt to compare ${t1} with ${t2}`);
}

// ---------------------------------------------------------------------------
// Length and concatenation

/** `#v` (luaV_objlen). */
export function len(L: LuaState, v: LuaValue, loc: VarLoc): LuaValue {
  if (typeof v === 'string') return v.length;
  let tm: LuaValue;
  if (v instanceof LuaTable) {
    tm = fasttm(v.metatable, TM.LEN);
    if (tm === undefined) return v.length();
  } else {
    tm = gettm(L, v, TM.LEN);
    if (tm === undefined) typeerror(L, v, 'get length of', varinfo(L, loc));
  }
  return callTMres(L, tm, v, v);
}

function tostr(v: LuaValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  return undefined;
}

/**
 * Concatenate the `total` values at the top of the stack into one, left at
 * `L.top - total` with `L.top` just above it (luaV_concat). Runs of strings
 * and numbers are joined in one step; anything else goes to `__concat`
 * pairwise from the right, as the reference does. `base` lets error
 * messages name registers (the values are R[first..]).
 */
export function concat(L: LuaState, total: number, base: number): void {
  const stack = L.stack;
  while (total > 1) {
    const top = L.top;
    const a = stack[top - 2];
    const b = stack[top - 1];
    const sb = tostr(b);
    let sa: string | undefined;
    if (sb === undefined || (sa = tostr(a)) === undefined) {
      let tm = gettm(L, a, TM.CONCAT);
      if (tm === undefined) tm = gettm(L, b, TM.CONCAT);
      if (tm === undefined) {
        const bad = tostr(a) === undefined ? top - 2 : top - 1;
        typeerror(L, stack[bad], 'concatenate', varinfo(L, bad - base));
      }
      const r = callTMres(L, tm, a, b);
      stack[top - 2] = r;
      L.top = top - 1;
      total--;
      continue;
    }
    // Collect as many string/number values as possible, from the top down.
    let n = 2;
    let s = sa + sb;
    while (n < total) {
      const x = tostr(stack[top - n - 1]);
      if (x === undefined) break;
      s = x + s;
      n++;
    }
    // V8 joins the pieces lazily: the result's bytes are charged before anything reads them
    charge(L.g.heap, stringCost(s.length));
    chargeBytesWork(L, s.length);
    stack[top - n] = s;
    L.top = top - n + 1;
    total -= n - 1;
  }
}

/** Convenience for host code: call any value with arguments, returning all results. */
export function callResults(L: LuaState, f: LuaValue, args: LuaValue[]): LuaValue[] {
  const func = L.top;
  L.stack[func] = f;
  for (let i = 0; i < args.length; i++) L.stack[func + 1 + i] = args[i];
  L.top = func + 1 + args.length;
  callValue(L, func, -1);
  const out = L.stack.slice(func, L.top);
  L.top = func;
  return out;
}
