// A userdata type with a metatable in the registry, and a reference to a Lua callback.
import { newApiState, LuaApi } from 'moonbox/lowlevel';

interface Counter { n: number }

export function main(print: (line: string) => void): void {
  const L = newApiState();

  L.newMetatable('Counter');
  L.newLib({
    inc: (F) => {
      const c = F.checkUdata(1, 'Counter').data as Counter;
      c.n += Number(F.optInteger(2, 1));
      return 0;
    },
    get: (F) => {
      F.pushInteger((F.checkUdata(1, 'Counter').data as Counter).n);
      return 1;
    },
  });
  L.setField(-2, '__index');
  L.pop(1);
  L.pushFunction((F) => {
    F.newUserdata({ n: 0 } satisfies Counter);
    F.setMetatableByName('Counter');
    return 1;
  }, 'Counter');
  L.setGlobal('Counter');

  L.doString('c = Counter() c:inc() c:inc(10) return c:get(), pcall(c.get, {})');
  print(`get: ${L.toInteger(1)}, misuse: ${L.toString(3)}`);
  L.setTop(0);

  // Keep a Lua function alive in the registry and call it later.
  L.doString('return function(x) return x * 2 end');
  const ref = L.ref(LuaApi.REGISTRYINDEX);
  L.rawGetI(LuaApi.REGISTRYINDEX, ref);
  L.pushInteger(21);
  L.call(1, 1);
  print(`callback: ${L.toInteger(-1)}`);
  L.pop(1);
  L.unref(LuaApi.REGISTRYINDEX, ref);
}
