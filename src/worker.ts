/**
 * `moonbox/worker` on Node.js: `LuaWorker`, a Lua state on a worker thread
 * with the `Lua` class's API made async, and `LuaPool`, jobs in fresh
 * states across workers (docs/worker.md). An entry of its own: a host that
 * only runs scripts on workers loads the runtime in the workers alone.
 *
 * @packageDocumentation
 */

export * from './worker-shared.js';
export { LuaWorker, LuaPool } from './worker/node.js';
