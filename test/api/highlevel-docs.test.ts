/**
 * docs/api.md: every example shown is the file in docs/examples/, and
 * running it prints the output shown.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../../', import.meta.url); // dist/test/api -> the repository
const doc = readFileSync(new URL('docs/api.md', root), 'utf8');
const EXAMPLE = /<!-- example: (\w+) \(docs\/examples\/\w+\.ts\) -->\n```ts\n([\s\S]*?)\n```\n\nOutput:\n\n```text\n([\s\S]*?)\n```/g;

const examples = [...doc.matchAll(EXAMPLE)];

test('docs/api.md shows examples', () => {
  assert.ok(examples.length >= 6, `found ${examples.length} examples`);
});

for (const [, name, shown, output] of examples) {
  test(`docs/api.md example '${name}': code matches the file and output matches the run`, async () => {
    const source = readFileSync(new URL(`docs/examples/${name}.ts`, root), 'utf8');
    assert.equal(shown, source.trimEnd());
    const mod = (await import(new URL(`dist/docs/examples/${name}.js`, root).href)) as { main(): string | Promise<string> };
    assert.equal(await mod.main(), output);
  });
}
