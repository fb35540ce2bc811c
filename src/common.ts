/**
 * Everything the package exports in every environment: the entry of
 * browsers (`browser.ts`) is exactly this; the Node.js entry (`index.ts`)
 * adds the Node.js platforms.
 */

// the high-level API
export { Lua, type LuaOptions, type RunOptions, type RunMultiOptions, type ProfileOptions, type Profiled } from './api/lua.js';
export { type LibName } from './lib/init.js';
export { LuaThread, type ResumeResult, type ThreadStatus } from './api/thread.js';
export { LuaMulti, type ToJsOptions } from './api/convert.js';
export type { LuaTableProxy } from './api/proxy.js';
export type { LuaFunctionProxy } from './api/callable.js';
export type { AsyncHooks, StringMode } from './api/context.js';
export type { LuaFloat, LuaValue } from './value/value.js';

// the profiler's report (its views, a table, folded stacks and a flame graph page, are in `moonbox/profile`)
export type { ProfileReport, ProfileFunction, ProfileLine, ProfileNode } from './vm/profiler.js';
export {
  formatPostMortem, POSTMORTEM_VERSION, type PostMortemReport, type PostMortemOptions, type FailureCause, type ThreadReport,
  type FrameReport, type VariableReport, type MemoryReport, type LimitsReport, type LimitUse,
} from './lib/postmortem.js';
export type { MemoryByType } from './vm/gc.js';

// the errors a host catches
export { LuaError, LuaInternalError, LuaLimitError, type LimitName } from './api/lua-error.js';
export type { Limits, Usage } from './api/limits.js';
export type { Sandbox } from './lib/sandbox.js';
export { LuaExit, PlatformError } from './lib/platform-interface.js';


// platforms: what a script's io, os, require and loadfile reach
export {
  nullPlatform,
  type Platform, type PlatformFile, type OpenMode, type SeekWhence, type BufferMode, type ProcessStatus, type ZoneInfo,
} from './lib/platform-interface.js';
export { memoryPlatform, type MemoryPlatform, type MemoryPlatformOptions } from './platform/memory.js';
export { localZone } from './platform/zone.js';
