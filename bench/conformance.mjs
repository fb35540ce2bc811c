// The official Lua 5.4.6 suite, file by file, as `npm test` runs it (with the
// exemptions of test/conformance/exemptions.json): a markdown table of results
// and times for BENCHMARKS.md. Needs a build (npm run build) and ../shared.
//
//   node bench/conformance.mjs
import { rmSync } from 'node:fs';
import { FILES, PRESET_SHELL, SUITE, loadExemptions, prepareSuite, runFile, suiteFound } from '../dist/test/conformance/suite.js';

if (!suiteFound()) {
  console.error(`official suite not found at ${SUITE}`);
  process.exit(2);
}
const dir = prepareSuite();
let total = 0;
let passed = 0;
console.log('| file | result | seconds |\n|---|---|---:|');
for (const file of FILES) {
  const r = runFile(dir, file);
  total += r.seconds;
  if (r.pass) passed++;
  console.log(`| ${file} | ${r.pass ? 'pass' : `fail: ${r.why.replace(/\|/g, '\\|')}`} | ${r.seconds.toFixed(2)} |`);
}
console.log(`| **${passed} of ${FILES.length}** | | **${total.toFixed(1)}** |`);
// beyond run.sh's defaults, as npm test runs them too
console.log('\n| also run | result | seconds |\n|---|---|---:|');
for (const [label, file, preset] of [
  ['main.lua without `_port` (the command through a shell)', 'main.lua', PRESET_SHELL],
  ['heavy.lua (a table grown until memory runs out)', 'heavy.lua', undefined],
]) {
  const r = runFile(dir, file, 240, preset);
  console.log(`| ${label} | ${r.pass ? 'pass' : `fail: ${r.why.replace(/\|/g, '\\|')}`} | ${r.seconds.toFixed(2)} |`);
}
console.log(`\nExemptions (${loadExemptions().length}): ${loadExemptions().map((e) => `${e.file}:${e.line}`).join(', ')}`);
rmSync(dir, { recursive: true, force: true });
