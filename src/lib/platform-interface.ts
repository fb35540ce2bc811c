/**
 * The one interface through which the standard libraries reach the outside
 * world (files, processes, environment, clocks). Embedders choose what a
 * script may touch by choosing the Platform: the CLI uses the real file
 * system (see src/platform/node.ts); a sandbox can give none
 * (`nullPlatform`), or an in-memory one (src/platform/memory.ts).
 *
 * Strings crossing this interface are Lua byte strings (latin1 JS strings).
 * Failures throw PlatformError with the C library's message ("No such file
 * or directory") and errno so the libraries can report them as the
 * reference does (`nil, "x: No such file or directory", 2`).
 *
 * Standard output and error are not here: they are the state's sinks
 * (`L.g.stdout`/`L.g.stderr`), so a host captures `io.write` like `print`.
 */

import type { LuaState } from '../vm/state.js';
import { HostAbort } from '../vm/exceptions.js';

export class PlatformError extends Error {
  constructor(message: string, readonly errno = 0) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** Thrown by a platform's `exit` when it must not end the process: the host catches it. */
export class LuaExit extends HostAbort {
  constructor(readonly code: number) {
    super(`os.exit(${code})`);
    this.name = 'LuaExit';
  }
}

/** C's fopen modes, without 'b' (the library validates and strips it). */
export type OpenMode = 'r' | 'w' | 'a' | 'r+' | 'w+' | 'a+';
export type SeekWhence = 'set' | 'cur' | 'end';
export type BufferMode = 'no' | 'full' | 'line';

/** How a child process ended (for io.popen's close and os.execute). */
export interface ProcessStatus {
  readonly kind: 'exit' | 'signal';
  readonly code: number;
}

/** An open stream: a file, a pipe or standard input. Every method may throw PlatformError. */
export interface PlatformFile {
  /** Up to `n` bytes from the current position; '' at end of file. */
  read(n: number): string;
  write(data: string): void;
  /** Move the position; returns the new position from the start. */
  seek(whence: SeekWhence, offset: number): number;
  flush(): void;
  /** Release the stream; a pipe returns its command's status. */
  close(): ProcessStatus | undefined;
  setvbuf?(mode: BufferMode, size: number): void;
}

/** Broken-down time zone information for one instant. */
export interface ZoneInfo {
  /** Seconds east of UTC. */
  readonly offset: number;
  readonly isdst: boolean;
  /** Abbreviation for %Z ("UTC", "CET"). */
  readonly name: string;
}

export interface Platform {
  /** Read a whole file (loadfile, dofile, require). */
  readFile(path: string): string;
  /** Read all of standard input (loadfile(nil)). */
  readStdin(): string;
  /** An environment variable, or undefined. */
  getenv(name: string): string | undefined;

  /** Open a file (fopen). */
  open(path: string, mode: OpenMode): PlatformFile;
  /** Standard input as a stream. */
  stdin(): PlatformFile;
  remove(path: string): void;
  rename(from: string, to: string): void;
  /** A fresh file name (the file is created, as mkstemp does). */
  tmpname(): string;
  /** An anonymous read/write file removed when closed. */
  tmpfile(): PlatformFile;
  /** Run a command with a pipe to or from it; absent: "'popen' not supported". */
  popen?(command: string, mode: 'r' | 'w'): PlatformFile;
  /** Run a command (os.execute); absent: there is no shell. */
  execute?(command: string): ProcessStatus;

  /** CPU time used by the program, in seconds. */
  clock(): number;
  /** Current time, seconds since the epoch (may be fractional). */
  time(): number;
  /** The local time zone at instant `t` (seconds since the epoch). */
  zone(t: number): ZoneInfo;
  /** End the program (os.exit). Must not return; a host that must survive throws LuaExit. */
  exit(code: number): never;
}

const ENOENT = (): never => {
  throw new PlatformError('No such file or directory', 2);
};

/** A stream that fails every operation with `message`. */
export function failingFile(message: string, errno: number): PlatformFile {
  const fail = (): never => {
    throw new PlatformError(message, errno);
  };
  return { read: fail, write: fail, seek: fail, flush() {}, close: () => undefined };
}

/** An in-memory stream over `data` (read-only unless `writable`). */
export function stringFile(
  data: string, writable = false, onClose?: (data: string) => ProcessStatus | undefined,
): PlatformFile & { contents(): string } {
  let pos = 0;
  const readOnly = (): never => {
    throw new PlatformError('Bad file descriptor', 9);
  };
  return {
    read(n) {
      const s = data.slice(pos, pos + n);
      pos += s.length;
      return s;
    },
    write: writable
      ? (s) => {
        if (pos > data.length) data = data.padEnd(pos, '\0');
        data = data.slice(0, pos) + s + data.slice(pos + s.length);
        pos += s.length;
      }
      : readOnly,
    seek(whence, offset) {
      const p = (whence === 'set' ? 0 : whence === 'cur' ? pos : data.length) + offset;
      if (p < 0) throw new PlatformError('Invalid argument', 22);
      pos = p;
      return pos;
    },
    flush() {},
    close: () => onClose?.(data),
    contents: () => data,
  };
}

/** Seconds of CPU time approximated by wall time since start (no process accounting). */
const startTime = Date.now();
export function wallClock(): number {
  return (Date.now() - startTime) / 1000;
}

/**
 * A platform with no file system, no environment, no processes; clocks
 * work, in UTC. Frozen: every state without a platform of its own shares it.
 */
export const nullPlatform: Platform = Object.freeze({
  readFile: ENOENT,
  readStdin: () => '',
  getenv: () => undefined,
  open: ENOENT,
  stdin: () => stringFile(''),
  remove: ENOENT,
  rename: ENOENT,
  tmpname() {
    throw new PlatformError('Read-only file system', 30);
  },
  tmpfile() {
    throw new PlatformError('Read-only file system', 30);
  },
  clock: wallClock,
  time: () => Date.now() / 1000,
  zone: () => UTC,
  exit(code) {
    throw new LuaExit(code);
  },
} satisfies Platform);

export const UTC: ZoneInfo = { offset: 0, isdst: false, name: 'UTC' };

const KEY = 'platform';

export function setPlatform(L: LuaState, p: Platform): void {
  L.g.ext.set(KEY, p);
}

export function platformOf(L: LuaState): Platform {
  return (L.g.ext.get(KEY) as Platform | undefined) ?? nullPlatform;
}
