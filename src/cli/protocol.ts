/**
 * What the command's two threads say to each other (terminal.ts on the main
 * thread, nodehost.ts on the worker that runs Lua). Kept apart, with no
 * import of the runtime, so that the main thread loads only what it needs.
 */
import type { MessagePort } from 'node:worker_threads';

/** Elements of `CliHost.interrupt` (main.ts): a signal pending, a chunk running. */
export const enum Sigint {
  PENDING = 0,
  RUNNING = 1,
  /** Length of the array. */
  SIZE = 2,
}

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
  | { kind: 'exit'; code: number }
  | { kind: 'readline'; prompt: string }
  | { kind: 'completion'; id: number; candidates: string[]; word: string };

/** Messages from the terminal to the Lua side: a line (null: end of input; undefined: cancelled), or a Tab. */
export type ToWorker =
  | { kind: 'line'; line: string | null | undefined }
  | { kind: 'complete'; id: number; line: string };
