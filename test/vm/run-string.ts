/**
 * For the VM tests: a state on the VM's own representation (no conversion
 * layer between the test and the values), and code run in it with every
 * entry protected: a Lua error becomes a LuaError exception and the state
 * stays usable. Not part of the package; hosts use the `Lua` class.
 */

import { tolstring } from '../../src/lib/tostring.js';
import { openLibs, type LibName } from '../../src/lib/init.js';
import { setPlatform, type Platform } from '../../src/lib/platform-interface.js';
import type { LuaValue } from '../../src/value/value.js';
import { pcall } from '../../src/vm/call.js';
import { loadChunk, newState } from '../../src/vm/create.js';
import { LUA_OK, type LuaState } from '../../src/vm/state.js';
import { LuaError } from '../../src/api/lua-error.js';
import { clearTraceback, takeTraceback, tracebackHandler } from '../../src/api/traceback-handler.js';

export interface CreateOptions {
  /** Standard libraries to open (default: all). */
  libs?: readonly LibName[];
  /** File system / environment access for io, os, require, loadfile (default: none). */
  platform?: Platform;
  /** Receives `print` and `io.write` output (bytes as a latin1 string). */
  stdout?: (s: string) => void;
  /** Receives warnings. */
  stderr?: (s: string) => void;
  /** Stack slots of the main thread before "stack overflow" (default 1,000,000, as Lua's LUAI_MAXSTACK). */
  stackLimit?: number;
  /**
   * Stack slots of each coroutine before "stack overflow" (default: `stackLimit`).
   * A slot stands for one of the reference's 16-byte stack values, so 1,000
   * slots is the equivalent of a 16 KB coroutine stack.
   */
  coroutineStackLimit?: number;
}

/** Create a Lua state with the standard libraries opened. */
export function createState(options: CreateOptions = {}): LuaState {
  const L = newState({
    stdout: options.stdout,
    stderr: options.stderr,
    stackLimit: options.stackLimit,
    coroutineStackLimit: options.coroutineStackLimit,
  });
  if (options.platform !== undefined) setPlatform(L, options.platform);
  openLibs(L, options.libs);
  return L;
}

/**
 * Compile and run `code` (a chunk of Lua source) in `L`, returning the
 * chunk's results. Throws LuaError for syntax and runtime errors.
 */
export function runString(L: LuaState, code: string, chunkname = code): LuaValue[] {
  const f = loadChunk(L, code, chunkname, 't');
  if (typeof f === 'string') throw new LuaError(f, f, undefined);
  const h = L.top;
  L.stack[L.top++] = tracebackHandler;
  const func = L.top;
  L.stack[L.top++] = f;
  clearTraceback(L);
  let status: number;
  try {
    status = pcall(L, func, -1, h);
  } catch (e) {
    L.top = h; // a host abort passed through: leave the stack as found
    throw e;
  }
  if (status !== LUA_OK) {
    const err = L.stack[L.top - 1];
    L.top = h;
    const msg = typeof err === 'string' ? err : tolstring(L, err);
    throw new LuaError(msg, err, takeTraceback(L));
  }
  const results = L.stack.slice(func, L.top);
  L.top = h;
  return results;
}
