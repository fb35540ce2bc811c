/**
 * An in-memory file system Platform, for embedders and sandboxes:
 *
 *     memoryPlatform({ '/app/x.lua': 'return 1' }, { readOnly: true, cwd: '/app' })
 *
 * Paths are resolved against `cwd` ('/' by default); directories exist
 * implicitly (any prefix of a file's path). No processes, UTC time, and
 * os.exit throws LuaExit unless `exit` is given.
 */

import {
  LuaExit, PlatformError, UTC, failingFile, stringFile, wallClock, type OpenMode, type Platform, type PlatformFile,
  type ZoneInfo,
} from '../lib/platform-interface.js';

export interface MemoryPlatformOptions {
  /** Refuse every change ("Read-only file system"). */
  readOnly?: boolean;
  /** Directory relative paths are resolved against (default '/'). */
  cwd?: string;
  /** Environment variables for os.getenv. */
  env?: Readonly<Record<string, string>>;
  /** What standard input holds. */
  stdin?: string;
  /** What os.exit does (default: throw LuaExit). */
  exit?: (code: number) => never;
  /** Clock for os.time (seconds since the epoch); default: the real time. */
  now?: () => number;
  /** The local time zone at an instant (default: UTC). */
  zone?: (t: number) => ZoneInfo;
}

export interface MemoryPlatform extends Platform {
  /** The files, by absolute path (contents are byte strings). */
  readonly files: Map<string, string>;
}

const fail = (message: string, errno: number): never => {
  throw new PlatformError(message, errno);
};

/** Absolute, normalized form of `path` (no '.', '..' or repeated '/'). */
function resolve(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

export function memoryPlatform(
  initial: Readonly<Record<string, string>> = {}, options: MemoryPlatformOptions = {},
): MemoryPlatform {
  const cwd = options.cwd ?? '/';
  const files = new Map<string, string>();
  for (const [k, v] of Object.entries(initial)) files.set(resolve('/', k), v);
  const abs = (p: string): string => resolve(cwd, p);
  const isDir = (p: string): boolean => p === '/' || [...files.keys()].some((k) => k.startsWith(p + '/'));
  const writable = (): void => {
    if (options.readOnly) fail('Read-only file system', 30);
  };
  let tmpCounter = 0;

  const existing = (path: string): string => {
    const p = abs(path);
    const data = files.get(p);
    if (data === undefined) return isDir(p) ? fail('Is a directory', 21) : fail('No such file or directory', 2);
    return data;
  };

  /** A stream over file `p` that stores its content back on every change. */
  const fileStream = (p: string, mode: OpenMode): PlatformFile & { contents(): string } => {
    const f = stringFile(files.get(p) ?? '', mode !== 'r', (data) => {
      if (mode !== 'r') files.set(p, data);
      return undefined;
    });
    const write = f.write;
    f.write = (s) => {
      if (mode[0] === 'a') f.seek('end', 0);
      write(s);
    };
    if (mode === 'w' || mode === 'a') {
      f.read = () => fail('Bad file descriptor', 9);
    }
    return f;
  };

  const platform: MemoryPlatform = {
    files,
    readFile: existing,
    readStdin: () => options.stdin ?? '',
    getenv: (name) => options.env?.[name],
    open(path, mode) {
      const p = abs(path);
      // C's fopen opens a directory for reading; reading it then fails.
      if (mode === 'r' && !files.has(p) && isDir(p)) return failingFile('Is a directory', 21);
      if (mode === 'r' || mode === 'r+') existing(path);
      if (mode !== 'r') writable();
      if (isDir(p)) fail('Is a directory', 21);
      if (mode[0] === 'w' || !files.has(p)) files.set(p, '');
      const f = fileStream(p, mode);
      // Changes become visible to other handles when flushed or closed, as with C's buffers.
      const flushTo = f.flush;
      f.flush = () => {
        flushTo();
        if (mode !== 'r') files.set(p, f.contents());
      };
      return f;
    },
    stdin: () => stringFile(options.stdin ?? ''),
    remove(path) {
      writable();
      const p = abs(path);
      if (!files.delete(p)) {
        if (isDir(p)) fail('Directory not empty', 39);
        fail('No such file or directory', 2);
      }
    },
    rename(from, to) {
      writable();
      const data = existing(from);
      files.delete(abs(from));
      files.set(abs(to), data);
    },
    tmpname() {
      writable();
      let name: string;
      do name = `/tmp/lua_${(tmpCounter++).toString(36).padStart(6, '0')}`; while (files.has(name));
      files.set(name, '');
      return name;
    },
    tmpfile() {
      writable();
      return stringFile('', true);
    },
    clock: wallClock,
    time: options.now ?? (() => Date.now() / 1000),
    zone: options.zone ?? (() => UTC),
    exit: options.exit ?? ((code) => {
      throw new LuaExit(code);
    }),
  };
  return platform;
}
