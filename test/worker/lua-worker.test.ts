/**
 * LuaWorker on Node.js worker threads: the `Lua` API made async, values
 * and errors crossing the thread boundary as the synchronous API gives
 * them, output streamed, the limits held inside the worker, and the two
 * levels of stopping (the cooperative interrupt, the hard stop), including
 * the watchdog for a worker that stops answering (rogue-worker.ts).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LuaError, LuaLimitError, LuaWorker, LuaWorkerError } from '../../src/worker.js';

const ROGUE = new URL('./rogue-worker.js', import.meta.url);

/** A worker whose output is collected. */
async function worker(options: Parameters<typeof LuaWorker.create>[0] = {}): Promise<{ w: LuaWorker; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const w = await LuaWorker.create({ stdout: (t) => out.push(t), stderr: (t) => err.push(t), ...options });
  return { w, out, err };
}

test('run, call, get, set: results as the Lua class gives them, tables copied; output before the reply', async () => {
  const { w, out, err } = await worker({ sandbox: 'none' });
  try {
    assert.equal(await w.run('print("hello", 1 + 1, 2^10) io.write("no newline") io.stderr:write("to stderr") return 42'), 42);
    assert.equal(out.join(''), 'hello\t2\t1024.0\nno newline');
    assert.equal(err.join(''), 'to stderr');
    assert.deepEqual(await w.run('return {1, 2, {a = 3}}, "x", nil, 1.5', { multi: true }), [[1, 2, { a: 3 }], 'x', undefined, 1.5]);
    await w.run('function add(a, b) return a + b end; t = {}');
    assert.equal(await w.call('add', 2, 3), 5);
    assert.deepEqual(await w.callMulti('string.find', 'hello', 'l+'), [3, 4]);
    await w.set('t.name', 'moonbox');
    await w.set('config', { depth: 2, list: ['a', 'b'] });
    assert.equal(await w.get('t.name'), 'moonbox');
    assert.deepEqual(await w.run('return config.list[2], config.depth', { multi: true }), ['b', 2]);
    assert.deepEqual(await w.get('config'), { depth: 2, list: ['a', 'b'] });
    assert.equal(await w.get('nothing.here'), undefined);
    const bytes = await w.run('local b = buffer.create(3); buffer.writeu8(b, 1, 7); return b');
    assert.deepEqual(bytes, new Uint8Array([0, 7, 0]));
  } finally {
    await w.close();
  }
});

test('output streams while a script runs: text waits at most a few tens of ms, even when the script then only computes', async () => {
  let settled = false;
  let seen = '';
  let arrived!: () => void;
  const both = new Promise<void>((resolve) => { arrived = resolve; });
  const w = await LuaWorker.create({
    stdout: (t) => {
      seen += t;
      if (seen === 'first\nsecond\n') arrived();
    },
  });
  try {
    await w.reset(); // a request just before: its end must not hold back the next run's first line
    const run = w.run('print("first") local t = os.clock() while os.clock() - t < 0.005 do end print("second")'
      + ' t = os.clock() while os.clock() - t < 2 do end return "done"', { limits: { time: 10_000 } });
    const settle = (): void => { settled = true; };
    run.then(settle, settle);
    await both;
    assert.equal(settled, false, 'both lines arrived while the script was still running');
    w.interrupt();
    await assert.rejects(run, (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
  } finally {
    await w.close();
  }
});

test('errors cross as LuaError, LuaLimitError, TypeError, with message, traceback and value; the state goes on', async () => {
  const { w } = await worker({ limits: { instructions: 1_000_000 } });
  try {
    await assert.rejects(w.run('local t = nil\nreturn t.x', { chunkName: 'main.lua' }), (e: unknown) => {
      assert.ok(e instanceof LuaError && !(e instanceof LuaLimitError));
      assert.equal(e.message, "main.lua:2: attempt to index a nil value (local 't')");
      assert.match(e.luaTraceback ?? '', /^stack traceback:\n\tmain\.lua:2: in main chunk/);
      assert.match(e.stack ?? '', /at main chunk \(main\.lua:2\)/);
      return true;
    });
    await assert.rejects(w.run('error({code = 7})'), (e: unknown) => e instanceof LuaError && (e.value as { code: number }).code === 7);
    await assert.rejects(w.run('x ='), /\[string "x ="\]:1: unexpected symbol near <eof>/);
    await assert.rejects(w.run('while true do end'), (e: unknown) => e instanceof LuaLimitError && e.limit === 'instructions'
      && e.limitValue === 1_000_000 && e.used > 1_000_000);
    assert.ok(w.usage().instructions > 1_000_000, 'usage() is the last run\'s');
    await assert.rejects(w.run('local s = "x" local t = {} for i = 1, 1e9 do t[i] = s:rep(100) .. i end', { limits: { memory: 2_000_000 } }),
      (e: unknown) => e instanceof LuaLimitError && e.limit === 'memory');
    await assert.rejects(w.run('while true do end', { limits: { instructions: Infinity, time: 50 } }),
      (e: unknown) => e instanceof LuaLimitError && e.limit === 'time' && e.limitValue === 50);
    await assert.rejects(w.run('return print'), /^TypeError: the result is a function, which cannot leave the worker/);
    await assert.rejects(w.run('return {co = coroutine.create(print)}'), /the result\.co is a coroutine/);
    await assert.rejects(w.call('print', () => 1), /^TypeError: call: .*could not be cloned.*only plain data/);
    await assert.rejects(w.call('nosuch'), /^TypeError: 'nosuch' is not a function \(it is nil\)/);
    assert.equal(await w.run('return 1 + 1'), 2);
  } finally {
    await w.close();
  }
});

test('host functions: scripts call the host\'s functions, which may be async; arguments and results are copied; errors are Lua errors', async () => {
  const calls: unknown[] = [];
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const { w, out } = await worker({
    limits: { time: 200 },
    functions: {
      add: (a: number, b: number) => a + b,
      'app.user': async (id: number) => {
        await sleep(300); // longer than the time limit: waiting for the host does not count
        return { id, name: `user${id}`, tags: ['a', 'b'] };
      },
      record: (v: unknown) => { calls.push(v); },
      fail: () => { throw new Error('no such user'); },
    },
  });
  try {
    assert.equal(await w.run('print("before") return add(2, 3)'), 5);
    assert.equal(out.join(''), 'before\n', 'output before a host call reaches the host first');
    assert.equal(await w.run('local u = app.user(7) return u.name .. " " .. #u.tags .. " " .. u.id'), 'user7 2 7');
    await w.run('record({1, 2, {x = "y"}})');
    assert.deepEqual(calls, [[1, 2, { x: 'y' }]]);
    assert.deepEqual(await w.run('return pcall(fail)', { multi: true }), [false, 'no such user']);
    await assert.rejects(w.run('fail()'), /^Error: no such user$/);
    await assert.rejects(w.run('record(print)'), /argument 1 of 'record' is a function, which cannot leave the worker/);
    await w.run('function twice(x) return x, add(x, x) end');
    assert.deepEqual(await w.callMulti('twice', 21), [21, 42]);
    // an interrupt while the script waits for the host stops it when the host answers
    const waiting = w.run('app.user(1) while true do end', { limits: { time: Infinity } });
    setTimeout(() => w.interrupt(), 50);
    await assert.rejects(waiting, (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
  } finally {
    await w.close();
  }
  await assert.rejects(LuaWorker.create({ functions: { 'bad name': () => 1 } }), /option 'functions' 'bad name' must be a function at a path like/);
});

test('options are checked at create(), naming the option', async () => {
  await assert.rejects(LuaWorker.create({ sandbox: ['no such thing!'] } as never), /LuaWorker\.create\(\): option 'sandbox' must be/);
  await assert.rejects(LuaWorker.create({ platform: {} } as never), /LuaWorker\.create\(\): unknown option 'platform'/);
  await assert.rejects(LuaWorker.create({ limits: { time: -1 } }), /option 'limits' is invalid: limits: option 'time' must be a non-negative number/);
});

test('the cooperative interrupt stops the running script and only it; the state keeps its globals', async () => {
  const { w } = await worker();
  try {
    assert.equal(w.cooperative, true, 'Node.js shares memory between threads');
    await w.run('kept = "still here"');
    w.interrupt(); // nothing runs: nothing happens
    const loop = w.run('while true do end');
    const next = w.run('return kept');
    setTimeout(() => w.interrupt(), 50);
    await assert.rejects(loop, (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
    assert.equal(await next, 'still here', 'the request after the interrupted one runs');
    // an interrupt made before the worker reached the run still stops that run
    const busy = w.run('local t = os.clock() while os.clock() - t < 0.2 do end return "busy done"');
    const queued = w.run('while true do end');
    w.interrupt(); // stops `busy`, the oldest request
    await assert.rejects(busy, (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
    setTimeout(() => w.interrupt(), 50);
    await assert.rejects(queued, (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
    // pcall cannot catch it
    const stubborn = w.run('while true do pcall(function() while true do end end) end');
    setTimeout(() => w.interrupt(), 50);
    await assert.rejects(stubborn, (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
    assert.equal(await w.run('return kept'), 'still here');
  } finally {
    await w.close();
  }
});

test('stop() interrupts; terminate() is the hard stop: every pending request fails, the worker is gone', async () => {
  const { w } = await worker();
  const loop = w.run('while true do end');
  setTimeout(() => void w.stop({ grace: 2000 }), 50);
  await assert.rejects(loop, (e: unknown) => e instanceof LuaLimitError && e.limit === 'interrupt');
  assert.ok(w.alive, 'a cooperative stop keeps the worker');
  const first = w.run('while true do end');
  const second = w.run('return 1');
  setTimeout(() => w.terminate(), 50);
  for (const p of [first, second]) {
    await assert.rejects(p, (e: unknown) => e instanceof LuaWorkerError && e.reason === 'terminated' && e.message === 'the worker was terminated');
  }
  assert.equal(w.alive, false);
  await assert.rejects(w.run('return 1'), /the worker was terminated/);
});

test('the watchdog terminates a worker that overruns its time limit by more than the grace period; stop() terminates one that ignores the interrupt', async () => {
  const w = await LuaWorker.create({ workerUrl: ROGUE, limits: { time: 100 }, grace: 100 });
  assert.equal(await w.run('return "fine"'), 'fine');
  await assert.rejects(w.run('--hang'), (e: unknown) => e instanceof LuaWorkerError && e.reason === 'terminated'
    && /ran 200 ms, past its time limit \(100 ms\) and the grace period/.test(e.message));
  assert.equal(w.alive, false);
  const v = await LuaWorker.create({ workerUrl: ROGUE });
  const hung = v.run('--hang');
  await v.stop({ grace: 100 });
  await assert.rejects(hung, /did not stop within 100 ms of an interrupt: the worker was terminated/);
});

test('a worker that crashes fails its pending requests with LuaWorkerError (crashed)', async () => {
  const w = await LuaWorker.create({ workerUrl: ROGUE });
  const crash = w.run('--crash');
  const after = w.run('return 1');
  for (const p of [crash, after]) {
    await assert.rejects(p, (e: unknown) => e instanceof LuaWorkerError && e.reason === 'crashed' && e.message === 'the worker exited (code 3)');
  }
  assert.equal(w.alive, false);
});

test('close() runs the state\'s finalizers and ends the worker; profile and post-mortem reports cross', async () => {
  const { w, out } = await worker({ postMortem: true });
  await w.startProfile();
  await w.run('local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end\nfib(15)', { chunkName: 'fib.lua' });
  const report = await w.stopProfile();
  assert.ok(report.functions.some((f) => f.name === 'fib' && f.calls === 1973), JSON.stringify(report.functions.map((f) => [f.name, f.calls])));
  await assert.rejects(w.run('local function deep() error("down here") end\ndeep()', { chunkName: 'pm.lua' }));
  const pm = await w.postMortem();
  assert.deepEqual(pm.cause, { kind: 'error', message: 'pm.lua:1: down here' });
  assert.ok(pm.threads[0].frames.some((f) => f.function === "local 'deep'" && f.line === 1), JSON.stringify(pm.threads[0].frames));
  await w.run('setmetatable({}, {__gc = function() print("finalized") end})');
  await w.close();
  assert.equal(out.join(''), 'finalized\n');
  assert.equal(w.alive, false);
  await assert.rejects(w.run('return 1'), (e: unknown) => e instanceof LuaWorkerError && e.reason === 'closed');
});

test('an idle worker does not keep Node.js running; a busy one does until it answers', () => {
  const index = fileURLToPath(new URL('../../src/worker.js', import.meta.url));
  const script = `import { LuaWorker } from ${JSON.stringify(index)};
    const w = await LuaWorker.create();
    w.run('local t = os.clock() while os.clock() - t < 0.3 do end return "answered"').then((v) => console.log(v));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'answered\n');
  assert.equal(r.status, 0, 'the process ended by itself');
});
