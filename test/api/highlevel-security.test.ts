/**
 * High-level API under attack: what a hostile script can do with the host
 * objects, host functions, proxies and async machinery it is given. Each
 * test is an attack that once worked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lua } from '../../src/index.js';

class Account {
  balance = 1;
  deposit(n: number): number {
    this.balance += n;
    return this.balance;
  }
}

test('host-object metamethods refuse userdata that are not host objects of this state', () => {
  const lua = new Lua({ stdout: () => {} });
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
