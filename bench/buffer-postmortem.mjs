// Figures for BENCHMARKS.md: the buffer library against string.pack/unpack
// for the same binary work, and what a post-mortem report costs on a heap
// of a given size. Needs a build (npm run build).
//
//   node bench/buffer-postmortem.mjs
import { Lua } from '../dist/src/index.js';

function time(f) {
  const t0 = performance.now();
  const r = f();
  return [performance.now() - t0, r];
}

const lua = new Lua({ sandbox: 'none' });
const N = 1_000_000;
const [tBuf] = time(() => lua.run(`
  local b = buffer.create(4 * 1024)
  local sum = 0
  for i = 1, ${N} do
    local o = (i % 1024) * 4
    buffer.writeu32(b, o, i)
    sum = sum + buffer.readu32(b, o)
  end
  return sum`));
const [tStr] = time(() => lua.run(`
  local sum = 0
  for i = 1, ${N} do
    local s = string.pack("<I4", i)
    sum = sum + string.unpack("<I4", s)
  end
  return sum`));
console.log(`| ${N.toLocaleString('en')} writeu32 + readu32 | ${tBuf.toFixed(0)} ms |`);
console.log(`| ${N.toLocaleString('en')} string.pack + string.unpack ("<I4") | ${tStr.toFixed(0)} ms |`);

for (const tables of [10_000, 100_000, 1_000_000]) {
  const l = new Lua({ sandbox: 'none' });
  l.run(`keep = {} for i = 1, ${tables} do keep[i] = {i, tostring(i)} end co = coroutine.create(function() coroutine.yield() end) coroutine.resume(co)`);
  const [t, r] = time(() => l.postMortem({ locals: true }));
  console.log(`| post-mortem report, ${tables.toLocaleString('en')} live tables (${(r.memory.total / 2 ** 20).toFixed(1)} MB) | ${t.toFixed(0)} ms |`);
}
