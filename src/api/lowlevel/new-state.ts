/**
 * Creating a Lua state for the low-level stack API, checked or not.
 */

import { openLibs } from '../../lib/init.js';
import { setPlatform, type Platform } from '../../lib/platform-interface.js';
import { newState } from '../../vm/create.js';
import { apiOf, setApiClass } from './registry.js';
import { CheckedLuaApi } from './checked-api.js';
import { LuaApi } from './lua-api.js';
import type { LibName } from '../../lib/init.js';
import { checkOptions, libNames, ofType, platform, positiveInteger, type OptionCheck, type OptionTable } from '../options.js';

/** Options of {@link newApiState}. */
export interface ApiStateOptions {
  /**
   * Validate every API call and guard the stack at every boundary (see
   * docs/api-lowlevel.md). Default: on when running under `node --test`,
   * `NODE_ENV=test` or `MOONBOX_API_CHECK=1`, off otherwise.
   */
  checked?: boolean;
  /** Standard libraries to open: all by default, a list of names, or 'none' (open later with `openLibs`). */
  libs?: readonly LibName[] | 'none';
  /** Receives `print` and `io.write` output (bytes as a latin1 string). */
  stdout?: (s: string) => void;
  /** Receives warnings. */
  stderr?: (s: string) => void;
  /** File system / environment access for io, os, require, loadfile (default: none). */
  platform?: Platform;
  /** Stack slots of the main thread before "stack overflow" (default 1,000,000). */
  stackLimit?: number;
  /** Stack slots of each coroutine before "stack overflow" (default: stackLimit). */
  coroutineStackLimit?: number;
}

/** `libs`: a list of library names, or `'none'`. */
const libsOrNone: OptionCheck = (v) => (v === 'none' ? undefined : libNames(v));

/** The checks of `newApiState()`'s options: an unknown key or a wrong type is a TypeError. */
const API_STATE_OPTIONS: OptionTable<ApiStateOptions> = {
  checked: ofType('boolean'),
  libs: libsOrNone,
  stdout: ofType('function'),
  stderr: ofType('function'),
  platform,
  stackLimit: positiveInteger,
  coroutineStackLimit: positiveInteger,
};

/** Is checked mode the default here (a test run, or asked for by the environment)? */
function checkedByDefault(): boolean {
  const env = typeof process === 'undefined' ? {} : process.env;
  return env.MOONBOX_API_CHECK === '1' || env.NODE_ENV === 'test' || env.NODE_TEST_CONTEXT !== undefined;
}

/** Create a Lua universe and return the low-level API of its main thread (lua_newstate + luaL_openlibs). */
export function newApiState(options: ApiStateOptions = {}): LuaApi {
  checkOptions('newApiState()', options, API_STATE_OPTIONS);
  const L = newState({
    stdout: options.stdout, stderr: options.stderr,
    stackLimit: options.stackLimit, coroutineStackLimit: options.coroutineStackLimit,
  });
  if (options.platform !== undefined) setPlatform(L, options.platform);
  setApiClass(L, options.checked ?? checkedByDefault() ? CheckedLuaApi : LuaApi);
  if (options.libs !== 'none') openLibs(L, options.libs);
  return apiOf<LuaApi>(L);
}
