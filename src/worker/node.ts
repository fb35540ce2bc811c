/**
 * LuaWorker and LuaPool on Node.js: the worker is a `worker_threads`
 * thread running node-worker-main.js. An idle worker does not keep the
 * process alive; one with a request pending does.
 */

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { LuaWorkerBase, type LuaWorkerOptions, type Spawn } from './lua-worker.js';
import { LuaPoolBase, type LuaPoolOptions } from './pool.js';
import type { FromWorker } from './protocol.js';

/**
 * The process's Node.js options, for the worker, minus those that say what
 * the main thread runs (`-e CODE`, `--input-type`): given to a worker they
 * stop it from starting.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['-e', '--eval', '-p', '--print'].includes(a)) i++;
    else if (!a.startsWith('--input-type') && !/^(-e|--eval|-p|--print)=/.test(a)) out.push(a);
  }
  return out;
}

const spawnThread: Spawn<LuaWorkerOptions> = (options, events) => {
  const url = options.workerUrl;
  const script = url === undefined ? new URL('./node-worker-main.js', import.meta.url) : typeof url === 'string' ? url : new URL(url.href);
  const resourceLimits = options.maxHeapMb === undefined ? undefined : { maxOldGenerationSizeMb: options.maxHeapMb };
  const worker = new Worker(script, { execArgv: workerExecArgv(), resourceLimits });
  worker.on('message', (m: FromWorker) => events.message(m));
  worker.on('error', (e: Error) => events.exit(`crashed: ${e.message}`));
  worker.on('exit', (code: number) => events.exit(`exited (code ${code})`));
  return {
    post: (m) => worker.postMessage(m),
    terminate: () => void worker.terminate(),
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
  };
};

/**
 * A Lua state on a worker thread, with the `Lua` class's API made async
 * (docs/worker.md): `await LuaWorker.create(options)`, then `run`, `call`,
 * `get`, `set`, `interrupt`, `stop`, `terminate`, `close`.
 */
export class LuaWorker extends LuaWorkerBase {
  /** Start a worker thread with a state made with `options`; resolves once it is ready. */
  static async create(options: LuaWorkerOptions = {}): Promise<LuaWorker> {
    return LuaWorkerBase.started(new LuaWorker(spawnThread, options));
  }
}

/**
 * Jobs across worker threads, each in a fresh state under its own limits,
 * with a bounded queue (docs/worker.md). `size` defaults to the number of
 * cores.
 */
export class LuaPool extends LuaPoolBase {
  constructor(options: LuaPoolOptions = {}) {
    super((o) => LuaWorker.create(o), options, availableParallelism());
  }
}
