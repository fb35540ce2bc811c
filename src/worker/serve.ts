/**
 * The worker side of a LuaWorker: one Lua state, and the requests of the
 * host (protocol.ts) answered in the order they come, each run under the
 * state's limits. Output is sent in batches while a script runs, so that a
 * script printing in a loop costs the host a message per batch, not per
 * line. The entry scripts (web-worker-main.ts, node-worker-main.ts) only
 * connect this to their environment's message port.
 */

import { Lua } from '../api/lua.js';
import { LuaThread } from '../api/thread.js';
import { checkOptions } from '../api/options.js';
import { LUA_OPTIONS } from '../api/lua-options.js';
import { errorFromWire, errorToWire, type FromWorker, type HostReply, type Init, type Request, type StateOptions } from './protocol.js';

/** A message port as the worker sees it. */
export interface WorkerPort {
  post(message: FromWorker): void;
  onMessage(handler: (message: Init | Request | HostReply) => void): void;
}

/** Output is sent when this much is waiting... */
const OUTPUT_BATCH_BYTES = 64 * 1024;
/** ...or when the last batch left this many milliseconds ago (so that a slow script's output still streams). */
const OUTPUT_BATCH_MS = 30;

/**
 * Serve the host on `port`: the first message is `init`, then requests,
 * handled one after the other (a run waiting for a host function holds
 * the next request back), and the host's replies to host calls.
 */
export function serve(port: WorkerPort): void {
  let server: Server | undefined;
  let queue: Promise<void> = Promise.resolve();
  port.onMessage((message) => {
    if (message.kind === 'init') {
      try {
        server = new Server(port, message);
        port.post({ kind: 'ready' });
      } catch (e) {
        port.post({ kind: 'failed', error: errorToWire(e, String) });
      }
      return;
    }
    const s = server;
    if (s === undefined) return;
    if (message.kind === 'hostreply') s.hostReply(message);
    // a request that fails here (a bug: handle answers every request) ends the worker, not just the chain
    else queue = queue.then(() => s.handle(message)).catch((e: unknown) => port.post({ kind: 'failed', error: errorToWire(e, String) }));
  });
}

/**
 * Output of the state, gathered into batches, in the order written across
 * both streams. Text waits at most OUTPUT_BATCH_MS: the first write after
 * a quiet spell goes at once, and the VM's safepoints (`tick`) send what
 * waits while a script computes without writing.
 */
class Output {
  private stream: 'stdout' | 'stderr' = 'stdout';
  private text = '';
  /** When the waiting text's first part was written, and when a batch last left. */
  private since = 0;
  private sent = 0;

  constructor(private readonly port: WorkerPort) {}

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (stream !== this.stream) this.flush();
    const now = Date.now();
    if (this.text === '') this.since = now;
    this.stream = stream;
    this.text += text;
    if (this.text.length >= OUTPUT_BATCH_BYTES || now - this.sent >= OUTPUT_BATCH_MS) this.flush();
  }

  /** At a safepoint: send what has waited long enough. */
  tick(): void {
    if (this.text !== '' && Date.now() - this.since >= OUTPUT_BATCH_MS) this.flush();
  }

  flush(): void {
    if (this.text === '') return;
    this.port.post({ kind: 'output', stream: this.stream, text: this.text });
    this.text = '';
    this.sent = Date.now();
  }
}

/** The state and what the requests do to it. */
class Server {
  private readonly output: Output;
  private readonly options: StateOptions;
  private readonly flag: Int32Array | undefined;
  /** The host's functions, by global path; with any, runs and calls are async (they wait for the host). */
  private readonly functions: string[];
  /** Host calls waiting for their reply. */
  private readonly hostCalls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextCall = 0;
  lua: Lua;

  constructor(private readonly port: WorkerPort, init: Init) {
    checkOptions('LuaWorker.create()', init.options, LUA_OPTIONS);
    this.output = new Output(port);
    this.options = init.options;
    this.flag = init.interrupt;
    this.functions = init.functions;
    this.lua = this.newState();
  }

  /** Do runs wait for the host (there are host functions)? */
  get async(): boolean {
    return this.functions.length > 0;
  }

  /**
   * A script calling a host function: the arguments are copied to the host,
   * the output so far sent first (so the host sees what was printed before
   * the call), and the Lua thread waits for the reply.
   */
  private hostCall(name: string, args: unknown[]): Promise<unknown> {
    const copies = args.map((a, i) => this.detach(a, `argument ${i + 1} of '${name}'`));
    this.output.flush();
    const call = ++this.nextCall;
    return new Promise((resolve, reject) => {
      this.hostCalls.set(call, { resolve, reject });
      this.port.post({ kind: 'hostcall', call, name, args: copies });
    });
  }

  hostReply(m: HostReply): void {
    const pending = this.hostCalls.get(m.call);
    if (pending === undefined) return;
    this.hostCalls.delete(m.call);
    if (m.ok) pending.resolve(m.value);
    else pending.reject(errorFromWire(m.error));
  }

  /** A state with the worker's options, its output to the host. */
  newState(): Lua {
    const lua = new Lua({
      ...this.options,
      stdout: (text) => this.output.write('stdout', text),
      stderr: (text) => this.output.write('stderr', text),
      interruptFlag: this.flag,
    });
    lua.state.g.budget.poll = () => this.output.tick();
    for (const name of this.functions) lua.set(name, (...args: unknown[]) => this.hostCall(name, args));
    return lua;
  }

  async handle(request: Request): Promise<void> {
    this.arm(request.id);
    let value: unknown;
    let failure: unknown;
    let failed = false;
    try {
      value = await perform(this, request);
    } catch (e) {
      failed = true;
      failure = e;
    } finally {
      this.disarm(request.id);
      this.output.flush();
    }
    const usage = RUNS.has(request.kind) ? this.lua.usage() : undefined;
    const error = failed ? errorToWire(failure, (v) => this.detachOrNot(v)) : undefined;
    this.port.post(error === undefined
      ? { kind: 'reply', id: request.id, usage, ok: true, value }
      : { kind: 'reply', id: request.id, usage, ok: false, error });
  }

  /**
   * The interrupt flag holds the id of the request the host wants stopped.
   * A request starting clears an older id (the host's interrupt came after
   * that request had ended) but keeps its own: an interrupt sent before the
   * worker got to the request still stops it, at its first safepoint.
   */
  private arm(id: number): void {
    const flag = this.flag;
    if (flag === undefined) return;
    const v = Atomics.load(flag, 0);
    if (v !== 0 && v !== id) Atomics.compareExchange(flag, 0, v, 0);
  }

  private disarm(id: number): void {
    if (this.flag !== undefined) Atomics.compareExchange(this.flag, 0, id, 0);
  }

  /** A value made ready to leave the worker: tables copied, anything else that cannot cross an error. */
  detach(v: unknown, what: string): unknown {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return v;
    if (v instanceof Uint8Array) return v;
    const copy = this.lua.toJS(v, { deep: true });
    checkCrossable(copy, what, new Set());
    return copy;
  }

  /** `detach`, or undefined when the value cannot cross (an error's value: its message stands in). */
  private detachOrNot(v: unknown): unknown {
    try {
      return this.detach(v, 'the error value');
    } catch {
      return undefined;
    }
  }
}

/** Requests that are runs: their replies carry the run's usage. */
const RUNS = new Set<Request['kind']>(['run', 'job', 'call']);

type Handlers = { [K in Request['kind']]: (s: Server, r: Extract<Request, { kind: K }>) => unknown };

/** What each request does. */
const HANDLERS: Handlers = {
  run: async (s, r) => {
    const options = { ...r.options, multi: true } as const;
    return results(s, s.async ? await s.lua.runAsync(r.code, options) : s.lua.run(r.code, options), r.options.multi === true);
  },
  job: (s, r) => {
    s.lua = s.newState();
    return HANDLERS.run(s, { ...r, kind: 'run' });
  },
  call: async (s, r) => results(s, s.async ? await s.lua.callMultiAsync(r.path, ...r.args) : s.lua.callMulti(r.path, ...r.args), r.multi),
  get: (s, r) => s.detach(s.lua.get(r.path), `'${r.path}'`),
  set: (s, r) => s.lua.set(r.path, r.value),
  limits: (s, r) => {
    s.lua.limits = r.limits;
  },
  usage: (s) => s.lua.usage(),
  startProfile: (s, r) => s.lua.startProfile({ lines: r.lines }),
  stopProfile: (s) => s.lua.stopProfile(),
  postMortem: (s, r) => s.lua.postMortem(r.options),
  reset: (s) => {
    s.lua = s.newState();
  },
  close: (s) => s.lua.close(),
};

function perform(s: Server, r: Request): unknown {
  return (HANDLERS[r.kind] as (s: Server, r: Request) => unknown)(s, r);
}

/** A run's results: the first, or all of them, each made ready to cross. */
function results(s: Server, values: unknown[], multi: boolean): unknown {
  if (!multi) return s.detach(values[0], 'the result');
  return values.map((v, i) => s.detach(v, `result ${i + 1}`));
}

/** Throws, naming it, if `v` holds what a structured clone cannot carry or the host could not use. */
function checkCrossable(v: unknown, what: string, seen: Set<object>): void {
  if (typeof v === 'function') throw new TypeError(`${what} is a function, which cannot leave the worker (${CROSSABLE})`);
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array || seen.has(v)) return;
  if (v instanceof LuaThread) throw new TypeError(`${what} is a coroutine, which cannot leave the worker (${CROSSABLE})`);
  const plain = Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;
  if (!plain) throw new TypeError(`${what} is a userdata, which cannot leave the worker (${CROSSABLE})`);
  seen.add(v);
  for (const [k, x] of Object.entries(v)) checkCrossable(x, Array.isArray(v) ? `${what}[${Number(k) + 1}]` : `${what}.${k}`, seen);
}

const CROSSABLE = 'only nil, booleans, numbers, strings, buffers and tables of them can';
