/**
 * Where `new Function` is refused (a Content-Security-Policy without
 * 'unsafe-eval', here simulated by replacing the global `Function`), the
 * compiling tier turns itself off for the process and every script runs in
 * the interpreter, with the same results; no error reaches the script or
 * the host. (A file of its own: the refusal is process-wide. The real
 * policy in a browser: test/browser/bundle-browser.test.ts.)
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Lua } from '../../src/index.js';
import { compilingRefused } from '../../src/vm/jit/tier.js';

const SCRIPT = `local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
  local s = 0 for i = 1, 100000 do s = s + i % 7 end
  return fib(20) + s`;

test('a refused new Function leaves every state to the interpreter', () => {
  const expected = new Lua({ compile: false }).run(SCRIPT);
  const original = globalThis.Function;
  const refusing = function Function(): never {
    throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source");
  } as unknown as FunctionConstructor;
  globalThis.Function = refusing;
  try {
    assert.equal(compilingRefused(), false);
    const lua = new Lua({ compile: 'all' });
    assert.equal(lua.run(SCRIPT), expected);
    assert.equal(compilingRefused(), true);
    assert.equal(lua.state.g.jit.stats.compiled, 0);
    // later states do not try again
    assert.equal(new Lua({ compile: true }).run(SCRIPT), expected);
  } finally {
    globalThis.Function = original;
  }
});
