/**
 * The official Lua 5.4.6 test suite, run file by file with the moonbox
 * command the way ../shared/tools/conformance/run.sh runs it: from a scratch
 * copy of the suite, with all.lua's user-test settings (`_U`), stdin empty,
 * a time limit, and the file's end marker as the last line of output (so a
 * run that stops early fails).
 *
 * The suite is read from ../shared/lua-tests/5.4.6 and never copied into the
 * project. The only changes made to the scratch copy are the exemptions of
 * exemptions.json: lines that test PUC-Rio's memory layout (string
 * identity through `%p`), each replaced by what it checks besides the
 * layout; a listed line that no longer reads as listed is an error.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled to dist/test/conformance/: the repository root is three levels up.
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SUITE = resolve(ROOT, '../shared/lua-tests/5.4.6');
const BIN = join(ROOT, 'bin/moonbox.js');

/** all.lua with _U set: _soft/_port/_nomsg true, T nil, global debug removed (run.sh's PRESET). */
export const PRESET = '_U=true _soft=true _port=true _nomsg=true T=nil debug=nil';

/**
 * The same without `_port`: main.lua then drives the command through a
 * shell (options, the REPL, exit statuses, Ctrl-C), as it tests a POSIX `lua`.
 */
export const PRESET_SHELL = '_U=true _soft=true _nomsg=true T=nil debug=nil';

/** The 29 files, in all.lua's order (heavy.lua, a memory-exhaustion stress test, is not among them). */
export const FILES = [
  'main.lua', 'gc.lua', 'db.lua', 'calls.lua', 'strings.lua', 'literals.lua', 'tpack.lua', 'attrib.lua',
  'gengc.lua', 'locals.lua', 'constructs.lua', 'code.lua', 'big.lua', 'cstack.lua', 'nextvar.lua', 'pm.lua',
  'utf8.lua', 'api.lua', 'events.lua', 'vararg.lua', 'closure.lua', 'coroutine.lua', 'goto.lua', 'errors.lua',
  'math.lua', 'sort.lua', 'bitwise.lua', 'verybig.lua', 'files.lua',
];

/** What a file's last non-empty output line must match (run.sh's end_marker). */
export function endMarker(file: string): RegExp {
  switch (file) {
    case 'files.lua': return /^Lua 5\.4/; // ends by writing _VERSION
    case 'gc.lua': return /^(OK|>>> closing state <<<)$/; // a __gc prints at lua_close
    case 'main.lua': case 'big.lua': return /^\s*(OK)?\s*$/; // return at once under _port/_soft
    case 'heavy.lua': return /^OK$/;
    case 'verybig.lua': return /^(OK|testing RK)$/; // returns early under _soft
    case 'api.lua': case 'code.lua': return /^\s*(OK|>>> testC not active.*)\s*$/; // need T
    default: return /^\s*[Oo][Kk]\s*$/;
  }
}

/** A line of the suite patched out because it tests PUC-Rio's memory layout. */
export interface Exemption {
  file: string;
  /** 1-based. */
  line: number;
  /** The line exactly as the suite has it. */
  text: string;
  /** What replaces it: the part of the line that does not depend on the layout ("" when none). */
  replacement: string;
  reason: string;
}

export function loadExemptions(): Exemption[] {
  return JSON.parse(readFileSync(join(ROOT, 'test/conformance/exemptions.json'), 'utf8')) as Exemption[];
}

/**
 * Apply exemptions to the suite copy in `dir` (line count unchanged, so
 * messages keep their line numbers). Throws if a listed line is not there
 * as listed: the suite changed, and the list must be looked at again.
 */
export function applyExemptions(dir: string, exemptions: readonly Exemption[]): void {
  for (const e of exemptions) {
    const path = join(dir, e.file);
    const lines = readFileSync(path, 'latin1').split('\n');
    if (lines[e.line - 1] !== e.text) {
      throw new Error(`exemption ${e.file}:${e.line} no longer matches: the line reads ${JSON.stringify(lines[e.line - 1])}`);
    }
    lines[e.line - 1] = `${e.replacement} -- moonbox exemption (test/conformance/exemptions.json)`;
    writeFileSync(path, lines.join('\n'), 'latin1');
  }
}

/** A scratch copy of the suite with the exemptions applied; the caller removes it. */
export function prepareSuite(exemptions: readonly Exemption[] = loadExemptions()): string {
  const dir = mkdtempSync(join(tmpdir(), 'moonbox-conformance-'));
  try {
    cpSync(SUITE, dir, { recursive: true });
    applyExemptions(dir, exemptions);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return dir;
}

export interface FileResult {
  pass: boolean;
  seconds: number;
  /** Why it failed: the exit status and the first error, or the missing end marker. */
  why: string;
  /** What it printed. */
  out: string;
}

/** Run one file of the suite copy in `dir`, as run.sh does. */
export function runFile(dir: string, file: string, timeoutSeconds = 120, preset = PRESET): FileResult {
  const t0 = performance.now();
  const env = { ...process.env };
  delete env.LUA_INIT;
  delete env.LUA_INIT_5_4;
  const r = spawnSync(process.execPath, [BIN, '-e', preset, file], {
    cwd: dir, input: '', encoding: 'latin1', env, timeout: timeoutSeconds * 1000, maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  const out = r.stdout ?? '';
  const err = r.stderr ?? '';
  const last = out.split('\n').filter((l) => l.trim() !== '').pop() ?? '';
  if (r.error !== undefined) return { pass: false, seconds, why: `did not finish: ${r.error.message}`, out };
  if (r.status !== 0) {
    const firstError = err.split('\n').find((l) => l.trim() !== '' && !l.startsWith('Lua warning')) ?? '(no stderr)';
    return { pass: false, seconds, why: `exit ${r.status ?? r.signal}: ${firstError}`, out };
  }
  if (!endMarker(file).test(last)) return { pass: false, seconds, why: `exit 0 but end marker not reached; last output: ${last}`, out };
  return { pass: true, seconds, why: '', out };
}

/** Is the official suite beside the project? */
export function suiteFound(): boolean {
  return existsSync(join(SUITE, 'all.lua'));
}
