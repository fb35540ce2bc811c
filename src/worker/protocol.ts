/**
 * What a LuaWorker's two sides say to each other: the host (lua-worker.ts)
 * sends requests, the worker (serve.ts) answers each one once, in order,
 * and streams output in between. Everything here crosses a structured
 * clone, so it is plain data; errors travel as `WireError` and are rebuilt
 * on the host as the classes the synchronous API throws.
 */

import type { Limits, Usage } from '../api/limit-options.js';
import type { LibName } from '../lib/init.js';
import type { Sandbox } from '../lib/sandbox.js';
import type { PostMortemOptions, PostMortemReport } from '../lib/postmortem.js';
import type { StringMode } from '../api/context.js';
import { LuaError, LuaInternalError, LuaLimitError, type LimitName } from '../api/lua-error.js';

/** The options of a state in a worker: those of `new Lua()` that are data (functions cannot cross). */
export interface StateOptions {
  libs?: readonly LibName[];
  sandbox?: Sandbox;
  limits?: Limits;
  stackLimit?: number;
  coroutineStackLimit?: number;
  strings?: StringMode;
  postMortem?: boolean | PostMortemOptions;
}

/** Options of a run in a worker (as `lua.run`'s). */
export interface WireRunOptions {
  chunkName?: string;
  limits?: Limits;
  multi?: boolean;
}

/** The first message to a new worker. */
export interface Init {
  kind: 'init';
  options: StateOptions;
  /** The interrupt flag (on a SharedArrayBuffer), when the host has one: element 0 = the id of the request to stop. */
  interrupt: Int32Array | undefined;
  /** Global paths of the host's functions: scripts call them, the worker asks the host (`hostcall`). */
  functions: string[];
}

/** The host's answer to a `hostcall`. */
export type HostReply = { kind: 'hostreply'; call: number } & ({ ok: true; value: unknown } | { ok: false; error: WireError });

/** Requests, each answered by one `Reply` with the same id. */
export type Request = { id: number } & (
  | { kind: 'run'; code: string; options: WireRunOptions }
  /** A fresh state (the worker's options), then a run in it: a pool's job. */
  | { kind: 'job'; code: string; options: WireRunOptions }
  | { kind: 'call'; path: string; args: unknown[]; multi: boolean }
  | { kind: 'get'; path: string }
  | { kind: 'set'; path: string; value: unknown }
  | { kind: 'limits'; limits: Limits }
  | { kind: 'usage' }
  | { kind: 'startProfile'; lines: boolean }
  | { kind: 'stopProfile' }
  | { kind: 'postMortem'; options: PostMortemOptions }
  | { kind: 'reset' }
  | { kind: 'close' }
);

/** Messages from the worker. */
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'failed'; error: WireError }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /** A script called host function `name`: the worker waits for the HostReply with the same `call`. */
  | { kind: 'hostcall'; call: number; name: string; args: unknown[] }
  | Reply;

/** The answer to request `id`: its value, or its error; `usage` after runs. */
export type Reply = { kind: 'reply'; id: number; usage?: Usage } & ({ ok: true; value: unknown } | { ok: false; error: WireError });

/** An error as it crosses: enough to rebuild the class and fields the host would have seen. */
export interface WireError {
  type: 'LuaError' | 'LuaLimitError' | 'LuaInternalError' | 'TypeError' | 'RangeError' | 'Error';
  message: string;
  luaTraceback?: string;
  /** LuaError: the error object, converted to JS when it can cross (else its string form). */
  value?: unknown;
  limit?: LimitName;
  limitValue?: number;
  used?: number;
  report?: PostMortemReport;
  jsStack?: string;
}

/**
 * The worker behind a LuaWorker is gone: terminated by the host (a hard
 * stop), crashed (out of memory, a fault of the JS engine), or closed. Every
 * request still pending fails with this error, and the LuaWorker takes no
 * more: create another one (a LuaPool does that by itself).
 */
export class LuaWorkerError extends Error {
  constructor(message: string, readonly reason: 'terminated' | 'crashed' | 'closed' | 'aborted') {
    super(message);
    this.name = 'LuaWorkerError';
  }
}

/** An error caught in the worker, made ready to cross. */
export function errorToWire(e: unknown, valueOf: (v: unknown) => unknown): WireError {
  if (e instanceof LuaLimitError) {
    return { type: 'LuaLimitError', message: e.message, luaTraceback: e.luaTraceback, limit: e.limit, limitValue: e.limitValue, used: e.used };
  }
  if (e instanceof LuaError) return { type: 'LuaError', message: e.luaMessage, luaTraceback: e.luaTraceback, value: valueOf(e.value) };
  if (e instanceof LuaInternalError) return { type: 'LuaInternalError', message: e.message, report: e.report, jsStack: e.jsStack };
  if (e instanceof TypeError) return { type: 'TypeError', message: e.message };
  if (e instanceof RangeError) return { type: 'RangeError', message: e.message };
  return { type: 'Error', message: e instanceof Error ? e.message : String(e) };
}

/** The host-side error for a `WireError`: the class the synchronous API would have thrown. */
export function errorFromWire(w: WireError): Error {
  switch (w.type) {
    case 'LuaLimitError': return new LuaLimitError(w.message, w.limit!, w.limitValue!, w.used!, w.luaTraceback);
    case 'LuaError': return new LuaError(w.message, undefined, w.luaTraceback, w.value);
    case 'LuaInternalError': return new LuaInternalError(w.message, w.report!, w.jsStack ?? '');
    case 'TypeError': return new TypeError(w.message);
    case 'RangeError': return new RangeError(w.message);
    default: return new Error(w.message);
  }
}
