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
import { checkOptions, describe, libNames, objectWith, ofType, oneOf, platform, positiveInteger, type OptionCheck, type OptionTable } from './options.js';
import { LIMITS_OPTIONS, type Limits } from './limit-options.js';
import type { Sandbox } from '../lib/sandbox.js';
import type { PostMortemOptions } from '../lib/postmortem.js';
import type { CompileMode } from '../vm/jit/tier.js';

/** `limits`: an object of limits, each checked (see LIMITS_OPTIONS). */
export const limitsOption: OptionCheck = (v) => {
  try {
    checkOptions('limits', v, LIMITS_OPTIONS);
    return undefined;
  } catch (e) {
    return `is invalid: ${(e as Error).message}`;
  }
};

/** `sandbox`: 'none', 'safe', or an array of dotted names. */
const sandboxOption: OptionCheck = (v) => {
  if (v === 'none' || v === 'safe') return undefined;
  if (Array.isArray(v) && v.every((n) => typeof n === 'string' && /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/.test(n))) return undefined;
  return `must be 'none', 'safe' or an array of names like 'print' or 'os.time' (got ${describe(v)})`;
};

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
  /** Receives `print` and `io.write` output, decoded as UTF-8 (default: process.stdout under Node.js, else the console, a line at a time). */
  stdout?: (text: string) => void;
  /** Receives warnings (`warn`) and `io.stderr` output, decoded as UTF-8 (default: process.stderr under Node.js, else the console). */
  stderr?: (text: string) => void;
  /** Stack slots of the main thread before "stack overflow" (default 1,000,000). */
  stackLimit?: number;
  /** Stack slots of each coroutine before "stack overflow" (default: `stackLimit`). */
  coroutineStackLimit?: number;
  /** How Lua strings come out in JS: `'utf8'` (decoded text, the default) or `'bytes'` (Uint8Array). */
  strings?: StringMode;
  /** Called around every wait for a host Promise (the hook for time limits). */
  asyncHooks?: AsyncHooks;
  /**
   * What scripts can reach: `'safe'` (the default: base functions without
   * file access, `load` of text only, `string`, `table`, `math`, `utf8`,
   * `coroutine`, `os.time`/`clock`/`date`/`difftime`), `'none'` (full Lua:
   * every library `libs` opens), or an allow-list of dotted names
   * (`['print', 'string', 'os.time']`). What is not allowed is absent.
   */
  sandbox?: Sandbox;
  /** Limits of every run (see `Limits`); changeable later with `lua.limits = ...`, overridable per call. */
  limits?: Limits;
  /**
   * An Int32Array over a SharedArrayBuffer: storing a non-zero value in its
   * element 0 (`Atomics.store(flag, 0, 1)`), from any thread, interrupts the
   * running script at its next safepoint. Reset it to 0 before the next run.
   */
  interruptFlag?: Int32Array;
  /**
   * Make a post-mortem report (docs/postmortem.md) where an error or a limit
   * reaches the host, before anything unwinds: every coroutine's stack as it
   * was, memory by kind, limits. `lua.postMortem()` returns it. `{ locals:
   * true }` adds each frame's locals and upvalues. Off by default: a report
   * measures the whole heap.
   */
  postMortem?: boolean | PostMortemOptions;
  /**
   * Compile hot Lua functions to JavaScript (the default, `true`), or run
   * everything in the interpreter (`false`: for hosts that forbid `eval`;
   * where a Content-Security-Policy refuses `new Function`, moonbox falls
   * back to the interpreter by itself). `'all'` compiles every function on
   * its first call, which only tests want. Either way scripts behave the
   * same: the compiled code keeps every frame as the interpreter would.
   */
  compile?: boolean | 'all';
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
  sandbox: sandboxOption,
  limits: limitsOption,
  interruptFlag: (v) => (v instanceof Int32Array && v.length > 0 ? undefined : `must be an Int32Array (got ${describe(v)})`),
  postMortem: (v) => (typeof v === 'boolean' || (typeof v === 'object' && v !== null && Object.keys(v).every((k) => k === 'locals'))
    ? undefined : `must be a boolean or { locals?: boolean } (got ${describe(v)})`),
  compile: (v) => (typeof v === 'boolean' || v === 'all' ? undefined : `must be true, false or 'all' (got ${describe(v)})`),
};

/** The tier's mode for `compile` (undefined: the state's default, jit/tier.ts). */
export function compileMode(compile: boolean | 'all' | undefined): CompileMode | undefined {
  return compile === undefined ? undefined : compile === 'all' ? 'all' : compile ? 'hot' : 'off';
}

/** Options of `run`, `runAsync` and `load`. */
export interface RunOptions {
  /**
   * Name of the chunk in error messages and tracebacks (default: the code,
   * as `[string "..."]`). Shown as given (`script.lua:3:`); a leading `@` or
   * `=` keeps its Lua meaning.
   */
  chunkName?: string;
  /** Limits for this run, replacing the state's for the ones given. */
  limits?: Limits;
}

/** `RunOptions` asking for every result as an array. */
export interface RunMultiOptions extends RunOptions {
  /** Return all the chunk's results as an array instead of the first one. */
  multi: true;
}

/** The checks of `run`'s and `runAsync`'s options (`load` takes the same minus `multi`). */
export const RUN_OPTIONS: OptionTable<RunOptions & { multi?: boolean }> = {
  chunkName: ofType('string'),
  limits: limitsOption,
  multi: ofType('boolean'),
};

/** The checks of `load`'s options. */
export const LOAD_OPTIONS: OptionTable<RunOptions> = {
  chunkName: ofType('string'),
  limits: limitsOption,
};

/** Options of `profile` and `startProfile`. */
export interface ProfileOptions {
  /**
   * Also time every source line of Lua functions (`ProfileFunction.lines`).
   * Costs more than a profile of functions: every instruction is looked at.
   */
  lines?: boolean;
}

/** The checks of `profile`'s and `startProfile`'s options. */
export const PROFILE_OPTIONS: OptionTable<ProfileOptions> = {
  lines: ofType('boolean'),
};

/** The checks of `toJS`'s options. */
export const TO_JS_OPTIONS: OptionTable<ToJsOptions> = {
  deep: ofType('boolean'),
  strings: oneOf('utf8', 'bytes'),
};
