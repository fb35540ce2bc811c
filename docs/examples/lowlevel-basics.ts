// A host function called from Lua, and Lua called from the host.
import { newApiState, LuaApi, LuaStatus } from 'moonbox/lowlevel';

export function main(print: (line: string) => void): void {
  const L = newApiState({ stdout: (s) => print(s.trimEnd()) });

  // lua_register(L, "add", add): a host function sees its arguments at 1..n
  L.pushFunction((F) => {
    const a = F.checkNumber(1);
    const b = F.checkNumber(2);
    F.pushNumber(a + b);
    return 1; // number of results
  }, 'add');
  L.setGlobal('add');

  L.doString('function greet(name) print("hello " .. name) return #name, add(1, 2) end');

  // Call a Lua function: push it and its arguments, then call.
  L.getGlobal('greet');
  L.pushString('moonbox');
  L.call(1, 2);
  print(`results: ${L.toInteger(-2)} ${L.toNumber(-1)}`);
  L.pop(2);

  // Protected call: a status instead of an exception.
  L.loadString('return add(1, {})');
  const status = L.pcall(0, LuaApi.MULTRET);
  print(`status ${status === LuaStatus.ERRRUN ? 'ERRRUN' : status}: ${L.toString(-1)}`);
  L.pop(1);
  print(`stack height back to ${L.getTop()}`);
}
