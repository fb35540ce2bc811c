/**
 * High-level API: options (libraries, output capture, platform, strings).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua } from '../../src/index.js';

test('libs: only the chosen standard libraries are opened', () => {
  const lua = new Lua({ libs: ['_G', 'string', 'table', 'math'] });
  assert.deepEqual(lua.run('return type(io), type(os), type(debug), type(string), type(print)', { multi: true }),
    ['nil', 'nil', 'nil', 'table', 'function']);
  const all = new Lua();
  assert.equal(all.run('return type(io) .. type(os) .. type(coroutine) .. type(utf8)'), 'tabletabletabletable');
});

test('stdout and stderr receive print, io.write and warn output as text', () => {
  let out = '';
  let err = '';
  const lua = new Lua({ stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  lua.run('print("héllo", 1, nil) io.write("a", "€") warn("@on") warn("careful") io.stderr:write("e!")');
  assert.equal(out, 'héllo\t1\tnil\na€');
  assert.equal(err, 'Lua warning: careful\ne!');
  // a UTF-8 character split across two writes stays whole
  out = '';
  lua.run('io.write("\\xe2\\x82") io.write("\\xac")');
  assert.equal(out, '€');
});

test('the default platform has no file system', () => {
  const lua = new Lua();
  assert.deepEqual(lua.run('return io.open("/etc/passwd")', { multi: true }).slice(0, 1), [undefined]);
  assert.equal(lua.run('return os.getenv("HOME")'), undefined);
});

test('stackLimit bounds recursion', () => {
  const lua = new Lua({ stackLimit: 2000 });
  assert.throws(() => lua.run('local function f(n) return 1 + f(n + 1) end return f(1)'), /stack overflow/);
  assert.equal(lua.run('return 1'), 1);
});
