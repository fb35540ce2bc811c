/**
 * Front-end entry point: Lua source (a byte string) to a function prototype.
 */

import type { Proto } from '../bytecode/proto.js';
import { Parser } from './parser.js';

export { LuaSyntaxError } from './syntax-error.js';
export { chunkid } from './chunkid.js';

export interface CompileOptions {
  /**
   * Nesting level already in use by the caller, counted like the
   * reference's C calls (LUAI_MAXCCALLS = 200 in all). Syntactic nesting
   * adds to it; reaching the limit is the error "C stack overflow". The
   * default, 2, is what `lua` has in use when a script's main chunk calls
   * `load`.
   */
  cstackBase?: number;
}

/**
 * Compile a chunk. `source` holds one byte per char code (0..255);
 * `chunkname` is as given to `load` ("@file.lua", "=stdin", or the source
 * itself). Throws LuaSyntaxError with the reference's message on errors.
 */
export function compile(source: string, chunkname: string, options?: CompileOptions): Proto {
  const parser = new Parser(source, chunkname, options?.cstackBase ?? 2);
  return parser.mainfunc();
}
