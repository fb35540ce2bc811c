/**
 * The differential corpus: every test/lua/<area>/<name>.lua runs under the
 * moonbox CLI (in-process) and its stdout, normalised stderr and exit status
 * must equal what lua5.4 produced (the committed .out/.err files; see
 * test/lua/README.md).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCase } from './corpus-run.js';

const root = fileURLToPath(new URL('../../test/lua', import.meta.url));

function cases(): string[] {
  const out: string[] = [];
  for (const area of readdirSync(root).sort()) {
    const dir = join(root, area);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.lua') && existsSync(join(dir, f.replace(/\.lua$/, '.out')))) out.push(join(dir, f));
    }
  }
  return out;
}

for (const file of cases()) {
  const name = file.slice(root.length + 1);
  test(name, () => {
    const expectedOut = readFileSync(file.replace(/\.lua$/, '.out'), 'latin1');
    const errFile = file.replace(/\.lua$/, '.err');
    const expectedErr = existsSync(errFile) ? readFileSync(errFile, 'latin1') : '';
    const r = runCase(file);
    assert.equal(r.stdout, expectedOut, 'stdout differs');
    assert.equal(r.err, expectedErr, 'stderr/exit status differs');
  });
}
