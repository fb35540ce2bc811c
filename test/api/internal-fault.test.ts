/**
 * A fault of moonbox itself (a JS exception escaping a standard library
 * function: a bug) is not a Lua error: no pcall catches it, the host gets a
 * LuaInternalError with a post-mortem report and the JS stack, the state is
 * closed, and other states go on. The fault is injected the only way a test
 * can: a library function replaced by a built-in host function that throws,
 * as a buggy one would.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Lua, LuaError, LuaInternalError } from '../../src/index.js';
import { HostFunction } from '../../src/vm/function.js';
import { globals } from '../../src/vm/create.js';
import { LuaTable } from '../../src/vm/table.js';

/** Make `string.rep` of this state fault as a bug would (reading a property of undefined). */
function injectFault(lua: Lua): void {
  const string = globals(lua.state).getStr('string') as LuaTable;
  string.setStr('rep', new HostFunction(() => {
    const missing: { length: number } | undefined = undefined as { length: number } | undefined;
    return missing!.length; // TypeError: Cannot read properties of undefined
  }, 'string.rep'));
}

test('an internal fault: LuaInternalError with the report and the JS stack; no pcall catches it; the state is closed', () => {
  const lua = new Lua();
  const other = new Lua();
  injectFault(lua);
  let caught: unknown;
  try {
    lua.run(`
      local function build(n)
        local ok = pcall(string.rep, "x", n)   -- not even pcall may catch a fault
        return ok
      end
      local co = coroutine.wrap(function() local r = build(3) return r end)
      return co()`, { chunkName: '=plugin.lua' });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LuaInternalError, String(caught));
  assert.ok(!(caught instanceof LuaError));
  assert.match(caught.message, /^moonbox internal fault in 'string\.rep': TypeError: Cannot read properties of undefined/);
  assert.match(caught.jsStack, /TypeError: Cannot read properties of undefined[\s\S]*\n\s+at /);
  const r = caught.report;
  assert.equal(r.cause?.kind, 'internal');
  assert.equal(r.cause?.jsStack, caught.jsStack);
  const failing = r.threads[0];
  assert.equal(failing.main, false); // the coroutine it happened in
  assert.deepEqual(failing.frames.map((f) => `${f.source}:${f.line ?? ''} ${f.function}`), [
    "[C]: function 'string.rep'", "[C]: function 'pcall'", "plugin.lua:3 upvalue 'build'", 'plugin.lua:6 function <plugin.lua:6>',
  ]);
  assert.deepEqual(failing.frames[2].locals, [{ name: 'n', value: '3' }]);
  assert.deepEqual(lua.postMortem(), r);
  // closed: every later call says why
  assert.throws(() => lua.run('return 1'), /^Error: the Lua state is closed: moonbox faulted in it \(internal fault in 'string\.rep'/);
  assert.throws(() => lua.get('x'), /moonbox faulted in it/);
  lua.close(); // a host's cleanup still works (it is closed already)
  assert.equal(lua.closed, true);
  // other states are unaffected
  assert.equal(other.run('return string.rep("ab", 2)'), 'abab');
});

test('exceptions of the host\'s own functions stay the host\'s: no fault, the state goes on', () => {
  const lua = new Lua();
  lua.set('hostFn', () => {
    throw new TypeError('the host says no');
  });
  assert.throws(() => lua.run('hostFn()'), (e: unknown) => e instanceof TypeError && e.message === 'the host says no');
  assert.equal(lua.run('return select(2, pcall(hostFn))'), 'the host says no');
  assert.equal(lua.run('return 1 + 1'), 2);
});

test('a fault inside the VM itself (not in a library function) closes the state too, reported at the Lua line', () => {
  const lua = new Lua();
  // a table whose lookup throws, as a bug in the table code would
  const broken = new LuaTable(lua.state.g.heap);
  broken.length = () => {
    throw new TypeError('broken table');
  };
  globals(lua.state).setStr('T', broken);
  let caught: unknown;
  try {
    lua.run('local x = 1\nreturn pcall(function() return #T end)', { chunkName: '=vm.lua' });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof LuaInternalError, String(caught));
  // the interpreter keeps its pc in a local on fast paths: the faulting line may not be known
  assert.match(caught.message, /^moonbox internal fault in the VM, running vm\.lua(:2)?: TypeError: broken table; the state is closed/);
  assert.deepEqual(caught.report.threads[0].frames.map((f) => `${f.source} ${f.function}`), [
    'vm.lua function <vm.lua:2>', "[C] function 'pcall'", 'vm.lua main chunk',
  ]);
  assert.equal(caught.report.threads[0].frames[2].line, 2);
  assert.throws(() => lua.run('return 1'), /moonbox faulted in it/);
});
