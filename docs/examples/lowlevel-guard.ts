// Stack guards: a callback that leaks stack slots is named, with the count.
import { newApiState, LuaApiError } from 'moonbox/lowlevel';

export function main(print: (line: string) => void): void {
  const L = newApiState({ checked: true });
  L.doString('function onEvent(kind) return "handled " .. kind end');

  // Explicit guard: the callback must leave the stack as it found it.
  const onEvent = L.guarded('onEvent', (kind: string) => {
    L.getGlobal('onEvent');
    L.pushString(kind);
    L.call(1, 1);
    print(L.toString(-1) ?? '');
    // forgot L.pop(1)
  });
  try {
    onEvent('click');
  } catch (e) {
    if (!(e instanceof LuaApiError)) throw e;
    print(e.message);
  }

  // Automatic: a host function that calls Lua must not leave slots behind.
  L.pushFunction((F) => {
    for (const kind of ['a', 'b']) {
      F.getGlobal('onEvent');
      F.pushString(kind);
      F.call(1, 1); // result never popped
    }
    return 0;
  }, 'dispatch');
  L.setGlobal('dispatch');
  try {
    L.doString('dispatch()');
  } catch (e) {
    if (!(e instanceof LuaApiError)) throw e;
    print(e.message);
  }
  print(`top: ${L.getTop()}`);
}
