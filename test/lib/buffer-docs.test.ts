/**
 * docs/buffer.md: every Lua example shown runs and prints the output shown.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Lua } from '../../src/index.js';

const root = new URL('../../../', import.meta.url); // dist/test/lib -> the repository
const doc = readFileSync(new URL('docs/buffer.md', root), 'utf8');
const EXAMPLE = /<!-- lua example: (\w+) -->\n```lua\n([\s\S]*?)\n```\n\nOutput:\n\n```text\n([\s\S]*?)\n```/g;
const examples = [...doc.matchAll(EXAMPLE)];

test('docs/buffer.md shows examples', () => {
  assert.ok(examples.length >= 2, `found ${examples.length} examples`);
});

for (const [, name, code, output] of examples) {
  test(`docs/buffer.md example '${name}' prints what the page shows`, () => {
    let out = '';
    const lua = new Lua({ stdout: (text) => { out += text; } });
    lua.run(code, { chunkName: `=${name}` });
    assert.equal(out, `${output}\n`);
  });
}
