/**
 * moonbox: a Lua 5.4 runtime for hosts that run untrusted scripts.
 *
 * This is the package's single entry point. The embedding API is still
 * small (a fuller host API is on the way); the pieces below are stable.
 *
 * @packageDocumentation
 */

export { createState, runString, type CreateOptions } from './api/lowlevel/run-string.js';
export { LuaError } from './api/lua-error.js';
export { nodePlatform } from './platform/node.js';
export { nullPlatform, type Platform, PlatformError } from './lib/platform-interface.js';
export { LuaFloat, LightUserdata, type LuaValue } from './value/value.js';
export { LuaUserdata } from './vm/userdata.js';
export { LuaTable } from './vm/table.js';
export { LuaClosure, HostFunction, type HostFn } from './vm/function.js';
export { LuaState } from './vm/state.js';
export { compile, LuaSyntaxError } from './frontend/compile.js';
export { main as cliMain, type CliHost } from './cli/main.js';

// high-level API
export { Lua, type LuaOptions, type RunOptions, type RunMultiOptions } from './api/lua.js';
export { LuaThread, type ResumeResult, type ThreadStatus } from './api/thread.js';
export { LuaMulti, type ToJsOptions } from './api/convert.js';
export type { LuaTableProxy } from './api/proxy.js';
export type { LuaFunctionProxy } from './api/callable.js';
export type { AsyncHooks, StringMode } from './api/context.js';
export { createNodePlatform } from './platform/node.js';

// low-level stack API
export { LuaApi, type ResumeResult as ApiResumeResult } from './api/lowlevel/lua-api.js';
export { CheckedLuaApi, LuaApiError } from './api/lowlevel/checked-api.js';
export { newApiState, type ApiStateOptions } from './api/lowlevel/new-state.js';
export { AuxApi, REFNIL, NOREF, type ApiLib } from './api/lowlevel/aux-api.js';
export {
  StackApi, LuaType, LuaStatus, LuaArith, LuaCompare, REGISTRYINDEX, MULTRET, defaultPanic,
  type LuaTypeCode, type ApiFunction, type ApiContinuation, type PanicHandler,
} from './api/lowlevel/stack-api.js';
