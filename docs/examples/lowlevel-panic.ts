// An error outside any protected call never ends the process: it reaches the panic handler.
import { newApiState, LuaError } from 'moonbox/lowlevel';

export function main(print: (line: string) => void): void {
  const L = newApiState();
  L.loadString('local t = nil\nreturn t.field');
  try {
    L.call(0, 1); // unprotected: no pcall around it
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    print(`LuaError: ${e.luaMessage}`);
    print(e.luaTraceback ?? '');
  }
  print(`top: ${L.getTop()}`);

  // A host panic handler sees the error first (the call still throws afterwards).
  L.atPanic((_L, err) => print(`panic handler: ${err.luaMessage}`));
  L.pushString('raised by the host');
  try {
    L.error();
  } catch {
    print('error() threw, as promised');
  }
  L.doString('return "the state still works"');
  print(L.toString(-1) ?? '');
}
