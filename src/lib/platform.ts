/**
 * The one interface through which the standard libraries reach the outside
 * world (files, processes, environment, clocks). Embedders choose what a
 * script may touch by choosing the Platform: the CLI uses the real file
 * system (see src/platform/node.ts); a sandbox can give none, a read-only
 * directory, or an in-memory one.
 *
 * Strings crossing this interface are Lua byte strings (latin1 JS strings).
 * Failures throw PlatformError with the C library's message ("No such file
 * or directory") so the libraries can report them as the reference does.
 */

import type { LuaState } from '../vm/state.js';

export class PlatformError extends Error {
  constructor(message: string, readonly errno = 0) {
    super(message);
    this.name = 'PlatformError';
  }
}

export interface Platform {
  /** Read a whole file. */
  readFile(path: string): string;
  /** Read all of standard input. */
  readStdin(): string;
  /** An environment variable, or undefined. */
  getenv(name: string): string | undefined;
}

/** A platform with no file system and no environment. */
export const nullPlatform: Platform = {
  readFile(path) {
    void path;
    throw new PlatformError("No such file or directory", 2);
  },
  readStdin() {
    return '';
  },
  getenv() {
    return undefined;
  },
};

const KEY = 'platform';

export function setPlatform(L: LuaState, p: Platform): void {
  L.g.ext.set(KEY, p);
}

export function platformOf(L: LuaState): Platform {
  return (L.g.ext.get(KEY) as Platform | undefined) ?? nullPlatform;
}
