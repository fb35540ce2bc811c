/**
 * The CLI's host on Node.js, on the thread that runs Lua: real stdio, file
 * system and environment. The command runs Lua on a worker thread because
 * only the main thread receives signals, and it must stay free to turn
 * Ctrl-C into the Lua error "interrupted!" (terminal.ts); it also owns the
 * terminal's line editor, which this side asks for lines.
 */
import { readSync, writeFileSync, writeSync } from 'node:fs';
import { receiveMessageOnPort } from 'node:worker_threads';
import { encodeUtf8, decodeUtf8 } from '../api/utf8.js';
import { nodePlatform } from '../platform/node.js';
import type { CliHost } from './main.js';
import type { Completer } from './complete.js';
import type { Launch, ToTerminal, ToWorker } from './protocol.js';

/**
 * End the process with `code`, now: the main thread exits when told (the
 * worker's own exit would first tear down its heap, some 30 ms), and this
 * thread waits for that. Everything written is out: writes are synchronous.
 */
function exitProcess(launch: Launch, code: number): never {
  launch.port.postMessage({ kind: 'exit', code } satisfies ToTerminal);
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

function writeAll(fd: number, s: string, launch: Launch): void {
  const buf = Buffer.from(s, 'latin1');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') continue;
      // The reader went away (`moonbox x.lua | head`): end quietly, as the
      // reference does when SIGPIPE kills it (shells report status 141).
      if (code === 'EPIPE') exitProcess(launch, 141);
      throw e;
    }
  }
}

/** Synchronous line reader on fd 0, for a REPL whose input is not a terminal (bytes kept as latin1). */
function fdLineReader(launch: Launch): (prompt: string) => string | null {
  let pending = '';
  let eof = false;
  const chunk = Buffer.alloc(4096);
  return (prompt) => {
    writeAll(1, prompt, launch);
    for (;;) {
      const nl = pending.indexOf('\n');
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      if (eof) {
        if (pending === '') return null;
        const line = pending;
        pending = '';
        return line;
      }
      let n = 0;
      try {
        n = readSync(0, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EAGAIN') continue;
        if (code !== 'EOF') throw e;
      }
      if (n === 0) eof = true;
      else pending += chunk.toString('latin1', 0, n);
    }
  };
}

/**
 * A line from the terminal's editor on the main thread: ask, then wait for
 * the answer, answering Tab presses meanwhile (the completions need the Lua
 * state, which lives here). Lua strings are bytes; the terminal's are text.
 */
function terminalLineReader(launch: Launch): (prompt: string, complete?: Completer) => string | null | undefined {
  const { port, mailbox } = launch;
  const post = (m: ToTerminal): void => port.postMessage(m);
  return (prompt, complete) => {
    post({ kind: 'readline', prompt: decodeUtf8(prompt) });
    for (;;) {
      const m = receiveMessageOnPort(port)?.message as ToWorker | undefined;
      if (m === undefined) {
        Atomics.wait(mailbox, 0, 0, 1000); // woken by the terminal (the timeout only guards a lost wake-up)
        Atomics.store(mailbox, 0, 0);
      } else if (m.kind === 'line') {
        return typeof m.line === 'string' ? encodeUtf8(m.line) : m.line;
      } else {
        post({ kind: 'completion', id: m.id, ...(complete?.(m.line) ?? { candidates: [], word: '' }) });
      }
    }
  };
}

/** The host of the command on the worker; `exit` ends the process with a status. */
export function nodeCliHost(launch: Launch): CliHost & { exit(code: number): never } {
  return {
    platform: { ...nodePlatform, exit: (code) => exitProcess(launch, code) },
    stdout: (s) => writeAll(1, s, launch),
    stderr: (s) => writeAll(2, s, launch),
    readLine: launch.stdinIsTTY ? terminalLineReader(launch) : fdLineReader(launch),
    stdinIsTTY: launch.stdinIsTTY,
    progname: launch.interpreter,
    interpreter: launch.interpreter,
    writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
    interrupt: launch.interrupt,
    exit: (code) => exitProcess(launch, code),
  };
}
