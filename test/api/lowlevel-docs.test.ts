/**
 * docs/api-lowlevel.md stays true: every example it shows is the file in
 * docs/examples/ (same text), and running the file's main() prints exactly
 * the output written under it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);
const doc = readFileSync(new URL('docs/api-lowlevel.md', root), 'utf8');

/** Fenced blocks with an info string `<lang> <key>=<value>`. */
function blocks(key: string): Map<string, string> {
  const found = new Map<string, string>();
  const re = new RegExp('```\\w+ ' + key + '=(\\S+)\\n([\\s\\S]*?)\\n```', 'g');
  for (const m of doc.matchAll(re)) found.set(m[1], m[2]);
  return found;
}

const sources = blocks('file');
const outputs = blocks('output');

test('the doc shows at least the six examples, each with its output', () => {
  assert.ok(sources.size >= 6);
  for (const path of sources.keys()) {
    const name = path.replace(/^docs\/examples\/|\.ts$/g, '');
    assert.ok(outputs.has(name), `no output block for ${name}`);
  }
});

for (const [path, shown] of sources) {
  const name = path.replace(/^docs\/examples\/|\.ts$/g, '');
  test(`example ${name}: the doc shows the file and its real output`, async () => {
    assert.equal(shown, readFileSync(new URL(path, root), 'utf8').trimEnd(), `${path} differs from the doc`);
    const mod = (await import(new URL(`dist/docs/examples/${name}.js`, root).href)) as { main: (print: (s: string) => void) => void };
    const lines: string[] = [];
    mod.main((s) => lines.push(s));
    assert.equal(lines.join('\n'), outputs.get(name));
  });
}
