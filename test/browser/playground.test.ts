/**
 * The playground page (playground/, built by `npm run build` into
 * playground/dist) used as a person would, in headless Chromium (Debian's
 * /usr/bin/chromium driven by playwright-core; no browser is downloaded),
 * served over HTTP by a small static server: a script runs and prints; an
 * infinite loop is stopped by its limit while the page stays responsive;
 * Stop ends a script that has no limit, cooperatively on a cross-origin
 * isolated page and by terminating the worker on a page that is not; an
 * error's `main.lua:N` link moves the cursor to line N; the script and the
 * limits survive a reload. Leaves screenshots at desktop and phone widths
 * in test-artifacts/playground-*.png.
 *
 * Skipped, saying why, without Chromium; a missing build is a failure.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumSkip, launchChromium, serveFiles, type TestServer } from './chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SITE = join(ROOT, 'playground', 'dist');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const skip = chromiumSkip('to test the playground in a browser');

/** A file of playground/dist (a folder's index.html), never outside it. */
function siteFile(path: string): Uint8Array | undefined {
  let file = normalize(join(SITE, path));
  if (file !== SITE && !file.startsWith(SITE + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) ? readFileSync(file) : undefined;
}

describe('the playground page in Chromium', { skip }, () => {
  let browser: Browser;
  let server: TestServer | undefined;
  let base: string;

  before(async () => {
    assert.ok(existsSync(join(SITE, 'index.html')), `the playground is not built (${SITE}/index.html is missing): npm run build builds it`);
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveFiles(siteFile);
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh visitor (empty localStorage) on the page; page errors and console errors are collected. */
  async function open(options: { isolated?: boolean; viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}):
    Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, colorScheme: options.colorScheme ?? 'light' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${base}/${options.isolated === false ? 'plain' : 'isolated'}/index.html`);
    await ready(page);
    return { context, page, errors };
  }

  /** Waits until the page's script has filled the examples menu. */
  async function ready(page: Page): Promise<void> {
    await page.locator('#examples option').first().waitFor({ state: 'attached' });
  }

  /** Waits until no script runs (Run is enabled again: it is disabled from the click until the run is over). */
  async function runEnds(page: Page, timeout = 10_000): Promise<void> {
    await page.locator('#run:enabled').waitFor({ timeout });
  }

  /** Clicks Run and waits until the run is over. */
  async function runAndWait(page: Page, timeout = 10_000): Promise<void> {
    await page.click('#run');
    await runEnds(page, timeout);
  }

  /** Waits until the status line matches `pattern`. */
  async function statusIs(page: Page, pattern: RegExp, timeout = 10_000): Promise<void> {
    await page.locator('#status', { hasText: pattern }).waitFor({ timeout });
  }

  /** The editor's selection, and whether it has the focus. */
  function selection(page: Page): Promise<{ start: number; end: number; focused: boolean }> {
    return page.$eval('#editor', (ta) => ({ start: ta.selectionStart, end: ta.selectionEnd, focused: ta.ownerDocument.activeElement === ta }));
  }

  const outputText = (page: Page): Promise<string> => page.locator('#output').innerText();
  const statusText = (page: Page): Promise<string> => page.locator('#status').innerText();

  async function setLimits(page: Page, limits: { instructions: string; memory: string; time: string }): Promise<void> {
    await page.fill('#limit-instructions', limits.instructions);
    await page.fill('#limit-memory', limits.memory);
    await page.fill('#limit-time', limits.time);
  }

  test('a script typed in the editor runs with Ctrl+Enter and its output shows; usage and the profile appear', async () => {
    const { context, page, errors } = await open();
    try {
      // the page opens on the hello example, with the limits in force filled in
      assert.equal(await page.inputValue('#examples'), 'hello');
      assert.deepEqual([await page.inputValue('#limit-instructions'), await page.inputValue('#limit-memory'), await page.inputValue('#limit-time')],
        ['50', '64', '5']);
      await page.fill('#editor', 'local t = {}\nfor i = 1, 3 do t[#t + 1] = i * i end\nprint("squares", table.concat(t, ","))\nwarn("@on") warn("careful")');
      assert.equal(await page.inputValue('#examples'), '', 'an edited script shows as "Your script"');
      await page.focus('#editor');
      await page.keyboard.press('Control+Enter');
      await statusIs(page, /Finished/);
      assert.equal(await outputText(page), 'squares\t1,4,9\nLua warning: careful\n');
      assert.equal(await page.locator('#output .stderr').innerText(), 'Lua warning: careful\n', 'stderr is shown apart');
      // used / limit beside each limit
      assert.match(await page.locator('[data-limit="instructions"] .used').innerText(), /^\d+ \/ 50 M$/);
      assert.match(await page.locator('[data-limit="memory"] .used').innerText(), /^[\d.]+ KB \/ 64 MB$/);
      assert.match(await page.locator('[data-limit="time"] .used').innerText(), /ms \/ 5 s$/);
      // the profile: a flame graph page in the iframe, the functions in the table
      await page.click('#tab-profile');
      assert.equal(await page.locator('#flamegraph').isVisible(), true);
      const srcdoc = await page.locator('#flamegraph').getAttribute('srcdoc');
      assert.match(srcdoc ?? '', /^<!DOCTYPE html>/);
      assert.match(await page.locator('#profile-table').innerText(), /table\.concat \(\[C\]\)/);
      const frame = page.frameLocator('#flamegraph');
      await frame.locator('#chart .frame').first().waitFor({ timeout: 5000 });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an infinite loop is stopped by its limit, and the page stays responsive while it runs', async () => {
    const { context, page, errors } = await open();
    try {
      await page.selectOption('#examples', 'infinite-loop');
      assert.match(await page.inputValue('#editor'), /while true do/);
      // the instruction limit, as the example comes
      await runAndWait(page);
      assert.match(await outputText(page), /Stopped by the instruction limit\s+main\.lua:\d+: instruction limit exceeded \(limit 50000000, used 5000000\d\)|Stopped by the instruction limit\s+instruction limit exceeded \(limit 50000000, used 5000000\d\)/);
      assert.match(await page.locator('[data-limit="instructions"] .used').innerText(), /^50 M \/ 50 M · hit$/);
      assert.equal(await page.locator('[data-limit="instructions"]').getAttribute('class'), 'limit-row hit');

      // the time limit, a run long enough to use the page meanwhile
      await setLimits(page, { instructions: '', memory: '64', time: '3' });
      const started = Date.now();
      await page.click('#run');
      await statusIs(page, /Running/);
      assert.equal(await page.isEnabled('#stop'), true, 'Stop is enabled while the script runs');
      assert.equal(await page.isDisabled('#run'), true);
      // a click on another control takes effect at once: the tab switches, the page answers
      const t0 = Date.now();
      await page.click('#tab-profile', { timeout: 2000 });
      assert.equal(await page.getAttribute('#tab-profile', 'aria-selected'), 'true');
      assert.equal(await page.locator('#panel-profile').isVisible(), true);
      await page.click('#tab-output', { timeout: 2000 });
      assert.equal(await page.locator('#panel-output').isVisible(), true);
      assert.ok(Date.now() - t0 < 2000, `the page took ${Date.now() - t0} ms to answer two clicks`);
      // and the status keeps ticking (timers run on the page's thread)
      // (compared whole: a locator's hasNotText is a substring test, and "Running…" is in every tick)
      const first = await statusText(page);
      const deadline = Date.now() + 2000;
      while (await statusText(page) === first) {
        assert.ok(Date.now() < deadline, `the status stayed "${first}" for 2 s`);
        await page.waitForTimeout(20);
      }
      assert.equal(await page.isDisabled('#run'), true, 'the script was still running');
      assert.ok(Date.now() - started < 3000, 'the clicks were made while the script ran');

      await runEnds(page);
      assert.match(await outputText(page), /Stopped by the time limit\s+time limit exceeded \(limit 3000 ms, used \d+ ms\)/);
      assert.match(await outputText(page), /main\.lua:\d+: in main chunk/, 'the traceback says where it was');
      assert.match(await statusText(page), /^Time limit · 3(\.\d+)? s$/);
      assert.match(await page.locator('[data-limit="time"] .used').innerText(), /\/ 3 s · hit$/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const isolated of [true, false]) {
    test(`with no limit, Stop ends the script (${isolated ? 'cross-origin isolated: cooperatively' : 'not isolated: the worker is terminated'})`, async () => {
      const { context, page, errors } = await open({ isolated });
      try {
        assert.equal(await page.evaluate<boolean>('crossOriginIsolated'), isolated);
        await setLimits(page, { instructions: '', memory: '', time: '' });
        await page.fill('#editor', 'print("looping")\nlocal n = 0\nwhile true do n = n + 1 end');
        await page.click('#run');
        await statusIs(page, /Running… ([3-9]\d\d ms|[\d.]+ s)/, 5000);
        assert.equal(await page.isDisabled('#run'), true, 'still running');
        assert.match(await page.locator('[data-limit="instructions"] .used').innerText(), /^$/);
        const t0 = Date.now();
        await page.click('#stop');
        await runEnds(page, 5000);
        assert.ok(Date.now() - t0 < 2000, `Stop took ${Date.now() - t0} ms`);
        assert.match(await statusText(page), /^Stopped · /);
        const out = await outputText(page);
        if (isolated) {
          assert.match(out, /looping\s+Stopped\s+interrupted: you pressed Stop/);
          assert.match(out, /main\.lua:3: in main chunk/);
          // the state lived on: usage is known, with no limit
          assert.match(await page.locator('[data-limit="instructions"] .used').innerText(), /\(no limit\)$/);
        } else {
          // what the worker had not sent yet is lost with it
          assert.match(out, /Stopped: the worker was terminated\s+interrupted without shared memory .*: the worker was terminated/);
        }
        // the next run works (on a new worker after a hard stop)
        await page.fill('#editor', 'print("again")');
        await runAndWait(page);
        assert.equal(await outputText(page), 'again\n');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('a click on an error\'s main.lua:N moves the cursor to line N', async () => {
    const { context, page, errors } = await open();
    try {
      await page.selectOption('#examples', 'error');
      await runAndWait(page);
      const out = await outputText(page);
      assert.match(out, /main\.lua:10: attempt to perform arithmetic on a nil value \(field 'price'\)/);
      assert.match(out, /stack traceback:\n\tmain\.lua:10: in upvalue 'lineTotal'\n\tmain\.lua:16: in local 'invoiceTotal'\n\tmain\.lua:22: in main chunk/);
      const links = await page.locator('#output a.loc').allInnerTexts();
      assert.deepEqual(links, ['main.lua:10', 'main.lua:10', 'main.lua:16', 'main.lua:22']);
      // the error's line is marked in the gutter
      assert.equal(await page.locator('#gutter .marked').innerText(), '10');

      const code = await page.inputValue('#editor');
      const lineStart = (n: number): number => code.split('\n').slice(0, n - 1).join('\n').length + 1;
      await page.locator('#output a.loc', { hasText: 'main.lua:16' }).click();
      const sel = await selection(page);
      assert.equal(sel.start, lineStart(16), 'the cursor is at the start of line 16');
      assert.equal(code.slice(sel.start, sel.end), code.split('\n')[15], 'line 16 is selected');
      assert.equal(sel.focused, true, 'the editor has the focus');
      assert.equal(await page.locator('#cursor-pos').innerText(), 'Ln 16, Col 1');
      assert.equal(await page.locator('#gutter .marked').innerText(), '16');
      assert.equal(new URL(page.url()).hash, '', 'the link does not navigate');

      await page.locator('#output a.loc', { hasText: 'main.lua:22' }).click();
      assert.equal((await selection(page)).start, lineStart(22));

      // a line far down is scrolled into view
      await page.fill('#editor', `${'x = 1\n'.repeat(150)}error("far down")\n${'y = 2\n'.repeat(100)}`);
      await runAndWait(page);
      await page.$eval('#editor', (ta) => { ta.scrollTop = 0; });
      await page.locator('#output a.loc').first().click();
      const view = await page.$eval('#editor', (ta) => ({ top: ta.scrollTop, height: ta.clientHeight, start: ta.selectionStart }));
      assert.match(await outputText(page), /main\.lua:151: far down/);
      assert.equal(view.start, 150 * 'x = 1\n'.length);
      assert.ok(150 * 20 >= view.top && 151 * 20 <= view.top + view.height, `line 151 is not in view: ${JSON.stringify(view)}`);
      assert.equal(await page.locator('#gutter').evaluate((g) => g.scrollTop), view.top, 'the line numbers scroll with the text');

      // a syntax error links too
      await page.fill('#editor', 'local x = 1\nlocal y = = 2\n');
      await runAndWait(page);
      assert.match(await outputText(page), /main\.lua:2: unexpected symbol near '='/);
      await page.locator('#output a.loc').first().click();
      assert.equal((await selection(page)).start, 12);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the script, the limits and the tab survive a reload', async () => {
    const { context, page, errors } = await open();
    try {
      const script = 'print("kept across reloads")\n-- ünïcode ✓\n';
      await page.fill('#editor', script);
      await page.fill('#limit-time', '1.5');
      await page.fill('#limit-instructions', '');
      await page.click('#tab-profile');
      await page.reload();
      await ready(page);
      assert.equal(await page.inputValue('#editor'), script);
      assert.equal(await page.inputValue('#examples'), '');
      assert.equal(await page.inputValue('#limit-time'), '1.5');
      assert.equal(await page.inputValue('#limit-instructions'), '');
      assert.equal(await page.getAttribute('#tab-profile', 'aria-selected'), 'true');
      // an example replaces the editor's text; "Your script" brings the typed one back
      await page.selectOption('#examples', 'fib');
      assert.match(await page.inputValue('#editor'), /local function fib/);
      await page.selectOption('#examples', '');
      assert.equal(await page.inputValue('#editor'), script);
      await page.click('#tab-output');
      await runAndWait(page);
      assert.equal(await outputText(page), 'kept across reloads\n');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the editor: Tab indents with spaces, Enter keeps the indentation, line numbers follow', async () => {
    const { context, page, errors } = await open();
    try {
      await page.fill('#editor', '');
      await page.focus('#editor');
      await page.keyboard.type('if true then');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.type('print("in")');
      await page.keyboard.press('Enter');
      await page.keyboard.type('print("deeper")');
      assert.equal(await page.inputValue('#editor'), 'if true then\n  print("in")\n  print("deeper")');
      assert.equal(await page.locator('#gutter > div', { hasText: /^\d+$/ }).count(), 3);
      assert.equal(await page.locator('#cursor-pos').innerText(), 'Ln 3, Col 18');
      // Shift+Tab outdents the line
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('end');
      assert.equal(await page.inputValue('#editor'), 'if true then\n  print("in")\nprint("deeper")\nend');
      await page.keyboard.press('Control+Enter');
      await statusIs(page, /Finished/);
      assert.equal(await outputText(page), 'in\ndeeper\n');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('every example runs and ends as its comment says', async () => {
    const { context, page, errors } = await open();
    try {
      const expected: Record<string, RegExp> = {
        hello: /^Hello from Lua 5\.4!/,
        fib: /fib\(24\) =\t46368/,
        patterns: /year\t2024\tmonth\t03\tday\t15/,
        coroutines: /range:\t1 4 7 10[\s\S]*dead\tfalse\tcannot resume dead coroutine/,
        oop: /Rex says woof/,
        error: /Error\s+main\.lua:10: attempt to perform arithmetic/,
        'infinite-loop': /Stopped by the instruction limit/,
        'memory-bomb': /Stopped by the memory limit\s+not enough memory \(limit 64 MB/,
        'table-growth': /Stopped by the memory limit\s+not enough memory \(limit 64 MB/,
        recursion: /false\tmain\.lua:5: stack overflow[\s\S]*still running after the overflow[\s\S]*Error\s+main\.lua:5: stack overflow/,
        pattern: /matching\.\.\.\s+Stopped by the instruction limit[\s\S]*in function 'string\.find'/,
        'pcall-loop': /^Stopped by the instruction limit/,
        escape: /io:\tnil\nos\.execute:\tnil[\s\S]*load\(bytecode\):\tnil\tattempt to load a binary chunk[\s\S]*STILL FINE\n42\n$/,
      };
      const ids = (await page.$$eval('#examples option', (os) => os.map((o) => o.value as string))).filter((v) => v !== '');
      assert.deepEqual(ids.sort(), Object.keys(expected).sort());
      for (const id of ids) {
        await page.selectOption('#examples', id);
        await runAndWait(page, 15_000);
        const out = await outputText(page);
        assert.match(out, expected[id], `example ${id}:\n${out.slice(0, 2000)}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('screenshots at desktop and phone widths', async () => {
    // desktop, light: the error example, its traceback and the usage bars
    {
      const { context, page, errors } = await open({ viewport: DESKTOP });
      try {
        await page.selectOption('#examples', 'error');
        await runAndWait(page);
        await page.locator('#output a.loc', { hasText: 'main.lua:16' }).click();
        await page.screenshot({ path: join(ARTIFACTS, 'playground-desktop.png') });
        // nothing sticks out sideways
        assert.equal(await page.evaluate<number>('document.documentElement.scrollWidth'), DESKTOP.width);
        // the profile of a heavier run
        await page.selectOption('#examples', 'fib');
        await runAndWait(page);
        await page.click('#tab-profile');
        await page.frameLocator('#flamegraph').locator('#chart .frame').first().waitFor({ timeout: 5000 });
        // the root of the graph and the table of functions below it
        await page.locator('#panel-profile').evaluate((panel) => { panel.scrollTop = panel.scrollHeight; });
        await page.screenshot({ path: join(ARTIFACTS, 'playground-profile.png') });
        // a function's definition in the table is a link too
        await page.locator('#profile-table a.loc', { hasText: 'main.lua:3' }).first().click();
        const code = await page.inputValue('#editor');
        assert.equal((await selection(page)).start, code.split('\n').slice(0, 2).join('\n').length + 1);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
    // phone, dark: the panels stack, nothing is wider than the screen
    {
      const { context, page, errors } = await open({ viewport: PHONE, colorScheme: 'dark' });
      try {
        await page.selectOption('#examples', 'memory-bomb');
        await runAndWait(page);
        assert.equal(await page.evaluate<number>('document.documentElement.scrollWidth'), PHONE.width, 'the page scrolls sideways at phone width');
        const editor = await page.locator('.editor-pane').boundingBox();
        const side = await page.locator('.side-pane').boundingBox();
        assert.ok(editor && side && side.y >= editor.y + editor.height, 'the panels stack below the editor');
        await page.screenshot({ path: join(ARTIFACTS, 'playground-phone.png'), fullPage: true });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
