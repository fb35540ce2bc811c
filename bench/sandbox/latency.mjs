#!/usr/bin/env node
// How long after a limit is crossed the error reaches the host, for each
// kind of limit, in plain loops and inside the longest single library
// calls we could construct.
//
//   node bench/sandbox/latency.mjs
//
// Time: a 20 ms limit; the latency is the run's elapsed time minus 20 ms.
// Interrupt: a worker thread sets the shared flag 20 ms after the run
// starts; the latency is the time from the store to the error. Instructions
// and memory are checked at the charge itself: an instruction budget stops
// at the step that crosses it, an allocation is refused before it happens;
// what is measured for them is the run's time past the moment the budget
// was used up (the last check before the error), reported as the overshoot
// of the step count.
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { Lua, LuaError, LuaLimitError } = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);

const WORKLOADS = {
  'loop': 'while true do end',
  'calls': 'local function f(n) return n end while true do f(1) end',
  'pattern .* backtracking': 'return ("0123456789"):rep(50):find(".*.*.*.*.*.*.*.*.*x")',
  'pattern .- backtracking': 'return string.find(("a"):rep(20000), ".-.-.-b")',
  'gsub with a function': 'return ("a"):rep(1e7):gsub("a", function(c) return c end)',
  'sort with a comparator': 'local t = {} for i = 1, 3e6 do t[i] = (i * 7919) % 3e6 end table.sort(t, function(a, b) return a < b end)',
  'table.concat of 10^7': 'local t = {} for i = 1, 1e7 do t[i] = "x" end return #table.concat(t)',
  'string.rep 2^28': 'return #("x"):rep(2^28)',
  'table.move 2^40': 'table.move({}, 1, 2^40, 2)',
  'utf8.len of 3*10^7': 'return utf8.len(("a"):rep(3e7))',
};

function timed(lua, code, options) {
  const t0 = performance.now();
  try {
    lua.run(code, options);
    return { ms: performance.now() - t0, limit: 'none' };
  } catch (e) {
    if (e instanceof LuaLimitError) return { ms: performance.now() - t0, limit: e.limit, used: e.used };
    if (e instanceof LuaError) return { ms: performance.now() - t0, limit: 'an error' };
    throw e;
  }
}

function interruptAfter(flag, ms) {
  return new Worker(`const { workerData } = require('node:worker_threads');
    setTimeout(() => { workerData.at[0] = performance.timeOrigin + performance.now(); Atomics.store(workerData.flag, 0, 1); }, ${ms});`,
  { eval: true, workerData: flag });
}

const rows = [];
for (const [name, code] of Object.entries(WORKLOADS)) {
  // time: 20 ms
  const lua = new Lua({ limits: { memory: 4 * 2 ** 30 } });
  timed(lua, code, { limits: { time: 20 } }); // warm-up
  const t = timed(lua, code, { limits: { time: 20 } });
  // interrupt from another thread, 20 ms in
  const flag = { flag: new Int32Array(new SharedArrayBuffer(4)), at: new Float64Array(new SharedArrayBuffer(8)) };
  const ilua = new Lua({ interruptFlag: flag.flag, limits: { memory: 4 * 2 ** 30 } });
  const w = interruptAfter(flag, 20);
  await new Promise((r) => setTimeout(r, 5)); // the worker starts
  const start = performance.timeOrigin + performance.now();
  void start;
  const i = timed(ilua, code);
  const end = performance.timeOrigin + performance.now();
  await w.terminate();
  const stored = flag.at[0];
  // instructions: a budget of 10^6 steps
  const b = timed(new Lua({ limits: { instructions: 1e6, memory: 4 * 2 ** 30 } }), code);
  rows.push([name, t.limit === 'time' ? (t.ms - 20).toFixed(1) : `(${t.limit})`,
    i.limit === 'interrupt' ? (end - stored).toFixed(1) : `(${i.limit})`,
    b.limit === 'instructions' ? `${b.used - 1e6}` : `(${b.limit})`]);
}
console.log('| workload | time: ms past the limit | interrupt: ms from the store | instructions: steps past 10^6 |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
