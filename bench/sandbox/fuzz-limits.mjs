#!/usr/bin/env node
// Every generated program under tight limits ends as the program, an ordinary
// error or a limit error: never a host exception, a crash or a hang.
//
//   node bench/sandbox/fuzz-limits.mjs [count=10000] [first-seed=1]
//
// Programs come from ../shared/tools/luafuzz (its generator, 60 blocks each),
// each run in-process through the embedding API (one fresh state per
// program, the 'safe' sandbox) under one of three tight profiles, in turn:
// few instructions, little memory, little time; and, for one program in 20,
// through the command with the same limits. Prints the counts of each
// outcome and every program that ended otherwise.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { generate } = await import(pathToFileURL(join(root, '../shared/tools/luafuzz/gen.mjs')).href);
const { Lua, LuaError, LuaLimitError } = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);

const count = Number(process.argv[2] ?? 10000);
const first = Number(process.argv[3] ?? 1);
const PROFILES = [
  { memory: 64 * 2 ** 20, instructions: 20_000, time: 5000 },
  { memory: 0.9 * 2 ** 20, instructions: 1e9, time: 5000 },
  { memory: 64 * 2 ** 20, instructions: 1e9, time: 3 },
];
const outcomes = new Map();
const bad = [];
const dir = mkdtempSync(join(tmpdir(), 'fuzz-limits-'));
const started = performance.now();
let slowest = 0;

for (let seed = first; seed < first + count; seed++) {
  const { src } = generate(seed, { size: 60 });
  const limits = PROFILES[seed % PROFILES.length];
  const lua = new Lua({ limits, stdout: () => {}, stderr: () => {} });
  const t0 = performance.now();
  let outcome;
  try {
    lua.run(src, { chunkName: `seed${seed}.lua` });
    outcome = 'ok';
  } catch (e) {
    if (e instanceof LuaLimitError) outcome = `limit:${e.limit}`;
    else if (e instanceof LuaError) outcome = 'error';
    else outcome = `HOST EXCEPTION ${e?.stack ?? e}`;
  }
  slowest = Math.max(slowest, performance.now() - t0);
  try {
    if (lua.run('return 1 + 1') !== 2) outcome = 'STATE UNUSABLE';
  } catch (e) {
    outcome = `STATE UNUSABLE ${e}`;
  }
  if (seed % 20 === 0) {
    const file = join(dir, `seed${seed}.lua`);
    writeFileSync(file, src);
    let status = 0;
    try {
      execFileSync(process.execPath, [join(root, 'bin/moonbox.js'), '--sandbox=safe', `--max-memory=${limits.memory}`,
        `--max-instructions=${limits.instructions}`, `--timeout=${limits.time}ms`, file], { stdio: 'pipe', timeout: 30_000 });
    } catch (e) {
      status = e.status ?? -1;
    }
    if (![0, 1, 3].includes(status)) outcome = `COMMAND STATUS ${status}`;
  }
  const key = outcome.startsWith('HOST') || outcome.startsWith('STATE') || outcome.startsWith('COMMAND') ? 'bad' : outcome;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  if (key === 'bad') bad.push(`seed ${seed}: ${outcome}`);
}

console.log(`${count} programs (seeds ${first}..${first + count - 1}) in ${((performance.now() - started) / 1000).toFixed(0)} s; slowest run ${slowest.toFixed(0)} ms`);
for (const [k, v] of [...outcomes].sort()) console.log(`  ${k}: ${v}`);
for (const b of bad) console.log(b);
process.exitCode = bad.length === 0 ? 0 : 1;
