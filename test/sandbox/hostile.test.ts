/**
 * The hostile-script suite: every script in test/hostile/ runs under the
 * sandbox's limits (50 MB, 10^7 instructions, 2 s, the 'safe' preset)
 * through the embedding API and through the moonbox command, and must end
 * as its header says (`-- expect: instructions|memory|time|ok|error:<text>`,
 * alternatives separated by `|`), with the host alive, the state usable for
 * the next run, and the command's peak RSS within the memory limit plus a
 * fixed overhead.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Lua, LuaError, LuaLimitError, type Limits } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = join(ROOT, 'test/hostile');
const LIMITS = { memory: 50 * 2 ** 20, instructions: 1e7, time: 2000 } as const satisfies Limits;
/**
 * The command's peak RSS may reach RSS_FACTOR times the Lua heap's limit
 * plus RSS_OVERHEAD_MB: Node.js itself is about 46 MB and V8's young
 * generation up to 32 MB, and V8 keeps the old backing stores of a growing
 * array until its next full collection (plain JS pushing 52 MB of array
 * peaks at 151 MB of RSS). BENCHMARKS.md records the peaks.
 */
const RSS_FACTOR = 4;
const RSS_OVERHEAD_MB = 60;
const run = promisify(execFile);

interface Case {
  name: string;
  code: string;
  expect: string[];
  limits: Limits;
  output: string | undefined;
}

function parse(file: string): Case {
  const code = readFileSync(join(DIR, file), 'latin1');
  const header = (key: string): string | undefined => new RegExp(`^-- ${key}: (.*)$`, 'm').exec(code)?.[1];
  const limits: Limits = { ...LIMITS };
  for (const [k, v] of (header('limits') ?? '').split(/\s+/).filter(Boolean).map((kv) => kv.split('='))) {
    (limits as Record<string, number>)[k] = Number(v);
  }
  const expect = header('expect');
  assert.ok(expect !== undefined, `${file} has no '-- expect:' line`);
  return { name: file, code, expect: expect.split('|'), limits, output: header('output')?.replace(/\\t/g, '\t') };
}

/** Does an outcome ('instructions', 'ok', 'error:<message>'...) match one of the expected ones? */
function matches(outcome: string, expect: string[]): boolean {
  return expect.some((e) => {
    if (e.startsWith('error:')) return outcome.startsWith('error:') && outcome.includes(e.slice(6));
    if (e === 'error') return outcome.startsWith('error:');
    return outcome === e;
  });
}

function viaApi(c: Case): { outcome: string; output: string; lua: Lua } {
  let output = '';
  const lua = new Lua({ limits: c.limits, stdout: (s) => { output += s; }, stderr: () => {} });
  try {
    lua.run(c.code, { chunkName: c.name });
    return { outcome: 'ok', output, lua };
  } catch (e) {
    if (e instanceof LuaLimitError) return { outcome: e.limit, output, lua };
    if (e instanceof LuaError) return { outcome: `error:${e.message}`, output, lua };
    throw e; // a host exception: the suite fails
  }
}

async function viaCli(c: Case): Promise<{ outcome: string; output: string; rssMB: number; stderr: string }> {
  const args = [
    '--require', join(ROOT, 'test/sandbox/maxrss.cjs'), join(ROOT, 'bin/moonbox.js'),
    '--sandbox=safe', `--max-memory=${c.limits.memory}`, `--max-instructions=${c.limits.instructions}`,
    `--timeout=${c.limits.time}ms`, join(DIR, c.name),
  ];
  let stdout = '';
  let stderr = '';
  let status = 0;
  try {
    ({ stdout, stderr } = await run(process.execPath, args, { encoding: 'latin1', maxBuffer: 1 << 26 }));
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    status = x.code ?? -1;
    stdout = x.stdout ?? '';
    stderr = x.stderr ?? '';
  }
  const rss = /maxrss (\d+)\s*$/.exec(stderr);
  const rssMB = rss === null ? NaN : Number(rss[1]) / 1024;
  const message = stderr.replace(/\n?maxrss \d+\s*$/, '');
  let outcome: string;
  if (status === 0) outcome = 'ok';
  else if (status === 3) {
    outcome = /instruction limit/.test(message) ? 'instructions' : /not enough memory/.test(message) ? 'memory'
      : /time limit/.test(message) ? 'time' : `limit:${message}`;
  } else if (status === 1) outcome = `error:${message}`;
  else outcome = `crash (status ${status}): ${message}`;
  return { outcome, output: stdout, rssMB, stderr: message };
}

const cases = readdirSync(DIR).filter((f) => f.endsWith('.lua')).sort().map(parse);
/** Peak RSS of each command run, printed at the end (MOONBOX_HOSTILE_REPORT=1) for BENCHMARKS.md. */
const peaks: string[] = [];
after(() => {
  if (process.env.MOONBOX_HOSTILE_REPORT === '1') process.stderr.write(peaks.sort().join('\n') + '\n');
});

it('the suite has at least 40 hostile scripts', () => {
  assert.ok(cases.length >= 40, `${cases.length} scripts`);
});

describe('hostile scripts', { concurrency: 2 }, () => {
  for (const c of cases) {
    it(`${c.name}: ${c.expect.join(' or ')} through the API and the command`, async () => {
      const api = viaApi(c);
      assert.ok(matches(api.outcome, c.expect), `API: ${api.outcome.slice(0, 300)}`);
      if (c.output !== undefined) assert.equal(api.output.trimEnd(), c.output);
      // the state is usable for the next run, with a fresh budget
      assert.equal(api.lua.run('local n = 0 for i = 1, 1000 do n = n + i end return n'), 500500);
      api.lua.close();

      const cli = await viaCli(c);
      assert.ok(matches(cli.outcome, c.expect), `command: ${cli.outcome.slice(0, 300)}`);
      if (c.output !== undefined) assert.equal(cli.output.trimEnd(), c.output);
      const bound = RSS_FACTOR * (c.limits.memory! / 2 ** 20) + RSS_OVERHEAD_MB;
      assert.ok(cli.rssMB < bound, `command peak RSS ${cli.rssMB.toFixed(0)} MB over ${bound} MB`);
      peaks.push(`${c.name} ${cli.outcome.slice(0, 12)} ${cli.rssMB.toFixed(0)}`);
    });
  }
});
