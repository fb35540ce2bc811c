/**
 * The flame graph page as a person sees it, in headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core; no browser is downloaded):
 * opened from a file:// URL, it loads nothing and logs no error, the
 * hottest path is the widest, hovering shows a frame's figures, clicking
 * zooms, reset and Esc zoom out, search highlights, and a name holding
 * markup is shown as text. Leaves a screenshot in
 * test-artifacts/flamegraph.png. Skipped, saying why, without Chromium.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Locator, type Page } from 'playwright-core';
import { flameGraphHtml } from '../../src/profile/flamegraph.js';
import { functionLabel } from '../../src/profile/label.js';
import type { ProfileNode, ProfileReport } from '../../src/vm/profiler.js';
import { gameReport } from './reports.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumSkip, launchChromium } from '../browser/chromium.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCREENSHOT = join(ROOT, 'test-artifacts', 'flamegraph.png');
const VIEWPORT = { width: 1280, height: 800 };

const skip = chromiumSkip('to run the flame graph in a browser');

/** A frame as drawn: what it shows and where. */
interface Drawn {
  label: string;
  depth: number;
  text: string;
  left: number;
  width: number;
  classes: string;
}

function drawn(page: Page): Promise<Drawn[]> {
  return page.$$eval('#chart .frame', (els) => els.map((el) => {
    const box = el.getBoundingClientRect();
    return { label: el.getAttribute('data-label') ?? '', depth: Number(el.getAttribute('data-depth')), text: el.textContent ?? '', left: box.left, width: box.width, classes: el.className };
  }));
}

async function chartBox(page: Page): Promise<{ left: number; width: number }> {
  const box = await page.locator('#chart').boundingBox();
  assert.ok(box, 'the chart is not displayed');
  return { left: box.x, width: box.width };
}

function widestAt(frames: Drawn[], depth: number): Drawn {
  return frames.filter((f) => f.depth === depth).reduce((a, b) => (b.width > a.width ? b : a));
}

/** From the root, each time the callee with the most total time: the labels, outermost first. */
function hottestPath(report: ProfileReport): string[] {
  const path: string[] = [];
  for (let node: ProfileNode = report.root; node.children.length > 0;) {
    node = node.children.reduce((a, b) => (b.totalTime > a.totalTime ? b : a));
    path.push(functionLabel(report.functions[node.fn]));
  }
  return path;
}

/** The drawn frame of `label` (found by the page's own DOM: Playwright's selector syntax gives `>` a meaning). */
async function frameFor(page: Page, label: string): Promise<Locator> {
  const index = await page.$$eval('#chart .frame', (els, wanted) =>
    els.find((el) => el.getAttribute('data-label') === wanted)?.getAttribute('data-index'), label);
  assert.ok(index != null, `no frame drawn for ${label}`);
  return page.locator(`#chart .frame[data-index="${index}"]`);
}

test('the flame graph in headless Chromium', { skip, timeout: 120_000 }, async (t) => {
  const report = gameReport();
  const labelOf = (fn: number): string => functionLabel(report.functions[fn]);
  const dir = mkdtempSync(join(tmpdir(), 'moonbox-flamegraph-'));
  const file = join(dir, 'profile.html');
  writeFileSync(file, flameGraphHtml(report, { title: 'game.lua' }));
  const context = await chromium.launchPersistentContext(join(dir, 'user-data'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT,
  });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
    await page.goto(pathToFileURL(file).href);
    await page.locator('#chart .frame').first().waitFor();
    const chart = await chartBox(page);
    const initial = await drawn(page);

    await t.test('the hottest path is the widest frame at each depth', () => {
      const path = hottestPath(report);
      assert.ok(path.length >= 6, `hottest path: ${path.join(' > ')}`);
      path.forEach((label, i) => assert.equal(widestAt(initial, i + 1).label, label, `depth ${i + 1}`));
      const byTotal = report.functions.reduce((a, b) => (b.totalTime > a.totalTime ? b : a));
      const widest = initial.filter((f) => f.depth > 0).reduce((a, b) => (b.width > a.width ? b : a));
      assert.equal(widest.label, functionLabel(byTotal));
      // and widths are proportional to total time
      const update = initial.find((f) => f.label === 'update (game.lua:40)') as Drawn;
      const updateNode = report.root.children[0].children[1].children[1];
      assert.equal(labelOf(updateNode.fn), update.label);
      assert.ok(Math.abs(update.width - (chart.width * updateNode.totalTime) / report.root.totalTime) < 1.5);
    });

    await t.test('hovering a frame shows its label and figures beside it', async () => {
      await (await frameFor(page, 'collide (physics.lua:55)')).hover();
      const tip = page.locator('#tooltip');
      await tip.waitFor({ state: 'visible' });
      const text = await tip.innerText();
      assert.match(text, /collide \(physics\.lua:55\)/);
      // 21.5 ms of its own, 68.9 ms in all, of 232.1 ms
      assert.match(text, /self\s+21\.500 ms\s+9\.3%\s+total\s+68\.900 ms\s+29\.7%\s+calls\s+4800$/);
      // near the right edge it opens to the left of the pointer, inside the window
      const edge = initial.filter((f) => f.depth > 1 && f.width > 20).reduce((a, b) => (b.left + b.width > a.left + a.width ? b : a));
      await page.mouse.move(edge.left + edge.width - 2, (await (await frameFor(page, edge.label)).boundingBox())!.y + 5);
      const box = (await tip.boundingBox())!;
      assert.match(await tip.innerText(), new RegExp(edge.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.ok(box.x >= 0 && box.x + box.width <= VIEWPORT.width, `tooltip at ${box.x}..${box.x + box.width}`);
      await page.mouse.move(5, 5);
      await tip.waitFor({ state: 'hidden' });
    });

    await t.test('a click zooms into a frame; reset and Esc zoom out', async () => {
      const step = 'physics.step (physics.lua:10)';
      const before = initial.find((f) => f.label === step) as Drawn;
      assert.ok(before.width < chart.width * 0.6);
      assert.ok(await page.locator('#reset').isDisabled());
      await (await frameFor(page, step)).click();
      let frames = await drawn(page);
      const zoomed = frames.find((f) => f.label === step) as Drawn;
      assert.ok(Math.abs(zoomed.width - chart.width) < 1.5 && Math.abs(zoomed.left - chart.left) < 1.5, `width ${zoomed.width} of ${chart.width}`);
      // its callers stay, full width; what it did not call is gone
      for (const caller of ['all', 'main chunk (game.lua)', 'run (game.lua:210)', 'update (game.lua:40)']) {
        const f = frames.find((x) => x.label === caller);
        assert.ok(f && Math.abs(f.width - chart.width) < 1.5 && f.classes.includes('ancestor'), caller);
      }
      assert.ok(!frames.some((f) => f.label === 'ai.think (ai.lua:30)' || f.label === 'render (render.lua:12)'));
      // and its callees are scaled with it
      const stepNode = report.root.children[0].children[1].children[1].children[0];
      const collideNode = stepNode.children[1];
      assert.deepEqual([labelOf(stepNode.fn), labelOf(collideNode.fn)], [step, 'collide (physics.lua:55)']);
      const collide = frames.find((f) => f.label === 'collide (physics.lua:55)') as Drawn;
      assert.ok(Math.abs(collide.width - (chart.width * collideNode.totalTime) / stepNode.totalTime) < 1.5, `collide: ${collide.width}`);
      await page.locator('#reset').click();
      frames = await drawn(page);
      assert.deepEqual(frames.map((f) => [f.label, Math.round(f.width)]), initial.map((f) => [f.label, Math.round(f.width)]));
      assert.ok(await page.locator('#reset').isDisabled());
      await (await frameFor(page, 'render (render.lua:12)')).click();
      assert.ok(!(await drawn(page)).some((f) => f.label === step));
      await page.keyboard.press('Escape');
      assert.equal((await drawn(page)).length, initial.length);
    });

    await t.test('search highlights the matching frames', async () => {
      await page.fill('#search', 'vec\\.');
      const matched = (await drawn(page)).filter((f) => f.classes.includes('match')).map((f) => f.label);
      assert.ok(matched.length > 0 && matched.every((l) => l.startsWith('vec.')), matched.join(', '));
      assert.match(await page.locator('#matches').innerText(), /^\d+ frames match, \d+\.\d% of the time$/);
      await page.fill('#search', '');
      assert.ok(!(await drawn(page)).some((f) => f.classes.includes('match')));
    });

    await t.test('a name holding <script> is shown as text', async () => {
      const evil = '<script>window.__pwned = 1</script> (level.lua:99)';
      await (await frameFor(page, evil)).click();
      const frame = (await drawn(page)).find((f) => f.label === evil) as Drawn;
      assert.equal(frame.text, evil);
      assert.equal(await (await frameFor(page, evil)).innerText(), evil);
      assert.equal(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned), undefined);
      assert.equal(await page.locator('#chart script, #tooltip script').count(), 0);
      await page.keyboard.press('Escape');
    });

    await t.test('a screenshot for people', async () => {
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await (await frameFor(page, 'vec.len (vec.lua:8)')).hover();
      await page.screenshot({ path: SCREENSHOT });
      assert.ok(existsSync(SCREENSHOT));
    });

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a flame graph laid out while its chart had no width draws itself once the chart gets one (no window resize)', { skip, timeout: 60_000 }, async () => {
  const report = gameReport();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    // the page as an embedder might lay it out: the chart hidden at first, shown later by a style change
    const html = flameGraphHtml(report, { title: 'hidden' }).replace('</head>', '<style id="hide">#chart { display: none }</style></head>');
    await page.setContent(html);
    await page.locator('#chart').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#chart .frame').count(), 0, 'nothing to draw at width 0');
    await page.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { remove(): void } } }).document.getElementById('hide').remove());
    await page.locator('#chart .frame').first().waitFor({ timeout: 5_000 });
    assert.ok(await page.locator('#chart .frame').count() > 5);
  } finally {
    await browser.close();
  }
});
