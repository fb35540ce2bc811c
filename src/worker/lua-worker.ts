/**
 * A Lua state on another thread (a Web Worker, or a Node.js worker
 * thread), driven with the API of the `Lua` class, made async: whatever a
 * script does, the host's thread (a page, a server's event loop) stays
 * free. Stopping has two levels: the cooperative interrupt (the script ends
 * at its next safepoint with a `LuaLimitError`, the state lives on), which
 * needs a SharedArrayBuffer, and behind it the hard stop (`terminate`: the
 * thread is killed, the state is lost), which always works. The limits
 * (instructions, memory, time) are enforced inside the worker by the VM; a
 * watchdog here terminates a worker that overruns its time limit by more
 * than the grace period, which only a bug can make happen.
 *
 * This file is the part common to both environments; web.ts and node.ts
 * give it the way to start a worker.
 */

import type { Limits, Usage } from '../api/limit-options.js';
import { LIMITS_OPTIONS, NO_USAGE } from '../api/limit-options.js';
import { checkOptions, describe, ofType, nonNegativeNumber, positiveInteger, type OptionTable } from '../api/options.js';
import { LUA_OPTIONS, RUN_OPTIONS, PROFILE_OPTIONS, type ProfileOptions, type RunOptions, type RunMultiOptions } from '../api/lua-options.js';
import type { PostMortemOptions, PostMortemReport } from '../lib/postmortem.js';
import type { ProfileReport } from '../vm/profiler.js';
import { defaultSink } from '../vm/default-output.js';
import { encodeUtf8 } from '../api/utf8.js';
import { errorFromWire, errorToWire, LuaWorkerError, type FromWorker, type HostReply, type Init, type Request, type StateOptions } from './protocol.js';

/**
 * A URL object (typed by shape, so that the package's types need neither
 * the DOM library nor Node.js's).
 */
export interface UrlLike {
  readonly href: string;
}

/** Options of `LuaWorker.create()`: those of `new Lua()` that are data, where output goes, and how stops work. */
export interface LuaWorkerOptions extends StateOptions {
  /** Receives `print` and `io.write` output, in batches (default: process.stdout under Node.js, else the console). */
  stdout?: (text: string) => void;
  /** Receives warnings and `io.stderr` output (default: process.stderr under Node.js, else the console). */
  stderr?: (text: string) => void;
  /**
   * Milliseconds a script gets to stop after a cooperative interrupt
   * (`stop()`), or after its time limit, before the worker is terminated
   * (default 1000).
   */
  grace?: number;
  /** Where the worker's script is, when a bundler moved it (a URL, or its text; default: beside this module). */
  workerUrl?: string | UrlLike;
  /**
   * The host's functions scripts may call, by global path (`{ 'app.fetch':
   * fn }`). They run on the host's thread: a call sends its arguments (copied)
   * and the script waits for the result (a Promise is awaited), as an async
   * host function of `runAsync`; time spent waiting does not count against
   * the time limit (as `countWaits: false`).
   */
  functions?: Readonly<Record<string, (...args: never[]) => unknown>>;
  /**
   * Node.js only: megabytes of JS heap the worker thread may use in all
   * (its `resourceLimits.maxOldGenerationSizeMb`), a backstop behind the
   * Lua memory limit: a worker past it is ended by Node.js, its requests
   * fail with a LuaWorkerError ('crashed') and the process goes on (a pool
   * replaces the worker). Browsers have no such setting; it is ignored there.
   */
  maxHeapMb?: number;
}

/** The checks of LuaWorkerOptions: `new Lua()`'s, minus the functions, plus the worker's own. */
export const WORKER_OPTIONS: OptionTable<LuaWorkerOptions> = {
  libs: LUA_OPTIONS.libs,
  sandbox: LUA_OPTIONS.sandbox,
  limits: LUA_OPTIONS.limits,
  stackLimit: LUA_OPTIONS.stackLimit,
  coroutineStackLimit: LUA_OPTIONS.coroutineStackLimit,
  strings: LUA_OPTIONS.strings,
  postMortem: LUA_OPTIONS.postMortem,
  stdout: ofType('function'),
  stderr: ofType('function'),
  grace: nonNegativeNumber,
  workerUrl: (v) => (typeof v === 'string' || (typeof v === 'object' && v !== null && typeof (v as UrlLike).href === 'string')
    ? undefined : `must be a string or a URL (got ${describe(v)})`),
  maxHeapMb: positiveInteger,
  functions: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `must be an object of functions (got ${describe(v)})`;
    const bad = Object.entries(v).find(([k, f]) => typeof f !== 'function' || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(k));
    return bad === undefined ? undefined : `'${bad[0]}' must be a function at a path like 'name' or 'app.name' (got ${describe(bad[1])})`;
  },
};

/** What the host side needs of a started worker. */
export interface WorkerHandle {
  post(message: Init | Request | HostReply): void;
  terminate(): void;
  /** Keep the host process alive while requests are pending (Node.js); nothing in browsers. */
  hold(busy: boolean): void;
}

/** What a worker reports to its host side. */
export interface WorkerEvents {
  message(message: FromWorker): void;
  /** The worker is gone (crashed, or exited), with why. */
  exit(reason: string): void;
}

/** How an environment starts a worker running serve(). */
export type Spawn<O> = (options: O, events: WorkerEvents) => WorkerHandle;

/** Options of `stop()`. */
export interface StopOptions {
  /** Milliseconds to wait for the cooperative interrupt before terminating (default: the worker's `grace`). */
  grace?: number;
}

const DEFAULT_GRACE = 1000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** The run's time limit, for the watchdog (Infinity: none, or not a run). */
  time: number;
}

/** Can this environment share memory between threads (for the cooperative interrupt)? */
function canShareMemory(): boolean {
  const g = globalThis as { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean };
  return typeof g.SharedArrayBuffer === 'function' && g.crossOriginIsolated !== false;
}

/**
 * A Lua state running on a worker thread. Made by `LuaWorker.create()` (the
 * class of the `moonbox` entry, for Node.js or for browsers); requests are
 * answered in the order they are made.
 */
export class LuaWorkerBase {
  /** True when `interrupt()` stops a script cooperatively (the state lives on); false when it has to terminate the worker. */
  readonly cooperative: boolean;
  private readonly handle: WorkerHandle;
  private readonly flag: Int32Array | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Called when request `id` is answered or fails (what `stop()` waits for). */
  private readonly onSettled = new Map<number, (() => void)[]>();
  private readonly stdout: (text: string) => void;
  private readonly stderr: (text: string) => void;
  private readonly grace: number;
  private readonly functions: Readonly<Record<string, (...args: never[]) => unknown>>;
  /** Host calls of the running script not answered yet: the watchdog waits while there are any. */
  private hostCalls = 0;
  private nextId = 0;
  private dead: LuaWorkerError | undefined = undefined;
  private lastUsage: Usage = { ...NO_USAGE };
  private stateLimits: Limits;
  private watchdog: ReturnType<typeof setTimeout> | undefined = undefined;
  private readonly started: Promise<void>;

  /** Start a worker with `spawn` (use `LuaWorker.create()`). */
  protected constructor(spawn: Spawn<LuaWorkerOptions>, options: LuaWorkerOptions) {
    checkOptions('LuaWorker.create()', options, WORKER_OPTIONS);
    this.cooperative = canShareMemory();
    this.flag = this.cooperative ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    this.stdout = options.stdout ?? textOut('stdout');
    this.stderr = options.stderr ?? textOut('stderr');
    this.grace = options.grace ?? DEFAULT_GRACE;
    this.functions = { ...options.functions };
    this.stateLimits = { ...options.limits };
    let ready!: () => void;
    let failed!: (e: Error) => void;
    this.started = new Promise<void>((res, rej) => {
      ready = res;
      failed = rej;
    });
    this.handle = spawn(options, {
      message: (m) => this.receive(m, ready, failed),
      exit: (reason) => {
        failed(new LuaWorkerError(`the worker could not start: ${reason}`, 'crashed'));
        this.die(new LuaWorkerError(`the worker ${reason}`, 'crashed'));
      },
    });
    this.handle.hold(true);
    this.handle.post({ kind: 'init', options: stateOptions(options), interrupt: this.flag, functions: Object.keys(this.functions) });
  }

  /** `worker`, once its state exists; if it cannot be made, the worker is ended and the promise rejects with why. */
  protected static async started<W extends LuaWorkerBase>(worker: W): Promise<W> {
    try {
      await worker.started;
    } catch (e) {
      worker.terminate('the worker could not start');
      throw e;
    }
    worker.hold();
    return worker;
  }

  /** False once the worker is gone (terminated, crashed or closed): every request then fails with a LuaWorkerError. */
  get alive(): boolean {
    return this.dead === undefined;
  }

  /** Requests made and not answered yet (a run in progress is one). */
  get pendingRequests(): number {
    return this.pending.size;
  }

  /** Run a chunk (as `Lua#run`); resolves to its first result, or all of them as an array with `multi: true`. */
  run<T extends unknown[] = unknown[]>(code: string, options: RunMultiOptions): Promise<T>;
  run<T = unknown>(code: string, options?: RunOptions): Promise<T>;
  run(code: string, options: RunOptions & { multi?: boolean } = {}): Promise<unknown> {
    checkOptions('run', options, RUN_OPTIONS);
    return this.request({ kind: 'run', code: String(code), options }, this.timeOf(options.limits));
  }

  /**
   * Run a chunk in a fresh state (the worker's options, the state before
   * dropped): what a pool does for each job, so that nothing one script
   * leaves behind reaches the next.
   * @internal
   */
  runFresh(code: string, options: RunOptions & { multi?: boolean } = {}): Promise<unknown> {
    return this.request({ kind: 'job', code: String(code), options }, this.timeOf(options.limits));
  }

  /**
   * Call the function at a global path (`'util.greet'`) with `args` (plain
   * data: they are copied to the worker); resolves to its first result.
   */
  call<T = unknown>(path: string, ...args: unknown[]): Promise<T> {
    return this.request({ kind: 'call', path: String(path), args, multi: false }, this.timeOf(undefined)) as Promise<T>;
  }

  /** `call`, resolving to every result as an array. */
  callMulti<T extends unknown[] = unknown[]>(path: string, ...args: unknown[]): Promise<T> {
    return this.request({ kind: 'call', path: String(path), args, multi: true }, this.timeOf(undefined)) as Promise<T>;
  }

  /** Read a global or a field path (tables come back copied, as `toJS(v, { deep: true })` does). */
  get<T = unknown>(path: string): Promise<T> {
    return this.request({ kind: 'get', path: String(path) }) as Promise<T>;
  }

  /** Write a global or a field path (the value is copied into the worker). */
  set(path: string, value: unknown): Promise<void> {
    return this.request({ kind: 'set', path: String(path), value }) as Promise<void>;
  }

  /** The limits of every run (see `Limits`); a run's own `limits` option replaces some of them. */
  get limits(): Limits {
    return { ...this.stateLimits };
  }

  /** Takes effect for the runs requested after it. */
  set limits(limits: Limits) {
    checkOptions('limits', limits, LIMITS_OPTIONS);
    this.stateLimits = { ...limits };
    this.request({ kind: 'limits', limits: this.stateLimits }).catch(() => { /* the worker is gone: so are its limits */ });
  }

  /** What the last run used (instructions, memory and its peak, time), as of its reply. */
  usage(): Usage {
    return { ...this.lastUsage };
  }

  /** Start the profiler in the worker (as `Lua#startProfile`). */
  startProfile(options: ProfileOptions = {}): Promise<void> {
    checkOptions('startProfile()', options, PROFILE_OPTIONS);
    return this.request({ kind: 'startProfile', lines: options.lines === true }) as Promise<void>;
  }

  /** Stop the profiler and get its report (as `Lua#stopProfile`). */
  stopProfile(): Promise<ProfileReport> {
    return this.request({ kind: 'stopProfile' }) as Promise<ProfileReport>;
  }

  /** A post-mortem report (as `Lua#postMortem`). */
  postMortem(options: PostMortemOptions = {}): Promise<PostMortemReport> {
    return this.request({ kind: 'postMortem', options }) as Promise<PostMortemReport>;
  }

  /** Replace the state by a fresh one with the same options (what scripts left behind is dropped). */
  reset(): Promise<void> {
    return this.request({ kind: 'reset' }) as Promise<void>;
  }

  /**
   * Stop the script that is running now. With shared memory (`cooperative`)
   * it ends at its next safepoint with a `LuaLimitError` whose `limit` is
   * `'interrupt'`, and the state goes on; without it, the worker is
   * terminated. Does nothing when nothing runs.
   */
  interrupt(): void {
    const oldest = this.pending.keys().next();
    if (oldest.done === true) return;
    if (this.flag === undefined) {
      this.terminate('interrupted without shared memory (a page that is not cross-origin isolated): the worker was terminated');
      return;
    }
    Atomics.store(this.flag, 0, oldest.value);
  }

  /**
   * Stop the running script for sure: a cooperative interrupt first, then,
   * if it has not stopped within `grace` milliseconds, `terminate()`.
   * Resolves once it has stopped, one way or the other.
   */
  async stop(options: StopOptions = {}): Promise<void> {
    checkOptions('stop()', options, { grace: nonNegativeNumber });
    const oldest = this.pending.entries().next();
    if (oldest.done === true) return;
    const [id] = oldest.value;
    this.interrupt();
    if (!this.pending.has(id)) return;
    const grace = options.grace ?? this.grace;
    const stopped = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), grace);
      const waiting = this.onSettled.get(id) ?? [];
      waiting.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.onSettled.set(id, waiting);
    });
    if (!stopped) this.terminate(`the script did not stop within ${grace} ms of an interrupt: the worker was terminated`);
  }

  /**
   * The hard stop: end the worker now, whatever runs. Every pending request
   * fails with a LuaWorkerError, the state is lost, and this LuaWorker takes
   * no more requests.
   */
  terminate(why = 'the worker was terminated'): void {
    if (this.dead !== undefined) return;
    this.die(new LuaWorkerError(why, 'terminated'));
    this.handle.terminate();
  }

  /**
   * Close the state (as `Lua#close`: pending `__close` and `__gc` run, under
   * the limits), then end the worker. Requests made before it are answered
   * first.
   */
  async close(): Promise<void> {
    if (this.dead !== undefined) return;
    try {
      await this.request({ kind: 'close' });
    } finally {
      if (this.dead === undefined) {
        this.die(new LuaWorkerError('the worker was closed', 'closed'));
        this.handle.terminate();
      }
    }
  }

  private request(message: DistributiveOmit<Request, 'id'>, time = Infinity): Promise<unknown> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      try {
        this.handle.post({ ...message, id } as Request);
      } catch (e) {
        // a DataCloneError: an argument cannot be copied to the worker
        reject(new TypeError(`${message.kind}: ${(e as Error).message} (only plain data can be sent to a worker)`));
        return;
      }
      this.pending.set(id, { resolve, reject, time });
      this.hold();
    });
  }

  /** The time limit a run will have (for the watchdog). */
  private timeOf(limits: Limits | undefined): number {
    return limits?.time ?? this.stateLimits.time ?? Infinity;
  }

  private receive(m: FromWorker, ready: () => void, failed: (e: Error) => void): void {
    switch (m.kind) {
      case 'ready': ready(); return;
      case 'failed': failed(errorFromWire(m.error)); this.terminate(`the worker failed: ${m.error.message}`); return;
      case 'output': (m.stream === 'stdout' ? this.stdout : this.stderr)(m.text); return;
      case 'hostcall': void this.callHost(m.call, m.name, m.args); return;
      case 'reply': break;
    }
    const p = this.pending.get(m.id);
    if (p === undefined) return;
    this.pending.delete(m.id);
    if (m.usage !== undefined) this.lastUsage = m.usage;
    if (m.ok) p.resolve(m.value);
    else p.reject(errorFromWire(m.error));
    this.settled(m.id);
    this.hold();
  }

  /** Run host function `name` for the script, and send its result (or its error) back. */
  private async callHost(call: number, name: string, args: unknown[]): Promise<void> {
    this.hostCalls++;
    this.hold();
    let reply: HostReply;
    try {
      const value = await (this.functions[name] as (...a: unknown[]) => unknown)(...args);
      reply = { kind: 'hostreply', call, ok: true, value };
    } catch (e) {
      reply = { kind: 'hostreply', call, ok: false, error: errorToWire(e, () => undefined) };
    }
    this.hostCalls--;
    if (this.dead !== undefined) return;
    try {
      this.handle.post(reply);
    } catch (e) {
      // a result that cannot be copied to the worker (a function, say)
      this.handle.post({ kind: 'hostreply', call, ok: false, error: { type: 'TypeError', message: `${name}: ${(e as Error).message} (only plain data can be sent to a worker)` } });
    }
    this.hold();
  }

  /**
   * After each change of what is pending: keep the process alive only while
   * something is, and arm the watchdog for the request the worker is on.
   */
  private hold(): void {
    if (this.dead !== undefined) return;
    this.handle.hold(this.pending.size > 0);
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const oldest = this.pending.entries().next();
    // the script waits for the host: the time limit does not run meanwhile, nor does the watchdog
    if (oldest.done === true || oldest.value[1].time === Infinity || this.hostCalls > 0) return;
    const [id, p] = oldest.value;
    this.watchdog = setTimeout(() => {
      if (this.pending.has(id)) this.terminate(`the script ran ${p.time + this.grace} ms, past its time limit (${p.time} ms) and the grace period: the worker was terminated`);
    }, p.time + this.grace);
    unrefTimer(this.watchdog);
  }

  private settled(id: number): void {
    const waiting = this.onSettled.get(id);
    this.onSettled.delete(id);
    for (const f of waiting ?? []) f();
  }

  private die(error: LuaWorkerError): void {
    if (this.dead !== undefined) return;
    this.dead = error;
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    for (const id of [...this.onSettled.keys()]) this.settled(id);
    this.handle?.hold(false);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The options the worker's state is made with. */
function stateOptions(o: LuaWorkerOptions): StateOptions {
  // (`functions` stay here: their paths go in the init message)
  const { libs, sandbox, limits, stackLimit, coroutineStackLimit, strings, postMortem } = o;
  return { libs, sandbox, limits, stackLimit, coroutineStackLimit, strings, postMortem };
}

/** Text from the worker to where the `Lua` class's output goes by default. */
function textOut(which: 'stdout' | 'stderr'): (text: string) => void {
  const sink = defaultSink(which);
  return (text) => sink(encodeUtf8(text));
}

/** A timer that does not keep Node.js running by itself (the pending request's hold does). */
function unrefTimer(t: ReturnType<typeof setTimeout>): void {
  (t as { unref?: () => void }).unref?.();
}
