/**
 * The flame graph page as text: self-contained, hostile names kept inert,
 * the embedded profile readable back, the script allowed by the page's
 * Content-Security-Policy, the empty report, deep trees. What the page does
 * in a browser is test/profile/flamegraph-browser.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { flameGraphHtml, type PageData } from '../../src/profile/flamegraph.js';
import { PAGE_SCRIPT, PAGE_SCRIPT_HASH } from '../../src/profile/flamegraph-page.js';
import { escapeHtml, jsonForScript } from '../../src/profile/html.js';
import { buildReport, chunk, emptyReport, gameReport, host, lua, recursionReport } from './reports.js';

/** The profile the page carries, read back as its script reads it. */
function embedded(html: string): PageData {
  const m = /<script type="application\/json" id="profile-data">([^<]*)<\/script>/.exec(html);
  assert.ok(m, 'no profile-data element');
  return JSON.parse(m[1]) as PageData;
}

const EVIL = '</script><script>alert(1)</script><!--';

test('the page carries the call tree depth-first, with the shared labels', () => {
  const report = buildReport({ main: chunk('s.lua'), f: lua('f', 's.lua', 3), p: host('print') }, [
    ['main', 1, 1, [['f', 2, 4.25, [['p', 2, 0.5]]], ['p', 1, 0.125]]],
  ], 10);
  const data = embedded(flameGraphHtml(report));
  const labels = data.fn.map((fn) => (fn < 0 ? 'all' : data.functions[fn].label));
  assert.deepEqual(labels, ['all', 'main chunk (s.lua)', 'f (s.lua:3)', 'print ([C])', 'print ([C])']);
  assert.deepEqual(data.parent, [-1, 0, 1, 2, 1]);
  assert.deepEqual(data.depth, [0, 1, 2, 3, 2]);
  assert.deepEqual(data.total, [5.875, 5.875, 4.75, 0.5, 0.125]);
  assert.deepEqual(data.self, [0, 1, 4.25, 0.5, 0.125]);
  assert.deepEqual(data.calls, [0, 1, 2, 2, 1]);
  assert.equal(data.span, 10);
  assert.deepEqual(data.functions.map((f) => f.kind).sort(), ['C', 'Lua', 'main']);
});

test('the page is self-contained: nothing to fetch, no script but its own', () => {
  const html = flameGraphHtml(gameReport());
  assert.doesNotMatch(html, /\b(?:src|href)\s*=/i);
  assert.doesNotMatch(html, /https?:|\/\/[a-z]/i);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*'; style-src 'unsafe-inline'">/);
  assert.equal((html.match(/<script>/g) ?? []).length, 1);
});

test("the script's hash in the Content-Security-Policy is the script's", () => {
  const actual = `'sha256-${createHash('sha256').update(PAGE_SCRIPT, 'utf8').digest('base64')}'`;
  assert.equal(PAGE_SCRIPT_HASH, actual, 'PAGE_SCRIPT changed without its hash: regenerate src/profile/flamegraph-page.ts');
  assert.ok(flameGraphHtml(gameReport()).includes(`<script>${PAGE_SCRIPT}</script>`));
});

test('flamegraph-page.ts is generated from the current flamegraph-style.css and flamegraph-script.js', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'tools/gen-flamegraph-page.ts'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout === readFileSync(join(root, 'src/profile/flamegraph-page.ts'), 'utf8'),
    'regenerate it: npx tsx tools/gen-flamegraph-page.ts > src/profile/flamegraph-page.ts');
});

test('names and the title from untrusted hands stay text', () => {
  const report = buildReport({ main: chunk(EVIL), f: lua(EVIL, 'a.lua', 1), g: host('x\u2028y') }, [['main', 1, 1, [['f', 1, 2], ['g', 1, 1]]]]);
  const html = flameGraphHtml(report, { title: `<img onerror=alert(1)> & ${EVIL}` });
  assert.equal((html.match(/<script/g) ?? []).length, 2, 'a name opened a script element');
  assert.ok(!html.includes('<img') && !html.includes('<!--') && !html.includes('\u2028'));
  assert.match(html, /<title>&lt;img onerror=alert\(1\)&gt; &amp; &lt;\/script&gt;&lt;script&gt;alert\(1\)/);
  const labels = embedded(html).functions.map((f) => f.label).sort();
  assert.deepEqual(labels, [`${EVIL} (a.lua:1)`, `main chunk (${EVIL})`, 'x\\u{2028}y ([C])']);
});

test('an empty profile gives a page that says so', () => {
  const html = flameGraphHtml(emptyReport(), { title: 'nothing' });
  assert.match(html, /<p class="empty">No calls were recorded in this profile\.<\/p>/);
  assert.ok(!html.includes('id="chart"'));
  assert.match(html, /<b>0<\/b> calls/);
  const timeless = buildReport({ f: lua('f', 'a.lua', 1) }, [['f', 3, 0]]);
  assert.match(flameGraphHtml(timeless), /<p class="empty">This profile recorded calls but no measurable time\.<\/p>/);
});

test('the header gives the duration, the calls and the functions', () => {
  assert.match(flameGraphHtml(gameReport(), { title: 'game.lua' }),
    /<h1>game\.lua<\/h1>\n<p class="summary"><span>duration <b>232\.100 ms<\/b><\/span><span><b>246,660<\/b> calls<\/span><span><b>43<\/b> functions<\/span><\/p>/);
});

test('a call tree deeper than the JS stack', () => {
  const data = embedded(flameGraphHtml(recursionReport(100_000)));
  assert.equal(data.fn.length, 100_001);
  assert.equal(data.depth[100_000], 100_000);
  assert.equal(data.parent[100_000], 99_999);
});

test('HTML and script escapes', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  const value = { s: '</script><!-- & \u2028\u2029 é' };
  const json = jsonForScript(value);
  assert.equal(json, '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 é"}');
  assert.deepEqual(JSON.parse(json), value);
});
