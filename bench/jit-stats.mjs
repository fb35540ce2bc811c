// What the compiling tier does on each benchmark program: functions compiled,
// compiled again (slow paths in), not compiled (too large), the time spent
// generating and instantiating code, and its size. Runs each program in this
// process, in a state with the default mode ('hot'), and prints a markdown table.
//
//   node bench/jit-stats.mjs [program.lua ...]     (default: ../shared/bench/programs/*.lua)
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newState, loadChunk } from '../dist/src/vm/create.js';
import { openLibs } from '../dist/src/lib/init.js';
import { pcall } from '../dist/src/vm/call.js';

const here = dirname(fileURLToPath(import.meta.url));
const PROGRAMS = join(here, '../../shared/bench/programs');
const args = process.argv.slice(2);
const programs = args.length > 0 ? args : readdirSync(PROGRAMS).filter((f) => f.endsWith('.lua')).sort().map((f) => join(PROGRAMS, f));

console.log('| program | compiled | compiled again | too large | generating (ms) | per function (ms) | JS (KB) | per function (KB) | run (ms) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const program of programs) {
  const L = newState({ compile: 'hot', stdout: () => {} });
  openLibs(L);
  const f = loadChunk(L, readFileSync(program, 'latin1'), `@${basename(program)}`, 't');
  if (typeof f === 'string') throw new Error(f);
  L.stack[L.top++] = f;
  const t0 = performance.now();
  if (pcall(L, L.top - 1, 0, 0) !== 0) throw new Error(`${program}: ${String(L.stack[L.top - 1])}`);
  const ms = performance.now() - t0;
  const s = L.g.jit.stats;
  const made = s.compiled;
  console.log(`| ${basename(program, '.lua')} | ${made - s.recompiled} | ${s.recompiled} | ${s.tooLarge} | ${s.ms.toFixed(1)} | ${(s.ms / Math.max(1, made)).toFixed(2)} | ${(s.sourceChars / 1024).toFixed(0)} | ${(s.sourceChars / 1024 / Math.max(1, made)).toFixed(1)} | ${ms.toFixed(0)} |`);
}
