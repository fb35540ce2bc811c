/**
 * Post-mortem reports: what a state looked like when something failed (or
 * now, on request). For the failing coroutine and every other live one,
 * the Lua stack as a traceback names it (and, on request, each frame's
 * locals and upvalues), the memory by kind of object, the limits and what
 * was used of each, and the error. A report is plain data (docs/postmortem.md
 * has the schema), rendered as text by `formatPostMortem` or as JSON.
 *
 * Making one never runs Lua code: values are shown without metamethods
 * (`table: 0x...`, strings quoted and cut), so a report can be made from a
 * state that is failing, over its limits, or broken.
 */

import type { LuaValue } from '../value/value.js';
import { LuaFloat } from '../value/value.js';
import { tostringNumber } from '../value/number.js';
import { currentline, findlocal, shortSrc } from '../vm/debuginfo.js';
import { LuaClosure, HostFunction } from '../vm/function.js';
import { census, runningThread, type MemoryByType } from '../vm/gc.js';
import { addressOf } from '../vm/identity.js';
import { CIST, LuaState, type CallInfo } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { LuaBuffer, LuaUserdata } from '../vm/userdata.js';
import { auxstatus } from './coroutine.js';
import { funcDescription } from './traceback.js';

/** The version of the report's shape (docs/postmortem.md); a change that breaks readers bumps it. */
export const POSTMORTEM_VERSION = 1;

/** How much of a value a report shows: strings longer than this are cut. */
const MAX_SHOWN = 80;

/** A post-mortem report (docs/postmortem.md). */
export interface PostMortemReport {
  version: number;
  /** When it was made (ISO 8601). */
  time: string;
  /** What failed; absent when the report was asked for while nothing had failed. */
  cause?: FailureCause;
  /** The failing thread first (or the running one), then every other live thread. */
  threads: ThreadReport[];
  memory: MemoryReport;
  limits: LimitsReport;
}

export interface FailureCause {
  /** A Lua error, a limit, or a fault of moonbox itself (a bug). */
  kind: 'error' | 'limit' | 'internal';
  message: string;
  /** For a limit: which. */
  limit?: string;
  /** For an internal fault: the JS stack. */
  jsStack?: string;
}

export interface ThreadReport {
  /** The thread's address, as `tostring(co)` shows it. */
  id: string;
  main: boolean;
  /** The thread where the failure happened (or, with no failure, the one running). */
  failing: boolean;
  /** As `coroutine.status` says, from the failing thread; 'error' for one that died by an error. */
  status: 'running' | 'suspended' | 'normal' | 'dead' | 'error';
  /** For a thread that died by an error: its error (a string whole, another value as shown). */
  error?: string;
  /** Innermost first, as a traceback lists them. */
  frames: FrameReport[];
}

export interface FrameReport {
  /** How a traceback names it: "local 'f'", "function 'string.rep'", "main chunk", "function <a.lua:12>". */
  function: string;
  /** A Lua function's frame, or a host function's (a library function, the host's own). */
  kind: 'lua' | 'host';
  /** The chunk ("a.lua", "[string \"...\"]"), or "[C]" for a host function. */
  source: string;
  /** The line running; null for a host function. */
  line: number | null;
  /** With `locals: true`: the frame's local variables (varargs, temporaries and host slots included, as debug.getlocal names them). */
  locals?: VariableReport[];
  /** With `locals: true`: the function's upvalues. */
  upvalues?: VariableReport[];
}

export interface VariableReport {
  name: string;
  /** The value as a report shows it (never through `__tostring` or `__name`). */
  value: string;
}

export interface MemoryReport {
  /** Bytes live, as `collectgarbage("count") * 1024` would count after a collection. */
  total: number;
  /** The memory limit in bytes, or null for none. */
  limit: number | null;
  byType: MemoryByType;
}

export interface LimitUse {
  /** The limit (instructions, bytes, milliseconds), or null for none. */
  limit: number | null;
  used: number;
}

export interface LimitsReport {
  instructions: LimitUse;
  memory: LimitUse;
  time: LimitUse;
}

export interface PostMortemOptions {
  /** Show each frame's locals and upvalues (default false). */
  locals?: boolean;
}

/** A value as a report shows it: no metamethod runs, strings are quoted and cut. */
export function showValue(L: LuaState, v: LuaValue): string {
  if (v === undefined) return 'nil';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  if (typeof v === 'string') {
    const cut = v.length > MAX_SHOWN;
    const shown = JSON.stringify(cut ? v.slice(0, MAX_SHOWN) : v);
    return cut ? `${shown}... (${v.length} bytes)` : shown;
  }
  if (v instanceof LuaBuffer) return `buffer: ${addressOf(L, v)} (${v.size} bytes)`;
  if (v instanceof LuaTable) return `table: ${addressOf(L, v)}`;
  if (v instanceof LuaClosure || v instanceof HostFunction) return `function: ${addressOf(L, v)}`;
  if (v instanceof LuaUserdata) return `userdata: ${addressOf(L, v)}`;
  if (v instanceof LuaState) return `thread: ${addressOf(L, v)}`;
  return `userdata: ${addressOf(L, v as object)}`; // light userdata
}

/** The frames of `th`, innermost first, from `level` (1: below the running host function). */
export function framesOf(L: LuaState, th: LuaState, locals: boolean, level = 0): FrameReport[] {
  const frames: FrameReport[] = [];
  let ci: CallInfo | null = th.ci;
  for (let n = 0; n < level && ci !== null && ci !== th.baseCi; n++) ci = ci.previous;
  for (; ci !== null && ci !== th.baseCi; ci = ci.previous) {
    const f = th.stack[ci.func];
    const lua = (ci.callstatus & CIST.LUA) !== 0 && f instanceof LuaClosure ? f : undefined;
    const frame: FrameReport = {
      function: funcDescription(th, ci),
      kind: lua !== undefined ? 'lua' : 'host',
      source: lua !== undefined ? shortSrc(lua.p) : '[C]',
      line: lua !== undefined ? currentlineOrNull(ci) : null,
    };
    if (locals) {
      frame.locals = localsOf(L, th, ci);
      frame.upvalues = upvaluesOf(L, f);
    }
    frames.push(frame);
  }
  return frames;
}

function currentlineOrNull(ci: CallInfo): number | null {
  const line = currentline(ci);
  return line > 0 ? line : null;
}

function localsOf(L: LuaState, th: LuaState, ci: CallInfo): VariableReport[] {
  const vars: VariableReport[] = [];
  for (let n = -1; ; n--) { // varargs first, as debug.getlocal numbers them
    const found = findlocal(th, ci, n);
    if (found === undefined) break;
    vars.push({ name: found[0], value: showValue(L, th.stack[found[1]]) });
  }
  for (let n = 1; ; n++) {
    const found = findlocal(th, ci, n);
    if (found === undefined) break;
    vars.push({ name: found[0], value: showValue(L, th.stack[found[1]]) });
  }
  return vars;
}

function upvaluesOf(L: LuaState, f: LuaValue): VariableReport[] {
  if (f instanceof LuaClosure) {
    return f.upvals.map((uv, i) => ({
      name: f.p.upvalues[i]?.name ?? '?',
      value: uv === undefined ? 'nil' : showValue(L, uv.arr[uv.idx] as LuaValue),
    }));
  }
  if (f instanceof HostFunction) return f.upvalues.map((v) => ({ name: '', value: showValue(L, v) }));
  return [];
}

/**
 * Coroutines that died by an error, with their frames as they were: a
 * coroutine run by `coroutine.wrap` is reset as its error goes on up, so
 * by the time the error reaches the host only this record is left.
 */
const deaths = new WeakMap<LuaState, { frames: FrameReport[]; error: string }>();

/** Record `co`'s frames and error where it dies by an error (GlobalState.onCoroutineError). */
export function recordCoroutineError(L: LuaState, co: LuaState, locals: boolean): void {
  deaths.set(co, { frames: framesOf(L, co, locals), error: errorText(L, co.stack[co.top - 1]) });
}

/** An error object as a report gives it: a string whole, anything else as `showValue` shows it. */
export function errorText(L: LuaState, err: LuaValue): string {
  return typeof err === 'string' ? err : showValue(L, err);
}

/** The report on one thread: status as seen from `from`, its frames (or those it had when it died by an error). */
function threadReport(L: LuaState, th: LuaState, from: LuaState, failing: boolean, locals: boolean, level: number): ThreadReport {
  const status = auxstatus(from, th);
  const death = status === 'dead' ? deaths.get(th) : undefined;
  const report: ThreadReport = {
    id: addressOf(L, th),
    main: th === L.g.mainThread,
    failing,
    status: death !== undefined ? 'error' : status,
    frames: death?.frames ?? framesOf(L, th, locals, level),
  };
  if (death !== undefined) report.error = death.error;
  return report;
}

/** What the budget says about the limits, for the report (filled by the caller, which knows the run). */
export interface LimitFigures {
  instructions: LimitUse;
  time: LimitUse;
}

/** Where a report is made: what failed, in which thread, from which frame of it. */
export interface FailurePoint {
  cause: FailureCause;
  /** The thread where the failure happened. */
  thread: LuaState;
  /** Frames of that thread to leave out (1: the message handler making the report). */
  level: number;
}

/**
 * A report on the state of `L` now: at a failure, or (with none) with the
 * innermost running thread first.
 */
export function postMortem(L: LuaState, limits: LimitFigures, failure?: FailurePoint, options: PostMortemOptions = {}): PostMortemReport {
  const g = L.g;
  const { total, byType, threads } = census(g.heap);
  const cause = failure?.cause;
  const at = failure?.thread ?? runningThread(g.heap);
  const locals = options.locals === true;
  const others = threads.filter((th) => th !== at);
  const ordered = [at, ...others.filter((th) => deaths.has(th)), ...others.filter((th) => !deaths.has(th))];
  const memoryLimit = g.heap.limit === Infinity ? null : g.heap.limit;
  return {
    version: POSTMORTEM_VERSION,
    time: new Date().toISOString(),
    ...(cause !== undefined ? { cause } : {}),
    threads: ordered.map((th) => threadReport(L, th, at, th === at, locals, th === at ? failure?.level ?? 0 : 0)),
    memory: { total, limit: memoryLimit, byType },
    limits: { ...limits, memory: { limit: memoryLimit, used: total } },
  };
}

/** A report as text for a terminal. */
export function formatPostMortem(r: PostMortemReport): string {
  const lines: string[] = ['moonbox post-mortem report'];
  if (r.cause !== undefined) {
    lines.push(`cause: ${r.cause.kind}${r.cause.limit !== undefined ? ` (${r.cause.limit})` : ''}: ${r.cause.message}`);
    if (r.cause.jsStack !== undefined) lines.push('JS stack:', ...r.cause.jsStack.split('\n').map((l) => `  ${l}`));
  }
  for (const th of r.threads) {
    const what = th.main ? 'main thread' : 'coroutine';
    lines.push('', `${what} ${th.id} (${th.status}${th.failing ? ', failing' : ''})${th.error !== undefined ? `: ${th.error}` : ''}`);
    if (th.frames.length === 0) lines.push('  (no frames)');
    for (const f of th.frames) {
      lines.push(`  ${f.source}${f.line !== null ? `:${f.line}` : ''}: in ${f.function}`);
      for (const v of f.locals ?? []) lines.push(`      local ${v.name} = ${v.value}`);
      for (const v of f.upvalues ?? []) lines.push(`      upvalue ${v.name || '?'} = ${v.value}`);
    }
  }
  const m = r.memory;
  lines.push('', `memory: ${m.total} bytes${m.limit !== null ? ` of ${m.limit}` : ''}`);
  for (const [kind, bytes] of Object.entries(m.byType)) lines.push(`  ${kind.padEnd(11)} ${bytes}`);
  lines.push('limits:');
  for (const [name, use] of Object.entries(r.limits) as Array<[string, LimitUse]>) {
    lines.push(`  ${name.padEnd(12)} used ${use.used}${use.limit !== null ? ` of ${use.limit}` : ' (no limit)'}`);
  }
  return lines.join('\n') + '\n';
}
