/**
 * The high-level embedding API: `new Lua(options)`, run code, call
 * functions, read and write globals, with values converted between JS and
 * Lua (docs/api.md has the guide and the conversion table).
 */

import { openLibs } from '../lib/init.js';
import { nullPlatform, setPlatform, type Platform } from '../lib/platform-interface.js';
import { LuaFloat, type LuaValue } from '../value/value.js';
import { index, setindex } from '../vm/operations.js';
import { globals, loadChunk, newState } from '../vm/create.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { runInCoroutine, newCoroutine } from './async.js';
import { callableOf, type LuaFunctionProxy } from './callable.js';
import { Context, type AsyncHooks, type StringMode } from './context.js';
import { LuaMulti, toJS, toLua, type ToJsOptions } from './convert.js';
import { LuaError } from './lua-error.js';
import type { LuaTableProxy } from './proxy.js';
import { threadHandle, type LuaThread } from './thread.js';
import { encodeUtf8, textSink } from './utf8.js';

/** Options of `new Lua()`. */
export interface LuaOptions {
  /**
   * Standard libraries to open, by name: `_G` (the base library),
   * `package`, `coroutine`, `table`, `io`, `os`, `string`, `math`, `utf8`,
   * `debug`. Default: all of them.
   */
  libs?: readonly string[];
  /**
   * File system, environment and process access for `io`, `os`, `require`,
   * `loadfile`... Default: `nullPlatform` (none: files cannot be opened,
   * `os.getenv` returns nil). Pass `createNodePlatform()` for the real ones.
   */
  platform?: Platform;
  /** Receives `print` and `io.write` output, decoded as UTF-8 (default: process.stdout). */
  stdout?: (text: string) => void;
  /** Receives warnings (`warn`) and `io.stderr` output, decoded as UTF-8 (default: process.stderr). */
  stderr?: (text: string) => void;
  /** Stack slots of the main thread before "stack overflow" (default 1,000,000). */
  stackLimit?: number;
  /** Stack slots of each coroutine before "stack overflow" (default: `stackLimit`). */
  coroutineStackLimit?: number;
  /** How Lua strings come out in JS: `'utf8'` (decoded text, the default) or `'bytes'` (Uint8Array). */
  strings?: StringMode;
  /** Called around every wait for a host Promise (the hook for time limits). */
  asyncHooks?: AsyncHooks;
}

/** Options of `run` and `runAsync`. */
export interface RunOptions {
  /**
   * Name of the chunk in error messages and tracebacks (default: the code,
   * as `[string "..."]`). Shown as given (`script.lua:3:`); a leading `@` or
   * `=` keeps its Lua meaning.
   */
  chunkName?: string;
}

/** `RunOptions` asking for every result as an array. */
export interface RunMultiOptions extends RunOptions {
  /** Return all the chunk's results as an array instead of the first one. */
  multi: true;
}

/**
 * A Lua 5.4 state. Every entry into Lua is protected: a Lua error is thrown
 * as a `LuaError` (or as the host's own exception when a host function threw
 * it) and the state stays usable.
 */
export class Lua {
  private readonly ctx: Context;

  /** Create a state with the chosen standard libraries opened. */
  constructor(options: LuaOptions = {}) {
    const L = newState({
      stdout: options.stdout === undefined ? undefined : textSink(options.stdout),
      stderr: options.stderr === undefined ? undefined : textSink(options.stderr),
      stackLimit: options.stackLimit,
      coroutineStackLimit: options.coroutineStackLimit,
    });
    setPlatform(L, options.platform ?? nullPlatform);
    openLibs(L, options.libs);
    this.ctx = new Context(L, options.strings ?? 'utf8', options.asyncHooks ?? {}, (ctx, v) => toJS(ctx, v));
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

  /** Compile `code` into a JS-callable function (a syntax error throws LuaError). */
  load(code: string, options: RunOptions = {}): LuaFunctionProxy {
    return callableOf(this.ctx, this.compile(code, options) as LuaValue & object);
  }

  /** Run a chunk; returns its first result (all of them, as an array, with `multi: true`). */
  run(code: string, options: RunMultiOptions): unknown[];
  run(code: string, options?: RunOptions): unknown;
  run(code: string, options: RunOptions & { multi?: boolean } = {}): unknown {
    const values = this.ctx.pcall(this.compile(code, options), []);
    return this.results(values, options.multi === true);
  }

  /**
   * Run a chunk in a coroutine that waits for the Promises of async host
   * functions; resolves to the first result (all of them with `multi: true`).
   */
  runAsync(code: string, options: RunMultiOptions): Promise<unknown[]>;
  runAsync(code: string, options?: RunOptions): Promise<unknown>;
  async runAsync(code: string, options: RunOptions & { multi?: boolean } = {}): Promise<unknown> {
    const values = await runInCoroutine(this.ctx, this.compile(code, options), []);
    return this.results(values, options.multi === true);
  }

  /** Call a function (a global path such as `'util.greet'`, or a function value); returns its first result. */
  call(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): unknown {
    return this.callMulti(fn, ...args)[0];
  }

  /** `call`, returning every result as an array. */
  callMulti(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): unknown[] {
    const f = this.resolve(fn);
    const values = this.ctx.pcall(f, args.map((a) => toLua(this.ctx, a)));
    return this.results(values, true) as unknown[];
  }

  /** `call` in a coroutine that waits for async host functions; resolves to the first result. */
  async callAsync(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): Promise<unknown> {
    const f = this.resolve(fn);
    const values = await runInCoroutine(this.ctx, f, args.map((a) => toLua(this.ctx, a)));
    return this.results(values, false);
  }

  /**
   * Read a global, or a field path through tables (`'app.config.debug'`),
   * honouring `__index`. A missing table along the path gives undefined.
   */
  get(path: string): unknown {
    return toJS(this.ctx, this.getRaw(path));
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
          next = new LuaTable();
          setindex(L, t, k, next, undefined);
        }
        t = next;
      }
      setindex(L, t, last, v, undefined);
    });
  }

  /** Convert a Lua value (as the low-level API holds it) to JS; `deep` copies tables. */
  toJS(value: unknown, options: ToJsOptions = {}): unknown {
    this.ctx.checkOpen();
    return toJS(this.ctx, toLua(this.ctx, value), options);
  }

  /** A Lua thread that will run `fn` (a global path or a function), driven by the host. */
  thread(fn: string | ((...args: never[]) => unknown)): LuaThread {
    return threadHandle(this.ctx, newCoroutine(this.ctx, this.resolve(fn), []));
  }

  /**
   * Close the state: afterwards every method, proxy and function of this
   * state throws, and pending async runs fail when they next resume.
   */
  close(): void {
    this.ctx.closed = true;
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
