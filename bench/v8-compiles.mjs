// How often V8 compiles moonbox's own functions while a Lua program runs:
// the baseline for issue 17 (a compiling tier), whose target is "a handful,
// not dozens". Each program runs once under `node --trace-opt --trace-deopt`
// (moonbox's own functions, then apart the functions the compiling tier
// generated from Lua code; MOONBOX_COMPILE=off in the environment: without the tier)
// (the flags reach the worker thread Lua runs on); the trace is read for
// TurboFan compilations (OSR included), their compile time, and
// deoptimizations, per function. Needs a build (npm run build).
//
//   node bench/v8-compiles.mjs [program.lua ...]     (default: ../shared/bench/programs/*.lua)
//   node bench/v8-compiles.mjs --detail fib.lua      (also the functions compiled most)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'moonbox.js');
const PROGRAMS = join(ROOT, '..', 'shared', 'bench', 'programs');

const args = process.argv.slice(2);
const detail = args[0] === '--detail' ? args.shift() !== undefined : false;
const programs = args.length > 0 ? args : readdirSync(PROGRAMS).filter((f) => f.endsWith('.lua')).sort().map((f) => join(PROGRAMS, f));

const COMPLETED = /^\[completed compiling 0x[0-9a-f]+ <JSFunction (\S*) \(sfi = [0-9a-fx]+\)> \(target (\w+)\)( OSR)? - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/;
const DEOPT = /^\[bailout \(kind: ([\w-]+), reason: ([^)]*)\): begin\. deoptimizing 0x[0-9a-f]+ <JSFunction (\S*) /;

/** Per function: compilations, their milliseconds, deoptimizations and why. */
function trace(program) {
  const r = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', BIN, program], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${program} failed: ${r.stderr.slice(0, 500)}`);
  const fns = new Map();
  const of = (name) => {
    let f = fns.get(name);
    if (f === undefined) fns.set(name, (f = { compiles: 0, ms: 0, deopts: 0, reasons: new Map() }));
    return f;
  };
  for (const line of r.stdout.split('\n')) {
    let m = COMPLETED.exec(line);
    if (m !== null) {
      const f = of(m[1] || '(anonymous)');
      f.compiles++;
      f.ms += Number(m[4]) + Number(m[5]) + Number(m[6]);
      continue;
    }
    m = DEOPT.exec(line);
    if (m !== null) {
      const f = of(m[3] || '(anonymous)');
      f.deopts++;
      f.reasons.set(m[2], (f.reasons.get(m[2]) ?? 0) + 1);
    }
  }
  return fns;
}

const sum = (fns, key, generated = false) => [...fns].filter(([name]) => isGenerated(name) === generated).reduce((n, [, f]) => n + f[key], 0);
/** Functions the compiling tier generated from Lua code (codegen.ts names them lua_<chunk>_<line>). */
const isGenerated = (name) => name.startsWith('lua_');

console.log('| program | TurboFan compilations | of `execute` | deoptimizations | of `execute` | compile time (ms) | of generated code: compilations | deoptimizations | compile time (ms) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const program of programs) {
  const fns = trace(program);
  const exec = fns.get('execute') ?? { compiles: 0, deopts: 0 };
  console.log(`| ${basename(program, '.lua')} | ${sum(fns, 'compiles')} | ${exec.compiles} | ${sum(fns, 'deopts')} | ${exec.deopts} | ${sum(fns, 'ms').toFixed(0)} | ${sum(fns, 'compiles', true)} | ${sum(fns, 'deopts', true)} | ${sum(fns, 'ms', true).toFixed(0)} |`);
  if (detail) {
    for (const [name, f] of [...fns].sort((a, b) => b[1].compiles - a[1].compiles).slice(0, 10)) {
      const why = [...f.reasons].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([r, n]) => `${n}x ${r}`).join('; ');
      console.log(`|   ${name} | ${f.compiles} | | ${f.deopts} | ${why} | ${f.ms.toFixed(0)} |`);
    }
  }
}
