/**
 * The Platform backed by Node.js: the real file system, environment,
 * processes and clocks. Used by the CLI (`nodePlatform`, whose os.exit ends
 * the process); embedders opt in to it explicitly with `createNodePlatform`,
 * whose os.exit throws LuaExit unless they pass their own `exit`.
 */

import { spawnSync } from 'node:child_process';
import {
  closeSync, fstatSync, openSync, readFileSync, readSync, realpathSync, renameSync, rmdirSync, unlinkSync, writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { popen } from './pipe.js';
import { localZone } from './zone.js';
import {
  LuaExit, PlatformError, stringFile, type OpenMode, type Platform, type PlatformFile, type ProcessStatus,
} from '../lib/platform-interface.js';

/** Map Node's error codes to the C library's strerror() text and errno (Linux numbering). */
const STRERROR: Record<string, [string, number]> = {
  EPERM: ['Operation not permitted', 1],
  ENOENT: ['No such file or directory', 2],
  EIO: ['Input/output error', 5],
  EBADF: ['Bad file descriptor', 9],
  EAGAIN: ['Resource temporarily unavailable', 11],
  EACCES: ['Permission denied', 13],
  EBUSY: ['Device or resource busy', 16],
  EEXIST: ['File exists', 17],
  EXDEV: ['Invalid cross-device link', 18],
  ENOTDIR: ['Not a directory', 20],
  EISDIR: ['Is a directory', 21],
  EINVAL: ['Invalid argument', 22],
  EMFILE: ['Too many open files', 24],
  ENOSPC: ['No space left on device', 28],
  ESPIPE: ['Illegal seek', 29],
  EROFS: ['Read-only file system', 30],
  EPIPE: ['Broken pipe', 32],
  ENAMETOOLONG: ['File name too long', 36],
  ENOTEMPTY: ['Directory not empty', 39],
  ELOOP: ['Too many levels of symbolic links', 40],
};

export function platformError(e: unknown): PlatformError {
  const code = (e as { code?: string }).code ?? '';
  const known = STRERROR[code];
  if (known !== undefined) return new PlatformError(known[0], known[1]);
  return new PlatformError(e instanceof Error ? e.message : String(e));
}

/** Run `f`, turning Node's exceptions into PlatformError. */
function sys<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw platformError(e);
  }
}

/** A file descriptor with a position we track ourselves (pread/pwrite). */
function fdFile(fd: number, append: boolean, closeFd = true): PlatformFile {
  let pos = 0;
  let closed = false;
  return {
    read(n) {
      const buf = Buffer.allocUnsafe(n);
      const got = sys(() => readSync(fd, buf, 0, n, pos));
      pos += got;
      return buf.toString('latin1', 0, got);
    },
    write(data) {
      const buf = Buffer.from(data, 'latin1');
      // O_APPEND writes land at the end whatever the offset: keep our position in step.
      if (append) pos = sys(() => fstatSync(fd).size);
      let off = 0;
      while (off < buf.length) off += sys(() => writeSync(fd, buf, off, buf.length - off, pos + off));
      pos += buf.length;
    },
    seek(whence, offset) {
      const from = whence === 'set' ? 0 : whence === 'cur' ? pos : sys(() => fstatSync(fd).size);
      if (from + offset < 0) throw new PlatformError('Invalid argument', 22);
      pos = from + offset;
      return pos;
    },
    flush() {},
    close() {
      if (!closed && closeFd) sys(() => closeSync(fd));
      closed = true;
      return undefined;
    },
    setvbuf() {},
  };
}

/** Standard input: sequential reads, retried while the descriptor is non-blocking and empty. */
function stdinFile(): PlatformFile {
  const f = stringFile('');
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  f.read = (n) => {
    const buf = Buffer.allocUnsafe(n);
    for (;;) {
      try {
        const got = readSync(0, buf, 0, n, null);
        return buf.toString('latin1', 0, got);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EOF') return '';
        if (code !== 'EAGAIN') throw platformError(e);
        Atomics.wait(sleeper, 0, 0, 10);
      }
    }
  };
  f.seek = () => {
    throw new PlatformError('Illegal seek', 29);
  };
  return f;
}

const SIGNALS: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGABRT: 6, SIGFPE: 8, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13,
  SIGALRM: 14, SIGTERM: 15,
};

/** os.execute: the command through the shell, to completion, with the script's stdio. */
function execute(command: string): ProcessStatus {
  const r = spawnSync('/bin/sh', ['-c', command], { stdio: 'inherit' });
  if (r.error !== undefined) throw platformError(r.error);
  if (r.signal !== null) return { kind: 'signal', code: SIGNALS[r.signal] ?? 0 };
  return { kind: 'exit', code: r.status ?? 0 };
}


let tmpCounter = 0;
function tmpname(): string {
  for (let tries = 0; tries < 100; tries++) {
    const suffix = (Date.now() * 1000 + process.pid * 7 + tmpCounter++).toString(36).slice(-6);
    const name = `${tmpdir()}/lua_${suffix}`;
    try {
      closeSync(openSync(name, 'wx', 0o600));
      return name;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw platformError(e);
    }
  }
  throw new PlatformError('File exists', 17);
}


export interface NodePlatformOptions {
  /** What os.exit does; default: throw LuaExit (never end an embedding host). */
  exit?: (code: number) => never;
}

export function createNodePlatform(options: NodePlatformOptions = {}): Platform {
  return {
    readFile: (path) => sys(() => readFileSync(path).toString('latin1')),
    readStdin: () => sys(() => readFileSync(0).toString('latin1')),
    getenv: (name) => process.env[name],
    open(path: string, mode: OpenMode) {
      const fd = sys(() => openSync(path, mode, 0o666));
      return fdFile(fd, mode[0] === 'a');
    },
    stdin: stdinFile,
    remove: (path) => sys(() => unlinkOrRmdir(path)),
    rename: (from, to) => sys(() => renameSync(from, to)),
    tmpname,
    tmpfile() {
      const name = tmpname();
      const fd = sys(() => openSync(name, 'w+'));
      sys(() => unlinkSync(name));
      return fdFile(fd, false);
    },
    popen: (command, mode) => popen(command, mode, platformError),
    execute,
    ...clocksAndExit(options.exit),
  };
}

/** The members every Node.js platform shares: process CPU time, wall-clock time, the local zone, and `os.exit`. */
function clocksAndExit(exit: ((code: number) => never) | undefined): Pick<Platform, 'clock' | 'time' | 'zone' | 'exit'> {
  return {
    clock() {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    },
    time: () => Date.now() / 1000,
    zone: localZone,
    exit: exit ?? ((code) => {
      throw new LuaExit(code);
    }),
  };
}

/** Options of `createDirectoryPlatform`. */
export interface DirectoryPlatformOptions {
  /** Refuse every change: writing, removing, renaming, temporary files ("Read-only file system"). Default true. */
  readOnly?: boolean;
  /** Environment variables for os.getenv (default: none). */
  env?: Readonly<Record<string, string>>;
  /** What os.exit does; default: throw LuaExit. */
  exit?: (code: number) => never;
}

/**
 * A platform whose file system is one directory of the real one: every
 * path, relative or absolute, is taken inside `root` (`/data.txt` is
 * `root/data.txt`), `..` never leaves it, and a symbolic link that leads
 * out of it is refused ("Permission denied"). Read-only by default. No
 * processes (`io.popen`, `os.execute`), no environment unless given, no
 * standard input; clocks are the real ones.
 */
export function createDirectoryPlatform(root: string, options: DirectoryPlatformOptions = {}): Platform {
  const readOnly = options.readOnly ?? true;
  const realRoot = sys(() => realpathSync(root));
  const inside = (real: string): boolean => real === realRoot || real.startsWith(realRoot + '/');
  /** The real path of `path` inside the root; for a file that does not exist yet, its directory must. */
  const resolve = (path: string): string => {
    const parts: string[] = [];
    for (const p of path.split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    const full = realRoot + '/' + parts.join('/');
    let real: string;
    try {
      real = realpathSync(full);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT' || parts.length === 0) throw platformError(e);
      real = sys(() => realpathSync(realRoot + '/' + parts.slice(0, -1).join('/'))) + '/' + parts[parts.length - 1];
    }
    if (!inside(real)) throw new PlatformError('Permission denied', 13);
    return real;
  };
  const refuse = (): never => {
    throw new PlatformError('Read-only file system', 30);
  };
  const writable = <A extends unknown[], R>(f: (...args: A) => R): ((...args: A) => R) => (readOnly ? refuse : f);
  return {
    readFile: (path) => sys(() => readFileSync(resolve(path)).toString('latin1')),
    readStdin: () => '',
    getenv: (name) => options.env?.[name],
    open(path: string, mode: OpenMode) {
      if (readOnly && mode !== 'r') refuse();
      const real = resolve(path);
      const fd = sys(() => openSync(real, mode, 0o666));
      return fdFile(fd, mode[0] === 'a');
    },
    stdin: () => stringFile(''),
    remove: writable((path: string) => sys(() => unlinkOrRmdir(resolve(path)))),
    rename: writable((from: string, to: string) => sys(() => renameSync(resolve(from), resolve(to)))),
    tmpname: refuse,
    tmpfile: refuse,
    ...clocksAndExit(options.exit),
  };
}

/** C's remove(): files and empty directories. */
function unlinkOrRmdir(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'EISDIR' && code !== 'EPERM') throw e;
    rmdirSync(path);
  }
}

/** Every write to stdout/stderr is synchronous, so nothing is pending at exit. */
function processExit(code: number): never {
  process.exit(code);
}

/** The CLI's platform: os.exit ends the process, like the standalone `lua`. */
export const nodePlatform: Platform = createNodePlatform({ exit: processExit });
