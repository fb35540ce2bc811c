/**
 * What `moonbox/worker` exports in every environment (worker.ts for
 * Node.js, worker-browser.ts for browsers add LuaWorker and LuaPool as
 * each starts its workers): the messages' errors, the options, and the
 * error classes a host catches, so that a page or a server that only runs
 * scripts on workers needs nothing else (the runtime is in the worker's
 * own script, not in the page).
 */

export { LuaWorkerError } from './worker/protocol.js';
export type { LuaWorkerOptions, StopOptions, UrlLike } from './worker/lua-worker.js';
export { LuaPoolError, type LuaPoolOptions, type JobOptions, type JobResult, type AbortSignalLike } from './worker/pool.js';
export { LuaError, LuaInternalError, LuaLimitError, type LimitName } from './api/lua-error.js';
export type { Limits, Usage } from './api/limit-options.js';
export type { ProfileReport, ProfileFunction, ProfileLine, ProfileNode } from './vm/profiler.js';
export type { PostMortemReport } from './lib/postmortem.js';
