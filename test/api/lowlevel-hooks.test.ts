/**
 * Hooks and frame information through the low-level API (§4.7): setHook,
 * getHook/getHookMask/getHookCount, count and line hooks that yield (a
 * host scheduler preempting coroutines, as 5.4 lets a C hook do), the
 * errors for yields a hook may not make, getInfo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LuaHook, LuaMask, LuaStatus, type ApiHook } from '../../src/lowlevel.js';
import { checkedState } from './lowlevel-helpers.js';

test('setHook and what getHook, getHookMask and getHookCount report', () => {
  const { api } = checkedState();
  assert.equal(api.getHook(), null);
  assert.equal(api.getHookMask(), 0);
  const hook: ApiHook = () => {};
  api.setHook(hook, LuaMask.CALL | LuaMask.COUNT, 7);
  assert.equal(api.getHook(), hook);
  assert.equal(api.getHookMask(), LuaMask.CALL | LuaMask.COUNT);
  assert.equal(api.getHookCount(), 7);
  api.setHook(hook, 0);
  assert.equal(api.getHook(), null, 'an empty mask turns the hook off');
  api.setHook(null, LuaMask.LINE);
  assert.equal(api.getHookMask(), 0, 'so does a null hook');
});

test('events with their lines, and getInfo about the hooked function', () => {
  const { api } = checkedState();
  const seen: string[] = [];
  api.setHook((L, event, line) => {
    const ar = L.getInfo('nSl', 0)!;
    seen.push(`${['call', 'return', 'line', 'count', 'tail call'][event]} ${line} ${ar.name ?? ar.what} ${ar.currentline}`);
  }, LuaMask.CALL | LuaMask.RET | LuaMask.LINE);
  assert.equal(api.load('local function f(x)\n  return x + 1\nend\nlocal y = f(1)\n', '=chunk'), LuaStatus.OK);
  api.call(0, 0);
  api.setHook(null, 0);
  assert.deepEqual(seen, [
    // a vararg function's call event comes after its VARARGPREP, at its next instruction's line (as in 5.4.6)
    'call -1 main 3', 'line 3 main 3', 'line 4 main 4', 'call -1 f 2', 'line 2 f 2', 'return -1 f 2', 'return -1 main 4',
  ]);
});

test('a count hook that yields preempts coroutines: two endless loops take turns', () => {
  const { api } = checkedState();
  const order: string[] = [];
  const threads = ['a', 'b'].map((name) => {
    const co = api.newThread();
    api.pop(1);
    co.setHook((L) => void L.yield(0), LuaMask.COUNT, 1000);
    co.load(`local n = 0 while true do n = n + 1 X_${name} = n end`, `=${name}`);
    return { name, co };
  });
  // a round-robin scheduler: each resume runs a coroutine for 1000 instructions
  for (let round = 0; round < 6; round++) {
    for (const { name, co } of threads) {
      const r = co.resume(api, 0);
      assert.deepEqual(r, { status: LuaStatus.YIELD, nresults: 0 });
      order.push(name);
    }
  }
  assert.equal(order.join(''), 'abababababab');
  for (const name of ['a', 'b']) {
    api.getGlobal(`X_${name}`);
    const n = api.toInteger(-1)!;
    api.pop(1);
    // 6 slices of 1000 instructions, about 4 instructions per iteration
    assert.ok(n > 1000 && n < 2000, `X_${name} = ${n}`);
  }
});

test('a line hook that yields: the coroutine continues at the same line, which runs once', () => {
  const { api } = checkedState();
  const co = api.newThread();
  const lines: number[] = [];
  co.setHook((L, event, line) => {
    assert.equal(event, LuaHook.LINE);
    lines.push(line);
    L.yield(0);
  }, LuaMask.LINE);
  co.load('T = {}\nT[#T + 1] = "one"\nT[#T + 1] = "two"\nreturn #T', '=lines');
  let r = co.resume(api, 0);
  while (r.status === LuaStatus.YIELD) r = co.resume(api, 0);
  assert.equal(r.status, LuaStatus.OK);
  assert.equal(co.toInteger(-1), 2, 'every line ran exactly once');
  assert.deepEqual(lines, [1, 2, 3, 4]);
});

test('yields a hook may not make are errors, not corruption', () => {
  const { api } = checkedState();
  const withValues = api.newThread();
  withValues.setHook((L) => {
    L.pushInteger(1);
    L.yield(1);
  }, LuaMask.COUNT, 10);
  withValues.load('while true do end', '=spin');
  let r = withValues.resume(api, 0);
  assert.equal(r.status, LuaStatus.ERRRUN);
  assert.match(withValues.toString(-1)!, /a hook can only yield from a line or count event, with no values/);

  const fromCall = api.newThread();
  fromCall.setHook((L) => void L.yield(0), LuaMask.CALL);
  fromCall.load('local function f() end f()', '=call');
  r = fromCall.resume(api, 0);
  assert.equal(r.status, LuaStatus.ERRRUN);
  assert.match(fromCall.toString(-1)!, /a hook can only yield/);
  api.pop(2);
});

test('getInfo: levels, functions, invalid options', () => {
  const { api } = checkedState();
  let info: ReturnType<typeof api.getInfo>;
  api.pushFunction((L) => {
    info = L.getInfo('Slnu', 1);
    assert.equal(L.getInfo('S', 50), undefined, 'no such level');
    assert.throws(() => L.getInfo('S?', 1), /invalid option/);
    return 0;
  }, 'probe');
  api.setGlobal('probe');
  assert.equal(api.doString('local function caller(a, b) probe() end caller()'), LuaStatus.OK);
  assert.equal(info!.name, 'caller');
  assert.equal(info!.namewhat, 'local');
  assert.equal(info!.what, 'Lua');
  assert.equal(info!.nparams, 2);
  api.getGlobal('print');
  assert.deepEqual(api.getFunctionInfo('S', -1).what, 'C');
  api.pop(1);
});
