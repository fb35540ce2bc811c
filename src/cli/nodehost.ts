/**
 * The CLI's host on Node.js, on the thread that runs Lua: real stdio, file
 * system and environment. The command runs Lua on a worker thread because
 * only the main thread receives signals, and it must stay free to turn
 * Ctrl-C into the Lua error "interrupted!" (terminal.ts); it also owns the
 * terminal's line editor, which this side asks for lines.
 */
import { readSync, writeFileSync, writeSync } from 'node:fs';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { encodeUtf8, decodeUtf8 } from '../api/utf8.js';
import { nodePlatform } from '../platform/node.js';
import type { CliHost } from './main.js';
import type { Completer } from './complete.js';

/** What the main thread gives the worker that runs the command. */
export interface Launch {
  argv: string[];
  /** The path the command was invoked as (arg[-n]). */
  interpreter: string;
  /** Standard input is a terminal: the main thread edits lines; otherwise this side reads fd 0. */
  stdinIsTTY: boolean;
  /** CliHost.interrupt, on a SharedArrayBuffer. */
  interrupt: Int32Array;
  /** Element 0 is set (and notified) when a message to this side is posted on `port`. */
  mailbox: Int32Array;
  port: MessagePort;
}

/** Messages from the Lua side to the terminal. */
export type ToTerminal =
  | { kind: 'readline'; prompt: string }
  | { kind: 'completion'; id: number; candidates: string[]; word: string };

/** Messages from the terminal to the Lua side: a line (null: end of input; undefined: cancelled), or a Tab. */
export type ToWorker =
  | { kind: 'line'; line: string | null | undefined }
  | { kind: 'complete'; id: number; line: string };

function writeAll(fd: number, s: string): void {
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
      if (code === 'EPIPE') process.exit(141);
      throw e;
    }
  }
}

/** Synchronous line reader on fd 0, for a REPL whose input is not a terminal (bytes kept as latin1). */
function fdLineReader(): (prompt: string) => string | null {
  let pending = '';
  let eof = false;
  const chunk = Buffer.alloc(4096);
  return (prompt) => {
    writeAll(1, prompt);
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

export function nodeCliHost(launch: Launch): CliHost {
  return {
    platform: nodePlatform,
    stdout: (s) => writeAll(1, s),
    stderr: (s) => writeAll(2, s),
    readLine: launch.stdinIsTTY ? terminalLineReader(launch) : fdLineReader(),
    stdinIsTTY: launch.stdinIsTTY,
    progname: launch.interpreter,
    interpreter: launch.interpreter,
    writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
    interrupt: launch.interrupt,
  };
}
