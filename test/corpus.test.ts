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
      // every script is a case: one committed without its expected output fails (test/regen.sh makes it)
      if (f.endsWith('.lua')) out.push(join(dir, f));
    }
  }
  return out;
}

/** test/lua/known-failures.txt: case -> reason. */
function knownFailures(): Map<string, string> {
  const known = new Map<string, string>();
  for (const line of readFileSync(join(root, 'known-failures.txt'), 'utf8').split('\n')) {
    const m = /^([^#\s]\S*)\s+(.*)$/.exec(line.trim());
    if (m !== null) known.set(m[1], m[2]);
  }
  return known;
}

const known = knownFailures();

function check(file: string): void {
  const outFile = file.replace(/\.lua$/, '.out');
  assert.ok(existsSync(outFile), `no expected output ${outFile}: run test/regen.sh on the script`);
  const expectedOut = readFileSync(outFile, 'latin1');
  const errFile = file.replace(/\.lua$/, '.err');
  const expectedErr = existsSync(errFile) ? readFileSync(errFile, 'latin1') : '';
  const r = runCase(file);
  assert.equal(r.stdout, expectedOut, 'stdout differs');
  assert.equal(r.err, expectedErr, 'stderr/exit status differs');
}

for (const file of cases()) {
  const name = file.slice(root.length + 1);
  const reason = known.get(name);
  if (reason === undefined) {
    test(name, () => check(file));
  } else {
    test(`${name} (known failure)`, { todo: reason }, () => check(file));
  }
}

test('the known-failures list is current: every entry exists and still fails', () => {
  const all = new Map(cases().map((f) => [f.slice(root.length + 1), f]));
  for (const [name, reason] of known) {
    const file = all.get(name);
    assert.ok(file !== undefined, `${name} is listed but does not exist`);
    if (reason.startsWith('[flaky]')) continue;
    let passes = true;
    try {
      check(file);
    } catch {
      passes = false;
    }
    assert.ok(!passes, `${name} passes now: remove it from test/lua/known-failures.txt`);
  }
});
