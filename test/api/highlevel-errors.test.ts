/**
 * High-level API: every failure reaches the host as an exception, and the
 * state keeps working afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua, LuaError } from '../../src/index.js';
import { LuaExit } from '../../src/lib/platform-interface.js';

function luaError(f: () => unknown): LuaError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof LuaError, `expected a LuaError, got ${String(e)}`);
    return e;
  }
  assert.fail('no error');
}

test('runtime error: LuaError fields, traceback and JS stack with the Lua frames', () => {
  const lua = new Lua();
  const code = 'local function inner()\n  error("boom")\nend\nlocal function outer() inner() end\nouter()\n';
  const e = luaError(() => lua.run(code, { chunkName: 'script.lua' }));
  assert.equal(e.luaMessage, 'script.lua:2: boom');
  assert.equal(e.message, e.luaMessage);
  assert.equal(e.luaValue, 'script.lua:2: boom');
  assert.equal(e.value, 'script.lua:2: boom');
  assert.match(e.luaTraceback!, /stack traceback:\n\t\[C\]: in function 'error'\n\tscript.lua:2: in (local|upvalue|function) 'inner'/);
  const lines = e.stack!.split('\n');
  assert.equal(lines[0], 'LuaError: script.lua:2: boom');
  assert.equal(lines[1], '    at error ([C])');
  assert.equal(lines[2], '    at inner (script.lua:2)');
  assert.equal(lines[3], '    at outer (script.lua:4)');
  assert.equal(lines[4], '    at main chunk (script.lua:5)');
  assert.match(lines[5], /^ {4}at /); // then the JS frames
  assert.equal(lua.run('return 1 + 1'), 2);
});

test('error objects: tables keep their identity, __tostring gives the message', () => {
  const lua = new Lua();
  const e = luaError(() => lua.run('error(setmetatable({code = 7}, {__tostring = function(t) return "E" .. t.code end}))'));
  assert.equal(e.message, 'E7');
  assert.equal((e.value as Record<string, unknown>).code, 7);
  const plain = luaError(() => lua.run('error({})'));
  assert.match(plain.message, /^table: 0x/);
  const nilErr = luaError(() => lua.run('error()'));
  assert.equal(nilErr.message, '(error object is a nil value)');
  const bad = luaError(() => lua.run('error(setmetatable({}, {__tostring = function() error("worse") end}))'));
  assert.equal(bad.message, '(error object is a table value)');
  assert.equal(luaError(() => lua.run('error(42)')).message, '42');
  assert.equal(lua.run('return "ok"'), 'ok');
});

test('syntax errors are LuaErrors without a traceback', () => {
  const lua = new Lua();
  const e = luaError(() => lua.run('x = = 1', { chunkName: 'bad.lua' }));
  assert.equal(e.message, "bad.lua:1: unexpected symbol near '='");
  assert.equal(e.luaTraceback, undefined);
  assert.throws(() => lua.load('return +'), LuaError);
  assert.equal(lua.run('return 3'), 3);
});

test('a JS exception from a host function: catchable in Lua, the same object outside', () => {
  const lua = new Lua();
  class MyError extends Error {}
  const original = new MyError('host failed');
  lua.set('fail', () => { throw original; });
  assert.deepEqual(lua.run('return pcall(fail)', { multi: true }), [false, 'host failed']);
  let caught: unknown;
  try {
    lua.run('local x = 1\nfail()');
  } catch (e) {
    caught = e;
  }
  assert.equal(caught, original);
  // through a Lua callback called from JS and back into Lua
  lua.set('callIt', (f: () => unknown) => f());
  try {
    lua.run('callIt(function() fail() end)');
  } catch (e) {
    caught = e;
  }
  assert.equal(caught, original);
  // a non-Error exception value comes back too
  lua.set('throwString', () => { throw 'just a string'; });
  try {
    lua.run('throwString()');
  } catch (e) {
    caught = e;
  }
  assert.equal(caught, 'just a string');
  // once Lua catches and raises again, it is a Lua error
  const e = luaError(() => lua.run('local ok, m = pcall(fail) error(m, 0)'));
  assert.equal(e.message, 'host failed');
  assert.equal(lua.run('return "alive"'), 'alive');
});

test('a LuaError rethrown by a host function raises the same Lua error object', () => {
  const lua = new Lua();
  lua.set('relay', (f: () => unknown) => {
    try {
      return f();
    } catch (e) {
      assert.ok(e instanceof LuaError);
      throw e;
    }
  });
  assert.equal(lua.run('local t = {} local ok, e = pcall(relay, function() error(t) end) return e == t'), true);
});

test('the state keeps working after every kind of failure', () => {
  const lua = new Lua({ stdout: () => {} });
  const failures: (() => unknown)[] = [
    () => lua.run('error("x")'),
    () => lua.run('local t = nil; return t.x'),
    () => lua.run('local function f() return f() + 1 end return f()'), // stack overflow
    () => lua.run('string.rep("x", -1, 5)(nil)'),
    () => lua.run('return 1 +'),
    () => lua.call('nosuchfunction'),
    () => lua.call('error', 'direct'),
    () => lua.get('string.format.x'),
    () => lua.set('string.len.x', 1),
    () => lua.run('local t <close> = setmetatable({}, {__close = function() error("in close") end}) error("first")'),
    () => lua.run('coroutine.wrap(function() error("in coroutine") end)()'),
    () => lua.run('setmetatable({}, {__gc = true}); return #nil'),
  ];
  for (const [i, f] of failures.entries()) {
    assert.throws(f, `failure ${i} did not throw`);
    assert.equal(lua.run(`return ${i} * 2`), i * 2, `state broken after failure ${i}`);
    assert.equal(lua.state.top, 1, `stack not restored after failure ${i}`);
  }
});

test('to-be-closed variables are closed when a run fails', () => {
  const lua = new Lua();
  lua.run('closed = false');
  assert.throws(() => lua.run('local t <close> = setmetatable({}, {__close = function() closed = true end}) error("x")'));
  assert.equal(lua.get('closed'), true);
});

test('os.exit (a host abort) reaches the host uncaught and leaves the state usable', async () => {
  const lua = new Lua({ sandbox: 'none' });
  assert.throws(() => lua.run('local function f() pcall(os.exit, 3) end f()'), (e: unknown) => e instanceof LuaExit && e.code === 3);
  assert.equal(lua.state.top, 1);
  assert.equal(lua.state.ci, lua.state.baseCi);
  assert.equal(lua.run('local t = {} for i = 1, 3 do t[i] = i end return #t'), 3);
  await assert.rejects(lua.runAsync('os.exit(4)'), LuaExit);
  assert.equal(await lua.runAsync('return 5'), 5);
});
