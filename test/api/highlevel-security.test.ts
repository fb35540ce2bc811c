/**
 * High-level API under attack: what a hostile script can do with the host
 * objects, host functions, proxies and async machinery it is given. Each
 * test is an attack that once worked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua, LuaError } from '../../src/index.js';

class Account {
  balance = 1;
  deposit(n: number): number {
    this.balance += n;
    return this.balance;
  }
}

test('host-object metamethods refuse userdata that are not host objects of this state', () => {
  const lua = new Lua({ stdout: () => {}, sandbox: 'none' });
  lua.set('acct', new Account());
  // debug.getmetatable bypasses __metatable; its host functions must not open other userdata
  for (const code of [
    'return debug.getmetatable(acct).__index(io.stdout, "handle")',
    'debug.getmetatable(acct).__newindex(io.stdout, "handle", {})',
    'return debug.getmetatable(acct).__pairs(io.stdout)',
    'return debug.getmetatable(acct).__len(io.stdout)',
    'return debug.getmetatable(acct).__tostring(io.stdout)',
    'return debug.getmetatable(acct).__index(debug.upvalueid(string.gmatch("a", "a"), 1), "0")',
  ]) {
    assert.throws(() => lua.run(code), /host object expected/, code);
  }
});

test('scripts cannot plant functions in host objects (methods, then, toString, toJSON)', async () => {
  const lua = new Lua();
  const acct = new Account();
  lua.set('acct', acct);
  for (const code of [
    'acct.deposit = function() return 99 end', // the host would later run script code
    'acct.deposit = 5', // or call a number
    'acct.toString = function() return "x" end',
    'acct.hasOwnProperty = 1',
    'acct["then"] = function(self, resolve) end', // the host's await would run it
    'acct.toJSON = function() return "x" end',
    'acct.extra = print',
  ]) {
    assert.throws(() => lua.run(code), /cannot set/, code);
  }
  assert.equal(acct.deposit(1), 2);
  assert.equal(String(acct), '[object Object]');
  assert.equal(JSON.stringify(acct), '{"balance":2}');
  assert.equal('then' in acct, false);
  assert.equal(await Promise.resolve(acct), acct);
  // fields stay writable, new ones too
  lua.run('acct.balance = 10 acct.note = "hi"');
  assert.equal(acct.balance, 10);
  assert.equal((acct as unknown as { note: string }).note, 'hi');
});

/** `p`, or 'timeout' if it has not settled after `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))]);
}

test('table proxies are never thenable: awaiting a result cannot run script code or hang', async () => {
  const lua = new Lua();
  const code = 'ran = false return { ["then"] = function() ran = true end, x = 1 }';
  const t = await within(lua.runAsync(code), 200);
  assert.notEqual(t, 'timeout');
  assert.equal((t as Record<string, unknown>).x, 1);
  assert.equal(lua.get('ran'), false);
  // through __index too, and for a table a host function returns to Lua
  lua.set('id', async (x: unknown) => x);
  const meta = 'return setmetatable({}, { __index = function(_, k) return function(_, resolve) resolve(k) end end })';
  assert.notEqual(await within(lua.runAsync(meta), 200), 'timeout');
  assert.equal(await within(lua.runAsync('local t = id({ ["then"] = error }) return t ~= nil'), 200), true);
  // the field stays readable from Lua
  assert.equal(lua.run('return ({ ["then"] = 5 })["then"]'), 5);
});

test('debug.setupvalue on library closures: a Lua error, not a JS exception', () => {
  const lua = new Lua();
  for (const code of [
    'local w = coroutine.wrap(function() end) debug.setupvalue(w, 1, "zz") return w()',
    'local g = string.gmatch("abc", ".") debug.setupvalue(g, 1, {}) return g()',
  ]) {
    assert.throws(() => lua.run(code), LuaError, code);
  }
});

test('a coroutine forwarding a host wait resumes the coroutine it forwarded for, whatever debug.setlocal did', async () => {
  const lua = new Lua({ sandbox: 'none' });
  lua.set('wait', (ms: number) => new Promise((r) => setTimeout(() => r(ms), ms)));
  // run a: its main coroutine waits inside coroutine.resume(co); run b rewrites resume's argument slot
  const a = lua.runAsync('main = coroutine.running() co = coroutine.create(function() return wait(50) end) return coroutine.resume(co)',
    { multi: true });
  const b = lua.runAsync(`
    wait(5)
    other = coroutine.create(function(...) got = {...} end)
    for _, v in ipairs{ "zz", other } do
      for n = 1, 4 do
        local name = debug.getlocal(main, 0, n)
        if name then debug.setlocal(main, 0, n, v) end
      end
    end`);
  await b;
  assert.deepEqual(await a, [true, 50]);
  assert.equal(lua.run('return coroutine.status(other), got'), 'suspended');
});

test('inspecting (console.log) a proxy of a very deep table does not throw in the host', async () => {
  const { inspect } = await import('node:util');
  const lua = new Lua();
  const t = lua.run('local t = {} for i = 1, 5000 do t = {t} end return t');
  assert.match(inspect(t), /nested too deeply/);
});
