/**
 * LuaWorker and LuaPool in a real browser: the bundle `npm run build` makes
 * (dist/moonbox-worker.browser.min.mjs, which starts dist/web-worker-main.js as a
 * module Web Worker) served over HTTP to headless Chromium. A page that is
 * not cross-origin isolated has no SharedArrayBuffer: there `interrupt()` is
 * the hard stop; with the COOP/COEP headers it is cooperative and the state
 * survives. Either way the page's own thread keeps running while a script
 * loops. Skipped, saying why, without Chromium.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromiumSkip, launchChromium, serveFiles } from './chromium.js';

const DIST = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'dist');
const skip = chromiumSkip('to run LuaWorker in a browser');

/** The page: runs the scenario and leaves what happened in `window.result`. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>LuaWorker</title>
<script type="module">
  import { LuaWorker, LuaPool, LuaLimitError, LuaWorkerError } from './moonbox-worker.browser.min.mjs';
  const outcome = (e) => e instanceof LuaLimitError ? 'limit:' + e.limit : e instanceof LuaWorkerError ? 'worker:' + e.reason : e.name + ':' + e.message;
  const result = { isolated: crossOriginIsolated };
  try {
    const out = [];
    const w = await LuaWorker.create({ stdout: (t) => out.push(t), limits: { time: 200 } });
    result.cooperative = w.cooperative;
    result.value = await w.run('print("hello from the worker", _VERSION) return 6 * 7');
    result.error = await w.run('local t = nil\\nreturn t.x', { chunkName: 'main.lua' }).catch((e) => e.message);
    // the page's thread runs while the script loops: count its timer ticks
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    result.timeLimit = await w.run('while true do end').catch(outcome);
    result.ticksDuringLoop = ticks;
    await w.run('kept = "state kept"');
    const loop = w.run('while true do end', { limits: { time: Infinity } });
    setTimeout(() => w.interrupt(), 100);
    result.interrupt = await loop.catch(outcome);
    clearInterval(timer);
    result.after = await w.run('return kept').catch(outcome);
    result.out = out.join('');
    w.terminate();
    const pool = new LuaPool({ size: 2 });
    const jobs = await Promise.all([1, 2, 3].map((i) => pool.run('print("job", ' + i + ') return ' + i + ' * 10')));
    result.jobs = jobs.map((j) => [j.ok && j.value, j.stdout]);
    await pool.close();
  } catch (e) {
    result.failed = String(e && e.stack || e);
  }
  window.result = result;
</script>`;

async function scenario(isolated: boolean): Promise<Record<string, unknown>> {
  for (const f of ['moonbox-worker.browser.min.mjs', 'web-worker-main.js']) assert.ok(existsSync(join(DIST, f)), `dist/${f} is built by npm run build`);
  const files: Record<string, string> = {
    '/index.html': PAGE,
    '/moonbox-worker.browser.min.mjs': readFileSync(join(DIST, 'moonbox-worker.browser.min.mjs'), 'utf8'),
    '/web-worker-main.js': readFileSync(join(DIST, 'web-worker-main.js'), 'utf8'),
  };
  const server = await serveFiles((path) => files[path]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.base}/${isolated ? 'isolated' : 'plain'}/index.html`);
    await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 20_000 })
      .catch(() => assert.fail(`the page did not finish: ${errors.join('; ')}`));
    assert.deepEqual(errors, []);
    return await page.evaluate(() => (globalThis as unknown as { result: Record<string, unknown> }).result);
  } finally {
    await browser.close();
    await server.close();
  }
}

const common = {
  value: 42,
  error: "main.lua:2: attempt to index a nil value (local 't')",
  timeLimit: 'limit:time',
  out: 'hello from the worker\tLua 5.4\n',
  jobs: [[10, 'job\t1\n'], [20, 'job\t2\n'], [30, 'job\t3\n']],
};

test('in a page without cross-origin isolation: a Web Worker runs Lua, limits hold, interrupt() is the hard stop', { skip }, async () => {
  const r = await scenario(false);
  assert.equal(r.failed, undefined);
  const { ticksDuringLoop, ...rest } = r;
  assert.ok((ticksDuringLoop as number) >= 5, `the page's timers ran while the script looped (${ticksDuringLoop} ticks)`);
  assert.deepEqual(rest, { ...common, isolated: false, cooperative: false, interrupt: 'worker:terminated', after: 'worker:terminated' });
});

test('in a cross-origin isolated page: interrupt() is cooperative and the state lives on', { skip }, async () => {
  const r = await scenario(true);
  assert.equal(r.failed, undefined);
  const { ticksDuringLoop, ...rest } = r;
  assert.ok((ticksDuringLoop as number) >= 5, `the page's timers ran while the script looped (${ticksDuringLoop} ticks)`);
  assert.deepEqual(rest, { ...common, isolated: true, cooperative: true, interrupt: 'limit:interrupt', after: 'state kept' });
});
