/**
 * Coroutines through the low-level API: resume/yield from the host,
 * yields from host functions with continuations, callk/pcallk across
 * yields, status, closeThread and xmove.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LuaApi, LuaStatus, LuaType, type ApiContinuation } from '../../src/lowlevel.js';
import { checkedState, run, stackOf } from './lowlevel-helpers.js';

test('resume and yield driven by the host', () => {
  const { api } = checkedState();
  const co = api.newThread();
  assert.equal(api.type(-1), LuaType.THREAD);
  assert.equal(api.toThread(-1), co);
  co.loadString('local a = coroutine.yield(1, 2) return a * 2');
  let r = co.resume(api, 0);
  assert.deepEqual(r, { status: LuaStatus.YIELD, nresults: 2 });
  assert.equal(co.status(), LuaStatus.YIELD);
  assert.deepEqual([co.toInteger(-2), co.toInteger(-1)], [1, 2]);
  co.pop(2);
  co.pushInteger(21);
  r = co.resume(api, 1);
  assert.deepEqual(r, { status: LuaStatus.OK, nresults: 1 });
  assert.equal(co.toInteger(-1), 42);
  assert.equal(co.status(), LuaStatus.OK);
  co.pop(1);
  r = co.resume(api, 0);
  assert.equal(r.status, LuaStatus.ERRRUN);
  assert.equal(co.toString(-1), 'cannot resume dead coroutine');
  assert.equal(api.pushThread(), true);
  assert.equal(co.pushThread(), false);
});

test('an error inside a coroutine: status, error object and traceback of the dead thread', () => {
  const { api } = checkedState();
  const co = api.newThread();
  co.load('local function deep() error("deep failure") end\ndeep()', '=co');
  const r = co.resume(api, 0);
  assert.deepEqual(r, { status: LuaStatus.ERRRUN, nresults: 1 });
  assert.equal(co.toString(-1), 'co:1: deep failure');
  assert.equal(co.status(), LuaStatus.ERRRUN);
  api.traceback(co, 'tb', 0);
  assert.match(api.toString(-1)!, /^tb\nstack traceback:\n\t\[C\]: in function 'error'\n\tco:1: in (local|upvalue) 'deep'\n\tco:2: in main chunk/);
  assert.equal(co.closeThread(), LuaStatus.ERRRUN, 'closeThread reports the original error');
  assert.equal(co.toString(-1), 'co:1: deep failure');
});

test('a host function yields with a continuation and finishes on resume', () => {
  const { api } = checkedState();
  const finish: ApiContinuation<LuaApi> = (L, status, ctx) => {
    // the values passed to resume are on top, above the original arguments
    L.pushString(`k(status=${status}, ctx=${ctx}, got=${L.toString(-1)}, arg=${L.toString(1)})`);
    return 1;
  };
  api.pushFunction((L) => {
    L.pushString(`waiting for ${L.toString(1)}`);
    return L.yield(1, finish, 7);
  }, 'waitFor');
  api.setGlobal('waitFor');
  const co = api.newThread();
  co.loadString('local r = waitFor("data") return "done: " .. r');
  let r = co.resume(api, 0);
  assert.equal(r.status, LuaStatus.YIELD);
  assert.equal(co.toString(-1), 'waiting for data');
  co.pop(1);
  co.pushString('payload');
  r = co.resume(api, 1);
  assert.equal(r.status, LuaStatus.OK);
  assert.equal(co.toString(-1), 'done: k(status=1, ctx=7, got=payload, arg=data)');
});

test('a host function yields without a continuation: resume values become its results', () => {
  const { api } = checkedState();
  api.pushFunction((L) => L.yield(L.getTop()), 'pass');
  api.setGlobal('pass');
  assert.deepEqual(run(api, `
    local co = coroutine.wrap(function(...) local a, b = pass(...) return a + b end)
    local x, y = co(1, 2)
    return x, y, co(30, 12)`), ['1', '2', '42']);
});

test('callk and pcallk: a Lua callee may yield across the host function', () => {
  const { api } = checkedState();
  const afterCall: ApiContinuation<LuaApi> = (L, status, ctx) => {
    L.pushString(`:after(${status === LuaStatus.YIELD ? 'yield' : status},${ctx})`);
    L.concat(2);
    return 1;
  };
  api.pushFunction((L) => {
    L.pushValue(1);
    L.callk(0, 1, 3, afterCall);
    return afterCall(L, LuaStatus.OK, 3); // no yield happened: finish directly, as C code does
  }, 'callAndTag');
  api.setGlobal('callAndTag');
  const afterPcall: ApiContinuation<LuaApi> = (L, status) => {
    L.pushBoolean(status === LuaStatus.OK || status === LuaStatus.YIELD);
    L.insert(-2);
    return 2;
  };
  api.pushFunction((L) => {
    L.pushValue(1);
    const st = L.pcallk(0, 1, 0, 0, afterPcall);
    return afterPcall(L, st, 0);
  }, 'safeCall');
  api.setGlobal('safeCall');
  assert.deepEqual(run(api, `
    local co = coroutine.wrap(function()
      local a = callAndTag(function() return coroutine.yield('y1') end)
      local ok, b = safeCall(function() return coroutine.yield('y2') end)
      local ok2, e = safeCall(function() coroutine.yield('y3') error('late', 0) end)
      return a .. '|' .. tostring(ok) .. b .. '|' .. tostring(ok2) .. e
    end)
    return co(), co('r1'), co('r2'), co('r3')`), ['y1', 'y2', 'y3', 'r1:after(yield,3)|truer2|falselate']);
  // outside a coroutine the same functions run without yielding
  assert.deepEqual(run(api, 'return callAndTag(function() return "plain" end)'), ['plain:after(0,3)']);
  // a plain call (no continuation) from a host function cannot be yielded across
  api.pushFunction((L) => { L.pushValue(1); L.call(0, 0); return 0; }, 'plainCall');
  api.setGlobal('plainCall');
  assert.match(run(api, 'return select(2, coroutine.resume(coroutine.create(function() plainCall(coroutine.yield) end)))')[0],
    /attempt to yield across a C-call boundary/);
});

test('yield outside a coroutine is a Lua error; isYieldable tells', () => {
  const { api } = checkedState();
  assert.equal(api.isYieldable(), false);
  api.pushFunction((L) => {
    L.pushBoolean(L.isYieldable());
    return L.yield(1);
  }, 'y');
  api.setGlobal('y');
  assert.match(run(api, 'return select(2, pcall(y))')[0], /attempt to yield from outside a coroutine/);
  assert.deepEqual(run(api, 'return coroutine.wrap(function() return y() end)()'), ['true']);
});

test('xmove moves values between threads; closeThread resets a suspended coroutine', () => {
  const { api } = checkedState();
  const co = api.newThread();
  api.pushInteger(1);
  api.pushString('two');
  api.xmove(co, 2);
  assert.deepEqual(stackOf(co), ['1', 'two']);
  assert.deepEqual(stackOf(api), ['thread']);
  co.setTop(0);
  co.loadString(`
    local t <close> = setmetatable({}, {__close = function() closedBy = "closeThread" end})
    coroutine.yield()`);
  assert.equal(co.resume(api, 0).status, LuaStatus.YIELD);
  assert.equal(co.closeThread(), LuaStatus.OK);
  assert.deepEqual(run(api, 'return closedBy'), ['closeThread']);
  assert.equal(co.status(), LuaStatus.OK);
  assert.equal(co.getTop(), 0);
  co.loadString('return "reused"');
  assert.equal(co.resume(api, 0).status, LuaStatus.OK);
  assert.equal(co.toString(-1), 'reused');
});

test('checked resume and xmove: the values must be present', () => {
  const { api } = checkedState();
  const co = api.newThread();
  assert.throws(() => co.resume(api, 2), /moonbox api check: not enough elements in the stack \(2 needed, 0 present\) in resume/);
  assert.deepEqual(co.resume(api, 0), { status: LuaStatus.ERRRUN, nresults: 1 }, 'no body function: a dead coroutine');
  co.pop(1);
  co.pushNil();
  assert.throws(() => co.xmove(api, 2), /not enough elements in the stack \(2 needed, 1 present\) in xmove/);
  assert.equal(co.getTop(), 1);
});
