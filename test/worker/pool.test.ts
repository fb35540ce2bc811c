/**
 * LuaPool on Node.js: jobs in fresh states across workers, each with its
 * output, usage and own limits; the bounded queue and its back-pressure;
 * abort signals; a crashed or hung worker failing only its own job and
 * being replaced while the queued jobs go on (rogue-worker.ts plays the
 * worker that crashes or hangs).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { LuaError, LuaLimitError, LuaPool, LuaPoolError, LuaWorkerError, type JobResult } from '../../src/worker.js';

const ROGUE = new URL('./rogue-worker.js', import.meta.url);

function value(r: JobResult): unknown {
  if (!r.ok) throw r.error;
  return r.value;
}

test('jobs run in fresh states, each with its own output, result and usage; size defaults to the cores', async () => {
  const pool = new LuaPool({ size: 2 });
  try {
    assert.equal(new LuaPool().size, availableParallelism());
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      pool.run(`print("job ${i}") leaked = (leaked or 0) + 1 local s = 0 for k = 1, ${i * 100} do s = s + k end return leaked, s`, { multi: true })));
    results.forEach((r, i) => {
      assert.deepEqual(value(r), [1, (i * 100 * (i * 100 + 1)) / 2], 'nothing from an earlier job is seen');
      assert.equal(r.stdout, `job ${i}\n`);
      assert.equal(r.stderr, '');
      assert.ok(r.usage.instructions >= i * 100);
    });
  } finally {
    await pool.close();
  }
});

test('a job\'s failure is its result: Lua errors and limits, with the output printed before; the pool\'s limits replaced per job', async () => {
  const pool = new LuaPool({ size: 2, limits: { instructions: 100_000 } });
  try {
    const [err, limit, own, fine] = await Promise.all([
      pool.run('print("before") local t = nil; return t.x', { chunkName: 'job.lua' }),
      pool.run('while true do end'),
      pool.run('local n = 0 for i = 1, 1e6 do n = n + 1 end return n', { limits: { instructions: 10_000_000 } }),
      pool.run('return "fine"'),
    ]);
    assert.equal(err.ok, false);
    assert.ok(!err.ok && err.error instanceof LuaError && err.error.message === "job.lua:1: attempt to index a nil value (local 't')");
    assert.equal(err.stdout, 'before\n');
    assert.ok(!limit.ok && limit.error instanceof LuaLimitError && limit.error.limit === 'instructions' && limit.error.limitValue === 100_000);
    assert.equal(value(own), 1_000_000);
    assert.equal(value(fine), 'fine');
  } finally {
    await pool.close();
  }
});

test('back-pressure: a full queue rejects at once with LuaPoolError; whenReady() waits for room', async () => {
  const pool = new LuaPool({ size: 1, maxQueue: 2, workerUrl: ROGUE });
  try {
    // a worker takes the job it runs and the next one; then two may wait
    const running = pool.run('--thread 300');
    const queued = [pool.run('return 1'), pool.run('return 2'), pool.run('return 3')];
    assert.equal(pool.running, 2);
    assert.equal(pool.queued, 2);
    await assert.rejects(pool.run('return 4'), (e: unknown) => e instanceof LuaPoolError && e.reason === 'full'
      && e.message === "the pool's queue is full (2 jobs wait)");
    await pool.whenReady();
    assert.ok(pool.queued < 2);
    const late = pool.run('return 4');
    assert.deepEqual((await Promise.all([running, ...queued, late])).slice(1).map(value), [1, 2, 3, 4]);
  } finally {
    await pool.close();
  }
});

test('jobs run on different workers at once', async () => {
  const pool = new LuaPool({ size: 2, workerUrl: ROGUE });
  try {
    const ids = (await Promise.all([pool.run('--thread 200'), pool.run('--thread 200')])).map(value);
    assert.notEqual(ids[0], ids[1]);
  } finally {
    await pool.close();
  }
});

test('a crashed worker fails only its job; it is replaced and the queued jobs all run', async () => {
  const pool = new LuaPool({ size: 1, workerUrl: ROGUE });
  try {
    const jobs = [pool.run('return "a"'), pool.run('--crash'), pool.run('return "b"'), pool.run('--crash'), pool.run('return "c"')];
    const results = await Promise.all(jobs);
    assert.deepEqual([results[0], results[2], results[4]].map(value), ['a', 'b', 'c']);
    for (const r of [results[1], results[3]]) {
      assert.ok(!r.ok && r.error instanceof LuaWorkerError && r.error.reason === 'crashed', String(!r.ok && r.error));
    }
    assert.equal(pool.running, 0);
  } finally {
    await pool.close();
  }
});

test('a worker that outgrows its JS heap cap (maxHeapMb) is ended by Node.js, not the process: its job fails, the next ones run', async () => {
  const pool = new LuaPool({ size: 1, workerUrl: ROGUE, maxHeapMb: 32 });
  try {
    const [oom, next] = await Promise.all([pool.run('--oom'), pool.run('return "next"')]);
    assert.ok(!oom.ok && oom.error instanceof LuaWorkerError && oom.error.reason === 'crashed', String(!oom.ok && oom.error));
    assert.match(String(!oom.ok && oom.error.message), /out of memory|ERR_WORKER_OUT_OF_MEMORY/i);
    assert.equal(value(next), 'next');
  } finally {
    await pool.close();
  }
});

test('a job that hangs past its time limit and the grace period: its worker is terminated and replaced', async () => {
  const pool = new LuaPool({ size: 1, workerUrl: ROGUE, grace: 100 });
  try {
    const [hung, next] = await Promise.all([pool.run('--hang', { limits: { time: 100 } }), pool.run('return "next"')]);
    assert.ok(!hung.ok && hung.error instanceof LuaWorkerError && hung.error.reason === 'terminated');
    assert.equal(value(next), 'next');
  } finally {
    await pool.close();
  }
});

test('abort: a queued job leaves the queue, a running one is stopped; the worker goes on', async () => {
  const pool = new LuaPool({ size: 1 });
  try {
    const first = new AbortController();
    const second = new AbortController();
    const running = pool.run('print("started") while true do end', { signal: first.signal });
    const queued = pool.run('return "never"', { signal: second.signal });
    second.abort();
    const r2 = await queued;
    assert.ok(!r2.ok && r2.error instanceof LuaWorkerError && r2.error.reason === 'aborted');
    setTimeout(() => first.abort(), 100);
    const r1 = await running;
    assert.ok(!r1.ok && r1.error instanceof LuaWorkerError && r1.error.reason === 'aborted');
    assert.equal(value(await pool.run('return "after"')), 'after');
    const already = new AbortController();
    already.abort();
    const r3 = await pool.run('return 1', { signal: already.signal });
    assert.ok(!r3.ok && r3.error instanceof LuaWorkerError);
  } finally {
    await pool.close();
  }
});

test('a job sent to a worker as its next one and aborted before it starts is stopped when it starts', async () => {
  const pool = new LuaPool({ size: 1, workerUrl: ROGUE });
  try {
    const controller = new AbortController();
    const first = pool.run('--thread 200');
    const next = pool.run('while true do end', { signal: controller.signal }); // no limit: only the abort ends it
    assert.equal(pool.running, 2, 'the worker has both');
    controller.abort();
    const r = await next;
    assert.ok(!r.ok && r.error instanceof LuaWorkerError && r.error.reason === 'aborted');
    assert.equal((await first).ok, true);
    assert.equal(value(await pool.run('return "after"')), 'after');
  } finally {
    await pool.close();
  }
});

test('close() finishes what was taken and refuses more; terminate() ends queued and running jobs', async () => {
  const pool = new LuaPool({ size: 1 });
  const a = pool.run('return "a"');
  const closed = pool.close();
  await assert.rejects(pool.run('return 1'), (e: unknown) => e instanceof LuaPoolError && e.reason === 'closed');
  await closed;
  assert.equal(value(await a), 'a');

  const other = new LuaPool({ size: 1 });
  const loop = other.run('while true do end');
  const waiting = other.run('return 1');
  await new Promise((resolve) => setTimeout(resolve, 100));
  other.terminate();
  for (const r of await Promise.all([loop, waiting])) assert.ok(!r.ok && r.error instanceof LuaWorkerError && r.error.reason === 'terminated');
});

test('the pool\'s host functions are there for every job', async () => {
  const seen: number[] = [];
  const pool = new LuaPool({ size: 2, functions: { double: (x: number) => x * 2, log: (x: number) => { seen.push(x); } } });
  try {
    const results = await Promise.all([1, 2, 3].map((i) => pool.run(`log(${i}) return double(${i})`)));
    assert.deepEqual(results.map(value), [2, 4, 6]);
    assert.deepEqual(seen.sort(), [1, 2, 3]);
  } finally {
    await pool.close();
  }
});

test('pool options are checked', () => {
  assert.throws(() => new LuaPool({ size: 0 }), /LuaPool: option 'size' must be a positive integer/);
  assert.throws(() => new LuaPool({ stdout: () => undefined } as never), /LuaPool: unknown option 'stdout'/);
  const pool = new LuaPool({ size: 1 });
  assert.throws(() => void pool.run('return 1', { signal: 5 } as never), /LuaPool\.run: option 'signal' must be an AbortSignal/);
  void pool.close();
});
