/**
 * `moonbox --profile` end to end, on a script whose hottest function is
 * known: the table on stderr, folded stacks, JSON, and the HTML flame graph
 * opened in headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core; no browser is downloaded), where the hottest function
 * must be the widest frame above its caller. Leaves a screenshot in
 * test-artifacts/profile-cli.png. The browser part is skipped, saying
 * why, without Chromium.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumSkip, launchChromium } from '../browser/chromium.js';
import type { ProfileReport } from '../../src/index.js';

// Compiled to dist/test/cli/: the repository root is three levels up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/moonbox.js');

/** hot does about ten times the work of warm; both are called by work, 20 times. */
const SCRIPT = `local function hot(n) local s = 0 for i = 1, n do s = s + i % 7 end return s end
local function warm(n) local s = 0 for i = 1, n do s = s + i % 3 end return s end
local function work()
  local t = 0
  for i = 1, 20 do t = t + hot(200000) + warm(20000) end
  return t
end
local parts = {}
for i = 1, 200 do parts[#parts + 1] = string.format("%d", i) end
print(work(), #table.concat(parts))
`;

const dir = mkdtempSync(join(tmpdir(), 'moonbox-profile-cli-'));
const script = join(dir, 'hot.lua');
writeFileSync(script, SCRIPT);
test.after(() => rmSync(dir, { recursive: true, force: true }));

function moonbox(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, input: '', encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The function column of the table's rows, in order. */
function tableFunctions(table: string): string[] {
  return table.split('\n').filter((l) => /^\s*\d+\.\d{3}\s/.test(l)).map((l) => l.replace(/^(\s*\S+){5}\s+/, ''));
}

test('--profile prints the functions by self time to stderr; the script runs as usual', () => {
  const r = moonbox('--profile', 'hot.lua');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '12399960\t492\n');
  assert.match(r.stderr, /^self ms {2}self % {2}total ms {2}total % {2}calls {2}function\n/);
  const fns = tableFunctions(r.stderr);
  assert.equal(fns[0], 'hot (hot.lua:1)');
  assert.deepEqual([...fns].sort(), ['hot (hot.lua:1)', 'main chunk (hot.lua)', 'print ([C])', 'string.format ([C])',
    'table.concat ([C])', 'warm (hot.lua:2)', 'work (hot.lua:3)']);
  assert.match(r.stderr, /\s200 {2}string\.format \(\[C\]\)\n/, 'exact call counts');
  assert.match(r.stderr, /\n {2}20 {2}hot|\s20 {2}hot \(hot\.lua:1\)\n/);
  assert.match(r.stderr, /\nprofile duration: \d+\.\d{3} ms\n$/);
});

test('--profile-lines adds the lines, by self time, with their hits', () => {
  const r = moonbox('--profile', '--profile-lines', 'hot.lua');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stderr.slice(r.stderr.indexOf('self ms  self %     hits  line'));
  assert.match(lines, /^self ms {2}self % {5}hits {2}line\n\s*\d+\.\d{3}\s+\d+\.\d%\s+4000000 {2}hot\.lua:1 in hot \(hot\.lua:1\)\n/);
  assert.match(lines, /\s200 {2}hot\.lua:9 in main chunk \(hot\.lua\)\n/);
});

// The two tests below compare times, run in the interpreter: compiled code's times
// include V8's warm-up of each generated function (tens of milliseconds here),
// which can make warm's 20 short calls cost as much as hot's long ones.
test('--profile=FILE.folded writes folded stacks, weights in microseconds', () => {
  const r = moonbox('--no-compile', '--profile=out.folded', 'hot.lua');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const folded = readFileSync(join(dir, 'out.folded'), 'utf8').trimEnd().split('\n');
  for (const line of folded) assert.match(line, /^[^;\n]+(;[^;\n]+)* \d+$/);
  const weight = (path: string): number => Number(folded.find((l) => l.startsWith(path + ' '))?.split(' ').pop());
  const hot = weight('main chunk (hot.lua);work (hot.lua:3);hot (hot.lua:1)');
  const warm = weight('main chunk (hot.lua);work (hot.lua:3);warm (hot.lua:2)');
  assert.ok(hot > 3 * warm, `hot ${hot} µs, warm ${warm} µs`);
});

test('--profile=FILE.json writes the report', () => {
  const r = moonbox('--no-compile', '--profile=out.json', 'hot.lua');
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as ProfileReport;
  assert.equal(report.functions[0].name, 'hot');
  assert.equal(report.functions.find((f) => f.name === 'warm')?.calls, 20);
  assert.equal(report.root.children.length, 1, 'one outermost call: the main chunk');
});

test('a script that fails or exits still writes its profile; an unwritable file is an error message', () => {
  writeFileSync(join(dir, 'fails.lua'), 'local function f() error("boom") end\nf()\n');
  let r = moonbox('--profile=fails.json', 'fails.lua');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /fails\.lua:1: boom/);
  const report = JSON.parse(readFileSync(join(dir, 'fails.json'), 'utf8')) as ProfileReport;
  assert.equal(report.functions.find((f) => f.name === 'f')?.calls, 1);
  writeFileSync(join(dir, 'exits.lua'), 'local function f() os.exit(3) end\nf()\n');
  r = moonbox('--profile', 'exits.lua');
  assert.equal(r.status, 3);
  assert.match(r.stderr, /\s1 {2}os\.exit \(\[C\]\)\n/);
  r = moonbox('--profile=no/such/dir/p.html', 'hot.lua');
  assert.equal(r.status, 0);
  assert.match(r.stderr, /cannot write the profile to 'no\/such\/dir\/p\.html': .*ENOENT/);
  r = moonbox('--profile=', 'hot.lua');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /'--profile=' needs a file name/);
});

const skip = chromiumSkip('to look at the flame graph');

test('--profile=FILE.html: in Chromium, the hottest function is the widest frame above its caller', { skip, timeout: 120_000 }, async () => {
  const r = moonbox('--profile=out.html', 'hot.lua');
  assert.equal(r.status, 0, r.stderr);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(pathToFileURL(join(dir, 'out.html')).href);
    await page.locator('#chart .frame').first().waitFor();
    const frames = await page.$$eval('#chart .frame', (els) => els.map((el) => ({
      label: el.getAttribute('data-label') ?? '',
      depth: Number(el.getAttribute('data-depth')),
      width: el.getBoundingClientRect().width,
    })));
    const widestAt = (depth: number): string =>
      frames.filter((f) => f.depth === depth).reduce((a, b) => (b.width > a.width ? b : a)).label;
    assert.equal(widestAt(1), 'main chunk (hot.lua)');
    assert.equal(widestAt(2), 'work (hot.lua:3)');
    assert.equal(widestAt(3), 'hot (hot.lua:1)', 'the hottest function is the widest frame');
    const width = (label: string): number => frames.find((f) => f.label === label)!.width;
    assert.ok(width('hot (hot.lua:1)') > 3 * width('warm (hot.lua:2)'));
    const shot = join(root, 'test-artifacts', 'profile-cli.png');
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
