/**
 * High-level API: options (libraries, output capture, platform, strings).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua } from '../../src/index.js';

test('libs: only the chosen standard libraries are opened', () => {
  const lua = new Lua({ libs: ['_G', 'string', 'table', 'math'], sandbox: 'none' });
  assert.deepEqual(lua.run('return type(io), type(os), type(debug), type(string), type(print)', { multi: true }),
    ['nil', 'nil', 'nil', 'table', 'function']);
  const all = new Lua({ sandbox: 'none' });
  assert.equal(all.run('return type(io) .. type(os) .. type(coroutine) .. type(utf8)'), 'tabletabletabletable');
});

test('stdout and stderr receive print, io.write and warn output as text', () => {
  let out = '';
  let err = '';
  const lua = new Lua({ sandbox: 'none', stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  lua.run('print("héllo", 1, nil) io.write("a", "€") warn("@on") warn("careful") io.stderr:write("e!")');
  assert.equal(out, 'héllo\t1\tnil\na€');
  assert.equal(err, 'Lua warning: careful\ne!');
  // a UTF-8 character split across two writes stays whole
  out = '';
  lua.run('io.write("\\xe2\\x82") io.write("\\xac")');
  assert.equal(out, '€');
});

test('the default platform has no file system', () => {
  const lua = new Lua({ sandbox: 'none' });
  assert.deepEqual(lua.run('return io.open("/etc/passwd")', { multi: true }).slice(0, 1), [undefined]);
  assert.equal(lua.run('return os.getenv("HOME")'), undefined);
});

test('stackLimit bounds recursion', () => {
  const lua = new Lua({ stackLimit: 2000 });
  assert.throws(() => lua.run('local function f(n) return 1 + f(n + 1) end return f(1)'), /stack overflow/);
  assert.equal(lua.run('return 1'), 1);
});

// ---------------------------------------------------------------------------
// Misconfiguration is an error at construction, naming the option

/** Construct with options typed loosely, as plain JS code would pass them. */
const newLoose = (options: unknown): Lua => new Lua(options as ConstructorParameters<typeof Lua>[0]);

test('an unknown library name is a TypeError naming it and listing the valid ones', () => {
  assert.throws(() => newLoose({ libs: ['_G', 'strng'] }),
    (e: unknown) => e instanceof TypeError
      && e.message === "new Lua(): option 'libs' has an unknown library 'strng' (the libraries are: _G, package, coroutine, table, io, os, string, math, utf8, buffer, debug)");
  assert.throws(() => newLoose({ libs: 'string' }), /option 'libs' must be an array of library names \(got string "string"\)/);
  assert.throws(() => newLoose({ libs: [42] }), /option 'libs' has an unknown library number 42/);
});

test('an unknown option key is a TypeError listing the options', () => {
  assert.throws(() => newLoose({ stdot: () => {} }),
    /^TypeError: new Lua\(\): unknown option 'stdot' \(the options are: libs, platform, stdout, stderr, stackLimit, coroutineStackLimit, strings, asyncHooks, sandbox, limits, interruptFlag, postMortem, compile\)$/);
  assert.throws(() => newLoose({ __proto__: null, toString: 1 }), /unknown option 'toString'/);
});

test('a wrong option type is a TypeError naming the option and the value', () => {
  const cases: [unknown, RegExp][] = [
    [{ stdout: 'yes' }, /option 'stdout' must be a function \(got string "yes"\)/],
    [{ stackLimit: 0 }, /option 'stackLimit' must be a positive integer \(got number 0\)/],
    [{ stackLimit: 1.5 }, /option 'stackLimit' must be a positive integer/],
    [{ coroutineStackLimit: '100' }, /option 'coroutineStackLimit' must be a positive integer \(got string "100"\)/],
    [{ strings: 'latin1' }, /option 'strings' must be 'utf8' or 'bytes' \(got string "latin1"\)/],
    [{ platform: {} }, /option 'platform' must be a Platform: 'readFile', .* missing or not a function/],
    [{ asyncHooks: { onSuspend: 1 } }, /option 'asyncHooks' must be an object of hook functions: 'onSuspend' not a function/],
    [null, /new Lua\(\): options must be an object \(got null\)/],
    [[], /new Lua\(\): options must be an object \(got an array\)/],
  ];
  for (const [options, message] of cases) assert.throws(() => newLoose(options), (e: unknown) => e instanceof TypeError && message.test(e.message), String(message));
});

test('options set to undefined count as absent', () => {
  const lua = newLoose({ libs: undefined, stdout: undefined, stackLimit: undefined });
  assert.equal(lua.run('return type(string)'), 'table');
});

test('run, load and toJS check their options too', () => {
  const lua = new Lua();
  const loose = lua as unknown as { run(c: string, o: unknown): unknown; load(c: string, o: unknown): unknown; toJS(v: unknown, o: unknown): unknown };
  assert.throws(() => loose.run('return 1', { chunkname: 'x' }), /^TypeError: run: unknown option 'chunkname' \(the options are: chunkName, limits, multi\)$/);
  assert.throws(() => loose.run('return 1', { multi: 1 }), /run: option 'multi' must be a boolean \(got number 1\)/);
  assert.throws(() => loose.load('return 1', { multi: true }), /load: unknown option 'multi'/);
  assert.throws(() => loose.toJS({}, { deep: 'yes' }), /toJS: option 'deep' must be a boolean/);
  assert.equal(lua.run('return 1'), 1);
});

test('every library name the option accepts opens exactly that library', async () => {
  const { LIB_NAMES } = await import('../../src/lib/init.js');
  const all = Object.keys(new Lua({ sandbox: 'none' }).globals);
  for (const name of LIB_NAMES) {
    const keys = Object.keys(new Lua({ libs: [name], sandbox: 'none' }).globals);
    if (name === '_G') {
      assert.ok(keys.includes('print') && keys.includes('_G') && !keys.includes('string'), keys.join());
    } else {
      assert.deepEqual(keys.sort(), name === 'package' ? ['package', 'require'] : [name]); // loadlib.c sets require too
      assert.ok(all.includes(name));
    }
  }
});

test('postMortem takes a boolean or { locals }', () => {
  assert.throws(() => newLoose({ postMortem: 'yes' }), /option 'postMortem' must be a boolean or \{ locals\?: boolean \} \(got string "yes"\)/);
  assert.throws(() => newLoose({ postMortem: { local: true } }), /option 'postMortem' must be a boolean or/);
  newLoose({ postMortem: { locals: true } });
  newLoose({ postMortem: false });
});
