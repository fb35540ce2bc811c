/**
 * The profile table: exact text of a small report, the limit, the empty
 * report, and names that could break its lines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProfileTable } from '../../src/profile/table.js';
import { buildReport, chunk, emptyReport, host, lua } from './reports.js';

/** main (2 ms) calls foo (which calls print) and bar (which calls foo). */
function smallReport(duration = 250) {
  return buildReport({ main: chunk('script.lua'), foo: lua('foo', 'script.lua', 12), print: host('print'), bar: lua('bar', 'script.lua', 20) }, [
    ['main', 1, 2, [
      ['foo', 10, 120.5, [['print', 10, 0.25]]],
      ['bar', 2, 30, [['foo', 5, 10]]],
    ]],
  ], duration);
}

test('functions by self time, highest first, numbers right-aligned, then the duration', () => {
  assert.equal(formatProfileTable(smallReport()), [
    'self ms  self %  total ms  total %  calls  function',
    '130.500   52.2%   130.750    52.3%     15  foo (script.lua:12)',
    ' 30.000   12.0%    40.000    16.0%      2  bar (script.lua:20)',
    '  2.000    0.8%   162.750    65.1%      1  main chunk (script.lua)',
    '  0.250    0.1%     0.250     0.1%     10  print ([C])',
    'profile duration: 250.000 ms',
    '',
  ].join('\n'));
});

test('a limit keeps the most expensive functions and counts the others', () => {
  assert.equal(formatProfileTable(smallReport(), { limit: 2 }), [
    'self ms  self %  total ms  total %  calls  function',
    '130.500   52.2%   130.750    52.3%     15  foo (script.lua:12)',
    ' 30.000   12.0%    40.000    16.0%      2  bar (script.lua:20)',
    '(2 more functions not shown)',
    'profile duration: 250.000 ms',
    '',
  ].join('\n'));
  assert.match(formatProfileTable(smallReport(), { limit: 3 }), /^\(1 more function not shown\)$/m);
  assert.equal(formatProfileTable(smallReport(), { limit: 4 }), formatProfileTable(smallReport()));
  for (const limit of [-1, 1.5, NaN]) {
    assert.throws(() => formatProfileTable(smallReport(), { limit }), /option 'limit' must be a non-negative integer/);
  }
});

test('percentages are of the call tree when it outlasts the measured duration', () => {
  // two clocks: the tree's 162.75 ms is the whole, not the 100 ms measured
  assert.match(formatProfileTable(smallReport(100)), /^  2\.000    1\.2%   162\.750   100\.0%      1  main chunk/m);
});

test('an empty profile says so', () => {
  assert.equal(formatProfileTable(emptyReport()), [
    'self ms  self %  total ms  total %  calls  function',
    '(no calls recorded)',
    'profile duration: 0.000 ms',
    '',
  ].join('\n'));
});

test('names from scripts cannot break a line or reach the terminal', () => {
  const report = buildReport({ f: lua('a\nb;c\x1b[2J', 'x.lua', 3), g: lua('<script>', 'y.lua', 1) }, [['f', 1, 1.5], ['g', 1, 0.5]], 2);
  const lines = formatProfileTable(report).split('\n');
  assert.equal(lines.length, 5);
  assert.equal(lines[1], '  1.500   75.0%     1.500    75.0%      1  a\\nb;c\\27[2J (x.lua:3)');
  assert.equal(lines[2], '  0.500   25.0%     0.500    25.0%      1  <script> (y.lua:1)');
});
