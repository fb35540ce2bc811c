/**
 * Labels of profiled functions: the three kinds, unnamed functions, and
 * names from scripts shown as text that cannot break a line or drive a
 * terminal.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { functionLabel } from '../../src/profile/label.js';
import { chunk, host, lua, type FunctionInfo } from './reports.js';

const label = (info: FunctionInfo): string => functionLabel({ ...info, calls: 1, selfTime: 0, totalTime: 0 });

test('a Lua function by name and definition, a host function, a main chunk', () => {
  assert.equal(label(lua('foo', 'script.lua', 12)), 'foo (script.lua:12)');
  assert.equal(label(host('print')), 'print ([C])');
  assert.equal(label(chunk('script.lua')), 'main chunk (script.lua)');
  assert.equal(label(lua('?', 'script.lua', 7)), 'function <script.lua:7>');
  assert.equal(label(host('?')), '? ([C])');
});

test('names and sources are UTF-8 bytes, shown as text', () => {
  assert.equal(label(lua('caf\xc3\xa9', 'd\xc3\xa9j\xc3\xa0.lua', 1)), 'café (déjà.lua:1)');
  assert.equal(label(lua('bad\xff', 's.lua', 1)), 'bad\ufffd (s.lua:1)');
  // a string that already holds text beyond bytes is not decoded again
  assert.equal(label(lua('na\xefve\u2713', 's.lua', 1)), 'na\xefve\u2713 (s.lua:1)');
});

test('control characters, separators and bidirectional overrides are written as Lua escapes', () => {
  assert.equal(label(lua('a\nb\r\tc', 's.lua', 1)), 'a\\nb\\r\\tc (s.lua:1)');
  assert.equal(label(lua('\x1b[31mred', 's.lua', 1)), '\\27[31mred (s.lua:1)');
  assert.equal(label(lua('x\x00y\x7f', 's.lua', 1)), 'x\\0y\\127 (s.lua:1)');
  // C1 controls, U+2028 and U+202E as their UTF-8 bytes
  assert.equal(label(lua('\xc2\x9b2J', 's.lua', 1)), '\\155' + '2J (s.lua:1)');
  assert.equal(label(lua('a\xe2\x80\xa8b', 's.lua', 1)), 'a\\u{2028}b (s.lua:1)');
  assert.equal(label(lua('\xe2\x80\xaeevil', 'x\ny.lua', 1)), '\\u{202e}evil (x\\ny.lua:1)');
  assert.equal(label(host('a;b')), 'a;b ([C])');
});
