/**
 * examples/coverage.lua (a line-coverage tool written in Lua on debug.sethook)
 * run by the moonbox command on examples/coverage-demo.lua must print exactly
 * what the reference interpreter prints. test/cli/coverage.expected was made
 * from the repository root with:
 *
 *   ../shared/bin/lua5.4.6 examples/coverage.lua examples/coverage-demo.lua > test/cli/coverage.expected
 *
 * Line counts depend on where the compiler puts line information and on when
 * line events fire (loops, multi-line statements, closing 'end's), so this checks
 * the hooks and getinfo 'L' (activelines) end to end.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Compiled to dist/test/cli/: the repository root is three levels up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/moonbox.js', import.meta.url));

test('examples/coverage.lua annotates examples/coverage-demo.lua like the reference', () => {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.LUA_INIT;
  delete env.LUA_INIT_5_4;
  const r = spawnSync(process.execPath, [bin, 'examples/coverage.lua', 'examples/coverage-demo.lua'], {
    cwd: root,
    env,
    input: '',
    encoding: 'latin1',
  });
  const expected = readFileSync(new URL('../../../test/cli/coverage.expected', import.meta.url), 'latin1');
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, expected);
  assert.equal(r.status, 0);
});
