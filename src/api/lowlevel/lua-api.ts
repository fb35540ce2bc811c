/**
 * `LuaApi`: moonbox's low-level stack API, a TypeScript mirror of the Lua
 * C API (lua_* and luaL_*) for hosts that want full control.
 *
 * One `LuaApi` object per Lua thread; its methods are the C functions
 * without the prefix, in camelCase (`lua_getfield` is `getField`,
 * `luaL_checkinteger` is `checkInteger`). The core (indices, push/to,
 * tables, calls, the panic path) is in `stack-api.ts`, the auxiliary
 * helpers in `aux-api.ts`; this layer adds coroutines, stack guards and
 * the ways to obtain an API object. Checked mode (`checked-api.ts`) is a
 * subclass, chosen once per Lua universe, so unchecked mode pays nothing.
 *
 * See docs/api-lowlevel.md for the rules and a table of every method.
 */

import { resetThread } from '../../lib/coroutine.js';
import { openLibs as vmOpenLibs, type LibName } from '../../lib/init.js';
import { libNames } from '../options.js';
import { chargeWork } from '../../vm/budget.js';
import { resume as vmResume, yieldk } from '../../vm/call.js';
import { HostAbort } from '../../vm/exceptions.js';
import { newThread as vmNewThread, closeState } from '../../vm/create.js';
import { LUA_MINSTACK } from '../../value/limits.js';
import { LUA_ERRRUN, LUA_OK, LUA_YIELD, LuaState } from '../../vm/state.js';
import { apiOf, setApiClass } from './registry.js';
import { sethook as vmSethook, type Hook } from '../../vm/hooks.js';
import { getinfo as vmGetinfo, type DebugInfo } from '../../vm/debuginfo.js';
import { getstack } from '../../lib/traceback.js';
import type { CallInfo } from '../../vm/state.js';
import type { LuaValue } from '../../value/value.js';
import { AuxApi, NOREF, REFNIL } from './aux-api.js';
import { MULTRET, REGISTRYINDEX, type ApiContinuation } from './stack-api.js';

/**
 * A hook of the low-level API (lua_Hook): called with the thread's API
 * object, the event (LuaHook) and, for line events, the line (-1 otherwise).
 */
export type ApiHook = (L: LuaApi, event: number, line: number) => void;

/** Hook events (LUA_HOOKCALL...), as a hook receives them. */
export const LuaHook = { CALL: 0, RET: 1, LINE: 2, COUNT: 3, TAILCALL: 4 } as const;

/** Hook masks (LUA_MASKCALL...), for setHook. */
export const LuaMask = { CALL: 1, RET: 2, LINE: 4, COUNT: 8 } as const;

/** The host hook behind each VM hook setHook made (getHook gives it back). */
const hostHooks = new WeakMap<Hook, ApiHook>();

/** What `resume` returns: the status and how many values are on top of the coroutine's stack. */
export interface ResumeResult {
  /** LuaStatus.OK (finished), LuaStatus.YIELD (suspended) or an error status. */
  status: number;
  /** Results (OK), yielded values (YIELD), or 1 (the error object). */
  nresults: number;
}

/** The low-level stack API over one Lua thread (see the module comment). */
export class LuaApi extends AuxApi {
  /** The registry's pseudo-index (LUA_REGISTRYINDEX). */
  static readonly REGISTRYINDEX = REGISTRYINDEX;
  /** "All results" (LUA_MULTRET). */
  static readonly MULTRET = MULTRET;
  /** Free slots guaranteed to a host function and at the base of a thread (LUA_MINSTACK). */
  static readonly MINSTACK = LUA_MINSTACK;
  /** Registry key of the main thread (LUA_RIDX_MAINTHREAD). */
  static readonly RIDX_MAINTHREAD = 1;
  /** Registry key of the global table (LUA_RIDX_GLOBALS). */
  static readonly RIDX_GLOBALS = 2;
  /** `ref` of nil (LUA_REFNIL). */
  static readonly REFNIL = REFNIL;
  /** A reference never returned by `ref` (LUA_NOREF). */
  static readonly NOREF = NOREF;

  /**
   * The API object of an existing thread (for example one made with
   * `new Lua()`, as `lua.state`). The first class used for a Lua universe is kept for all
   * its threads: `CheckedLuaApi.forState(L)` before any other use selects
   * checked mode.
   */
  static forState<T extends LuaApi>(this: new (L: LuaState) => T, L: LuaState): T {
    setApiClass(L, this);
    return apiOf<T>(L);
  }

  /** luaL_openlibs: open the standard libraries (`names`: only those). */
  openLibs(names?: readonly LibName[]): void {
    const problem = names === undefined ? undefined : libNames(names);
    if (problem !== undefined) throw new TypeError(`openLibs: 'names' ${problem}`);
    vmOpenLibs(this.L, names);
  }

  // -------------------------------------------------------------------------
  // Threads

  /** lua_newthread: push a new coroutine and return its API object. */
  newThread(): LuaApi {
    const co = vmNewThread(this.L);
    this.push(co);
    return apiOf<LuaApi>(co);
  }

  /** lua_tothread: the API object of the thread at `idx`, or undefined. */
  toThread(idx: number): LuaApi | undefined {
    const v = this.value(idx);
    return v instanceof LuaState ? apiOf<LuaApi>(v) : undefined;
  }

  /** lua_pushthread: push this thread; true if it is the main thread. */
  pushThread(): boolean {
    this.push(this.L);
    return this.L === this.L.g.mainThread;
  }

  /**
   * lua_resume: start or continue this coroutine. To start it, push the
   * body function and then `nargs` arguments on it; to continue it after a
   * yield, pop the yielded values and push `nargs` values for `yield` to
   * return. `from` is the thread doing the resume (or undefined).
   */
  resume(from: LuaApi | undefined, nargs: number): ResumeResult {
    const co = this.L;
    let status: number;
    try {
      status = vmResume(co, from === undefined ? null : from.L, nargs);
    } catch (e) {
      // A host abort (failed API check, os.exit) crossed the coroutine: it cannot continue.
      if (e instanceof HostAbort) {
        co.status = LUA_ERRRUN;
        co.nny = 1;
      }
      throw e;
    }
    if (co.ci.top < co.top) co.ci.top = co.top;
    const nresults = status === LUA_YIELD ? co.nyield : status === LUA_OK ? co.top - (co.ci.func + 1) : 1;
    return { status, nresults };
  }

  /**
   * lua_yieldk: yield the `nresults` values on top from the running host
   * function; use as `return L.yield(n)`. Without `k` the host function
   * returns to its Lua caller on resume (with the values passed to resume);
   * with `k`, the continuation runs instead and returns the result count.
   */
  yield(nresults: number, k?: ApiContinuation<this>, ctx = 0): number {
    return yieldk(this.L, nresults, ctx, k === undefined ? null : this.continuation(k));
  }

  /** lua_status: LuaStatus.OK, YIELD (suspended) or the error that killed the coroutine. */
  status(): number {
    return this.L.status;
  }

  /**
   * lua_close: close the main thread's pending to-be-closed variables and
   * run every pending finalizer (`__gc`), newest first. Unlike in C, the
   * state stays usable afterwards (its objects are just no longer
   * finalized).
   */
  close(): void {
    closeState(this.L, this.L.g.mainThread.ci === this.L.g.mainThread.baseCi);
  }

  /**
   * Count `steps` of work done by a host function against the running
   * script's instruction budget (see the sandbox's limits); throws the
   * limit's abort when it is used up.
   */
  chargeWork(steps: number): void {
    chargeWork(this.L, steps);
  }

  /** lua_isyieldable. */
  isYieldable(): boolean {
    return this.L.nny === 0;
  }

  /**
   * lua_closethread: reset a suspended or dead coroutine, closing its
   * pending to-be-closed variables. Returns OK, or an error status with the
   * error object on its stack.
   */
  closeThread(): number {
    const co = this.L;
    const err = co.status > LUA_YIELD ? co.errorValue : undefined;
    const [status, errorObject] = resetThread(co, err);
    // as lua_closethread: on error the error object is left on the (otherwise empty) stack
    if (status !== LUA_OK) co.stack[co.top++] = errorObject;
    co.ci.top = co.top + LUA_MINSTACK;
    return status;
  }

  /** lua_resetthread (the older name of closeThread). */
  resetThread(): number {
    return this.closeThread();
  }

  /** lua_xmove: pop `n` values from this thread and push them onto `to` (same universe). */
  xmove(to: LuaApi, n: number): void {
    const from = this.L;
    const dst = to.L;
    if (from === dst) return;
    const first = from.top - n;
    for (let i = 0; i < n; i++) dst.stack[dst.top++] = from.stack[first + i];
    from.top = first;
  }

  // -------------------------------------------------------------------------
  // The debug interface (§4.7)

  /**
   * lua_sethook: call `hook` on the events of `mask` (LuaMask bits) in this
   * thread; with LuaMask.COUNT, after every `count` instructions. A null
   * hook or a zero mask turns hooks off. Hooks do not run inside a hook.
   * A count or line hook may suspend a coroutine by ending with
   * `return void L.yield(0)` (no values, no continuation): the coroutine
   * continues at the same instruction when resumed.
   */
  setHook(hook: ApiHook | null, mask: number, count = 0): void {
    let vmHook: Hook | null = null;
    if (hook !== null) {
      vmHook = (L1, event, line) => hook(apiOf<LuaApi>(L1), event, line);
      hostHooks.set(vmHook, hook);
    }
    vmSethook(this.L, vmHook, mask, count);
  }

  /** lua_gethook: the hook setHook set on this thread, or null (also when debug.sethook set one: see getHookMask). */
  getHook(): ApiHook | null {
    const h = this.L.hook;
    return h === null ? null : hostHooks.get(h) ?? null;
  }

  /** lua_gethookmask. */
  getHookMask(): number {
    return this.L.hookmask;
  }

  /** lua_gethookcount. */
  getHookCount(): number {
    return this.L.basehookcount;
  }

  /**
   * lua_getstack + lua_getinfo: what `what` asks for (the option letters of
   * debug.getinfo, §4.7's lua_getinfo) about the function running at
   * `level` of this thread (0: the running function, 1: its caller...), or
   * undefined when there is no such level. Throws a RangeError for an
   * invalid option.
   */
  getInfo(what: string, level: number): DebugInfo | undefined {
    const ci = getstack(this.L, level);
    if (ci === null) return undefined;
    return this.info(what, this.L.stack[ci.func], ci);
  }

  /** lua_getinfo with '>': what `what` asks for about the function at `idx` (not running). */
  getFunctionInfo(what: string, idx: number): DebugInfo {
    return this.info(what, this.value(idx), null);
  }

  private info(what: string, f: LuaValue, ci: CallInfo | null): DebugInfo {
    const ar = vmGetinfo(this.L, what, f, ci);
    if (ar === undefined) throw new RangeError(`getInfo: invalid option in '${what}'`);
    return ar;
  }

  // -------------------------------------------------------------------------
  // Stack guards (checked in checked mode; here they only run the code)

  /**
   * Run `fn` as the host callback `name`: in checked mode the stack must be
   * at the same height when it ends (normally or by an exception) as when
   * it started, or a LuaApiError names `name` and the slots leaked.
   * Unchecked mode just calls `fn`.
   */
  guard<T>(name: string, fn: () => T): T {
    void name;
    return fn();
  }

  /** A guarded version of a callback, for registering with timers and event emitters. */
  guarded<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => this.guard(name, () => fn(...args));
  }
}
