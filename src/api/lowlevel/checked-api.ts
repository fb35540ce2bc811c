/**
 * Checked mode of the low-level stack API: the reference's LUA_USE_APICHECK
 * plus automatic stack guards, as a subclass so that unchecked mode runs
 * none of this.
 *
 * Every API call is validated before it touches the state (a rejected call
 * changes nothing) against a table of rules per method: indices (valid or
 * acceptable, see manual §4.1.2), stack room (the LUA_MINSTACK guarantee
 * and `checkStack`), elements present, and argument types. A violation
 * throws {@link LuaApiError} from the faulty call, so its JS stack points at
 * the host's line:
 *
 *     moonbox api check: index 5 out of range (top is 3) in setField
 *
 * Stack guards (see docs/api-lowlevel.md, "Stack guard"):
 *  1. a host function's result count must be >= 0 and present in its frame;
 *  2. a host function that called into Lua (call/pcall/resume) must leave
 *     nothing below its results but (at most) its arguments;
 *  3. outside any host function, a call into Lua made from the same host
 *     code path (the same JS call stack) as an earlier one must start from
 *     the same stack height: a callback that leaves a result or an error
 *     message behind each time it runs is caught the second time;
 *  4. `guard(name, fn)` checks a callback's exact balance explicitly.
 *
 * LuaApiError is a HostAbort: Lua's `pcall` cannot catch it (a host bug must
 * not be hidden by a script), it unwinds to the host's entry point, which
 * puts the thread back at its entry height.
 */

import { HostAbort } from '../../vm/exceptions.js';
import { HostFunction, YIELD, type HostCont } from '../../vm/function.js';
import type { LuaValue } from '../../value/value.js';
import { LUA_OK, LUA_YIELD, type LuaState } from '../../vm/state.js';
import { apiOf } from './registry.js';
import { LuaApi } from './lua-api.js';
import {
  LuaArith, LuaType, MULTRET, REGISTRYINDEX, type ApiContinuation, type ApiFunction,
} from './stack-api.js';
import { MAXUPVAL } from '../../value/limits.js';

/** A misuse of the low-level API detected in checked mode. */
export class LuaApiError extends HostAbort {
  /**
   * @param detail what is wrong
   * @param method the API method that was misused (absent for guard reports)
   */
  constructor(readonly detail: string, readonly method?: string, options?: { cause?: unknown }) {
    super(`moonbox api check: ${detail}${method === undefined ? '' : ` in ${method}`}`, options);
    this.name = 'LuaApiError';
  }
}

/** Counts calls into Lua from checked host code (rule 2: did this host function call Lua?). */
let luaCalls = 0;

/** The low-level API with every call validated (see the module comment). */
export class CheckedLuaApi extends LuaApi {
  /** Stack height of the last call into Lua per host call site (rule 3). */
  private readonly sites = new Map<string, number>();

  override get checked(): boolean {
    return true;
  }

  /** Host functions verify their result count and, if they called Lua, their balance (rules 1 and 2). */
  protected override hostFunction(fn: ApiFunction<this>, name: string, ups: LuaValue[]): HostFunction {
    return new HostFunction((L, base, nargs) => {
      const before = luaCalls;
      const n = asHost(() => fn(apiOf<this>(L)));
      if (n === YIELD && L.status === LUA_YIELD) return n;
      verifyResults(L, name, n, base);
      if (luaCalls !== before) verifyBalance(L, name, n, base, nargs);
      return n;
    }, name, ups).hosted();
  }

  /** Continuations verify their result count too. */
  protected override continuation(k: ApiContinuation<this>): HostCont {
    const f = this.L.stack[this.L.ci.func];
    const name = f instanceof HostFunction ? f.name : '?';
    return (L, status, ctx) => {
      const n = asHost(() => k(apiOf<this>(L), status, ctx));
      if (n === YIELD && L.status === LUA_YIELD) return n;
      verifyResults(L, name, n, L.ci.func + 1);
      return n;
    };
  }

  override callk(nargs: number, nresults: number, ctx: number, k: ApiContinuation<this> | undefined): void {
    this.enterLua('call', nargs);
    super.callk(nargs, nresults, ctx, k);
  }

  override pcallk(nargs: number, nresults: number, msgh: number, ctx: number, k: ApiContinuation<this> | undefined): number {
    this.enterLua('pcall', nargs);
    return super.pcallk(nargs, nresults, msgh, ctx, k);
  }

  override resume(from: LuaApi | undefined, nargs: number): { status: number; nresults: number } {
    luaCalls++;
    return super.resume(from, nargs);
  }

  /** Bookkeeping for a call into Lua: count it, and at the base frame apply rule 3. */
  private enterLua(method: string, nargs: number): void {
    luaCalls++;
    const L = this.L;
    if (L.ci !== L.baseCi) return;
    const height = L.top - nargs - 1 - (L.ci.func + 1);
    const site = hostCallSite();
    const prev = this.sites.get(site.key);
    if (prev !== undefined && height > prev) {
      const n = height - prev;
      throw new LuaApiError(
        `stack leak in '${site.name}': ${slots(n)} left on the stack since its previous call into Lua from the same place ` +
        `(top was ${prev}, now ${height})`, method);
    }
    if (this.sites.size > 1000) this.sites.clear();
    this.sites.set(site.key, height);
  }

  override guard<T>(name: string, fn: () => T): T {
    const h = this.getTop();
    let result: T;
    try {
      result = asHost(fn);
    } catch (e) {
      this.verifyGuard(name, h, e);
      throw e;
    }
    this.verifyGuard(name, h, undefined);
    return result;
  }

  /** Rule 4: a guarded callback leaves the stack as it found it; leaked slots are removed before reporting. */
  private verifyGuard(name: string, h: number, cause: unknown): void {
    const now = this.getTop();
    if (now === h) return;
    const options = cause === undefined ? undefined : { cause };
    if (now < h) {
      throw new LuaApiError(`stack underflow in '${name}': ${slots(h - now)} removed below its entry height (top was ${h}, now ${now})`, undefined, options);
    }
    this.L.top -= now - h;
    throw new LuaApiError(`stack leak in '${name}': ${slots(now - h)} left on the stack (top was ${h}, now ${now})`, undefined, options);
  }
}

function slots(n: number): string {
  return n === 1 ? '1 slot' : `${n} slots`;
}

/** Rule 1: a host function (or continuation) returned a count of values its frame really has. */
function verifyResults(L: LuaState, name: string, n: number, base: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new LuaApiError(`host function '${name}' returned ${n} (expected a result count >= 0)`);
  }
  const have = L.top - base;
  if (n > have) {
    throw new LuaApiError(`host function '${name}' returned ${n} results but its frame has ${have} value${have === 1 ? '' : 's'}`);
  }
}

/** Rule 2: a host function that called into Lua left only its arguments below its results. */
function verifyBalance(L: LuaState, name: string, n: number, base: number, nargs: number): void {
  const below = L.top - n - base;
  if (below <= nargs) return;
  throw new LuaApiError(
    `stack leak in '${name}': ${slots(below - nargs)} left on the stack below its ${n} result${n === 1 ? '' : 's'} ` +
    `(top was ${nargs} at entry, ${L.top - base} at return)`);
}

/**
 * The outermost API method running on the JS stack, or undefined while host
 * code runs (host functions, continuations and guarded callbacks reset it).
 * The frames from the top of the stack down to it are moonbox's own; the
 * ones below it are the host code path that called the API. Functions, not
 * file names, mark the boundary: in a bundle (the user's, or ours) the host's
 * code and moonbox's share one file, and `import.meta.url` does not exist in
 * CommonJS or IIFE bundles at all.
 */
let apiEntry: ((...args: unknown[]) => unknown) | undefined;

/** Run host code called back from inside an API method: its own API calls are entries again. */
function asHost<T>(fn: () => T): T {
  const saved = apiEntry;
  apiEntry = undefined;
  try {
    return fn();
  } finally {
    apiEntry = saved;
  }
}

/** The host code path calling into Lua: its JS stack (the key) and its innermost function (the name). */
function hostCallSite(): { key: string; name: string } {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, apiEntry ?? hostCallSite); // omits the API's frames, entry included
  Error.stackTraceLimit = limit;
  const frames = (holder.stack ?? '').split('\n').slice(1);
  const first = frames[0]?.trim() ?? '';
  const m = /^at (?:async )?(?:new )?([^\s(]+) \(/.exec(first);
  const name = m !== null ? m[1] : first.replace(/^at /, '').replace(/:\d+\)?$/, '');
  return { key: frames.join('\n'), name: name || '?' };
}

// ---------------------------------------------------------------------------
// The validation rules, per method

type Args = readonly unknown[];
/** A check: returns what is wrong, or undefined. */
type Rule = (api: CheckedLuaApi, a: Args) => string | undefined;

function frameSize(L: LuaState): number {
  return L.top - (L.ci.func + 1);
}

/** Manual §4.1.2: valid indices name an existing value; acceptable ones may also be free slots of the frame. */
function indexProblem(L: LuaState, idx: unknown, acceptable: boolean): string | undefined {
  if (typeof idx !== 'number' || !Number.isInteger(idx)) return `index ${String(idx)} is not an integer`;
  const top = frameSize(L);
  if (idx > 0) {
    if (idx <= top) return undefined;
    const room = L.ci.top - (L.ci.func + 1);
    if (acceptable && idx <= room) return undefined;
    return acceptable ? `index ${idx} not acceptable (top is ${top}, frame size ${room})` : `index ${idx} out of range (top is ${top})`;
  }
  if (idx === 0) return 'index 0 is not valid';
  if (idx > REGISTRYINDEX) return -idx <= top ? undefined : `index ${idx} out of range (top is ${top})`;
  if (idx === REGISTRYINDEX) return undefined;
  const up = REGISTRYINDEX - idx;
  if (up > MAXUPVAL) return `upvalue index ${up} too large`;
  if (acceptable) return undefined;
  const f = L.stack[L.ci.func];
  if (!(f instanceof HostFunction)) return `upvalue index ${up} used outside a host function`;
  const n = f.upvalues.length;
  return up <= n ? undefined : `upvalue index ${up} out of range (function has ${n} upvalue${n === 1 ? '' : 's'})`;
}

const valid = (pos: number): Rule => (api, a) => indexProblem(api.state, a[pos], false);
const acceptable = (pos: number): Rule => (api, a) => indexProblem(api.state, a[pos], true);

/** A real stack position (no pseudo-index). */
const stackIndex = (pos: number): Rule => (api, a) =>
  typeof a[pos] === 'number' && (a[pos] as number) <= REGISTRYINDEX
    ? `pseudo-index ${String(a[pos])} where a stack index is required`
    : indexProblem(api.state, a[pos], false);

/** A destination: a stack index or an upvalue, not the registry itself. */
const writable = (pos: number): Rule => (api, a) =>
  a[pos] === REGISTRYINDEX ? 'the registry pseudo-index cannot be assigned' : indexProblem(api.state, a[pos], false);

type Count = number | ((a: Args) => number);
const countOf = (n: Count, a: Args): number => (typeof n === 'number' ? n : n(a));

/** Room for `n` more values in the current frame. */
const room = (n: Count): Rule => (api, a) => {
  const L = api.state;
  const need = countOf(n, a);
  if (need <= 0 || L.top + need <= L.ci.top) return undefined;
  return `stack overflow (no room for ${need} more value${need === 1 ? '' : 's'}; use checkStack)`;
};

/** At least `n` values in the current frame. */
const needs = (n: Count): Rule => (api, a) => {
  const need = countOf(n, a);
  const have = frameSize(api.state);
  return need <= have ? undefined : `not enough elements in the stack (${need} needed, ${have} present)`;
};

/** Argument `pos` as a number, `def` when omitted (the method's default parameter). */
const argN = (pos: number, def = 0) => (a: Args): number => (a[pos] ?? def) as number;

/** An integer count >= min at `pos` (`def` when omitted, or required if no default). */
const count = (pos: number, min = 0, def?: number): Rule => (_api, a) => {
  const n = a[pos] ?? def;
  return typeof n === 'number' && Number.isInteger(n) && n >= min
    ? undefined
    : `bad argument: expected an integer count >= ${min} (got ${String(n)})`;
};

const TYPE_ARTICLE: Readonly<Record<number, string>> = {
  [LuaType.TABLE]: 'a table', [LuaType.USERDATA]: 'a full userdata', [LuaType.FUNCTION]: 'a function',
};

/** The value at the index argument `pos` exists and has type `t`. */
const typeAt = (pos: number, t: number): Rule => (api, a) => {
  const problem = indexProblem(api.state, a[pos], false);
  if (problem !== undefined) return problem;
  const got = api.type(a[pos] as number);
  return got === t ? undefined : `bad argument: expected ${TYPE_ARTICLE[t]} at index ${a[pos] as number} (got ${api.typeName(got)})`;
};

/** The JS argument `pos` has JS type `t`. */
const jsArg = (pos: number, t: 'string' | 'number' | 'boolean' | 'function'): Rule => (_api, a) =>
  typeof a[pos] === t ? undefined : `bad argument #${pos + 1}: expected a ${t} (got ${describe(a[pos])})`;

/** An integer in int64 range (a number with an integral value, or a bigint). */
const int64 = (pos: number): Rule => (_api, a) => {
  const n = a[pos];
  const ok = typeof n === 'bigint'
    ? n >= -(2n ** 63n) && n < 2n ** 63n
    : typeof n === 'number' && Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63;
  return ok ? undefined : `bad argument #${pos + 1}: expected an integer in int64 range (got ${describe(n)})`;
};

const bytesArg = (pos: number): Rule => (_api, a) =>
  a[pos] instanceof Uint8Array ? undefined : `bad argument #${pos + 1}: expected a Uint8Array (got ${describe(a[pos])})`;

const byteString = (pos: number): Rule => (_api, a) =>
  typeof a[pos] === 'string' && !/[^\x00-\xff]/.test(a[pos] as string)
    ? undefined
    : `bad argument #${pos + 1}: expected a byte string (char codes 0..255)`;

const chunkArg = (pos: number): Rule => (_api, a) =>
  typeof a[pos] === 'string' || a[pos] instanceof Uint8Array
    ? undefined
    : `bad argument #${pos + 1}: expected a string or Uint8Array chunk (got ${describe(a[pos])})`;

const inRange = (pos: number, lo: number, hi: number, what: string): Rule => (_api, a) =>
  typeof a[pos] === 'number' && Number.isInteger(a[pos]) && (a[pos] as number) >= lo && (a[pos] as number) <= hi
    ? undefined
    : `bad argument: invalid ${what} ${String(a[pos])}`;

function describe(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (v === null) return 'null';
  return typeof v;
}

/** lua_settop: the new top fits in the frame (>= 0) or does not go below the frame's base (< 0). */
const newTop: Rule = (api, a) => {
  const L = api.state;
  const idx = a[0];
  if (typeof idx !== 'number' || !Number.isInteger(idx)) return `new top ${String(idx)} is not an integer`;
  if (idx >= 0) {
    const room = L.ci.top - (L.ci.func + 1);
    return idx <= room ? undefined : `new top ${idx} too large (frame size is ${room}; use checkStack)`;
  }
  return -(idx + 1) <= frameSize(L) ? undefined : `invalid new top ${idx} (top is ${frameSize(L)})`;
};

/** lua_rotate: |n| is at most the number of values from idx to the top. */
const rotateN: Rule = (api, a) => {
  const L = api.state;
  const idx = a[0] as number;
  const span = idx > 0 ? frameSize(L) - idx + 1 : -idx;
  const n = a[1];
  return typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= span ? undefined : `invalid rotation ${String(n)} (${span} values from index ${idx} to the top)`;
};

/** The value on top is a table or nil (a metatable). */
const topTableOrNil: Rule = (api) => {
  const t = api.type(-1);
  return t === LuaType.TABLE || t === LuaType.NIL ? undefined : `bad argument: expected a table or nil on top (got ${api.typeName(t)})`;
};

/** Calls: counts, the function and its arguments present, room for the results, a normal thread. */
const callRules: readonly Rule[] = [
  count(0), count(1, MULTRET, 0), needs((a) => (a[0] as number) + 1),
  (api, a) => {
    const L = api.state;
    const nres = argN(1)(a);
    const nargs = a[0] as number;
    if (nres !== MULTRET && L.ci.top - L.top < nres - nargs) return `no room for ${nres} results (use checkStack)`;
    return L.status === LUA_OK ? undefined : 'cannot call on a suspended or dead thread';
  },
];

const msghRule: Rule = (api, a) => (a[2] === undefined || a[2] === 0 ? undefined : stackIndex(2)(api, a));

/** lua_resume: the arguments are present (a missing body function is resume's own "cannot resume dead coroutine"). */
const resumeRule: Rule = (api, a) => {
  const from = a[0];
  if (from !== undefined && (!(from instanceof LuaApi) || from.state.g !== api.state.g)) return 'bad argument #1: expected a thread of the same Lua state';
  return count(1)(api, a) ?? needs(argN(1))(api, a);
};

/** lua_xmove: values present here, room on the destination, same universe. */
const xmoveRule: Rule = (api, a) => {
  const to = a[0];
  if (!(to instanceof LuaApi) || to.state.g !== api.state.g) return 'bad argument #1: expected a thread of the same Lua state';
  const n = a[1] as number;
  const problem = count(1)(api, a) ?? needs(n)(api, a);
  if (problem !== undefined) return problem;
  const dst = to.state;
  return to === api || dst.top + n <= dst.ci.top ? undefined : `stack overflow on the destination thread (no room for ${n} values)`;
};

const arithOperands: Rule = (api, a) => {
  const unary = a[0] === LuaArith.UNM || a[0] === LuaArith.BNOT;
  return needs(unary ? 1 : 2)(api, a) ?? room(unary ? 1 : 0)(api, a);
};

/** Rules per method; a method missing here has nothing to check. */
const RULES: { readonly [K in keyof LuaApi]?: readonly Rule[] } = {
  absIndex: [acceptable(0)],
  setTop: [newTop],
  pop: [count(0, 0, 1), needs(argN(0, 1))],
  pushValue: [valid(0), room(1)],
  rotate: [stackIndex(0), rotateN],
  insert: [stackIndex(0)],
  remove: [stackIndex(0)],
  replace: [needs(1), writable(0)],
  copy: [valid(0), writable(1)],
  checkStack: [count(0)],
  pushNil: [room(1)],
  pushBoolean: [jsArg(0, 'boolean'), room(1)],
  pushInteger: [int64(0), room(1)],
  pushNumber: [jsArg(0, 'number'), room(1)],
  pushString: [jsArg(0, 'string'), room(1)],
  pushBytes: [bytesArg(0), room(1)],
  pushByteString: [byteString(0), room(1)],
  pushFunction: [
    jsArg(0, 'function'), jsArg(1, 'string'), (api, a) => (a[2] === undefined ? undefined : inRange(2, 0, MAXUPVAL, 'upvalue count')(api, a)),
    needs(argN(2)), room((a) => 1 - argN(2)(a)),
  ],
  pushLightUserdata: [room(1)],
  pushGlobalTable: [room(1)],
  pushLuaValue: [room(1)],
  pushThread: [room(1)],
  type: [acceptable(0)],
  typeName: [inRange(0, LuaType.NONE, LuaType.THREAD, 'type code')],
  toLuaValue: [acceptable(0)],
  toBoolean: [acceptable(0)],
  toInteger: [acceptable(0)],
  toNumber: [acceptable(0)],
  toString: [acceptable(0)],
  toBytes: [acceptable(0)],
  toByteString: [acceptable(0)],
  toPointer: [acceptable(0)],
  toUserdata: [acceptable(0)],
  toThread: [acceptable(0)],
  isNone: [acceptable(0)],
  isNil: [acceptable(0)],
  isNoneOrNil: [acceptable(0)],
  isBoolean: [acceptable(0)],
  isNumber: [acceptable(0)],
  isInteger: [acceptable(0)],
  isString: [acceptable(0)],
  isTable: [acceptable(0)],
  isFunction: [acceptable(0)],
  isHostFunction: [acceptable(0)],
  isUserdata: [acceptable(0)],
  isLightUserdata: [acceptable(0)],
  isThread: [acceptable(0)],
  rawLen: [acceptable(0)],
  rawEqual: [acceptable(0), acceptable(1)],
  compare: [acceptable(0), acceptable(1), inRange(2, 0, 2, 'comparison operator')],
  stringToNumber: [jsArg(0, 'string'), room(1)],
  getField: [valid(0), jsArg(1, 'string'), room(1)],
  getI: [valid(0), int64(1), room(1)],
  getTable: [valid(0), needs(1)],
  getGlobal: [jsArg(0, 'string'), room(1)],
  setField: [valid(0), jsArg(1, 'string'), needs(1)],
  setI: [valid(0), int64(1), needs(1)],
  setTable: [valid(0), needs(2)],
  setGlobal: [jsArg(0, 'string'), needs(1)],
  rawGet: [typeAt(0, LuaType.TABLE), needs(1)],
  rawGetI: [typeAt(0, LuaType.TABLE), int64(1), room(1)],
  rawSet: [typeAt(0, LuaType.TABLE), needs(2)],
  rawSetI: [typeAt(0, LuaType.TABLE), int64(1), needs(1)],
  createTable: [room(1)],
  newTable: [room(1)],
  newUserdata: [room(1)],
  getIUserValue: [typeAt(0, LuaType.USERDATA), room(1)],
  setIUserValue: [typeAt(0, LuaType.USERDATA), needs(1)],
  getMetatable: [acceptable(0), room(1)],
  setMetatable: [valid(0), needs(1), topTableOrNil],
  next: [typeAt(0, LuaType.TABLE), needs(1), room(1)],
  arith: [inRange(0, LuaArith.ADD, LuaArith.BNOT, 'arithmetic operator'), arithOperands],
  concat: [count(0), needs(argN(0)), room((a) => (a[0] === 0 ? 1 : 0))],
  len: [valid(0), room(1)],
  call: callRules,
  callk: callRules,
  pcall: [...callRules, msghRule],
  pcallk: [...callRules, msghRule],
  error: [needs(1)],
  load: [chunkArg(0), room(1)],
  ref: [typeAt(0, LuaType.TABLE), needs(1)],
  unref: [typeAt(0, LuaType.TABLE)],
  newThread: [room(1)],
  resume: [resumeRule],
  yield: [count(0), needs(argN(0))],
  xmove: [xmoveRule],
  where: [room(1)],
  traceback: [room(1)],
  toDisplayString: [acceptable(0), room(1)],
  lenOf: [valid(0)],
  newMetatable: [jsArg(0, 'string'), room(1)],
  getMetatableByName: [jsArg(0, 'string'), room(1)],
  setMetatableByName: [jsArg(0, 'string'), needs(1)],
  getSubTable: [valid(0), jsArg(1, 'string'), room(2)],
  guard: [jsArg(0, 'string'), jsArg(1, 'function')],
};

/** Every method of the API's prototype chain, by name (accessors and the constructor excluded). */
function apiMethods(): Map<string, (...args: unknown[]) => unknown> {
  const found = new Map<string, (...args: unknown[]) => unknown>();
  for (let proto: object | null = CheckedLuaApi.prototype; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (name !== 'constructor' && !found.has(name) && typeof d.value === 'function') found.set(name, d.value as (...args: unknown[]) => unknown);
    }
  }
  return found;
}

/**
 * Install the checks: each method validates its arguments against its rules
 * (if it has any), then runs the real method, marked as the API's entry
 * frame when the host called it directly (see `apiEntry`).
 */
function installRules(): void {
  const proto = CheckedLuaApi.prototype as unknown as Record<string, unknown>;
  const table = RULES as Readonly<Record<string, readonly Rule[] | undefined>>;
  for (const [name, inner] of apiMethods()) {
    const rules = table[name] ?? [];
    const checked = function (this: CheckedLuaApi, ...args: unknown[]): unknown {
      for (const rule of rules) {
        const problem = rule(this, args);
        if (problem !== undefined) {
          const err = new LuaApiError(problem, name);
          Error.captureStackTrace(err, checked); // the stack starts at the host's faulty line
          throw err;
        }
      }
      if (apiEntry !== undefined) return inner.apply(this, args);
      apiEntry = checked;
      try {
        return inner.apply(this, args);
      } finally {
        apiEntry = undefined;
      }
    };
    Object.defineProperty(proto, name, { value: checked, writable: true, configurable: true });
  }
}
installRules();
