/**
 * Hooks and the profiler change nothing a script can see but what it asks
 * for: every case of the differential corpus gives its expected output
 * under a hook on every event (each instruction traced: the interpreter
 * runs the trapped copies of the code), and under the profiler with lines.
 *
 * Left out, with their reason: the debug area (it observes hooks), and
 * the cases a hook changes in the reference as well (skipped, and said).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCase } from '../corpus-run.js';

const root = fileURLToPath(new URL('../../../test/lua', import.meta.url));

/** Areas left out, and why. */
const LEFT_OUT: Record<string, string> = {
  debug: 'observes hooks: a hook of its own replaces ours, gethook reports it',
};

/**
 * Cases whose output a Lua hook changes in the reference too, and why
 * (lua5.4.6 run with the same -e gives the same output as moonbox).
 */
const CHANGED_BY_A_HOOK: Record<string, string> = {
  'meta/mm_frames.lua': "a hook's call is one more C level at the deepest point: 'C stack overflow' one metamethod earlier",
};

/** A no-op Lua hook on calls, returns, lines and every third instruction, set before the script runs. */
const HOOK = ['-e', 'local n = 0; debug.sethook(function(e, l) n = n + 1 end, "crl", 3)'];

function cases(): string[] {
  const known = new Set(
    readFileSync(join(root, 'known-failures.txt'), 'utf8').split('\n')
      .map((l) => l.trim().split(/\s+/)[0]).filter((l) => l !== '' && !l.startsWith('#')),
  );
  const out: string[] = [];
  for (const area of readdirSync(root).sort()) {
    const dir = join(root, area);
    if (!statSync(dir).isDirectory() || area in LEFT_OUT) continue;
    for (const f of readdirSync(dir).sort()) {
      const name = `${area}/${f}`;
      if (f.endsWith('.lua') && existsSync(join(dir, f.replace(/\.lua$/, '.out'))) && !known.has(name)) out.push(join(dir, f));
    }
  }
  return out;
}

function expected(file: string): { out: string; err: string } {
  const errFile = file.replace(/\.lua$/, '.err');
  return {
    out: readFileSync(file.replace(/\.lua$/, '.out'), 'latin1'),
    err: existsSync(errFile) ? readFileSync(errFile, 'latin1') : '',
  };
}

const all = cases();

test('the transparency tests see the corpus', () => {
  assert.ok(all.length > 300, `only ${all.length} cases found under ${root}`);
});

for (const file of all) {
  const name = file.slice(root.length + 1);
  test(`under a hook: ${name}`, { skip: CHANGED_BY_A_HOOK[name] }, () => {
    const r = runCase(file, HOOK);
    const want = expected(file);
    assert.equal(r.stdout, want.out, 'stdout differs');
    assert.equal(r.err, want.err, 'stderr/exit status differs');
  });
  test(`under the profiler: ${name}`, () => {
    let written = '';
    const r = runCase(file, ['--profile=p.json', '--profile-lines'], (_path, text) => { written = text; });
    const want = expected(file);
    assert.equal(r.stdout, want.out, 'stdout differs');
    assert.equal(r.err, want.err, 'stderr/exit status differs');
    const report = JSON.parse(written) as { functions: unknown[]; root: { children: unknown[] } };
    assert.ok(Array.isArray(report.functions) && Array.isArray(report.root.children), 'the profile was written');
  });
}
