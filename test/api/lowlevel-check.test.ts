/**
 * Checked mode: every misuse is rejected at the faulty call with a
 * LuaApiError (the state is not modified), and the stack guards catch
 * wrong result counts and leaks in host functions and host callbacks. After
 * every failure the state keeps working at its entry height.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LuaApi, LuaApiError, LuaError, newApiState } from '../../src/lowlevel.js';
import { checkedState, run, stackOf } from './lowlevel-helpers.js';

/** Assert that `fn` throws a LuaApiError with exactly `message`. */
function rejects(fn: () => unknown, message: string): LuaApiError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LuaApiError, `expected a LuaApiError, got ${String(caught)}`);
  assert.equal(caught.message, message);
  return caught;
}

/** The state still runs code, and the stack is at `height`. */
function stillWorks(api: LuaApi, height: number): void {
  assert.equal(api.getTop(), height);
  assert.deepEqual(run(api, 'local t = {} for i = 1, 3 do t[i] = i * i end return table.concat(t, ",")'), ['1,4,9']);
  assert.equal(api.getTop(), height);
}

test('checked mode is on in tests by default, and can be turned off', () => {
  assert.equal(newApiState().checked, true);
  assert.equal(newApiState({ checked: false }).checked, false);
});

test('index out of range: rejected at the call site, state untouched', () => {
  const { api } = checkedState();
  api.newTable();
  api.pushInteger(2);
  api.pushString('v');
  const err = rejects(() => api.setField(5, 'x'), 'moonbox api check: index 5 out of range (top is 3) in setField');
  assert.equal(err.method, 'setField');
  assert.match(err.stack!.split('\n')[1], /lowlevel-check\.test\.js/, 'the JS stack starts at the faulty host line');
  assert.deepEqual(stackOf(api), ['table', '2', 'v'], 'nothing popped');
  rejects(() => api.getField(-4, 'x'), 'moonbox api check: index -4 out of range (top is 3) in getField');
  rejects(() => api.pushValue(0), 'moonbox api check: index 0 is not valid in pushValue');
  rejects(() => api.rotate(LuaApi.REGISTRYINDEX, 1), `moonbox api check: pseudo-index ${LuaApi.REGISTRYINDEX} where a stack index is required in rotate`);
  rejects(() => api.rotate(1, 4), 'moonbox api check: invalid rotation 4 (3 values from index 1 to the top) in rotate');
  rejects(() => api.replace(LuaApi.REGISTRYINDEX), 'moonbox api check: the registry pseudo-index cannot be assigned in replace');
  rejects(() => api.setTop(-5), 'moonbox api check: invalid new top -5 (top is 3) in setTop');
  rejects(() => api.setTop(30), 'moonbox api check: new top 30 too large (frame size is 20; use checkStack) in setTop');
  // acceptable indices: free slots of the frame read as "none"
  assert.equal(api.toInteger(10), undefined);
  rejects(() => api.toInteger(21), 'moonbox api check: index 21 not acceptable (top is 3, frame size 20) in toInteger');
  stillWorks(api, 3);
});

test('upvalue indices are checked against the running host function', () => {
  const { api } = checkedState();
  rejects(() => api.pushValue(LuaApi.upvalueIndex(1)), 'moonbox api check: upvalue index 1 used outside a host function in pushValue');
  api.pushInteger(1);
  api.pushFunction((L) => {
    L.pushValue(LuaApi.upvalueIndex(2));
    return 1;
  }, 'twoUps', 1);
  api.setGlobal('twoUps');
  assert.throws(() => run(api, 'return pcall(twoUps)'), (e: unknown) =>
    e instanceof LuaApiError && e.message === 'moonbox api check: upvalue index 2 out of range (function has 1 upvalue) in pushValue');
  stillWorks(api, 0);
});

test('missing stack room: the 20-slot guarantee, checked at top level and in host functions', () => {
  const { api } = checkedState();
  for (let i = 0; i < 20; i++) api.pushInteger(i);
  rejects(() => api.pushString('one too many'), 'moonbox api check: stack overflow (no room for 1 more value; use checkStack) in pushString');
  assert.equal(api.getTop(), 20);
  api.setTop(0);
  api.pushFunction((L) => {
    for (let i = 0; i < 25; i++) L.pushInteger(i);
    return 25;
  }, 'greedy');
  api.setGlobal('greedy');
  // Lua's pcall cannot swallow an API check: it reaches the host
  const err = rejects(() => api.doString('return pcall(greedy)'),
    'moonbox api check: stack overflow (no room for 1 more value; use checkStack) in pushInteger');
  assert.ok(err instanceof Error);
  stillWorks(api, 0);
  // calls check room for their results too
  api.loadString('return 1');
  api.setTop(1);
  for (let i = 0; i < 19; i++) api.pushNil();
  api.rotate(1, -1); // the function back on top
  rejects(() => api.call(0, 3), 'moonbox api check: no room for 3 results (use checkStack) in call');
  assert.equal(api.checkStack(3), true);
  api.call(0, 3);
  assert.equal(api.getTop(), 22);
});

test('wrong types: table operations, JS argument types, operators', () => {
  const { api } = checkedState();
  api.newTable();
  api.pushInteger(7);
  api.pushString('key');
  rejects(() => api.rawGet(2), 'moonbox api check: bad argument: expected a table at index 2 (got number) in rawGet');
  rejects(() => api.next(2), 'moonbox api check: bad argument: expected a table at index 2 (got number) in next');
  rejects(() => api.ref(-1), 'moonbox api check: bad argument: expected a table at index -1 (got string) in ref');
  rejects(() => api.pushInteger(1.5), 'moonbox api check: bad argument #1: expected an integer in int64 range (got number 1.5) in pushInteger');
  rejects(() => api.pushInteger(2n ** 63n), 'moonbox api check: bad argument #1: expected an integer in int64 range (got bigint 9223372036854775808) in pushInteger');
  rejects(() => api.pushString(5 as unknown as string), 'moonbox api check: bad argument #1: expected a string (got number 5) in pushString');
  rejects(() => api.getField(1, undefined as unknown as string), 'moonbox api check: bad argument #2: expected a string (got undefined) in getField');
  rejects(() => api.arith(99), 'moonbox api check: bad argument: invalid arithmetic operator 99 in arith');
  rejects(() => api.setMetatable(1), 'moonbox api check: bad argument: expected a table or nil on top (got string) in setMetatable');
  rejects(() => api.pushByteString('€'), 'moonbox api check: bad argument #1: expected a byte string (char codes 0..255) in pushByteString');
  assert.deepEqual(stackOf(api), ['table', '7', 'key']);
  stillWorks(api, 3);
});

test('not enough elements for an operation', () => {
  const { api } = checkedState();
  api.loadString('return 1');
  rejects(() => api.call(1, 0), 'moonbox api check: not enough elements in the stack (2 needed, 1 present) in call');
  rejects(() => api.pcall(3), 'moonbox api check: not enough elements in the stack (4 needed, 1 present) in pcall');
  rejects(() => api.concat(2), 'moonbox api check: not enough elements in the stack (2 needed, 1 present) in concat');
  rejects(() => api.setTable(1), 'moonbox api check: not enough elements in the stack (2 needed, 1 present) in setTable');
  rejects(() => api.pop(2), 'moonbox api check: not enough elements in the stack (2 needed, 1 present) in pop');
  api.pop(1);
  rejects(() => api.error(), 'moonbox api check: not enough elements in the stack (1 needed, 0 present) in error');
  rejects(() => api.setGlobal('x'), 'moonbox api check: not enough elements in the stack (1 needed, 0 present) in setGlobal');
  stillWorks(api, 0);
});

test('result count of a host function: must exist in its frame', () => {
  const { api } = checkedState();
  api.pushFunction((L) => {
    L.pushInteger(1);
    return 3;
  }, 'liar');
  api.setGlobal('liar');
  rejects(() => run(api, 'local ok, a = pcall(liar, "arg") return ok'),
    "moonbox api check: host function 'liar' returned 3 results but its frame has 2 values");
  api.pushFunction(() => -2, 'negative');
  rejects(() => api.call(0, 0), "moonbox api check: host function 'negative' returned -2 (expected a result count >= 0)");
  stillWorks(api, 0);
});

test('leak in a host function that calls into Lua: slots left below its results', () => {
  const { api } = checkedState();
  run(api, 'function handler(i) return i * 10 end');
  // A callback that leaves each call's result behind, in a loop.
  api.pushFunction((L) => {
    for (let i = 1; i <= 3; i++) {
      L.getGlobal('handler');
      L.pushInteger(i);
      L.call(1, 1); // result never popped
    }
    L.pushString('done');
    return 1;
  }, 'dispatchAll');
  api.setGlobal('dispatchAll');
  api.pushInteger(99); // a value below the entry point must survive
  rejects(() => api.doString('return dispatchAll("x")'),
    "moonbox api check: stack leak in 'dispatchAll': 3 slots left on the stack below its 1 result (top was 1 at entry, 5 at return)");
  stillWorks(api, 1);
  assert.equal(api.toInteger(1), 99);
  // Idiomatic code passes: arguments left in place, temporaries popped, results on top.
  api.pushFunction((L) => {
    L.getGlobal('handler');
    L.pushValue(1);
    L.call(1, 1);
    return 1;
  }, 'callsOnce');
  api.setGlobal('callsOnce');
  api.pushFunction((L) => {
    L.getGlobal('string'); // a temporary left below the result: fine when no call into Lua
    L.getField(-1, 'rep');
    L.pushString('ab');
    L.pushInteger(2);
    L.rotate(-3, 0);
    L.pushString('no call');
    return 1;
  }, 'scratch');
  api.setGlobal('scratch');
  assert.deepEqual(run(api, 'return callsOnce(4), scratch()'), ['40', 'no call']);
});

test('leak in a host callback outside any host function: caught on the second run of the same code path', async () => {
  const { api } = checkedState();
  run(api, 'count = 0 function onEvent(n) count = count + n return "ack" end');
  function onTimer(n: number): void {
    api.getGlobal('onEvent');
    api.pushInteger(n);
    api.pcall(1, 1, 0); // the "ack" result is never popped
  }
  // The host's event source fires the same callback again and again (here: a timer).
  const outcomes: unknown[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      try {
        onTimer(1);
        outcomes.push('ok');
      } catch (e) {
        outcomes.push(e);
      }
      if (outcomes.length === 2) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  assert.equal(outcomes[0], 'ok');
  const err = outcomes[1];
  assert.ok(err instanceof LuaApiError);
  assert.equal(err.message,
    "moonbox api check: stack leak in 'onTimer': 1 slot left on the stack since its previous call into Lua from the same place (top was 0, now 1) in pcall");
  assert.equal(api.getTop(), 3, 'the rejected call changed nothing');
  api.setTop(0);
  assert.deepEqual(run(api, 'return count'), ['1']);
  // the same check in a loop
  api.pushString('below');
  const loop = (): void => {
    for (let i = 0; i < 3; i++) onTimer(1);
  };
  rejects(loop, "moonbox api check: stack leak in 'onTimer': 1 slot left on the stack since its previous call into Lua from the same place (top was 1, now 2) in pcall");
  api.setTop(1);
  // a balanced callback runs any number of times
  function onTick(n: number): void {
    api.getGlobal('onEvent');
    api.pushInteger(n);
    if (api.pcall(1, 1, 0) !== 0) throw new Error('unexpected');
    api.pop(1);
  }
  for (let i = 0; i < 5; i++) onTick(1);
  // a helper used from two places may leave its results for its callers
  const callReturning = (name: string): void => {
    api.getGlobal(name);
    api.pushInteger(0);
    api.call(1, 1);
  };
  callReturning('onEvent');
  callReturning('onEvent');
  assert.equal(api.getTop(), 3);
  api.setTop(0);
  stillWorks(api, 0);
});

test('guard: a callback must leave the stack as it found it, also when it throws', () => {
  const { api } = checkedState();
  run(api, 'function f() return 1, 2 end');
  const leaky = api.guarded('onMessage', () => {
    api.getGlobal('f');
    api.call(0, 2);
  });
  api.pushString('base');
  rejects(() => leaky(), "moonbox api check: stack leak in 'onMessage': 2 slots left on the stack (top was 1, now 3)");
  assert.deepEqual(stackOf(api), ['base'], 'the leaked slots were removed');
  const failing = new Error('host failure');
  const err = rejects(() => api.guard('onFail', () => {
    api.pushNil();
    throw failing;
  }), "moonbox api check: stack leak in 'onFail': 1 slot left on the stack (top was 1, now 2)");
  assert.equal(err.cause, failing);
  rejects(() => api.guard('greedyPop', () => api.pop(1)),
    "moonbox api check: stack underflow in 'greedyPop': 1 slot removed below its entry height (top was 1, now 0)");
  assert.equal(api.guard('balanced', () => {
    api.getGlobal('f');
    api.call(0, 1);
    const n = api.toInteger(-1);
    api.pop(1);
    return n;
  }), 1);
  stillWorks(api, 0);
});

test('checked errors cross Lua frames and coroutines to the host; the thread is restored', () => {
  const { api } = checkedState();
  api.pushFunction((L) => {
    L.setField(9, 'x');
    return 0;
  }, 'bad');
  api.setGlobal('bad');
  rejects(() => run(api, `
    local co = coroutine.wrap(function() local ok = pcall(bad) return ok end)
    return co()`), 'moonbox api check: index 9 out of range (top is 0) in setField');
  stillWorks(api, 0);
  assert.deepEqual(run(api, 'return coroutine.wrap(function() return "fresh coroutines work" end)()'), ['fresh coroutines work']);
});

test('unchecked mode does not validate, but a misuse does not bring the host down', () => {
  const api = newApiState({ checked: false });
  assert.equal(api.checked, false);
  for (let i = 0; i < 30; i++) api.pushInteger(i); // no room check
  assert.equal(api.getTop(), 30);
  api.setTop(3);
  // index 5 is "none" (nil): Lua's own error, through the panic path
  assert.throws(() => api.setField(5, 'x'), (e: unknown) =>
    e instanceof LuaError && !(e instanceof LuaApiError) && /attempt to index a nil value/.test(e.message));
  assert.equal(api.getTop(), 2, 'the operand was consumed');
  api.pushFunction((L) => {
    L.pushInteger(1);
    return 3;
  }, 'liar');
  api.call(0, 3); // no check: the missing results are whatever lies below
  assert.equal(api.getTop(), 5);
  api.setTop(0);
  assert.deepEqual(run(api, 'return 6 * 7'), ['42']);
  assert.equal(api.guard('ignored', () => { api.pushNil(); return 'no checks'; }), 'no checks');
});
