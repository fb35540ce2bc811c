/**
 * Folded stacks: one line per path with self time, weights in whole
 * microseconds, frames that cannot split, deep trees.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFoldedStacks } from '../../src/profile/folded.js';
import { buildReport, chunk, emptyReport, host, lua, recursionReport } from './reports.js';

test('paths from the outermost call, depth-first in the tree order, weighted in microseconds', () => {
  const report = buildReport({ main: chunk('script.lua'), foo: lua('foo', 'script.lua', 12), print: host('print'), bar: lua('bar', 'script.lua', 20) }, [
    ['main', 1, 2, [
      ['foo', 10, 120.5, [['print', 10, 0.25]]],
      ['bar', 2, 30, [['foo', 5, 10.0004]]],
    ]],
  ]);
  assert.equal(toFoldedStacks(report), [
    'main chunk (script.lua) 2000',
    'main chunk (script.lua);foo (script.lua:12) 120500',
    'main chunk (script.lua);foo (script.lua:12);print ([C]) 250',
    'main chunk (script.lua);bar (script.lua:20) 30000',
    'main chunk (script.lua);bar (script.lua:20);foo (script.lua:12) 10000',
    '',
  ].join('\n'));
});

test('paths whose self time rounds to 0 µs are left out, their callees kept', () => {
  const report = buildReport({ a: lua('a', 'x.lua', 1), b: lua('b', 'x.lua', 2), c: lua('c', 'x.lua', 3) }, [
    ['a', 1, 0.0004, [['b', 1, 0.0006], ['c', 1, 0]]],
  ]);
  assert.equal(toFoldedStacks(report), 'a (x.lua:1);b (x.lua:2) 1\n');
});

test('a frame holds no ; and no line break', () => {
  const report = buildReport({ a: lua('x;y\nz', 'we;ird\r.lua', 1), b: host('<script>') }, [['a', 1, 1, [['b', 1, 2]]]]);
  assert.equal(toFoldedStacks(report), 'x,y\\nz (we,ird\\r.lua:1) 1000\nx,y\\nz (we,ird\\r.lua:1);<script> ([C]) 2000\n');
});

test('an empty profile gives no lines', () => {
  assert.equal(toFoldedStacks(emptyReport()), '');
});

test('a call tree deeper than the JS stack', () => {
  const report = recursionReport(100_000);
  assert.equal(toFoldedStacks(report), `${Array(100_000).fill('rec (r.lua:1)').join(';')} 1000\n`);
});

