/**
 * No panic path: every error that escapes Lua outside a protected call
 * reaches the panic handler, whose default throws a LuaError (or the
 * host's own exception); the stack is back at its entry height and the
 * state keeps working.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPanic, LuaError, LuaStatus, type PanicHandler } from '../../src/lowlevel.js';
import { checkedState, run, stackOf } from './lowlevel-helpers.js';

test('an error in an unprotected call at top level becomes a LuaError with the traceback', () => {
  const { api } = checkedState();
  api.pushString('kept');
  api.loadString('local function fail(x) error("bad " .. x) end\nfail("input")');
  api.pushInteger(1);
  let caught: unknown;
  try {
    api.call(1, 2);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LuaError);
  assert.equal(caught.luaMessage, '[string "local function fail(x) error("bad " .. x) end..."]:1: bad input');
  assert.equal(caught.luaValue, caught.luaMessage);
  assert.match(caught.luaTraceback!, /^stack traceback:\n\t\[C\]: in function 'error'\n\t\[string [^\n]*\]:1: in (local|upvalue) 'fail'\n\t\[string [^\n]*\]:2: in main chunk/);
  assert.deepEqual(stackOf(api), ['kept'], 'function and argument removed, no results');
  assert.deepEqual(run(api, 'return "still alive"'), ['still alive']);
});

test('non-string error objects are carried as luaValue', () => {
  const { api } = checkedState();
  api.loadString('error({code = 7})');
  let caught: unknown;
  try {
    api.call(0, 0);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LuaError);
  assert.equal(caught.luaMessage, '(error object is a table value)');
  api.pushLuaValue(caught.luaValue);
  api.getField(-1, 'code');
  assert.equal(api.toInteger(-1), 7);
  api.setTop(0);
  api.loadString('error(setmetatable({}, {__tostring = function() return "custom text" end}))');
  assert.throws(() => api.call(0, 0), (e: unknown) => e instanceof LuaError && e.luaMessage === 'custom text');
  assert.equal(api.getTop(), 0);
});

test('atPanic: the host handler runs with the stack restored; the call still throws', () => {
  const { api } = checkedState();
  const seen: string[] = [];
  const handler: PanicHandler = (L, err) => {
    seen.push(`${err.luaMessage} @ top ${L.getTop()}`);
  };
  assert.equal(api.atPanic(handler), defaultPanic);
  api.pushInteger(5);
  api.loadString('error("first", 0)');
  assert.throws(() => api.call(0, 0), (e: unknown) => e instanceof LuaError && e.luaMessage === 'first');
  assert.deepEqual(seen, ['first @ top 1']);
  // a handler may throw its own exception instead
  class HostFailure extends Error {}
  api.atPanic((_L, err) => { throw new HostFailure(`wrapped: ${err.luaMessage}`); });
  api.loadString('error("second", 0)');
  assert.throws(() => api.call(0, 0), (e: unknown) => e instanceof HostFailure && e.message === 'wrapped: second');
  assert.equal(api.atPanic(undefined) instanceof Function, true);
  api.loadString('error("third", 0)');
  assert.throws(() => api.call(0, 0), (e: unknown) => e instanceof LuaError && e.luaMessage === 'third', 'default restored');
  assert.deepEqual(stackOf(api), ['5']);
  assert.deepEqual(run(api, 'return 1 + 1'), ['2']);
});

test('an error in a host callback invoked from a timer reaches the callback, not the process', async () => {
  const { api } = checkedState();
  run(api, 'calls = 0 function onTick(n) calls = calls + 1 if n == 2 then error("tick failed") end end');
  const errors: unknown[] = [];
  const tick = (n: number): void => {
    try {
      api.getGlobal('onTick');
      api.pushInteger(n);
      api.call(1, 0);
    } catch (e) {
      errors.push(e);
    }
  };
  await new Promise<void>((resolve) => {
    setTimeout(() => tick(1), 0);
    setTimeout(() => tick(2), 2);
    setTimeout(() => {
      tick(3);
      resolve();
    }, 4);
  });
  assert.equal(errors.length, 1);
  assert.ok(errors[0] instanceof LuaError);
  assert.match((errors[0] as LuaError).luaMessage, /tick failed$/);
  assert.equal(api.getTop(), 0);
  assert.deepEqual(run(api, 'return calls'), ['3']);
});

test('a JS exception through an unprotected call is rethrown as the original exception', () => {
  const { api } = checkedState();
  const original = new RangeError('host exploded');
  api.pushFunction(() => { throw original; }, 'explode');
  api.setGlobal('explode');
  api.loadString('local x = 1 explode() return x');
  let caught: unknown;
  try {
    api.call(0, 1);
  } catch (e) {
    caught = e;
  }
  assert.equal(caught, original);
  assert.equal(api.getTop(), 0);
  // The panic handler sees the LuaError, with the original as its cause.
  let cause: unknown;
  api.atPanic((_L, err) => { cause = err.cause; });
  api.getGlobal('explode');
  assert.throws(() => api.call(0, 0), (e: unknown) => e === original);
  assert.equal(cause, original);
  // Through pcall the host gets a status and can ask for its exception.
  api.getGlobal('explode');
  assert.equal(api.pcall(0, 0), LuaStatus.ERRRUN);
  assert.equal(api.toString(-1), 'host exploded');
  assert.equal(api.lastHostError(), original);
  api.pop(1);
  assert.deepEqual(run(api, 'return "ok"'), ['ok']);
});

test('error(), metamethod errors and argument errors outside any host function go to the panic path', () => {
  const { api } = checkedState();
  api.pushString('message from host');
  assert.throws(() => api.error(), (e: unknown) => e instanceof LuaError && e.luaMessage === 'message from host');
  assert.equal(api.getTop(), 0, 'the error object was consumed');
  api.pushInteger(3);
  assert.throws(() => api.getField(1, 'x'), (e: unknown) => e instanceof LuaError && /attempt to index a number value/.test(e.message));
  assert.equal(api.getTop(), 1);
  run(api, 't = setmetatable({}, {__index = function(_, k) error("no field " .. k) end})');
  api.getGlobal('t');
  assert.throws(() => api.getField(-1, 'missing'), (e: unknown) =>
    e instanceof LuaError && /no field missing$/.test(e.luaMessage) && /^stack traceback:\n\t\[C\]: in function 'error'\n\t\[string [^\n]*\]:1: in function </.test(e.luaTraceback ?? ''));
  assert.equal(api.getTop(), 2);
  api.pushInteger(1);
  assert.throws(() => api.arith(0), (e: unknown) => e instanceof LuaError && e.luaMessage === 'attempt to perform arithmetic on a table value');
  assert.equal(api.getTop(), 1, 'both operands consumed');
  api.setTop(0);
  api.newTable();
  api.pushNil();
  api.pushInteger(1);
  assert.throws(() => api.rawSet(1), (e: unknown) => e instanceof LuaError && e.luaMessage === 'table index is nil');
  assert.throws(() => api.checkInteger(1), (e: unknown) => e instanceof LuaError && /number expected, got table/.test(e.message));
  api.pushString('not a key');
  assert.throws(() => api.next(1), (e: unknown) => e instanceof LuaError && /invalid key to 'next'/.test(e.message));
  assert.equal(api.getTop(), 1);
  assert.deepEqual(run(api, 'return "fine"'), ['fine']);
});

test('inside a host function called from Lua, errors propagate to Lua: no panic', () => {
  const { api } = checkedState();
  let panics = 0;
  api.atPanic(() => { panics++; });
  api.pushFunction((L) => {
    L.pushValue(1);
    L.call(0, 0); // unprotected, but Lua's pcall below catches it
    L.pushString('not reached');
    return 1;
  }, 'callIt');
  api.setGlobal('callIt');
  assert.deepEqual(run(api, 'local ok, e = pcall(callIt, function() error("inner", 0) end) return ok, e'), ['false', 'inner']);
  api.pushFunction((L) => {
    L.pushString('raised by host');
    return L.error();
  }, 'raise');
  api.setGlobal('raise');
  assert.deepEqual(run(api, 'return select(2, pcall(raise))'), ['raised by host']);
  assert.equal(panics, 0);
});

test('to-be-closed variables are closed when an unprotected error unwinds', () => {
  const { api } = checkedState();
  api.loadString(`
    closed = nil
    local x <close> = setmetatable({}, {__close = function(_, err) closed = err end})
    error("unwinding", 0)`);
  assert.throws(() => api.call(0, 0), LuaError);
  assert.deepEqual(run(api, 'return closed'), ['unwinding']);
});

test('stack overflow and C stack overflow are ordinary LuaErrors; the state survives', () => {
  const { api } = checkedState();
  api.loadString('local function r() return 1 + r() end return r()');
  assert.throws(() => api.call(0, 0), (e: unknown) => e instanceof LuaError && /stack overflow/.test(e.message));
  api.loadString('local t = setmetatable({}, {}) getmetatable(t).__index = function(t, k) return t[k] end return t.x');
  assert.throws(() => api.call(0, 0), (e: unknown) => e instanceof LuaError && /stack overflow/.test(e.message));
  assert.equal(api.getTop(), 0);
  assert.deepEqual(run(api, 'local function r(n) if n == 0 then return 0 end return 1 + r(n - 1) end return r(1000)'), ['1000']);
});
