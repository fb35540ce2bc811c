/**
 * The `moonbox` command: a drop-in for the standard `lua` command (the
 * reference's lua.c). Options, the `arg` table, LUA_INIT, error reports with
 * tracebacks, and the interactive loop all behave as the reference's do;
 * only the program name and the version banner differ.
 *
 * `main` takes its whole environment as a CliHost so tests can run it
 * in-process with captured output.
 */

import type { CompileMode } from '../vm/jit/tier.js';
import { loadFile } from '../lib/base.js';
import { openLibs } from '../lib/init.js';
import { NOENV } from '../lib/package.js';
import { LuaExit, setPlatform, type Platform } from '../lib/platform-interface.js';
import { callMeta1, toStringOrUndefined, tolstring } from '../lib/tostring.js';
import { allowListOf, applySandbox, type Sandbox } from '../lib/sandbox.js';
import { describeLimit, LimitAbort, startRun } from '../vm/budget.js';
import { InternalFault } from '../vm/exceptions.js';
import { pcall, runerror, throwValue } from '../vm/call.js';
import { closeState, globals, loadChunk, newState } from '../vm/create.js';
import { HostFunction, type LuaClosure } from '../vm/function.js';
import { LuaTable } from '../vm/table.js';
import { getmetatable, typeName } from '../vm/metamethods.js';
import { LUA_OK, type LuaState } from '../vm/state.js';
import type { LuaValue } from '../value/value.js';
import { startProfiler, stopProfiler } from '../vm/profiler.js';
import { formatLineTable, formatProfileTable } from '../profile/table.js';
import { toFoldedStacks } from '../profile/folded.js';
import { flameGraphHtml } from '../profile/flamegraph.js';
import { decodeUtf8, encodeUtf8 } from '../api/utf8.js';
import { traceback, whereLevel } from '../lib/traceback.js';
import { complete, type Completer } from './complete.js';
import { formatPostMortem, type PostMortemReport } from '../lib/postmortem.js';
import { reportFailures } from '../api/failure-reports.js';
import { onHostError } from '../api/traceback-handler.js';
import { Sigint } from './protocol.js';

/** What the CLI needs from its environment (the Node.js one is in nodehost.ts). */
export interface CliHost {
  platform: Platform;
  stdout(s: string): void;
  stderr(s: string): void;
  /**
   * Read one line of standard input (without its newline) after showing
   * `prompt`: null at end of input, undefined when the person cancelled the
   * line (Ctrl-C at the prompt). A terminal host offers tab completion
   * through `complete` (the REPL's, which knows the globals).
   */
  readLine?(prompt: string, complete?: Completer): string | null | undefined;
  /** Is standard input a terminal (decides between the REPL and running stdin as a script)? */
  stdinIsTTY?: boolean;
  /** The command's name in messages ("moonbox: ..."), as lua.c uses its argv[0]. */
  progname?: string;
  /**
   * The path the command was invoked as, for arg[-n] (the standard `lua`
   * puts its argv[0] there, and scripts run it again through it); default:
   * progname.
   */
  interpreter?: string;
  /** Write a text file as UTF-8 (--profile=FILE); throws with the system's message when it cannot. */
  writeFile?(path: string, text: string): void;
  /**
   * Ctrl-C, shared with the thread that receives SIGINT: element
   * `SIGINT_PENDING` is set there when the signal arrives, and the CLI keeps
   * element `SIGINT_RUNNING` at 1 while a chunk runs (outside one, lua.c
   * lets the signal end the process). A pending signal becomes the Lua error
   * "interrupted!" where Lua code runs next.
   */
  interrupt?: Int32Array;
}



export const VERSION = '0.1.0';
const COPYRIGHT = `moonbox ${VERSION} (Lua 5.4)  Copyright (C) 2026 the moonbox authors; Lua (C) 1994-2023 Lua.org, PUC-Rio`;

const USAGE = `usage: %s [options] [script [args]]
Available options are:
  -e stat   execute string 'stat'
  -i        enter interactive mode after executing 'script'
  -l mod    require library 'mod' into global 'mod'
  -l g=mod  require library 'mod' into global 'g'
  -v        show version information
  -E        ignore environment variables
  -W        turn warnings on
  --        stop handling options
  -         stop handling options and execute stdin
  --no-compile              run every function in the interpreter (by default
                            hot functions are compiled to JavaScript)
Limits and sandbox (before the script):
  --sandbox=safe|none       what the script can reach (default none: full Lua)
  --max-memory=SIZE         bytes of Lua heap (with KB, MB or GB)
  --max-instructions=N      VM steps
  --timeout=TIME            wall-clock time (with ms or s)
A script stopped by a limit exits with status 3; a fault of moonbox itself, 70.
Profiling (what ran, and for how long):
  --profile                 print a table of functions by time to stderr at exit
  --profile=FILE            write the profile to FILE instead: a flame graph
                            page (.html), folded stacks (.folded), the report
                            as JSON (.json) or the table (any other name)
  --profile-lines           also time each source line
Post-mortem (when the script fails or hits a limit):
  --post-mortem             print every coroutine's stack with its locals, the
                            memory by kind and the limits to stderr
  --post-mortem=FILE        write that report to FILE instead (JSON for .json)
`;

interface Args {
  /** Index in argv of the script, or -1 for none. */
  script: number;
  /** --sandbox, --max-memory, --max-instructions, --timeout. */
  sandbox: Sandbox;
  limits: { instructions?: number; memory?: number; time?: number };
  interactive: boolean;
  version: boolean;
  noEnv: boolean;
  /** -e, -l and -W options in order. */
  actions: Array<['e' | 'l' | 'W', string]>;
  hasExec: boolean;
  /** --profile[=FILE] and --profile-lines. */
  profile: ProfileArgs | undefined;
  /** --post-mortem[=FILE]: where the report goes (undefined: standard error). */
  postMortem: { file: string | undefined } | undefined;
  /** --no-compile: 'off'; undefined: the default mode (jit/tier.ts). */
  compile: CompileMode | undefined;
}

interface ProfileArgs {
  /** Where the profile goes; undefined: the table, to stderr. */
  file: string | undefined;
  lines: boolean;
}

/** Parse options like lua.c's collectargs; returns an error message for bad usage. */
function collectArgs(argv: string[]): Args | string {
  const a: Args = {
    script: -1, interactive: false, version: false, noEnv: false, actions: [], hasExec: false, sandbox: 'none', limits: {},
    profile: undefined, postMortem: undefined, compile: undefined,
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const opt = argv[i];
    if (opt[0] !== '-') break; // not an option: the script
    if (opt === '-') break; // execute stdin
    if (opt === '--') {
      i++;
      break;
    }
    if (opt.startsWith('--')) {
      const problem = longOption(a, opt);
      if (problem !== undefined) return problem;
      continue;
    }
    switch (opt[1]) {
      case 'E':
        if (opt.length !== 2) return `unrecognized option '${opt}'`;
        a.noEnv = true;
        break;
      case 'W':
        if (opt.length !== 2) return `unrecognized option '${opt}'`;
        a.actions.push(['W', '']);
        break;
      case 'i':
        if (opt.length !== 2) return `unrecognized option '${opt}'`;
        a.interactive = true;
        a.version = true;
        break;
      case 'v':
        if (opt.length !== 2) return `unrecognized option '${opt}'`;
        a.version = true;
        break;
      case 'e':
      case 'l': {
        let val = opt.slice(2);
        if (val === '') {
          i++;
          if (i >= argv.length || argv[i][0] === '-') return `'${opt}' needs argument`;
          val = argv[i];
        }
        if (opt[1] === 'e') a.hasExec = true;
        a.actions.push([opt[1], val]);
        break;
      }
      default:
        return `unrecognized option '${opt}'`;
    }
  }
  a.script = i < argv.length ? i : -1;
  return a;
}

/** Units of the size and time options. */
const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
const TIME_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000 };

/** A number with a unit from `units` ('64MB', '2s'), or undefined. */
function withUnit(text: string, units: Readonly<Record<string, number>>): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(text);
  if (m === null) return undefined;
  const unit = units[m[2]] ?? units[m[2].toUpperCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/** The long options (--name=value); an error message for a bad one. */
function longOption(a: Args, opt: string): string | undefined {
  const eq = opt.indexOf('=');
  const name = eq < 0 ? opt : opt.slice(0, eq);
  const value = eq < 0 ? '' : opt.slice(eq + 1);
  switch (name) {
    case '--sandbox':
      if (value !== 'safe' && value !== 'none') return `'--sandbox' must be safe or none (got '${value}')`;
      a.sandbox = value;
      return undefined;
    case '--max-memory': {
      const n = withUnit(value, SIZE_UNITS);
      if (n === undefined) return `'--max-memory' needs a size such as 64MB (got '${value}')`;
      a.limits.memory = n;
      return undefined;
    }
    case '--max-instructions': {
      const n = /^\d+$/.test(value) ? Number(value) : undefined;
      if (n === undefined) return `'--max-instructions' needs a number (got '${value}')`;
      a.limits.instructions = n;
      return undefined;
    }
    case '--timeout': {
      const n = withUnit(value, TIME_UNITS);
      if (n === undefined || !/[a-z]$/i.test(value)) return `'--timeout' needs a time such as 2s or 500ms (got '${value}')`;
      a.limits.time = n;
      return undefined;
    }
    case '--profile':
      if (eq >= 0 && value === '') return `'--profile=' needs a file name`;
      a.profile = { file: eq < 0 ? undefined : value, lines: a.profile?.lines ?? false };
      return undefined;
    case '--post-mortem':
      if (eq >= 0 && value === '') return `'--post-mortem=' needs a file name`;
      a.postMortem = { file: eq < 0 ? undefined : value };
      return undefined;
    case '--profile-lines':
      if (eq >= 0) return `unrecognized option '${opt}'`;
      a.profile = { file: a.profile?.file, lines: true };
      return undefined;
    case '--no-compile':
      if (eq >= 0) return `unrecognized option '${opt}'`;
      a.compile = 'off';
      return undefined;
    default:
      return `unrecognized option '${opt}'`;
  }
}

/** The report of a limit error: which limit, its value, what was used, where (exit status 3). */
function reportLimit(e: LimitAbort, message: (m: string) => void): number {
  message(`${describeLimit(e.limit, e.value, e.used)}${e.luaTraceback ? '\n' + e.luaTraceback : ''}`);
  return LIMIT_EXIT_STATUS;
}

/** The exit status of a script stopped by a limit (a script error is 1). */
const LIMIT_EXIT_STATUS = 3;

/** The exit status when moonbox itself faulted (a bug): sysexits.h's EX_SOFTWARE. */
const FAULT_EXIT_STATUS = 70;

/** Runs the CLI; returns the process exit status. */
export function main(argv: string[], host: CliHost): number {
  const progname = host.progname ?? 'moonbox';
  const message = (msg: string): void => host.stderr(`${progname}: ${msg}\n`);
  const args = collectArgs(argv);
  if (typeof args === 'string') {
    message(args);
    host.stderr(USAGE.replace('%s', progname));
    return 1;
  }
  const L = newState({ stdout: host.stdout, stderr: host.stderr, compile: args.compile });
  if (host.interrupt !== undefined) L.g.budget.signal = { flag: host.interrupt, raise: interrupted };
  // --post-mortem: each failure reported where it happens (with the locals), written at exit
  const failure = args.postMortem !== undefined ? reportFailures(L, { locals: true }) : undefined;
  const title = args.script >= 0 ? decodeUtf8(argv[args.script]) : progname;
  const limits = (): void => {
    startRun(L.g, args.limits);
    L.g.heap.setLimit(args.limits.memory ?? Infinity);
  };
  // os.exit may end the process at once (as the CLI's platform does): the profile is written first
  setPlatform(L, args.profile === undefined ? host.platform : {
    ...host.platform,
    exit: (code) => {
      finishProfile(L, args, title, host, message);
      return host.platform.exit(code);
    },
  });
  limits();
  // Like lua.c, everything runs inside a host function called in protected
  // mode: scripts then start at the same host-call depth as under lua5.4 (the
  // same 'C stack overflow' limits) and tracebacks end in its '[C]: in ?'.
  let exitStatus = 0;
  const pmain = new HostFunction(() => {
    exitStatus = run(L, argv, args, host, message);
    return 0;
  }, 'pmain');
  L.stack[L.top++] = pmain;
  try {
    const status = pcall(L, L.top - 1, 0, 0);
    if (status !== LUA_OK) {
      const err = L.stack[--L.top];
      message(typeof err === 'string' ? err : `(error object is a ${typeName(err)} value)`);
    }
    finishProfile(L, args, title, host, message);
    const code = status !== LUA_OK ? 1 : exitStatus;
    if (code !== 0) writePostMortem(failure?.report, args, host, message);
    limits(); // lua.c's lua_close: finalizers of what is still alive run now, under fresh limits
    closeState(L, true);
    return code;
  } catch (e) {
    // a script that exits or is stopped still gets its profile: where did the time go?
    finishProfile(L, args, title, host, message);
    if (e instanceof LuaExit) return e.code;
    if (e instanceof LimitAbort) {
      const code = reportLimit(e, message);
      writePostMortem(failure?.report, args, host, message);
      return code;
    }
    if (e instanceof InternalFault) {
      message(`${e.message} (a bug in moonbox: please report it)\n${e.jsStack}`);
      writePostMortem(failure?.report, args, host, message);
      return FAULT_EXIT_STATUS;
    }
    throw e;
  }
}

/** Write the report where --post-mortem said (nothing when none was made). */
function writePostMortem(report: PostMortemReport | undefined, args: Args, host: CliHost, message: (m: string) => void): void {
  if (report === undefined || args.postMortem === undefined) return;
  const file = args.postMortem.file;
  if (file === undefined) {
    host.stderr(formatPostMortem(report));
    return;
  }
  if (host.writeFile === undefined) {
    message(`cannot write the post-mortem report to '${file}': no file system`);
    return;
  }
  // the report holds Lua strings (bytes); a file gets them as the UTF-8 text they most likely are
  const text = decodeUtf8(file.endsWith('.json') ? JSON.stringify(report, null, 2) + '\n' : formatPostMortem(report));
  try {
    host.writeFile(file, text);
  } catch (e) {
    message(`cannot write the post-mortem report to '${file}': ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Ctrl-C in a running chunk: the error lua.c's hook raises with luaL_error,
 * so its position is that of the running function's caller (level 1).
 */
function interrupted(L: LuaState): never {
  if (L.top < L.ci.top) L.top = L.ci.top; // the message goes above every live register of the Lua frame
  return throwValue(L, whereLevel(L, 1) + 'interrupted!');
}

/** Stop the profile (if one runs) and write it where --profile said. */
function finishProfile(L: LuaState, args: Args, title: string, host: CliHost, message: (m: string) => void): void {
  if (args.profile === undefined || L.g.profiler === null) return;
  const report = stopProfiler(L);
  const { file, lines } = args.profile;
  const table = (): string => formatProfileTable(report, { limit: TABLE_ROWS })
    + (lines ? '\n' + formatLineTable(report, { limit: TABLE_ROWS }) : '');
  if (file === undefined) {
    host.stderr(encodeUtf8(table()));
    return;
  }
  const text = file.endsWith('.html') ? flameGraphHtml(report, { title: `moonbox --profile ${title}` })
    : file.endsWith('.folded') ? toFoldedStacks(report)
    : file.endsWith('.json') ? JSON.stringify(report)
    : table();
  if (host.writeFile === undefined) {
    message(`cannot write the profile to '${file}': no file system`);
    return;
  }
  try {
    host.writeFile(file, text);
  } catch (e) {
    message(`cannot write the profile to '${file}': ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Rows of the profile tables the CLI prints (the rest are counted on one line). */
const TABLE_ROWS = 40;

function run(L: LuaState, argv: string[], args: Args, host: CliHost, message: (m: string) => void): number {
  const progname = host.progname ?? 'moonbox';
  // -E: the libraries ignore the environment too (package.path and cpath), as lua.c tells them
  if (args.noEnv) L.g.registry.setStr(NOENV, true);
  openLibs(L);
  const allow = allowListOf(args.sandbox);
  if (allow !== undefined) applySandbox(L, allow);
  L.g.heap.mode = 'generational'; // lua.c switches the collector to generational mode
  createArgTable(L, argv, args.script, host.interpreter ?? progname);
  if (args.version) host.stdout(COPYRIGHT + '\n');
  // the profile covers what the command line runs, not the setting up of the libraries
  if (args.profile !== undefined) startProfiler(L, args.profile.lines);
  if (!args.noEnv && !handleLuaInit(L, host, message)) return 1;
  for (const [kind, val] of args.actions) {
    if (kind === 'W') L.g.warnOn = true;
    else if (kind === 'e') {
      if (!doChunk(L, loadChunk(L, val, '=(command line)', 'bt'), message)) return 1;
    } else if (!doLibrary(L, val, message)) return 1;
  }
  if (args.script >= 0 && !handleScript(L, argv, args.script, message)) return 1;
  if (args.interactive) repl(L, host, message);
  else if (args.script < 0 && !args.hasExec && !args.version) {
    if (host.stdinIsTTY && host.readLine) {
      host.stdout(COPYRIGHT + '\n');
      repl(L, host, message);
    } else if (!doChunk(L, loadFile(L, undefined, 'bt'), message)) return 1;
  }
  return 0;
}

/** arg[0] is the script; options and the interpreter name get negative indices. */
function createArgTable(L: LuaState, argv: string[], script: number, interpreter: string): void {
  const t = new LuaTable(L.g.heap);
  const all = [interpreter, ...argv];
  const s = script < 0 ? 0 : script + 1; // index in `all` of the script
  for (let i = 0; i < all.length; i++) t.set(i - s, all[i]);
  globals(L).setStr('arg', t);
}

function handleLuaInit(L: LuaState, host: CliHost, message: (m: string) => void): boolean {
  let name = '=LUA_INIT_5_4';
  let init = host.platform.getenv('LUA_INIT_5_4');
  if (init === undefined) {
    name = '=LUA_INIT';
    init = host.platform.getenv('LUA_INIT');
  }
  if (init === undefined) return true;
  if (init[0] === '@') return doChunk(L, loadFile(L, init.slice(1), 'bt'), message);
  return doChunk(L, loadChunk(L, init, name, 'bt'), message);
}

/** The message handler: adds a traceback; non-string errors are described (lua.c's msghandler). */
const msghandler = new HostFunction((L, base) => {
  onHostError.get(L.g)?.(L, L.stack[base]); // --post-mortem: a report while the stacks are as they were
  let msg: LuaValue = L.stack[base];
  if (typeof msg !== 'string') msg = toStringOrUndefined(msg); // numbers count as strings
  if (msg === undefined) {
    const orig = L.stack[base];
    const tm = getmetatable(L, orig)?.getStr('__tostring');
    if (tm !== undefined) {
      const s = callMeta1(L, tm, orig);
      if (typeof s === 'string') {
        L.stack[L.top++] = s;
        return 1; // that is the message
      }
    }
    msg = `(error object is a ${typeName(orig)} value)`;
  }
  L.stack[L.top++] = traceback(L, L, msg, 1);
  return 1;
}, 'msghandler');

/** Call the function at the top with `nargs` arguments above it, reporting errors (lua.c's docall + report). */
function docall(L: LuaState, func: number, nresults: number, message: (m: string) => void): boolean {
  // put the message handler below the function
  for (let p = L.top; p > func; p--) L.stack[p] = L.stack[p - 1];
  L.stack[func] = msghandler;
  L.top++;
  const sigint = L.g.budget.signal?.flag;
  // only while a chunk runs is Ctrl-C an error (lua.c sets its handler around the call)
  if (sigint !== undefined) Atomics.store(sigint, Sigint.RUNNING, 1);
  let status;
  try {
    status = pcall(L, func + 1, nresults, func);
  } finally {
    if (sigint !== undefined) {
      Atomics.store(sigint, Sigint.RUNNING, 0);
      Atomics.store(sigint, Sigint.PENDING, 0); // a signal not taken (the chunk was in a library call) ends with it
    }
  }
  // remove the handler
  for (let p = func; p < L.top - 1; p++) L.stack[p] = L.stack[p + 1];
  L.top--;
  if (status !== LUA_OK) {
    const err = L.stack[--L.top];
    message(typeof err === 'string' ? err : `(error object is a ${typeName(err)} value)`);
    return false;
  }
  return true;
}

function doChunk(L: LuaState, f: LuaClosure | string, message: (m: string) => void): boolean {
  if (typeof f === 'string') {
    message(f);
    return false;
  }
  const func = L.top;
  L.stack[L.top++] = f;
  const ok = docall(L, func, 0, message);
  L.top = func;
  return ok;
}

/** -l [g=]mod: require mod and store it in global g. */
function doLibrary(L: LuaState, spec: string, message: (m: string) => void): boolean {
  const eq = spec.indexOf('=');
  const globname = eq < 0 ? spec : spec.slice(0, eq);
  const modname = eq < 0 ? spec : spec.slice(eq + 1);
  const func = L.top;
  L.stack[L.top++] = globals(L).getStr('require');
  L.stack[L.top++] = modname;
  if (!docall(L, func, 1, message)) return false;
  globals(L).setStr(globname, L.stack[--L.top]);
  L.top = func;
  return true;
}

function handleScript(L: LuaState, argv: string[], script: number, message: (m: string) => void): boolean {
  const fname = argv[script];
  const f = fname === '-' && argv[script - 1] !== '--' ? loadFile(L, undefined, 'bt') : loadFile(L, fname, 'bt');
  if (typeof f === 'string') {
    message(f);
    return false;
  }
  const func = L.top;
  L.stack[L.top++] = f;
  // lua.c's pushargs: the script's arguments are what the 'arg' table holds now (-e may have changed it)
  const args = globals(L).getStr('arg');
  if (!(args instanceof LuaTable)) runerror(L, "'arg' is not a table");
  const n = args.length();
  for (let i = 1; i <= n; i++) L.stack[L.top++] = args.getInt(i);
  const ok = docall(L, func, -1, message);
  L.top = func;
  return ok;
}

// ---------------------------------------------------------------------------
// The interactive loop

function prompt(L: LuaState, first: boolean): string {
  const p = globals(L).getStr(first ? '_PROMPT' : '_PROMPT2');
  if (p === undefined) return first ? '> ' : '>> ';
  return tolstring(L, p);
}

/** A syntax error caused only by the input ending early (lua.c's incomplete). */
function incomplete(msg: string): boolean {
  return msg.endsWith('<eof>');
}

/** Compile a REPL line: first as "return <line>" (to print expressions), else as a statement. */
function loadLine(L: LuaState, host: CliHost, first: string): LuaClosure | string | null | undefined {
  const asExpr = loadChunk(L, `return ${first}`, '=stdin', 't');
  if (typeof asExpr !== 'string') return asExpr;
  let buffer = first;
  for (;;) {
    const f = loadChunk(L, buffer, '=stdin', 't');
    if (typeof f !== 'string' || !incomplete(f)) return f;
    const more = readLine(L, host, prompt(L, false));
    if (more === null) return f;
    if (more === undefined) return undefined; // Ctrl-C: the statement is abandoned
    buffer += '\n' + more;
  }
}

/**
 * One line for the REPL. Read from a terminal, the line is on the screen
 * already; read from anything else, it is echoed after the prompt, as the
 * standard `lua` (built with readline) shows it, so that a transcript of
 * `lua -i < file` reads as the session would.
 */
function readLine(L: LuaState, host: CliHost, promptText: string): string | null | undefined {
  const line = host.readLine!(promptText, (text) => complete(L, text));
  if (typeof line === 'string' && !host.stdinIsTTY) host.stdout(line + '\n');
  return line;
}

function repl(L: LuaState, host: CliHost, message: (m: string) => void): void {
  if (!host.readLine) return;
  for (;;) {
    let line = readLine(L, host, prompt(L, true));
    if (line === null) break;
    if (line === undefined) continue; // Ctrl-C at the prompt: a fresh one
    if (line.startsWith('=')) line = `return ${line.slice(1)}`; // '=expr', kept by lua.c for compatibility with 5.2
    const f = loadLine(L, host, line);
    if (f === null) break;
    if (f === undefined) continue;
    if (typeof f === 'string') {
      message(f);
      continue;
    }
    const func = L.top;
    L.stack[L.top++] = f;
    if (docall(L, func, -1, message) && L.top > func) printResults(L, func, message);
    L.top = func;
  }
  host.stdout('\n');
}

function printResults(L: LuaState, first: number, message: (m: string) => void): void {
  const n = L.top - first;
  const func = L.top;
  L.stack[L.top++] = globals(L).getStr('print');
  for (let i = 0; i < n; i++) L.stack[L.top++] = L.stack[first + i];
  if (pcall(L, func, 0, 0) !== LUA_OK) {
    message(`error calling 'print' (${tolstring(L, L.stack[L.top - 1])})`);
  }
}
