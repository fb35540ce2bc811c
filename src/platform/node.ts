/**
 * The Platform backed by Node.js: the real file system and environment.
 * Used by the CLI; embedders opt in to it explicitly.
 */

import { readFileSync } from 'node:fs';
import { PlatformError, type Platform } from '../lib/platform.js';

/** Map Node's error codes to the C library's strerror() text. */
const STRERROR: Record<string, [string, number]> = {
  ENOENT: ['No such file or directory', 2],
  EACCES: ['Permission denied', 13],
  EISDIR: ['Is a directory', 21],
  ENOTDIR: ['Not a directory', 20],
  EEXIST: ['File exists', 17],
  EBADF: ['Bad file descriptor', 9],
};

export function platformError(e: unknown): PlatformError {
  const code = (e as { code?: string }).code ?? '';
  const known = STRERROR[code];
  if (known !== undefined) return new PlatformError(known[0], known[1]);
  return new PlatformError(e instanceof Error ? e.message : String(e));
}

export const nodePlatform: Platform = {
  readFile(path) {
    try {
      return readFileSync(path).toString('latin1');
    } catch (e) {
      throw platformError(e);
    }
  },
  readStdin() {
    try {
      return readFileSync(0).toString('latin1');
    } catch (e) {
      throw platformError(e);
    }
  },
  getenv(name) {
    return process.env[name];
  },
};
