/**
 * io.popen on Node.js with synchronous calls only: the command runs while
 * the script reads its output or writes its input, through a real pipe, as
 * C's popen gives it (a command that never ends, `tail -f`, a server
 * started in the background, is read line by line; what is written reaches
 * the command as it is flushed).
 *
 * Node has no synchronous way to start a process and go on, nor pipe(2) or
 * waitpid. So a short-lived shell (run to completion, which also reaps it)
 * makes a named pipe, starts the command in the background with one end of
 * it as its stdout (or stdin), and the command's shell writes its exit
 * status to a file when it ends; this side opens the other end (the two
 * opens meet), removes the name, and at close waits for the status file.
 *
 * Two differences from C: the status of a shell that is itself killed by a
 * signal (`kill -9 $$`) is reported as the exit status 128 + n rather than
 * as that signal; and a command started in the background by a
 * non-interactive shell ignores SIGINT, so Ctrl-C in a terminal does not
 * reach a command moonbox started through io.popen.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlatformError, type PlatformFile, type ProcessStatus } from '../lib/platform-interface.js';

/**
 * The launcher: $1 the command, $2 the pipe's name, $3 the status file.
 * The background job keeps the script's stdin for a read pipe (a background
 * job's stdin is /dev/null unless redirected: hence fd 3).
 */
const LAUNCH = {
  r: 'mkfifo "$2" || exit 1\nexec 3<&0\n( /bin/sh -c "$1"; echo $? > "$3" ) <&3 3<&- > "$2" &\n',
  w: 'mkfifo "$2" || exit 1\n( /bin/sh -c "$1"; echo $? > "$3" ) < "$2" &\n',
} as const;

/** Longest sleep between two looks at the status file when closing. */
const MAX_STATUS_POLL_MS = 20;

/** Pipe folders not yet removed (the script never closed them): removed when the thread ends. */
const open = new Set<string>();
let cleanupInstalled = false;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Start `command` with a pipe from its stdout ('r') or to its stdin ('w'). */
export function popen(command: string, mode: 'r' | 'w', fail: (e: unknown) => PlatformError): PlatformFile {
  const dir = mkdtempSync(join(tmpdir(), 'moonbox-popen-'));
  const fifo = join(dir, 'pipe');
  const statusFile = join(dir, 'status');
  const launched = spawnSync('/bin/sh', ['-c', LAUNCH[mode], 'sh', command, fifo, statusFile], { stdio: 'inherit' });
  if (launched.error !== undefined || launched.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw launched.error !== undefined ? fail(launched.error) : new PlatformError('cannot start the command');
  }
  track(dir);
  const fd = openSync(fifo, mode); // meets the command's end of the pipe
  rmSync(fifo);
  let closed = false;
  return {
    read(n) {
      if (mode !== 'r') throw new PlatformError('Bad file descriptor', 9);
      const buf = Buffer.allocUnsafe(n);
      try {
        return buf.toString('latin1', 0, readSync(fd, buf, 0, n, null));
      } catch (e) {
        throw fail(e);
      }
    },
    write(data) {
      if (mode !== 'w') throw new PlatformError('Bad file descriptor', 9);
      const buf = Buffer.from(data, 'latin1');
      try {
        for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
      } catch (e) {
        throw fail(e);
      }
    },
    seek() {
      throw new PlatformError('Illegal seek', 29);
    },
    flush() {},
    close() {
      if (closed) return undefined;
      closed = true;
      closeSync(fd);
      const status = waitStatus(statusFile);
      rmSync(dir, { recursive: true, force: true });
      open.delete(dir);
      return status;
    },
  };
}

/** Wait for the command to end (pclose): its status, once its shell has written it whole. */
function waitStatus(file: string): ProcessStatus {
  for (let wait = 1; ; wait = Math.min(wait * 2, MAX_STATUS_POLL_MS)) {
    let text = '';
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      // not written yet
    }
    // as C's pclose reports `sh -c`, whose status for a command a signal killed is 128 + its number
    if (text.endsWith('\n')) return { kind: 'exit', code: Number.parseInt(text, 10) };
    Atomics.wait(sleeper, 0, 0, wait);
  }
}

function track(dir: string): void {
  open.add(dir);
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const d of open) rmSync(d, { recursive: true, force: true });
  });
}
