// Throughput of LuaPool for BENCHMARKS.md: a batch of small scripts (the
// kind a server runs for its users: a rule over a little data, some string
// work), each a job in a fresh state, on pools of 1, 2 and N workers (N =
// the cores), beside the same batch run on the main thread, one fresh
// `Lua` per script. Needs a build (npm run build).
//
//   node bench/pool.mjs [JOBS] [ROUNDS]
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Lua } from '../dist/src/index.js';
import { LuaPool } from '../dist/src/worker.js';

const JOBS = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CORES = availableParallelism();

/** Job i: score some orders by a rule, format a report line. */
function script(i) {
  return `
    local orders = {}
    for k = 1, 200 do
      orders[k] = { id = k, amount = (k * ${i + 7}) % 997, region = ({"north", "south", "east", "west"})[k % 4 + 1] }
    end
    table.sort(orders, function(a, b) return a.amount > b.amount end)
    local total, byRegion = 0, {}
    for _, o in ipairs(orders) do
      if o.amount > 100 then
        total = total + o.amount
        byRegion[o.region] = (byRegion[o.region] or 0) + 1
      end
    end
    local line = string.format("job %d: total %d, top %d, north %d", ${i}, total, orders[1].id, byRegion.north or 0)
    return line:upper():gsub("%d+", function(d) return "<" .. d .. ">" end)`;
}

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One batch on the main thread: a fresh state per script, as the pool does. */
function mainThread() {
  const t0 = performance.now();
  const c0 = cpuMs();
  for (let i = 0; i < JOBS; i++) new Lua({ limits: { instructions: 1e7 } }).run(script(i));
  return { wall: performance.now() - t0, cpu: cpuMs() - c0 };
}

/** One batch on a warmed-up pool of `size` workers. */
async function onPool(size) {
  const pool = new LuaPool({ size, limits: { instructions: 1e7 } });
  // start every worker and warm its JIT as the main thread's is (a fresh worker's first jobs run slower)
  await Promise.all(Array.from({ length: size * 500 }, (_, i) => pool.run(script(i))));
  const t0 = performance.now();
  const c0 = cpuMs();
  const results = await Promise.all(Array.from({ length: JOBS }, (_, i) => pool.run(script(i))));
  const wall = performance.now() - t0;
  const cpu = cpuMs() - c0;
  await pool.close();
  if (results.some((r) => !r.ok)) throw new Error(`a job failed: ${results.find((r) => !r.ok).error}`);
  return { wall, cpu };
}

const configs = [['main thread, no pool', () => mainThread()], ['pool of 1', () => onPool(1)], ['pool of 2', () => onPool(2)]];
if (CORES > 2) configs.push([`pool of ${CORES} (the cores)`, () => onPool(CORES)]);
configs.push([`pool of ${CORES * 2} (twice the cores)`, () => onPool(CORES * 2)]);

/**
 * What this machine gives two threads at once: the speed-up of a plain JS
 * loop on 2 worker threads over 1 (2.0 on two free cores; less where the
 * cores are shared), the ceiling for a pool of 2.
 */
async function machineParallelism() {
  const loop = 'const { parentPort } = require("node:worker_threads"); let s = 0; for (let i = 0; i < 3e8; i++) s += i % 7; parentPort.postMessage(s);';
  const spin = () => new Promise((resolve) => new Worker(loop, { eval: true }).once('message', resolve));
  const ones = [];
  const twos = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    await spin();
    ones.push(performance.now() - t);
    t = performance.now();
    await Promise.all([spin(), spin()]);
    twos.push(performance.now() - t);
  }
  return (2 * median(ones)) / median(twos);
}

mainThread(); // warm the main thread's JIT too
console.log(`this machine runs two JS threads ${(await machineParallelism()).toFixed(2)}x as fast as one`);
console.log(`${JOBS} jobs, median of ${ROUNDS} rounds, ${CORES} cores, Node.js ${process.version}`);
console.log('| where | jobs/s | wall ms | CPU ms | speed-up over pool of 1 |');
console.log('|---|---:|---:|---:|---:|');
let base;
for (const [name, run] of configs) {
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await run());
  const wall = median(rounds.map((x) => x.wall));
  const cpu = median(rounds.map((x) => x.cpu));
  if (name === 'pool of 1') base = wall;
  const speedup = base === undefined ? '' : `${(base / wall).toFixed(2)}x`;
  console.log(`| ${name} | ${Math.round(JOBS / (wall / 1000))} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${speedup} |`);
}
