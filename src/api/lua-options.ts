/**
 * The options of the high-level API (`new Lua(options)`, `run`, `load`,
 * `toJS`), each with the table that checks it at the call (options.ts): an
 * unknown key or a wrong type is a TypeError naming the option, never a
 * setting silently ignored. Adding an option is a field in its interface
 * and a line in its table.
 */

import type { Platform } from '../lib/platform-interface.js';
import type { AsyncHooks, StringMode } from './context.js';
import type { ToJsOptions } from './convert.js';
import type { LibName } from '../lib/init.js';
import { libNames, objectWith, ofType, oneOf, platform, positiveInteger, type OptionTable } from './options.js';

/** Options of `new Lua()`. */
export interface LuaOptions {
  /**
   * Standard libraries to open, by name: `_G` (the base library),
   * `package`, `coroutine`, `table`, `io`, `os`, `string`, `math`, `utf8`,
   * `debug`. Default: all of them.
   */
  libs?: readonly LibName[];
  /**
   * File system, environment and process access for `io`, `os`, `require`,
   * `loadfile`... Default: `nullPlatform` (none: files cannot be opened,
   * `os.getenv` returns nil). Pass `createNodePlatform()` for the real ones.
   */
  platform?: Platform;
  /** Receives `print` and `io.write` output, decoded as UTF-8 (default: process.stdout). */
  stdout?: (text: string) => void;
  /** Receives warnings (`warn`) and `io.stderr` output, decoded as UTF-8 (default: process.stderr). */
  stderr?: (text: string) => void;
  /** Stack slots of the main thread before "stack overflow" (default 1,000,000). */
  stackLimit?: number;
  /** Stack slots of each coroutine before "stack overflow" (default: `stackLimit`). */
  coroutineStackLimit?: number;
  /** How Lua strings come out in JS: `'utf8'` (decoded text, the default) or `'bytes'` (Uint8Array). */
  strings?: StringMode;
  /** Called around every wait for a host Promise (the hook for time limits). */
  asyncHooks?: AsyncHooks;
}

/** The checks of `new Lua()`'s options. */
export const LUA_OPTIONS: OptionTable<LuaOptions> = {
  libs: libNames,
  platform,
  stdout: ofType('function'),
  stderr: ofType('function'),
  stackLimit: positiveInteger,
  coroutineStackLimit: positiveInteger,
  strings: oneOf('utf8', 'bytes'),
  asyncHooks: objectWith('an object of hook functions', [], ['onSuspend', 'onResume']),
};

/** Options of `run`, `runAsync` and `load`. */
export interface RunOptions {
  /**
   * Name of the chunk in error messages and tracebacks (default: the code,
   * as `[string "..."]`). Shown as given (`script.lua:3:`); a leading `@` or
   * `=` keeps its Lua meaning.
   */
  chunkName?: string;
}

/** `RunOptions` asking for every result as an array. */
export interface RunMultiOptions extends RunOptions {
  /** Return all the chunk's results as an array instead of the first one. */
  multi: true;
}

/** The checks of `run`'s and `runAsync`'s options (`load` takes the same minus `multi`). */
export const RUN_OPTIONS: OptionTable<RunOptions & { multi?: boolean }> = {
  chunkName: ofType('string'),
  multi: ofType('boolean'),
};

/** The checks of `load`'s options. */
export const LOAD_OPTIONS: OptionTable<RunOptions> = {
  chunkName: ofType('string'),
};

/** The checks of `toJS`'s options. */
export const TO_JS_OPTIONS: OptionTable<ToJsOptions> = {
  deep: ofType('boolean'),
  strings: oneOf('utf8', 'bytes'),
};
