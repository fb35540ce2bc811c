/**
 * Host aborts (HostAbort, e.g. os.exit on an embedding host) pass through
 * every protected call and coroutine resume without running Lua code, and
 * leave the thread consistent: frames, stack top, upvalues, tbc list and the
 * coroutine's status.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createState, runString } from './run-string.js';
import { HostFunction } from '../../src/vm/function.js';
import { LuaError } from '../../src/index.js';
import { HostAbort } from '../../src/vm/exceptions.js';
import { globals } from '../../src/vm/create.js';

class Stop extends HostAbort {}

function withAbort() {
  const L = createState();
  globals(L).setStr('abort', new HostFunction(() => { throw new Stop('stop'); }, 'abort'));
  return L;
}

test('an abort inside nested pcalls reaches the host and the thread is restored', () => {
  const L = withAbort();
  const top = L.top;
  const ci = L.ci;
  assert.throws(() => runString(L, `
    local x <close> = setmetatable({}, {__close = function() print("must not run") end})
    local captured = 1
    local function f() captured = captured + 1; abort() end
    pcall(pcall, f)`), Stop);
  assert.equal(L.top, top);
  assert.equal(L.ci, ci);
  assert.equal(L.openupval, null);
  assert.deepEqual(L.tbclist, []);
  assert.equal(L.nCcalls, 0);
  // the state keeps working, closures and tbc variables included
  const [r] = runString(L, `
    local log = {}
    do local y <close> = setmetatable({}, {__close = function() log[#log + 1] = "closed" end}) end
    local n = 0
    local function inc() n = n + 1 return n end
    inc() inc()
    return table.concat(log) .. n`);
  assert.equal(r, 'closed2');
});

test('an abort inside a coroutine leaves it dead, not running', () => {
  const L = withAbort();
  globals(L).setStr('co', undefined);
  assert.throws(() => runString(L, 'co = coroutine.create(function() coroutine.yield(1) abort() end) coroutine.resume(co) coroutine.resume(co)'), Stop);
  const [status, ok, msg] = runString(L, 'return coroutine.status(co), coroutine.resume(co)');
  assert.equal(status, 'dead');
  assert.equal(ok, false);
  assert.equal(msg, 'cannot resume dead coroutine');
  assert.throws(() => runString(L, 'error("still works")'), LuaError);
  assert.deepEqual(runString(L, 'return coroutine.wrap(function(a) return a * 2 end)(21)'), [42]);
});
