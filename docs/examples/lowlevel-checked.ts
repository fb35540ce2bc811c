// Checked mode rejects a misuse at the faulty call, before it can corrupt anything.
import { newApiState, LuaApiError } from 'moonbox/lowlevel';

export function main(print: (line: string) => void): void {
  const L = newApiState({ checked: true });
  L.newTable();
  L.pushInteger(1);
  L.pushString('value');
  try {
    L.setField(5, 'name'); // meant -3: index 5 does not exist
  } catch (e) {
    if (!(e instanceof LuaApiError)) throw e;
    print(e.message);
  }
  print(`top is still ${L.getTop()}`);

  // The same check inside a host function: Lua's pcall cannot hide it.
  L.pushFunction((F) => {
    for (let i = 0; i < 30; i++) F.pushInteger(i); // no checkStack
    return 30;
  }, 'greedy');
  L.setGlobal('greedy');
  try {
    L.doString('return pcall(greedy)');
  } catch (e) {
    if (!(e instanceof LuaApiError)) throw e;
    print(e.message);
  }
  print(`top is still ${L.getTop()}`);
}
