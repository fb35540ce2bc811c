/**
 * The high-level embedding API: `new Lua(options)`, run code, call
 * functions, read and write globals, with values converted between JS and
 * Lua (docs/api.md has the guide and the conversion table).
 */

import { openLibs } from '../lib/init.js';
import { nullPlatform, setPlatform } from '../lib/platform-interface.js';
import { LuaFloat, type LuaValue } from '../value/value.js';
import { index, setindex } from '../vm/operations.js';
import { closeState, globals, loadChunk, newState } from '../vm/create.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { runInCoroutine, newCoroutine } from './async.js';
import { callableOf, type LuaFunctionProxy } from './callable.js';
import { Context } from './context.js';
import { faultReport, reportFailures, type FailureReports } from './failure-reports.js';
import { postMortem, type PostMortemOptions, type PostMortemReport } from '../lib/postmortem.js';
import { bufferToHost, LuaMulti, newHostBuffer, toJS, toLua, wrapHostBuffer, type ToJsOptions } from './convert.js';
import { LuaError, LuaInternalError, LuaLimitError } from './lua-error.js';
import { LIMITS_OPTIONS, type Limits, type Usage } from './limits.js';
import { allowListOf, applySandbox } from '../lib/sandbox.js';
import { chargeWork } from '../vm/budget.js';
import {
  LOAD_OPTIONS, LUA_OPTIONS, PROFILE_OPTIONS, RUN_OPTIONS, TO_JS_OPTIONS, compileMode,
  type LuaOptions, type ProfileOptions, type RunMultiOptions, type RunOptions,
} from './lua-options.js';
import { startProfiler, stopProfiler, type ProfileReport } from '../vm/profiler.js';
import { checkOptions } from './options.js';
import type { LuaTableProxy } from './proxy.js';

export type { LuaOptions, ProfileOptions, RunOptions, RunMultiOptions } from './lua-options.js';

/** What `Lua.profile` returns: the function's result and the profile of what it ran. */
export interface Profiled<T> {
  result: T;
  report: ProfileReport;
}
import { threadHandle, type LuaThread } from './thread.js';
import { decodeUtf8, encodeUtf8, textSink } from './utf8.js';

/**
 * A Lua 5.4 state. Every entry into Lua is protected: a Lua error is thrown
 * as a `LuaError` (or as the host's own exception when a host function threw
 * it), a limit hit as a `LuaLimitError`, and the state stays usable.
 */
export class Lua {
  private readonly ctx: Context;

  /** Create a state with the chosen standard libraries opened. */
  constructor(options: LuaOptions = {}) {
    checkOptions('new Lua()', options, LUA_OPTIONS);
    const L = newState({
      stdout: options.stdout === undefined ? undefined : textSink(options.stdout),
      stderr: options.stderr === undefined ? undefined : textSink(options.stderr),
      stackLimit: options.stackLimit,
      coroutineStackLimit: options.coroutineStackLimit,
      compile: compileMode(options.compile),
    });
    setPlatform(L, options.platform ?? nullPlatform);
    openLibs(L, options.libs);
    const allow = allowListOf(options.sandbox ?? 'safe');
    if (allow !== undefined) applySandbox(L, allow);
    L.g.budget.interruptFlag = options.interruptFlag;
    this.ctx = new Context(L, options.strings ?? 'utf8', options.asyncHooks ?? {}, (ctx, v) => toJS(ctx, v), { ...options.limits });
    const postMortemOption = options.postMortem ?? false;
    this.reports = postMortemOption === false
      ? this.reportFaults()
      : reportFailures(L, postMortemOption === true ? {} : postMortemOption, decodeUtf8);
    this.closeOnFault();
  }

  /** The last failure's post-mortem report: every failure's with the `postMortem` option, else a fault's. */
  private readonly reports: FailureReports;

  /** Without the `postMortem` option, only a fault of moonbox gets its report (with locals: it is a bug). */
  private reportFaults(): FailureReports {
    const reports: FailureReports = { report: undefined };
    this.ctx.L.g.onInternalFault = (L1, fault) => {
      reports.report = faultReport(L1, fault, { locals: true });
    };
    return reports;
  }

  /**
   * A fault of moonbox itself (a JS exception escaping the runtime: a bug)
   * closes this state, rather than letting anything run on what may be
   * inconsistent: the host gets a LuaInternalError with the post-mortem
   * report made where it happened, and every later call throws.
   */
  private closeOnFault(): void {
    const ctx = this.ctx;
    ctx.runs.onFault = (fault) => {
      const report = this.reports.report ?? faultReport(ctx.L, fault, { locals: true });
      const e = new LuaInternalError(`moonbox ${fault.message}; the state is closed (a bug in moonbox: please report it)`, report, fault.jsStack);
      ctx.fault = fault.message;
      ctx.closed = true;
      return e;
    };
  }

  /**
   * A post-mortem report (docs/postmortem.md): with the `postMortem` option,
   * the one made when the last error or limit reached the host, as the
   * stacks were then; otherwise (or when nothing failed) a report on the
   * state as it is now. `formatPostMortem(report)` renders it as text;
   * it is plain data for `JSON.stringify`.
   */
  postMortem(options: PostMortemOptions = {}): PostMortemReport {
    if (this.reports.report !== undefined) return this.reports.report;
    const L = this.ctx.L;
    const usage = this.ctx.runs.usage();
    const limits = this.ctx.runs.limits;
    return postMortem(L, {
      instructions: { limit: limits.instructions ?? null, used: usage.instructions },
      time: { limit: limits.time ?? null, used: usage.time },
    }, undefined, options);
  }

  /** The limits of every run (see `Limits`); a run's own `limits` option replaces some of them. */
  get limits(): Limits {
    return { ...this.ctx.runs.limits };
  }

  set limits(limits: Limits) {
    checkOptions('limits', limits, LIMITS_OPTIONS);
    this.ctx.runs.limits = { ...limits };
  }

  /**
   * Stop the script that is running (from a host function, a timer or an
   * async callback while it waits for a Promise): it ends at its next
   * safepoint with a `LuaLimitError` whose `limit` is `'interrupt'`. Lua
   * code cannot catch it. Does nothing when no script runs.
   */
  interrupt(): void {
    this.ctx.interrupt();
  }

  /**
   * From a host function doing work for the script (parsing, searching...),
   * count `steps` of it against the running script's instruction budget, as
   * library functions do; when a limit is hit this throws, and the script
   * stops as at any other limit. Does nothing outside a run.
   */
  chargeWork(steps: number): void {
    if (!this.ctx.runs.running) return;
    chargeWork(this.ctx.current(), steps);
  }

  /** What the last run used: instructions, memory (the count, and its peak), time. */
  usage(): Usage {
    return this.ctx.runs.usage();
  }

  /**
   * Start the built-in profiler: from now on every call and return in this
   * state, in every coroutine, is timed, until `stopProfile()`. It needs no
   * Lua hook (`debug.sethook` stays the script's). Throws if a profile is
   * already running.
   */
  startProfile(options: ProfileOptions = {}): void {
    checkOptions('startProfile()', options, PROFILE_OPTIONS);
    this.ctx.checkOpen();
    if (this.ctx.L.g.profiler !== null) throw new Error('startProfile(): a profile is already running');
    startProfiler(this.ctx.L, options.lines === true);
  }

  /**
   * Stop the profiler and return what it recorded: per function, calls,
   * self and total time (and per line, if asked), and the call tree (see
   * `ProfileReport`; `formatProfileTable`, `toFoldedStacks` and
   * `flameGraphHtml` render it). Throws if no profile is running.
   */
  stopProfile(): ProfileReport {
    if (this.ctx.L.g.profiler === null) throw new Error('stopProfile(): no profile is running');
    return stopProfiler(this.ctx.L);
  }

  /**
   * Profile what `fn` runs in this state: its result and the report. When
   * `fn` returns a Promise (a `runAsync`, say), the profile ends when it
   * settles. If `fn` throws, the profile is stopped and the error passes
   * through (use startProfile/stopProfile to keep the report of a failed run).
   */
  profile<T>(fn: () => Promise<T>, options?: ProfileOptions): Promise<Profiled<T>>;
  profile<T>(fn: () => T, options?: ProfileOptions): Profiled<T>;
  profile<T>(fn: () => T | Promise<T>, options: ProfileOptions = {}): Profiled<T> | Promise<Profiled<T>> {
    this.startProfile(options);
    let result: T | Promise<T>;
    try {
      result = fn();
    } catch (e) {
      this.stopProfile();
      throw e;
    }
    if (result instanceof Promise) {
      return result.then(
        (value) => ({ result: value, report: this.stopProfile() }),
        (e: unknown) => {
          this.stopProfile();
          throw e;
        },
      );
    }
    return { result, report: this.stopProfile() };
  }

  /** Several results from a host function: `return Lua.multi(a, b)` returns `a, b` to Lua. */
  static multi(...values: unknown[]): LuaMulti {
    return new LuaMulti(values);
  }

  /** A number that must reach Lua as a float even when integral (`Lua.float(1)` is `1.0`). */
  static float(x: number): number | LuaFloat {
    return Number.isInteger(x) ? new LuaFloat(x) : x;
  }

  /** The main thread, for the low-level API. */
  get state(): LuaState {
    return this.ctx.L;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.ctx.closed;
  }

  /** The global table, as a live proxy. */
  get globals(): LuaTableProxy {
    this.ctx.checkOpen();
    return toJS(this.ctx, globals(this.ctx.L)) as LuaTableProxy;
  }

  /**
   * Compile `code` into a JS-callable function (a syntax error throws
   * LuaError). `R` types what calling it returns, unchecked (see `run`).
   */
  load<R = unknown>(code: string, options: RunOptions = {}): LuaFunctionProxy<R> {
    checkOptions('load', options, LOAD_OPTIONS);
    return callableOf(this.ctx, this.compile(code, options) as LuaValue & object) as LuaFunctionProxy<R>;
  }

  /**
   * Run a chunk; returns its first result (all of them, as an array, with
   * `multi: true`).
   *
   * The type argument says what the host expects (`lua.run<number>('return 1')`);
   * it is a cast, not a check: a script that returns something else is not
   * stopped by it. When the script is untrusted, check the value
   * (`typeof x === 'number'`) before relying on its type.
   */
  run<T extends unknown[] = unknown[]>(code: string, options: RunMultiOptions): T;
  run<T = unknown>(code: string, options?: RunOptions): T;
  run(code: string, options: RunOptions & { multi?: boolean } = {}): unknown {
    checkOptions('run', options, RUN_OPTIONS);
    const values = this.ctx.pcall(this.compile(code, options), [], options.limits);
    return this.results(values, options.multi === true);
  }

  /**
   * Run a chunk in a coroutine that waits for the Promises of async host
   * functions; resolves to the first result (all of them with `multi: true`).
   * The type argument is unchecked, as for `run`.
   */
  runAsync<T extends unknown[] = unknown[]>(code: string, options: RunMultiOptions): Promise<T>;
  runAsync<T = unknown>(code: string, options?: RunOptions): Promise<T>;
  async runAsync(code: string, options: RunOptions & { multi?: boolean } = {}): Promise<unknown> {
    checkOptions('runAsync', options, RUN_OPTIONS);
    const values = await runInCoroutine(this.ctx, this.compile(code, options), [], options.limits);
    return this.results(values, options.multi === true);
  }

  /**
   * Call a function (a global path such as `'util.greet'`, or a function
   * value); returns its first result. The type argument is unchecked, as for `run`.
   */
  call<T = unknown>(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): T {
    return this.callMulti(fn, ...args)[0] as T;
  }

  /** `call`, returning every result as an array (the type argument is unchecked). */
  callMulti<T extends unknown[] = unknown[]>(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): T {
    const f = this.resolve(fn);
    const values = this.ctx.pcall(f, args.map((a) => toLua(this.ctx, a)));
    return this.results(values, true) as T;
  }

  /**
   * `call` in a coroutine that waits for async host functions; resolves to
   * the first result (the type argument is unchecked).
   */
  async callAsync<T = unknown>(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): Promise<T> {
    const f = this.resolve(fn);
    const values = await runInCoroutine(this.ctx, f, args.map((a) => toLua(this.ctx, a)));
    return this.results(values, false) as T;
  }

  /** `callAsync`, resolving to every result as an array (the type argument is unchecked). */
  async callMultiAsync<T extends unknown[] = unknown[]>(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): Promise<T> {
    const f = this.resolve(fn);
    const values = await runInCoroutine(this.ctx, f, args.map((a) => toLua(this.ctx, a)));
    return this.results(values, true) as T;
  }

  /**
   * Read a global, or a field path through tables (`'app.config.debug'`),
   * honouring `__index`. A missing table along the path gives undefined.
   * The type argument is unchecked, as for `run`.
   */
  get<T = unknown>(path: string): T {
    return toJS(this.ctx, this.getRaw(path)) as T;
  }

  /**
   * Write a global, or a field path (`'app.config.debug'`), honouring
   * `__newindex`. Missing (nil) tables along the path are created.
   */
  set(path: string, value: unknown): void {
    this.ctx.checkOpen();
    const keys = splitPath(path);
    const last = keys.pop()!;
    const v = toLua(this.ctx, value);
    this.ctx.protect((L) => {
      let t: LuaValue = globals(L);
      for (const k of keys) {
        let next = index(L, t, k, undefined);
        if (next === undefined) {
          next = new LuaTable(L.g.heap);
          setindex(L, t, k, next, undefined);
        }
        t = next;
      }
      setindex(L, t, last, v, undefined);
    });
  }

  /**
   * Convert a Lua value (as the low-level API holds it) to JS; `deep` copies
   * tables. The type argument is unchecked, as for `run`.
   */
  toJS<T = unknown>(value: unknown, options: ToJsOptions = {}): T {
    this.ctx.checkOpen();
    checkOptions('toJS', options, TO_JS_OPTIONS);
    return toJS(this.ctx, toLua(this.ctx, value), options) as T;
  }

  /**
   * Make `bytes` a Lua `buffer` of this state, without copying (or, given a
   * size, a new zero-filled one), and return the same Uint8Array. Passed to
   * Lua afterwards (an argument, a global, a field), that array is the
   * buffer: the script reads and writes the host's memory, and what either
   * side writes the other sees. A buffer made by a script comes out as its
   * Uint8Array too, and goes back in as the same buffer; any other
   * Uint8Array entering Lua is copied into a string. The bytes count
   * against the state's memory limit. If the host detaches the array's
   * ArrayBuffer (by transferring it), the script's next access to the
   * buffer is a Lua error, never a read of freed memory (docs/buffer.md).
   */
  buffer(bytes: Uint8Array | number): Uint8Array {
    this.ctx.checkOpen();
    return bufferToHost(this.ctx, typeof bytes === 'number' ? newHostBuffer(this.ctx, bytes) : wrapHostBuffer(this.ctx, bytes));
  }

  /** A Lua thread that will run `fn` (a global path or a function), driven by the host. */
  thread(fn: string | ((...args: never[]) => unknown)): LuaThread {
    return threadHandle(this.ctx, newCoroutine(this.ctx, this.resolve(fn), []));
  }

  /**
   * Close the state, as `lua_close`: the main thread's pending to-be-closed
   * variables are closed, then every object still marked for finalization
   * is finalized (`__gc`, newest first; errors become warnings), all under
   * the state's limits. Called while a script runs (from a host function, a
   * timer, an async callback), it stops the script instead, as `interrupt()`
   * does, and no finalizer runs. Afterwards every method, proxy and function
   * of this state throws, and pending async runs fail when they next resume.
   */
  close(): void {
    const ctx = this.ctx;
    if (ctx.closed) return;
    if (ctx.runs.running || ctx.pendingRuns > 0) {
      // called while a script runs (from a host function, or between the
      // waits of an async run): stop it; once closed, no finalizer runs
      ctx.closed = true;
      ctx.interrupt();
      return;
    }
    try {
      ctx.runs.run(undefined, () => closeState(ctx.L, true)); // the finalizers run under the limits
    } catch (e) {
      if (!(e instanceof LuaLimitError)) throw e; // a limit cut the finalizers short: the state closes anyway
    } finally {
      ctx.closed = true;
    }
  }

  private compile(code: string, options: RunOptions): LuaValue {
    this.ctx.checkOpen();
    const f = loadChunk(this.ctx.L, encodeUtf8(code), chunkName(code, options.chunkName), 't');
    if (typeof f === 'string') {
      const e = new LuaError(this.ctx.messageOf(f), f, undefined, this.ctx.messageOf(f));
      this.ctx.ownErrors.add(e);
      throw e;
    }
    return f;
  }

  private getRaw(path: string): LuaValue {
    this.ctx.checkOpen();
    const keys = splitPath(path);
    return this.ctx.protect((L) => {
      let t: LuaValue = globals(L);
      for (const k of keys) {
        if (t === undefined) return undefined;
        t = index(L, t, k, undefined);
      }
      return t;
    });
  }

  private resolve(fn: string | ((...args: never[]) => unknown)): LuaValue {
    this.ctx.checkOpen();
    if (typeof fn !== 'string') return toLua(this.ctx, fn);
    const f = this.getRaw(fn);
    if (f === undefined) throw new TypeError(`'${fn}' is not a function (it is nil)`);
    return f;
  }

  private results(values: LuaValue[], multi: boolean): unknown {
    if (!multi) return toJS(this.ctx, values[0]);
    return values.map((v) => toJS(this.ctx, v));
  }
}

/** The chunk name for loadChunk: given names are shown as is (`=`), else the code itself. */
function chunkName(code: string, name: string | undefined): string {
  if (name === undefined) return encodeUtf8(code);
  const first = name.charAt(0);
  return encodeUtf8(first === '@' || first === '=' ? name : `=${name}`);
}

/** 'a.b.c' -> Lua string keys. */
function splitPath(path: string): string[] {
  const keys = path.split('.');
  if (keys.some((k) => k === '')) throw new TypeError(`invalid path '${path}'`);
  return keys.map(encodeUtf8);
}
