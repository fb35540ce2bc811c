/**
 * moonbox's low-level stack API (`import ... from 'moonbox/lowlevel'`): the
 * Lua C API (`lua_*`, `luaL_*`) in TypeScript, with a checked mode that
 * catches stack misuse where it happens. docs/api-lowlevel.md is the guide.
 *
 * Most hosts want the `Lua` class of the main entry (`moonbox`) instead; the
 * two meet at `LuaApi.forState(lua.state)`. Platforms and `LuaError` are the
 * same objects in both entries.
 *
 * @packageDocumentation
 */

export { newApiState, type ApiStateOptions } from './api/lowlevel/new-state.js';
export { LuaApi, LuaHook, LuaMask, type ApiHook, type ResumeResult as ApiResumeResult } from './api/lowlevel/lua-api.js';
export type { DebugInfo } from './vm/debuginfo.js';
export { CheckedLuaApi, LuaApiError } from './api/lowlevel/checked-api.js';
export { type AuxApi, REFNIL, NOREF, type ApiLib } from './api/lowlevel/aux-api.js';
export {
  type StackApi, LuaType, LuaStatus, LuaArith, LuaCompare, REGISTRYINDEX, MULTRET, defaultPanic,
  type LuaTypeCode, type ApiFunction, type ApiContinuation, type PanicHandler,
} from './api/lowlevel/stack-api.js';
export { type LibName } from './lib/init.js';
export { LuaError } from './api/lua-error.js';
export type { LuaValue, LuaFloat, LightUserdata } from './value/value.js';
export type { LuaUserdata } from './vm/userdata.js';
export type { LuaState } from './vm/state.js';
