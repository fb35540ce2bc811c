/**
 * LuaWorker and LuaPool in browsers: the worker is a module Web Worker
 * running web-worker-main.js. The `new Worker(new URL(..., import.meta.url))`
 * form is kept literally so that bundlers (Vite, webpack, Parcel) find the
 * worker's script and bundle it too.
 */

import { LuaWorkerBase, type LuaWorkerOptions, type Spawn } from './lua-worker.js';
import { LuaPoolBase, type LuaPoolOptions } from './pool.js';
import type { FromWorker } from './protocol.js';

/** The part of the DOM's Worker used here (the project compiles without the DOM library). */
interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
  onmessageerror: ((event: unknown) => void) | null;
}
declare const Worker: new (url: string | URL, options: { type: 'module'; name?: string }) => WebWorker;

const spawnWebWorker: Spawn<LuaWorkerOptions> = (options, events) => {
  const worker = options.workerUrl === undefined
    ? new Worker(new URL('./web-worker-main.js', import.meta.url), { type: 'module', name: 'moonbox' })
    : new Worker(typeof options.workerUrl === 'string' ? options.workerUrl : options.workerUrl.href, { type: 'module', name: 'moonbox' });
  worker.onmessage = (e) => events.message(e.data as FromWorker);
  worker.onerror = (e) => {
    e.preventDefault();
    events.exit(`crashed: ${e.message ?? 'its script failed to load or threw'}`);
  };
  worker.onmessageerror = () => events.exit('crashed: a message could not be read');
  return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate(), hold: () => undefined };
};

/**
 * A Lua state in a Web Worker, with the `Lua` class's API made async
 * (docs/worker.md): an infinite loop never freezes the page.
 */
export class LuaWorker extends LuaWorkerBase {
  /** Start a Web Worker with a state made with `options`; resolves once it is ready. */
  static async create(options: LuaWorkerOptions = {}): Promise<LuaWorker> {
    return LuaWorkerBase.started(new LuaWorker(spawnWebWorker, options));
  }
}

/** Jobs across Web Workers (docs/worker.md); `size` defaults to `navigator.hardwareConcurrency`. */
export class LuaPool extends LuaPoolBase {
  constructor(options: LuaPoolOptions = {}) {
    const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
    super((o) => LuaWorker.create(o), options, nav?.hardwareConcurrency ?? 2);
  }
}
