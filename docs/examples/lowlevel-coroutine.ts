// A host function that suspends a coroutine and finishes in a continuation when resumed.
import { newApiState, LuaApi, LuaStatus, type ApiContinuation } from 'moonbox/lowlevel';

export function main(print: (line: string) => void): void {
  const L = newApiState();

  const afterWait: ApiContinuation<LuaApi> = (F, _status, ctx) => {
    F.pushString(`${F.toString(-1)} (request #${ctx})`);
    return 1;
  };
  L.pushFunction((F) => {
    F.pushString(`need ${F.checkString(1)}`);
    return F.yield(1, afterWait, 1);
  }, 'fetch');
  L.setGlobal('fetch');

  const co = L.newThread();
  co.loadString('local body = fetch("config") return "got " .. body');
  let r = co.resume(L, 0);
  while (r.status === LuaStatus.YIELD) {
    print(`coroutine asks: ${co.toString(-1)}`);
    co.pop(r.nresults);
    co.pushString('{ debug = true }');
    r = co.resume(L, 1);
  }
  print(`finished: ${co.toString(-1)}`);
  L.pop(1); // the thread
}
