/**
 * The built-in profiler: exact call counts, self and total times per
 * function (and per line on request) and the call tree, for Lua and host
 * functions across coroutines, recorded from the VM's hook events with no
 * Lua hook in the way; and the report it produces (rendered by
 * src/profile/).
 */

import type { Proto } from '../bytecode/proto.js';
import { getfuncline, getfuncname } from './debuginfo.js';
import { HostFunction, LuaClosure, type HostFn } from './function.js';
import { chunkid } from '../frontend/chunkid.js';
import { CIST, LUA_YIELD, type CallInfo, type LuaState } from './state.js';

/** One function as the profiler saw it (a Lua function, a main chunk or a host function). */
export interface ProfileFunction {
  /**
   * Its name as `debug.getinfo` gives it at the first call that names it
   * ("foo", "insert", "for iterator", "index"); a library function's
   * qualified name ("string.rep"); "main chunk" for a main chunk; "?" when
   * no call named it (only tail calls, or calls from host functions).
   */
  name: string;
  /** "Lua", "main" or "C" (host functions), as `getinfo`'s `what`. */
  what: 'Lua' | 'main' | 'C';
  /** `short_src` of its chunk ("[C]" for host functions). */
  source: string;
  /** The line where it was defined (`linedefined`; -1 for host functions, 0 for a main chunk). */
  line: number;
  /** Times it was called. */
  calls: number;
  /** Milliseconds spent in its own code (its callees excluded). */
  selfTime: number;
  /** Milliseconds from its calls to their returns, callees included (a recursive activation counted once). */
  totalTime: number;
  /** Per-line self time, when the profile was asked for lines (Lua functions only; sorted by line). */
  lines?: ProfileLine[];
}

/** One source line of a function, in a profile with lines. */
export interface ProfileLine {
  line: number;
  /** Milliseconds spent on this line's instructions (calls from it excluded). */
  selfTime: number;
  /** Times execution entered the line (line events, as a line hook counts them). */
  hits: number;
}

/** A node of the call tree: one function, reached by one path of calls. */
export interface ProfileNode {
  /** Index of the function in `ProfileReport.functions`; -1 for the root. */
  fn: number;
  /** Calls of the function along this path. */
  calls: number;
  /** Milliseconds in the function's own code along this path. */
  selfTime: number;
  /** Milliseconds in the function along this path, callees included (selfTime + the children's totalTime). */
  totalTime: number;
  children: ProfileNode[];
}

/** What a profile recorded: a flat table of functions and the call tree. */
export interface ProfileReport {
  /** Wall-clock milliseconds between the start and the end of the profile. */
  duration: number;
  /** Every function seen, sorted by selfTime, highest first. */
  functions: ProfileFunction[];
  /** The call tree: a root (fn -1, no time of its own) whose children are the outermost calls. */
  root: ProfileNode;
}

// ---------------------------------------------------------------------------
// The engine

/*
 * The profiler rides on the hook events (hooks.ts) without calling any
 * Lua: each call, return, coroutine switch (and, with lines, each line
 * change) reads the clock once and charges the time since the previous
 * event to what was running, the top frame of the running thread (and its
 * current line). Self times are therefore exact sums of intervals, and a
 * total is a node's self time plus its children's totals, computed once at
 * the end. A suspended coroutine runs nothing and is charged nothing; a
 * resumed one grows, in the call tree, under the call that resumed it.
 *
 * Frames that an error unwinds get no return event: a call drops the
 * entries above its caller's, and a return finds its own frame by popping
 * what is above it.
 */


/**
 * Deepest call-tree path kept: deeper calls (a recursion thousands of
 * frames deep) are charged to the node at this depth, so that the tree,
 * and every renderer walking it, stays bounded.
 */
const MAX_TREE_DEPTH = 512;

/** What the profiler knows of one function. */
class FnRecord {
  calls = 0;
  /** Per-line records, by line (profiles with lines). */
  readonly lines = new Map<number, LineRecord>();
  constructor(
    readonly index: number,
    public name: string,
    readonly what: 'Lua' | 'main' | 'C',
    readonly source: string,
    readonly line: number,
  ) {}
}

interface LineRecord {
  selfTime: number;
  hits: number;
}

/** A call-tree node under construction. */
class Node {
  calls = 0;
  selfTime = 0;
  readonly children = new Map<FnRecord, Node>();
  /** The child found last: a loop or a recursion calls the same function again and again. */
  private last: Node | null = null;
  constructor(readonly fn: FnRecord | null, readonly parent: Node | null, readonly depth: number) {}

  child(fn: FnRecord): Node {
    const last = this.last;
    if (last !== null && last.fn === fn) return last;
    if (this.depth >= MAX_TREE_DEPTH) return this;
    let n = this.children.get(fn);
    if (n === undefined) {
      n = new Node(fn, this, this.depth + 1);
      this.children.set(fn, n);
    }
    this.last = n;
    return n;
  }
}

/** A running frame as the profiler tracks it. */
class Entry {
  constructor(
    public ci: CallInfo,
    public node: Node,
    public fn: FnRecord,
    /** The line the frame is on, and the instruction it last ran (profiles with lines). */
    public line: LineRecord | null,
    public pc: number,
  ) {}
}

/**
 * What a profile knows of one thread (kept in `L.profiled`, where a
 * coroutine switch finds it without a lookup): its running frames,
 * innermost last, entries[0..depth), and where its outermost frame hangs
 * in the call tree. Entries above depth are kept for reuse, so that a call
 * allocates nothing.
 */
export class ProfiledThread {
  readonly entries: Entry[] = [];
  depth = 0;
  constructor(readonly owner: Profiler, public base: Node) {}

  top(): Entry | undefined {
    return this.depth > 0 ? this.entries[this.depth - 1] : undefined;
  }

  push(ci: CallInfo, node: Node, fn: FnRecord): void {
    const e = this.entries[this.depth];
    if (e === undefined) this.entries.push(new Entry(ci, node, fn, null, -1));
    else {
      e.ci = ci;
      e.node = node;
      e.fn = fn;
      e.line = null;
      e.pc = -1;
    }
    this.depth++;
  }
}

/**
 * The clock of profiles (ms), read at every event. Node.js's
 * `process.hrtime` skips the checks `performance.now` makes on each call
 * (a sixth of the profiler's cost on a call-bound program); browsers have
 * only `performance.now`.
 */
const clock: () => number = (() => {
  const hrtime = (globalThis as { process?: { hrtime?: () => [number, number] } }).process?.hrtime;
  if (typeof hrtime !== 'function') return () => performance.now();
  return () => {
    const t = hrtime();
    return t[0] * 1e3 + t[1] / 1e6;
  };
})();

/**
 * A profile being recorded: installed in `g.profiler` (and counted in
 * `g.traps`) by `startProfiler`, turned into a report by `stopProfiler`.
 */
export class Profiler {
  private readonly root = new Node(null, null, 0);
  private readonly fns = new Map<Proto | HostFn, FnRecord>();
  /** The threads whose `profiled` is this profile's: cleared when it stops. */
  private readonly threads = new Set<LuaState>();
  /** Threads each coroutine switch will return to, innermost last. */
  private readonly resumers: LuaState[] = [];
  private thread: LuaState;
  private stack: ProfiledThread;
  /** The function record found last, and its key: most calls call what was called before. */
  private lastKey: Proto | HostFn | null = null;
  private lastRec: FnRecord | null = null;
  private last: number;
  readonly started: number;

  constructor(L: LuaState, readonly lines: boolean) {
    this.thread = L;
    this.stack = this.stackOf(L);
    this.started = this.last = clock();
  }

  /** A frame starts running (its call event). */
  enter(L: LuaState, ci: CallInfo): void {
    this.charge(L);
    const stack = this.stack;
    // The caller is the top entry, except after a tail call (the top is the
    // frame it replaced) or an error (the top entries were unwound): drop them.
    const entries = stack.entries;
    let depth = stack.depth;
    while (depth > 0 && entries[depth - 1].ci !== ci.previous) depth--;
    stack.depth = depth;
    const fn = this.record(L, ci);
    const parent = depth > 0 ? entries[depth - 1].node : stack.base;
    const node = parent.child(fn);
    node.calls++;
    fn.calls++;
    stack.push(ci, node, fn);
  }

  /** Frame `ci` returns (its return event). */
  leave(L: LuaState, ci: CallInfo): void {
    this.charge(L);
    const stack = this.stack;
    // frames above it were unwound by an error and saw no return; a frame
    // that started before the profile has no entry at all
    const entries = stack.entries;
    for (let i = stack.depth - 1; i >= 0; i--) {
      if (entries[i].ci === ci) {
        stack.depth = i;
        return;
      }
    }
  }

  /** A traced instruction `pc` of frame ci runs: the frame's line is now its line. */
  line(L: LuaState, ci: CallInfo, pc: number): void {
    const top = this.stack.top();
    if (top === undefined || top.ci !== ci) return;
    const line = getfuncline(ci.closure!.p, pc);
    const rec = top.fn.lines.get(line);
    // a hit is what a line hook would see: a new line, or a jump back
    const hit = rec === undefined || rec !== top.line || pc <= top.pc;
    top.pc = pc;
    if (!hit) return;
    this.charge(L);
    let r = rec;
    if (r === undefined) {
      r = { selfTime: 0, hits: 0 };
      top.fn.lines.set(line, r);
    }
    r.hits++;
    top.line = r;
  }

  /**
   * Coroutine `co` is resumed by thread `from` (null: by the host): from
   * now on its time is its own, and its frames hang, in the call tree,
   * under the call that resumed it.
   */
  resumed(co: LuaState, from: LuaState | null): void {
    this.charge(this.thread);
    this.resumers.push(this.thread);
    let parent = (from !== null ? this.stackOf(from).top()?.node : undefined) ?? this.root;
    const stack = this.stackOf(co);
    stack.base = parent;
    for (let i = 0; i < stack.depth; i++) {
      const e = stack.entries[i];
      parent = parent.child(e.fn);
      e.node = parent;
    }
    this.switchTo(co);
  }

  /** The coroutine resumed last yielded, returned or died: back to its resumer. */
  suspended(co: LuaState): void {
    this.charge(co);
    if (co.status !== LUA_YIELD) {
      // finished or dead: its frames are gone
      co.profiled = null;
      this.threads.delete(co);
    }
    this.switchTo(this.resumers.pop() ?? this.thread);
  }

  /** The report: what was recorded until now. */
  report(): ProfileReport {
    this.charge(this.thread);
    const functions = [...this.fns.values()];
    const selfTime = new Float64Array(functions.length);
    const totalTime = new Float64Array(functions.length);
    const root = buildTree(this.root, selfTime, totalTime);
    const out: ProfileFunction[] = functions.map((f) => {
      const pf: ProfileFunction = {
        name: f.name, what: f.what, source: f.source, line: f.line, calls: f.calls,
        selfTime: selfTime[f.index], totalTime: totalTime[f.index],
      };
      if (this.lines && f.what !== 'C') {
        pf.lines = [...f.lines].filter(([line]) => line >= 0).sort((a, b) => a[0] - b[0])
          .map(([line, r]) => ({ line, selfTime: r.selfTime, hits: r.hits }));
      }
      return pf;
    });
    // renumber the functions in the order of the report (highest self time first)
    const order = out.map((_, i) => i).sort((a, b) => out[b].selfTime - out[a].selfTime || a - b);
    const newIndex = new Int32Array(order.length);
    order.forEach((old, i) => { newIndex[old] = i; });
    renumber(root, newIndex);
    return { duration: clock() - this.started, functions: order.map((i) => out[i]), root };
  }

  /** Charge the time since the last event to the top frame of the running thread (and its line). */
  private charge(L: LuaState): void {
    if (L !== this.thread) this.switchTo(L); // a thread the host entered directly
    const now = clock();
    const top = this.stack.top();
    if (top !== undefined) {
      const dt = now - this.last;
      top.node.selfTime += dt;
      if (top.line !== null) top.line.selfTime += dt;
    }
    this.last = now;
  }

  private switchTo(L: LuaState): void {
    this.thread = L;
    this.stack = this.stackOf(L);
  }

  private stackOf(L: LuaState): ProfiledThread {
    let s = L.profiled;
    if (s === null || s.owner !== this) {
      s = new ProfiledThread(this, this.root);
      L.profiled = s;
      this.threads.add(L);
    }
    return s;
  }

  /** The profile ends: the threads forget it. */
  detach(): void {
    for (const L of this.threads) L.profiled = null;
    this.threads.clear();
  }

  /** The record of the function running in `ci`, made the first time it is seen. */
  private record(L: LuaState, ci: CallInfo): FnRecord {
    const f = L.stack[ci.func];
    const key = f instanceof LuaClosure ? f.p : f instanceof HostFunction ? f.fn : undefined;
    if (key === undefined) return this.anonymous();
    let rec = key === this.lastKey ? this.lastRec! : this.fns.get(key);
    if (rec === undefined) {
      rec = this.describe(L, ci, f as LuaClosure | HostFunction);
      this.fns.set(key, rec);
    } else if (rec.name === '?' && rec.what === 'Lua' && !(ci.callstatus & CIST.TAIL)) {
      // first seen where nothing named it (a tail call, a call from a host function): maybe now
      rec.name = getfuncname(L, ci)?.[1] ?? '?';
    }
    this.lastKey = key;
    this.lastRec = rec;
    return rec;
  }

  private describe(L: LuaState, ci: CallInfo, f: LuaClosure | HostFunction): FnRecord {
    const index = this.fns.size;
    if (f instanceof HostFunction) {
      // a library's qualified name ('string.rep') says more than where it was called from
      const name = f.name.includes('.') ? f.name : getfuncname(L, ci)?.[1] ?? (f.name !== '' ? f.name : '?');
      return new FnRecord(index, name, 'C', '[C]', -1);
    }
    const p = f.p;
    const source = p.source === undefined ? '?' : chunkid(p.source);
    if (p.linedefined === 0) return new FnRecord(index, 'main chunk', 'main', source, 0);
    const named = ci.callstatus & CIST.TAIL ? undefined : getfuncname(L, ci);
    return new FnRecord(index, named?.[1] ?? '?', 'Lua', source, p.linedefined);
  }

  private anonymous(): FnRecord {
    const rec = new FnRecord(this.fns.size, '?', 'C', '[C]', -1);
    this.fns.set(() => 0, rec);
    return rec;
  }
}

/**
 * The report's tree from the recorded one (iteratively: the tree may be
 * MAX_TREE_DEPTH deep), summing each function's self time, and its total
 * time over the nodes that are not inside another call of the same
 * function (a recursion's time is counted once).
 */
function buildTree(recorded: Node, selfTime: Float64Array, totalTime: Float64Array): ProfileNode {
  const out = new Map<Node, ProfileNode>();
  const order: Node[] = [];
  const todo: Node[] = [recorded];
  while (todo.length > 0) {
    const n = todo.pop()!;
    order.push(n);
    const pn: ProfileNode = { fn: n.fn === null ? -1 : n.fn.index, calls: n.calls, selfTime: n.selfTime, totalTime: 0, children: [] };
    out.set(n, pn);
    if (n.parent !== null) out.get(n.parent)!.children.push(pn);
    for (const c of n.children.values()) todo.push(c);
  }
  // children were pushed in reverse: restore the order they were first called in
  for (const pn of out.values()) pn.children.reverse();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    const pn = out.get(n)!;
    pn.totalTime += pn.selfTime;
    if (n.parent !== null) out.get(n.parent)!.totalTime += pn.totalTime;
    if (n.fn !== null) {
      selfTime[n.fn.index] += pn.selfTime;
      if (!hasAncestor(n, n.fn)) totalTime[n.fn.index] += pn.totalTime;
    }
  }
  return out.get(recorded)!;
}

function hasAncestor(n: Node, fn: FnRecord): boolean {
  for (let p = n.parent; p !== null; p = p.parent) if (p.fn === fn) return true;
  return false;
}

function renumber(root: ProfileNode, newIndex: Int32Array): void {
  const todo = [root];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n.fn >= 0) n.fn = newIndex[n.fn];
    for (const c of n.children) todo.push(c);
  }
}

/** Start profiling the universe of L (every thread). Throws if a profile is already running. */
export function startProfiler(L: LuaState, lines: boolean): Profiler {
  const g = L.g;
  if (g.profiler !== null) throw new Error('a profile is already running');
  const prof = new Profiler(L, lines);
  g.profiler = prof;
  g.traps++;
  return prof;
}

/** Stop the running profile and return its report. */
export function stopProfiler(L: LuaState): ProfileReport {
  const g = L.g;
  const prof = g.profiler;
  if (prof === null) throw new Error('no profile is running');
  const report = prof.report();
  prof.detach();
  g.profiler = null;
  g.traps--;
  return report;
}
