/**
 * The package in a real browser: dist/moonbox.browser.min.mjs (the
 * `browser` entry, bundled by `npm run build`) loaded as an ES module in
 * headless Chromium, with no Node.js anywhere: a script runs, `print` goes
 * to the host's callback or, without one, to the console, limits and the
 * sandbox hold. Skipped, saying why, without Chromium.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromiumSkip, launchChromium } from './chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BUNDLE = join(ROOT, 'dist', 'moonbox.browser.min.mjs');
const skip = chromiumSkip('to run the bundle in a browser');

const PAGE = `<!doctype html><meta charset="utf-8"><title>moonbox</title>
<script type="module">
  import * as moonbox from './moonbox.browser.min.mjs';
  const { Lua, LuaLimitError } = moonbox;
  const out = [];
  const lua = new Lua({ stdout: (t) => out.push(t) });
  lua.run('print("hello from " .. _VERSION, 2^10, #buffer.create(3))');
  const quiet = new Lua();
  quiet.run('print("to the console", "caf\\\\u{E9}")');
  let limit = '';
  try { new Lua({ limits: { instructions: 10000 } }).run('while true do end'); } catch (e) { limit = e instanceof LuaLimitError ? e.limit : String(e); }
  window.result = { out: out.join(''), limit, io: new Lua().run('return io == nil'), nodePlatform: typeof moonbox.createNodePlatform,
    hasProcess: typeof process !== 'undefined' };
</script>`;

test('the browser bundle runs Lua in Chromium with no Node.js', { skip }, async () => {
  assert.ok(existsSync(BUNDLE), 'dist/moonbox.browser.min.mjs is built by npm run build');
  const bundle = readFileSync(BUNDLE, 'utf8');
  assert.doesNotMatch(bundle, /from\s*["']node:|import\(["']node:/, 'the bundle imports a Node.js module');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const logs: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('http://moonbox.test/**', (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (url.pathname === '/moonbox.browser.min.mjs') return route.fulfill({ contentType: 'text/javascript', body: bundle });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto('http://moonbox.test/index.html');
    await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 10_000 })
      .catch(() => assert.fail(`the page did not finish: ${errors.join('; ')}`));
    const result = await page.evaluate(() => (globalThis as unknown as { result: Record<string, unknown> }).result);
    assert.deepEqual(errors, []);
    assert.deepEqual(result, {
      out: 'hello from Lua 5.4\t1024.0\t3\n', limit: 'instructions', io: true, nodePlatform: 'undefined', hasProcess: false,
    });
    assert.ok(logs.includes('to the console\tcafé'), logs.join('\n'));
  } finally {
    await browser.close();
  }
});

test('in the browser, os.date gives local time with memoryPlatform({}, { zone: localZone })', { skip }, async () => {
  const bundle = readFileSync(BUNDLE, 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ timezoneId: 'America/New_York' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('http://moonbox.test/**', (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/index.html') {
        return route.fulfill({ contentType: 'text/html', body: `<!doctype html><script type="module">
          import { Lua, memoryPlatform, localZone } from './moonbox.browser.min.mjs';
          // 1700000000 is 2023-11-14 22:13:20 UTC
          const local = new Lua({ platform: memoryPlatform({}, { zone: localZone }) });
          const utc = new Lua({ platform: memoryPlatform({}) });
          window.result = [local.run('return os.date("%H:%M %Z", 1700000000)'), utc.run('return os.date("%H:%M %Z", 1700000000)')];
        </script>` });
      }
      return route.fulfill({ contentType: 'text/javascript', body: bundle });
    });
    await page.goto('http://moonbox.test/index.html');
    await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 10_000 })
      .catch(() => assert.fail(`the page did not finish: ${errors.join('; ')}`));
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as { result: unknown }).result), ['17:13 EST', '22:13 UTC']);
  } finally {
    await browser.close();
  }
});

test('under a Content-Security-Policy without unsafe-eval, scripts run in the interpreter (the compiling tier steps aside)', { skip }, async () => {
  const bundle = readFileSync(BUNDLE, 'utf8');
  // an inline script would be refused too: the page's script is a file of its own
  const main = `import { Lua } from './moonbox.browser.min.mjs';
    let evalWorks;
    try { new Function('return 1'); evalWorks = true; } catch { evalWorks = false; }
    const out = [];
    // 'all' asks to compile every function on its first call: here none can be
    const lua = new Lua({ compile: 'all', stdout: (t) => out.push(t) });
    lua.run(\`local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
      local s = 0 for i = 1, 100000 do s = s + i % 7 end
      print(fib(20), s, pcall(error, "boom"))\`);
    window.result = { evalWorks, out: out.join('') };`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('http://moonbox.test/**', (route) => {
      const url = new URL(route.request().url());
      const csp = { 'Content-Security-Policy': "script-src 'self'" };
      if (url.pathname === '/index.html') {
        return route.fulfill({ contentType: 'text/html', headers: csp, body: '<!doctype html><script type="module" src="./main.mjs"></script>' });
      }
      if (url.pathname === '/main.mjs') return route.fulfill({ contentType: 'text/javascript', headers: csp, body: main });
      return route.fulfill({ contentType: 'text/javascript', headers: csp, body: bundle });
    });
    await page.goto('http://moonbox.test/index.html');
    await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 10_000 })
      .catch(() => assert.fail(`the page did not finish: ${errors.join('; ')}`));
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as { result: unknown }).result),
      { evalWorks: false, out: '6765\t300000\tfalse\tboom\n' });
  } finally {
    await browser.close();
  }
});

test('the browser bundle stays under 100 KB gzipped (the goal recorded in BENCHMARKS.md)', () => {
  assert.ok(existsSync(BUNDLE), 'dist/moonbox.browser.min.mjs is built by npm run build');
  const gzipped = gzipSync(readFileSync(BUNDLE), { level: 9 }).length;
  assert.ok(gzipped < 100_000, `dist/moonbox.browser.min.mjs is ${gzipped} bytes gzipped: over the 100 KB goal`);
});
