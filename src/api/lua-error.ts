/**
 * The error type the host sees when Lua code fails, with a JS `stack` that
 * shows the Lua frames where the error was raised.
 */

import type { PostMortemReport } from '../lib/postmortem.js';
import type { LuaValue } from '../value/value.js';

/**
 * A Lua error that reached the host.
 *
 * - `luaMessage`: the error object's string form (`tostring` semantics,
 *   `__tostring` included; Lua strings decoded as UTF-8).
 * - `luaValue`: the original error object, as the raw Lua value (a
 *   `LuaTable` for `error({code = 1})`); rethrowing this `LuaError` from a
 *   host function raises that same object again inside Lua.
 * - `value`: the error object converted to JS by the `Lua` instance's rules
 *   (a string, a number, a live table proxy...); equal to `luaValue` for
 *   errors raised through the low-level API (whose panic handler throws them).
 * - `luaTraceback`: the Lua `stack traceback:` text captured where the error
 *   was raised (undefined for syntax errors).
 *
 * The JS `stack` lists the Lua frames first (`at f (script.lua:3)`), then
 * the JS frames of the host call that ran the Lua code.
 */
export class LuaError extends Error {
  /** The error object converted to JS (see the class description). */
  readonly value: unknown;

  constructor(
    readonly luaMessage: string,
    readonly luaValue: LuaValue,
    readonly luaTraceback: string | undefined,
    value: unknown = luaValue,
  ) {
    super(luaMessage);
    this.name = 'LuaError';
    this.value = value;
    const jsFrames = (this.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    const luaFrames = luaTraceback === undefined ? [] : luaFramesAsJs(luaTraceback);
    this.stack = [`LuaError: ${luaMessage}`, ...luaFrames, ...jsFrames].join('\n');
  }
}

/**
 * The lines of a Lua traceback as JS stack frames:
 * `\tscript.lua:3: in function 'f'` becomes `    at f (script.lua:3)`,
 * `\t[C]: in function 'error'` becomes `    at error ([C])`.
 */
export function luaFramesAsJs(traceback: string): string[] {
  const out: string[] = [];
  for (const line of traceback.split('\n')) {
    const m = /^\t(.*?):(?:(\d+):)? in (.*)$/.exec(line);
    if (m === null) continue; // "stack traceback:", "(...tail calls...)", skipped levels
    const [, where, lineNo, what] = m;
    const location = lineNo === undefined ? where : `${where}:${lineNo}`;
    out.push(`    at ${frameName(what)} (${location})`);
  }
  return out;
}

/** "function 'f'" -> "f", "method 'obj:m'" -> "obj:m", "function <x.lua:3>" -> "<anonymous>". */
function frameName(what: string): string {
  const named = /^(?:\w+ )?'(.*)'$/.exec(what);
  if (named !== null) return named[1];
  if (what === 'main chunk') return what;
  return '<anonymous>';
}

/** Which limit stopped a script: see `LuaLimitError`. */
export type LimitName = 'instructions' | 'memory' | 'time' | 'interrupt';

/**
 * A script stopped by one of its state's limits, or interrupted by the
 * host. Lua code cannot catch it (`pcall` and coroutines let it through,
 * after running pending `__close` handlers under a small grace budget); the
 * state stays usable, and the next run starts with a fresh budget.
 *
 * `limit` says which limit; `value` is its configured value (instructions,
 * bytes, milliseconds; 0 for an interrupt) and `used` what was used when it
 * hit (for memory: the bytes the failed allocation would have brought the
 * heap to). `luaTraceback` is the Lua stack where it hit.
 */
export class LuaLimitError extends LuaError {
  constructor(
    message: string,
    readonly limit: LimitName,
    readonly limitValue: number,
    readonly used: number,
    luaTraceback: string | undefined,
  ) {
    super(message, message, luaTraceback);
    this.name = 'LuaLimitError';
    this.stack = (this.stack ?? '').replace(/^LuaError:/, 'LuaLimitError:');
  }
}

/**
 * moonbox itself failed: a JS exception escaped a part of the runtime that
 * raises only Lua errors (a bug, to be reported). The state it happened in
 * is closed, every later call on it throws, and other states are
 * unaffected. `report` is the post-mortem report made where it happened
 * (docs/postmortem.md), `jsStack` the JS stack of the exception.
 */
export class LuaInternalError extends Error {
  constructor(message: string, readonly report: PostMortemReport, readonly jsStack: string) {
    super(message);
    this.name = 'LuaInternalError';
  }
}
