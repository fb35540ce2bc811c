/**
 * moonbox: Lua 5.4 for hosts that run untrusted scripts.
 *
 * This entry (`import ... from 'moonbox'`) is the embedding API: the `Lua`
 * class and what it returns, the platforms that decide what a script may
 * touch, and the error classes a host catches. docs/api.md is the guide.
 *
 * The low-level stack API (the Lua C API in TypeScript) is the separate
 * entry `moonbox/lowlevel` (docs/api-lowlevel.md). Everything else under
 * `src/` is internal: the interpreter's own representation may change
 * between versions.
 *
 * @packageDocumentation
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

// the profiler's report, and its views: a table, folded stacks, a flame graph page
export type { ProfileReport, ProfileFunction, ProfileLine, ProfileNode } from './vm/profiler.js';
export { formatProfileTable, formatLineTable, type ProfileTableOptions } from './profile/table.js';
export { toFoldedStacks } from './profile/folded.js';
export { flameGraphHtml, type FlameGraphOptions } from './profile/flamegraph.js';
export { functionLabel } from './profile/label.js';
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
export {
  createNodePlatform, createDirectoryPlatform, type NodePlatformOptions, type DirectoryPlatformOptions,
} from './platform/node.js';
