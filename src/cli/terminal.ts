/**
 * The `moonbox` command's main thread. Node.js delivers signals only to a
 * thread whose event loop is free, so Lua runs on a worker (nodehost.ts)
 * and this thread keeps two jobs:
 *
 * - Ctrl-C. While a chunk runs, SIGINT sets the shared flag that the VM
 *   turns into the Lua error "interrupted!" at its next safepoint in Lua
 *   code (lua.c's hook). Outside a chunk, or when a signal is still pending
 *   (the script is inside one long library call), the signal ends the
 *   process, as lua.c's handler does by restoring the default action.
 * - The REPL's line editor, when standard input is a terminal: Node's
 *   readline, with history (kept in a file between sessions) and Tab
 *   completion asked of the worker, which has the Lua state. Ctrl-C at the
 *   prompt abandons the line; Ctrl-D on an empty line ends the session.
 */
import { appendFileSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, isAbsolute, join, relative, sep } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { isatty } from 'node:tty';
import { MessageChannel, Worker } from 'node:worker_threads';
import { Sigint, type Launch, type ToTerminal, type ToWorker } from './protocol.js';

/** Lines of history kept (in the session and in the file). */
const HISTORY_SIZE = 1000;

/** The history file: $MOONBOX_HISTORY (empty: none), else ~/.moonbox_history. */
function historyFile(): string | undefined {
  const env = process.env.MOONBOX_HISTORY;
  if (env !== undefined) return env === '' ? undefined : env;
  return join(homedir(), '.moonbox_history');
}

/**
 * The command as the person typed it, for arg[-n] and messages (lua.c's
 * argv[0]). Node only knows the script's absolute path: a bare `moonbox`
 * was found on PATH, and a path inside the current directory was most
 * likely typed relative to it (`bin/moonbox.js`); anything else stays
 * absolute. Each form runs the command again from a shell, as scripts do.
 */
function invokedAs(script: string): string {
  const name = basename(script);
  let real: string;
  try {
    real = realpathSync(script);
  } catch {
    return script;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      if (realpathSync(join(dir, name)) === real) return name;
    } catch {
      // not in this directory
    }
  }
  const rel = relative(process.cwd(), script);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return script;
  return rel.includes(sep) ? rel : `.${sep}${rel}`;
}

/** Run the command: Lua on a worker started from `entry` (the module that runs `main` off the main thread). */
export function runCommand(entry: URL): void {
  const interrupt = new Int32Array(new SharedArrayBuffer(4 * Sigint.SIZE));
  const mailbox = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const launch: Launch = {
    argv: process.argv.slice(2),
    interpreter: invokedAs(process.argv[1] ?? 'moonbox'),
    stdinIsTTY: isatty(0),
    interrupt,
    mailbox,
    port: port2,
  };
  const worker = new Worker(entry, { workerData: launch, transferList: [port2], stdout: false, stderr: false });
  let editor: LineEditor | undefined;
  const end = (code: number): never => {
    editor?.close();
    process.exit(code);
  };

  // Between a line sent to the worker and the chunk it makes starting to
  // run, Ctrl-C is meant for that chunk (in lua.c the window is a few
  // instructions; here it is a message and a compilation).
  let lineInFlight = false;
  process.on('SIGINT', () => {
    const running = Atomics.load(interrupt, Sigint.RUNNING) !== 0 || lineInFlight;
    if (!running || Atomics.load(interrupt, Sigint.PENDING) !== 0) {
      editor?.close();
      process.removeAllListeners('SIGINT');
      process.kill(process.pid, 'SIGINT'); // the default action: the process ends by the signal
      return;
    }
    Atomics.store(interrupt, Sigint.PENDING, 1);
  });

  const reply = (m: ToWorker): void => {
    if (m.kind === 'line' && typeof m.line === 'string') lineInFlight = true;
    port1.postMessage(m);
    Atomics.store(mailbox, 0, 1);
    Atomics.notify(mailbox, 0);
  };
  port1.on('message', (m: ToTerminal) => {
    if (m.kind === 'exit') {
      end(m.code);
    } else if (m.kind === 'readline') {
      // the worker waits for a line again: a Ctrl-C not taken by a chunk (the line was incomplete) lapses
      lineInFlight = false;
      Atomics.store(interrupt, Sigint.PENDING, 0);
      editor ??= new LineEditor(reply);
      editor.ask(m.prompt);
    } else {
      editor?.completed(m.id, m.candidates, m.word);
    }
  });
  worker.on('error', (e) => {
    // a fault in moonbox itself (a bug): its JS stack, as an uncaught exception would show it
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    end(1);
  });
  worker.on('exit', end);
}

/** The terminal's line editor: one readline interface, active only while the REPL waits for a line. */
class LineEditor {
  private readonly rl: Interface;
  private closed = false;
  private hungUp = false;
  private readonly file = historyFile();
  /** The completer's callbacks waiting for the worker's answers, by request. */
  private readonly pending = new Map<number, (err: null, result: [string[], string]) => void>();
  private nextId = 0;

  constructor(private readonly reply: (m: ToWorker) => void) {
    // When the terminal goes away (a closed window, a dropped connection),
    // readline hands over the line being edited as if Enter had been
    // pressed: it must not run. (Registered before readline's own listener.)
    process.stdin.once('end', () => {
      this.hungUp = true;
    });
    this.rl = createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: isatty(1),
      history: this.loadHistory(),
      historySize: HISTORY_SIZE,
      removeHistoryDuplicates: true,
      tabSize: 4,
      completer: (line: string, callback: (err: null, result: [string[], string]) => void) => {
        const id = this.nextId++;
        this.pending.set(id, callback);
        reply({ kind: 'complete', id, line });
      },
    });
    this.rl.pause();
    this.rl.on('line', (line) => {
      if (this.hungUp) return; // the 'close' that follows ends the session
      this.pauseForChunk();
      this.saveLine(line);
      reply({ kind: 'line', line });
    });
    this.rl.on('SIGINT', () => {
      // abandon the line (and a statement being continued), as shells do
      process.stdout.write('^C\n');
      this.rl.write(null, { ctrl: true, name: 'e' });
      this.rl.write(null, { ctrl: true, name: 'u' });
      this.pauseForChunk();
      reply({ kind: 'line', line: undefined });
    });
    this.rl.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      reply({ kind: 'line', line: null }); // Ctrl-D: end of input
    });
  }

  /** Show the prompt and edit a line. */
  ask(prompt: string): void {
    if (this.closed) {
      this.reply({ kind: 'line', line: null });
      return;
    }
    this.setRaw(true);
    this.rl.setPrompt(prompt);
    this.rl.resume();
    this.rl.prompt(true);
  }

  completed(id: number, candidates: string[], word: string): void {
    const callback = this.pending.get(id);
    this.pending.delete(id);
    callback?.(null, [candidates, word]);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.rl.close();
  }

  /**
   * While the chunk runs, the terminal is as the script would find it:
   * cooked, so that Ctrl-C is a signal and `io.read` reads edited lines.
   */
  private pauseForChunk(): void {
    this.rl.pause();
    this.setRaw(false);
  }

  private setRaw(on: boolean): void {
    if (process.stdin.isTTY && isatty(1)) process.stdin.setRawMode(on);
  }

  /**
   * The history file's lines, newest first as readline keeps them; none
   * when it cannot be read. The file grows by one line per line entered and
   * is cut back to the last HISTORY_SIZE lines when a session starts.
   */
  private loadHistory(): string[] {
    if (this.file === undefined) return [];
    let lines: string[];
    try {
      lines = readFileSync(this.file, 'utf8').split('\n').filter((l) => l !== '');
    } catch {
      return [];
    }
    if (lines.length > HISTORY_SIZE) {
      lines = lines.slice(-HISTORY_SIZE);
      try {
        writeFileSync(this.file, lines.join('\n') + '\n', { mode: 0o600 });
      } catch {
        // kept as it is
      }
    }
    return lines.reverse();
  }

  private saveLine(line: string): void {
    if (this.file === undefined || line.trim() === '') return;
    try {
      appendFileSync(this.file, line.replace(/\n/g, ' ') + '\n', { mode: 0o600 });
    } catch {
      // a history that cannot be written is not worth interrupting the session for
    }
  }
}
