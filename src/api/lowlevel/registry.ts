/**
 * One API object per Lua thread, and the class that builds them.
 *
 * A host function registered through the low-level API receives the
 * `LuaApi` of the thread it runs on. Those objects are created on first use
 * and cached per thread (a WeakMap, so a dead coroutine's API object goes
 * with it). The class to instantiate is chosen once per Lua universe (checked
 * or unchecked) and kept in the global state, which also keeps this module
 * free of imports of the API classes themselves (no import cycle).
 */

import type { LuaState } from '../../vm/state.js';

const API_CLASS = 'moonbox.api.class';

/** A constructor of API objects (the unchecked or the checked class). */
export type ApiClass<T> = new (L: LuaState) => T;

const apis = new WeakMap<LuaState, unknown>();

/** Choose the API class of L's universe (first choice wins; threads share it). */
export function setApiClass<T>(L: LuaState, cls: ApiClass<T>): void {
  if (!L.g.ext.has(API_CLASS)) L.g.ext.set(API_CLASS, cls);
}

/** The class chosen for L's universe, if any. */
export function apiClassOf<T>(L: LuaState): ApiClass<T> | undefined {
  return L.g.ext.get(API_CLASS) as ApiClass<T> | undefined;
}

/** The API object of thread L (created on first use with the universe's class). */
export function apiOf<T>(L: LuaState): T {
  let api = apis.get(L) as T | undefined;
  if (api === undefined) {
    const cls = apiClassOf<T>(L);
    if (cls === undefined) throw new Error('moonbox: this Lua state was not opened through the low-level API');
    api = new cls(L);
    apis.set(L, api);
  }
  return api;
}

/** Remember an API object built directly (so that apiOf returns the same one). */
export function registerApi(L: LuaState, api: unknown): void {
  apis.set(L, api);
}
