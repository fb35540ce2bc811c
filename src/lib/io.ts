/**
 * The io library (the reference's liolib.c). Files are full userdata whose
 * data is a Stream and whose metatable is the registry's "FILE*". Files
 * come from the Platform; io.stdout/io.stderr write to the state's sinks
 * (L.g.stdout/L.g.stderr) so a host captures io.write like print.
 */

import { charge, HOST_CLOSURE, SLOT, USERDATA } from '../vm/heap.js';
import { setMetatable } from '../vm/gc.js';
import { fmtNumberG14 } from '../value/numfmt.js';
import { str2number } from '../value/number.js';
import { LuaFloat, isFalse, type LuaValue } from '../value/value.js';
import { LuaUserdata } from '../vm/userdata.js';
import { HostFunction, type HostFn } from '../vm/function.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { addressOf, toStringOrUndefined } from './tostring.js';
import { argError, checkAny, checkInteger, checkOption, checkString, luaError, optInteger, optString, ret, typeError, arg, newString } from './args.js';
import { newLib, type LibTable } from './register.js';
import { Stream, trackBuffered, type CloseKind } from './io/stream.js';
import { attempt, execResult, fileResult } from './os.js';
import {
  PlatformError, platformOf, type OpenMode, type PlatformFile, type ProcessStatus,
} from './platform-interface.js';

const FILEHANDLE = 'FILE*';
const IO_INPUT = '_IO_input';
const IO_OUTPUT = '_IO_output';
/** Most formats one io.lines call may pass to its iterator (MAXARGLINE). */
const MAXARGLINE = 250;
/** Longest numeral read('n') accepts (L_MAXLENNUM). */
const MAXLENNUM = 200;

// ---------------------------------------------------------------------------
// File handles

function fileMetatable(L: LuaState): LuaTable {
  return L.g.registry.getStr(FILEHANDLE) as LuaTable;
}

/** What a file handle's stream costs besides its buffer (an object of a dozen fields). */
const STREAM = 24 + 12 * 8;

/** newprefile + the stream: a userdata with the FILE* metatable. */
function newFile(L: LuaState, open: () => PlatformFile, closef: CloseKind): LuaUserdata {
  charge(L.g.heap, USERDATA + STREAM);
  const u = new LuaUserdata(new Stream(open, closef), 0);
  // The standard files' finalizer does nothing (they are never closed), so
  // they are not marked for finalization: their __gc is not called, which
  // nothing can tell apart, and a state that opens no file has nothing to
  // finalize (see heap.ts, collectionMatters).
  if (closef === 'std') u.metatable = fileMetatable(L);
  else setMetatable(L.g.heap, u, fileMetatable(L));
  return u;
}

/** luaL_testudata for FILE*. */
function testFile(L: LuaState, v: LuaValue): Stream | undefined {
  return v instanceof LuaUserdata && v.metatable === fileMetatable(L) && v.data instanceof Stream ? v.data : undefined;
}

/** tolstream: argument 1 must be a FILE* (open or closed). */
function toStream(L: LuaState, base: number, nargs: number): Stream {
  const s = testFile(L, arg(L, base, nargs, 1));
  if (s === undefined) return typeError(L, base, nargs, 1, FILEHANDLE);
  return s;
}

/** tofile: argument 1 must be an open FILE*. */
function toFile(L: LuaState, base: number, nargs: number): Stream {
  const s = toStream(L, base, nargs);
  if (s.isClosed) luaError(L, 'attempt to use a closed file');
  return s;
}

/** What each kind of stream does on close (the reference's closef functions). */
const CLOSERS: Readonly<Record<CloseKind, (L: LuaState, s: Stream) => number>> = {
  file: (L, s) => fileResult(L, attempt(() => {
    s.drain();
    s.h.close();
  }), undefined),
  pipe: (L, s) => {
    let st: ProcessStatus | undefined;
    const err = attempt(() => {
      s.drain();
      st = s.h.close();
    });
    if (err !== undefined) return fileResult(L, err, undefined);
    return execResult(L, st ?? { kind: 'exit', code: 0 });
  },
  std: (L, s) => {
    s.closef = 'std'; // keep the standard file open
    return ret(L, undefined, 'cannot close standard file');
  },
};

/** aux_close: mark closed, then close the way the stream was opened. */
function auxClose(L: LuaState, s: Stream): number {
  const kind = s.closef!;
  s.closef = undefined;
  const n = CLOSERS[kind](L, s);
  if (s.buffered) trackBuffered(L.g, s);
  return n;
}

/** fopen with a validated mode ('b' dropped: bytes are bytes here). */
function openStream(L: LuaState, name: string, mode: string): LuaUserdata {
  const m = mode.replace(/b/g, '') as OpenMode;
  const h = platformOf(L).open(name, m);
  return newFile(L, () => h, 'file');
}

/** l_checkmode: [rwa]%+?b* */
const checkMode = (mode: string): boolean => /^[rwa]\+?b*$/.test(mode);

/** opencheckfile: open or raise "cannot open file 'x' (reason)". */
function openCheckFile(L: LuaState, name: string, mode: string): LuaUserdata {
  try {
    return openStream(L, name, mode);
  } catch (e) {
    if (!(e instanceof PlatformError)) throw e;
    return luaError(L, `cannot open file '${name}' (${e.message})`);
  }
}

/** getiofile: the default input/output file, which must be open. */
function getIoFile(L: LuaState, key: string): [LuaUserdata, Stream] {
  const u = L.g.registry.getStr(key) as LuaUserdata;
  const s = u.data as Stream;
  if (s.isClosed) luaError(L, `default ${key === IO_INPUT ? 'input' : 'output'} file is closed`);
  return [u, s];
}

// ---------------------------------------------------------------------------
// Reading

/** l_getn's state: the numeral read so far and the look-ahead byte. */
interface NumReader {
  s: Stream;
  c: number;
  buf: string;
  overflow: boolean;
}

function nextc(rn: NumReader): boolean {
  if (rn.buf.length >= MAXLENNUM) {
    rn.overflow = true; // invalidates the numeral, as the reference does
    return false;
  }
  rn.buf += String.fromCharCode(rn.c);
  rn.c = rn.s.getc();
  return true;
}

function test2(rn: NumReader, set: string): boolean {
  return rn.c >= 0 && set.includes(String.fromCharCode(rn.c)) && nextc(rn);
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isXDigit = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

function readDigits(rn: NumReader, hex: boolean): number {
  let count = 0;
  while ((hex ? isXDigit(rn.c) : isDigit(rn.c)) && nextc(rn)) count++;
  return count;
}

/** read('n'): the longest prefix that looks like a numeral (at most 200 bytes), then convert it. */
function readNumber(s: Stream): LuaValue {
  const rn: NumReader = { s, c: s.getc(), buf: '', overflow: false };
  while (isSpace(rn.c)) rn.c = s.getc();
  test2(rn, '-+');
  let count = 0;
  let hex = false;
  if (test2(rn, '0')) {
    if (test2(rn, 'xX')) hex = true;
    else count = 1;
  }
  count += readDigits(rn, hex);
  if (test2(rn, '.')) count += readDigits(rn, hex);
  if (count > 0 && test2(rn, hex ? 'pP' : 'eE')) {
    test2(rn, '-+');
    readDigits(rn, false);
  }
  s.ungetc(rn.c);
  return rn.overflow ? undefined : str2number(rn.buf);
}

/** One read format: pushes its value and says whether it succeeded. */
function readFormat(L: LuaState, base: number, nargs: number, n: number, s: Stream): boolean {
  const v = L.stack[base + n - 1];
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) {
    const l = Number(checkInteger(L, base, nargs, n));
    if (l === 0) {
      L.stack[L.top++] = '';
      return s.hasMore();
    }
    const r = newString(L, s.readChars(l));
    L.stack[L.top++] = r;
    return r.length > 0;
  }
  let p = checkString(L, base, nargs, n);
  if (p[0] === '*') p = p.slice(1); // Lua 5.3's "*l" style
  return READERS[p[0]]?.(L, s) ?? argError(L, n, 'invalid format');
}

const READERS: Readonly<Record<string, (L: LuaState, s: Stream) => boolean>> = {
  n: (L, s) => {
    const v = readNumber(s);
    L.stack[L.top++] = v;
    return v !== undefined;
  },
  l: (L, s) => readLine(L, s, false),
  L: (L, s) => readLine(L, s, true),
  a: (L, s) => {
    L.stack[L.top++] = newString(L, s.readAll());
    return true;
  },
};

function readLine(L: LuaState, s: Stream, keep: boolean): boolean {
  const [line, nl] = s.readLine(keep);
  L.stack[L.top++] = newString(L, line);
  return nl || line.length > 0;
}

/** g_read: formats are arguments first..nargs; no format reads a line. */
function gRead(L: LuaState, base: number, nargs: number, s: Stream, first: number): number {
  const start = L.top;
  try {
    if (nargs < first) {
      if (!readLine(L, s, false)) L.stack[L.top - 1] = undefined;
      return 1;
    }
    for (let n = first; n <= nargs; n++) {
      if (!readFormat(L, base, nargs, n, s)) {
        L.stack[L.top - 1] = undefined; // fail, and stop reading
        break;
      }
    }
    return L.top - start;
  } catch (e) {
    if (!(e instanceof PlatformError)) throw e;
    return fileResult(L, e, undefined);
  }
}

// ---------------------------------------------------------------------------
// Writing

/** g_write: numbers as "%d" / "%.14g", strings as bytes; returns the file or an error triple. */
function gWrite(L: LuaState, base: number, nargs: number, s: Stream, first: number, file: LuaValue): number {
  let out = '';
  for (let n = first; n <= nargs; n++) {
    const v = L.stack[base + n - 1];
    if (typeof v === 'number') out += Number.isInteger(v) ? String(v) : fmtNumberG14(v);
    else if (v instanceof LuaFloat) out += fmtNumberG14(v.n);
    else if (typeof v === 'bigint') out += v.toString();
    else if (typeof v === 'string') out += v;
    else {
      // C writes each argument as it goes: what came before the bad one is out.
      attempt(() => s.write(out));
      out = '';
      checkString(L, base, nargs, n);
    }
  }
  const err = attempt(() => s.write(out));
  return err === undefined ? ret(L, file) : fileResult(L, err, undefined);
}

// ---------------------------------------------------------------------------
// Library functions

const ioOpen: HostFn = (L, base, nargs) => {
  const name = checkString(L, base, nargs, 1);
  const mode = optString(L, base, nargs, 2, 'r');
  if (!checkMode(mode)) argError(L, 2, 'invalid mode');
  let u: LuaUserdata | undefined;
  const err = attempt(() => { u = openStream(L, name, mode); });
  return err === undefined ? ret(L, u) : fileResult(L, err, name);
};

const fClose: HostFn = (L, base, nargs) => auxClose(L, toFile(L, base, nargs));

const ioClose: HostFn = (L, base, nargs) => {
  if (nargs === 0) {
    L.stack[L.top++] = L.g.registry.getStr(IO_OUTPUT);
    return fClose(L, base, 1);
  }
  return fClose(L, base, nargs);
};

const ioType: HostFn = (L, base, nargs) => {
  checkAny(L, nargs, 1);
  const s = testFile(L, L.stack[base]);
  return ret(L, s === undefined ? undefined : s.isClosed ? 'closed file' : 'file');
};

/** g_iofile: io.input / io.output. */
function ioFile(key: string, mode: string): HostFn {
  return (L, base, nargs) => {
    const v = arg(L, base, nargs, 1);
    if (v !== undefined) {
      const name = toStringOrUndefined(v);
      if (name !== undefined) L.g.registry.setStr(key, openCheckFile(L, name, mode));
      else {
        toFile(L, base, nargs);
        L.g.registry.setStr(key, v);
      }
    }
    return ret(L, L.g.registry.getStr(key));
  };
}

const ioRead: HostFn = (L, base, nargs) => gRead(L, base, nargs, getIoFile(L, IO_INPUT)[1], 1);
const fRead: HostFn = (L, base, nargs) => gRead(L, base, nargs, toFile(L, base, nargs), 2);

const ioWrite: HostFn = (L, base, nargs) => {
  const [u, s] = getIoFile(L, IO_OUTPUT);
  return gWrite(L, base, nargs, s, 1, u);
};
const fWrite: HostFn = (L, base, nargs) => gWrite(L, base, nargs, toFile(L, base, nargs), 2, L.stack[base]);

const ioFlush: HostFn = (L) => {
  const s = getIoFile(L, IO_OUTPUT)[1];
  return fileResult(L, attempt(() => s.flush()), undefined);
};
const fFlush: HostFn = (L, base, nargs) => {
  const s = toFile(L, base, nargs);
  return fileResult(L, attempt(() => s.flush()), undefined);
};

const SEEK_MODES = ['set', 'cur', 'end'] as const;

const fSeek: HostFn = (L, base, nargs) => {
  const s = toFile(L, base, nargs);
  const whence = SEEK_MODES[checkOption(L, base, nargs, 2, 'cur', SEEK_MODES)];
  const offset = optInteger(L, base, nargs, 3, 0);
  if (typeof offset === 'bigint') argError(L, 3, 'not an integer in proper range');
  let pos = 0;
  const err = attempt(() => { pos = s.seek(whence, Number(offset)); });
  return err === undefined ? ret(L, pos) : fileResult(L, err, undefined);
};

const BUF_MODES = ['no', 'full', 'line'] as const;

const fSetvbuf: HostFn = (L, base, nargs) => {
  const s = toFile(L, base, nargs);
  const mode = BUF_MODES[checkOption(L, base, nargs, 2, undefined, BUF_MODES)];
  const size = Number(optInteger(L, base, nargs, 3, 1024));
  // the standard streams write through whatever the mode: print() writes to
  // the same sinks without this stream, and must not overtake buffered output
  const err = attempt(() => (s.closef === 'std' ? s.h.setvbuf?.(mode, size) : s.setvbuf(mode, size)));
  trackBuffered(L.g, s);
  return fileResult(L, err, undefined);
};

/** io_readline: the iterator of io.lines/f:lines; its upvalues are file, n, toclose, formats... */
const readline: HostFn = (L, base) => {
  const up = (L.stack[L.ci.func] as HostFunction).upvalues;
  const s = (up[0] as LuaUserdata).data as Stream;
  const n = up[1] as number;
  if (s.isClosed) return luaError(L, 'file is already closed');
  L.top = base + 1;
  for (let i = 0; i < n; i++) L.stack[L.top++] = up[3 + i];
  const top = L.top;
  const nres = gRead(L, base, 1 + n, s, 2);
  const first = L.stack[top];
  if (!isFalse(first)) return nres;
  if (nres > 1) return luaError(L, String(L.stack[top + 1]));
  if (up[2] === true) {
    L.top = top;
    auxClose(L, s);
  }
  L.top = top;
  return 0;
};

/** aux_lines: the iterator over the file at argument 1 with the formats after it. */
function auxLines(L: LuaState, base: number, nargs: number, toclose: boolean): HostFunction {
  const n = nargs - 1;
  if (n > MAXARGLINE) argError(L, MAXARGLINE + 2, 'too many arguments');
  const up: LuaValue[] = [L.stack[base], n, toclose];
  for (let i = 1; i <= n; i++) up.push(L.stack[base + i]);
  charge(L.g.heap, HOST_CLOSURE + up.length * SLOT);
  return new HostFunction(readline, 'readline', up);
}

const fLines: HostFn = (L, base, nargs) => {
  toFile(L, base, nargs);
  return ret(L, auxLines(L, base, nargs, false));
};

const ioLines: HostFn = (L, base, nargs) => {
  if (nargs === 0) {
    L.stack[base] = undefined;
    L.top = base + 1;
    nargs = 1;
  }
  if (L.stack[base] === undefined) {
    L.stack[base] = L.g.registry.getStr(IO_INPUT);
    toFile(L, base, nargs);
    return ret(L, auxLines(L, base, nargs, false));
  }
  const name = checkString(L, base, nargs, 1);
  const file = openCheckFile(L, name, 'r');
  L.stack[base] = file;
  return ret(L, auxLines(L, base, nargs, true), undefined, undefined, file);
};

const ioPopen: HostFn = (L, base, nargs) => {
  const prog = checkString(L, base, nargs, 1);
  const mode = optString(L, base, nargs, 2, 'r');
  if (mode !== 'r' && mode !== 'w') argError(L, 2, 'invalid mode');
  const p = platformOf(L);
  if (p.popen === undefined) return luaError(L, "'popen' not supported");
  let h: PlatformFile | undefined;
  const err = attempt(() => { h = p.popen!(prog, mode); });
  return err === undefined ? ret(L, newFile(L, () => h!, 'pipe')) : fileResult(L, err, prog);
};

const ioTmpfile: HostFn = (L) => {
  let h: PlatformFile | undefined;
  const err = attempt(() => { h = platformOf(L).tmpfile(); });
  return err === undefined ? ret(L, newFile(L, () => h!, 'file')) : fileResult(L, err, undefined);
};

// ---------------------------------------------------------------------------
// Metamethods

/** __gc / __close: close a file the script forgot (never a closed one). */
const fGc: HostFn = (L, base, nargs) => {
  const s = toStream(L, base, nargs);
  if (!s.isClosed) auxClose(L, s);
  return 0;
};

const fTostring: HostFn = (L, base, nargs) => {
  const s = toStream(L, base, nargs);
  return ret(L, s.isClosed ? 'file (closed)' : `file (${addressOf(L, L.stack[base] as LuaUserdata)})`);
};

const ioLib: LibTable = {
  close: ioClose, flush: ioFlush, input: ioFile(IO_INPUT, 'r'), lines: ioLines, open: ioOpen,
  output: ioFile(IO_OUTPUT, 'w'), popen: ioPopen, read: ioRead, tmpfile: ioTmpfile, type: ioType, write: ioWrite,
};

const methods: LibTable = {
  close: fClose, flush: fFlush, lines: fLines, read: fRead, seek: fSeek, setvbuf: fSetvbuf, write: fWrite,
};

const metamethods: LibTable = { __gc: fGc, __close: fGc, __tostring: fTostring };

/** A write-only stream into one of the state's sinks (read at each write, so hosts may swap them). */
function sinkFile(L: LuaState, which: 'stdout' | 'stderr'): PlatformFile {
  const fail = (msg: string, errno: number) => (): never => {
    throw new PlatformError(msg, errno);
  };
  return {
    read: fail('Bad file descriptor', 9),
    write: (data) => L.g[which](data),
    seek: fail('Illegal seek', 29),
    flush() {},
    close: () => undefined,
  };
}

export function openIo(L: LuaState): LuaTable {
  const mt = newLib(L, metamethods);
  mt.setStr('__index', newLib(L, methods, 'file:'));
  mt.setStr('__name', FILEHANDLE);
  L.g.registry.setStr(FILEHANDLE, mt);
  const io = newLib(L, ioLib, 'io.');
  const stdin = newFile(L, () => platformOf(L).stdin(), 'std');
  const stdout = newFile(L, () => sinkFile(L, 'stdout'), 'std');
  const stderr = newFile(L, () => sinkFile(L, 'stderr'), 'std');
  L.g.registry.setStr(IO_INPUT, stdin);
  L.g.registry.setStr(IO_OUTPUT, stdout);
  io.setStr('stdin', stdin);
  io.setStr('stdout', stdout);
  io.setStr('stderr', stderr);
  return io;
}
