/**
 * `moonbox/worker` in browsers: `LuaWorker` and `LuaPool` on module Web
 * Workers (docs/worker.md). A page that runs scripts only on workers loads
 * this small client; the runtime is in the worker's script
 * (web-worker-main.js, beside this file in dist/).
 *
 * @packageDocumentation
 */

export * from './worker-shared.js';
export { LuaWorker, LuaPool } from './worker/web.js';
