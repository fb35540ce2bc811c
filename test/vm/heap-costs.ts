/**
 * Child process of heap.test.ts (run with --expose-gc and the argument
 * `measure`): V8's real bytes per object of each kind beside the cost model's
 * figure for it, as JSON. Imported without the argument (as the test runner
 * does with every file here), it does nothing.
 */
import { loadChunk, newState } from '../../src/vm/create.js';
import { openLibs } from '../../src/lib/init.js';
import { pcall } from '../../src/vm/call.js';
import { collect } from '../../src/vm/gc.js';
import type { LuaState } from '../../src/vm/state.js';

const N = 100000;

/**
 * Bytes of V8 heap and of the count per object that `make` (a Lua
 * expression of `i`) creates: the difference between keeping N + 1000 and
 * 1000 of them, made by the same compiled function, so that compiling and
 * warming up are not counted.
 */
function measure(L: LuaState, what: string, make: string): { what: string; measured: number; model: number } {
  const run = (code: string): void => {
    const f = loadChunk(L, code, '=measure', 't');
    if (typeof f === 'string') throw new Error(f);
    L.stack[L.top++] = f;
    if (pcall(L, L.top - 1, 0, 0) !== 0) throw new Error(String(L.stack[L.top - 1]));
    L.top--;
  };
  const gc = (globalThis as { gc?: () => void }).gc!;
  run(`function build(n) local t = {} for i = 1, n do t[i] = ${make} end return t end keep = build(1000)`);
  const sample = (): [number, number] => {
    collect(L); gc(); gc();
    return [process.memoryUsage().heapUsed, L.g.heap.total];
  };
  run('keep = build(1000)');
  const [heap0, count0] = sample();
  run(`keep = build(${N + 1000})`);
  const [heap1, count1] = sample();
  // less the slot each object takes in 'keep'
  return { what, measured: (heap1 - heap0) / N - 8, model: (count1 - count0) / N - 8 };
}

if (process.argv[2] === 'measure') {
  const L = newState({ stdout: () => {} });
  openLibs(L);
  // a weak table makes collections matter (see heap.ts, collectionMatters)
  const rows = [
    measure(L, 'empty table', '{}'),
    measure(L, 'table of 2 (constructor)', '{i, i}'),
    measure(L, 'table of 4 (appends)', '(function() local t = {} for j = 1, 4 do t[j] = j end return t end)()'),
    measure(L, 'table with 2 fields', '{x = i, y = i}'),
    measure(L, 'table with 16 fields', '(function() local t = {} for j = 1, 16 do t["k" .. j] = j end return t end)()'),
    measure(L, 'closure with 2 upvalues', '(function() local a, b = i, i return function() return a + b end end)()'),
    measure(L, 'string of 100 bytes', '("x"):rep(100) .. i'),
    measure(L, 'coroutine', 'coroutine.create(print)'),
  ];
  process.stdout.write(JSON.stringify(rows));
}
