import { Lua } from 'moonbox';

export async function main(): Promise<string> {
  const out: string[] = [];
  const lua = new Lua();
  lua.run(`
    function producer(first)
      local n = first
      while n < first + 3 do
        local step = coroutine.yield(n)
        n = n + step
      end
      return "done at " .. n
    end
  `);
  const th = lua.thread('producer');
  out.push(JSON.stringify(th.resume(10)));
  out.push(JSON.stringify(th.resume(1)));
  // resume later, for example after a Promise resolves
  const step = await new Promise<number>((resolve) => setTimeout(() => resolve(5), 5));
  out.push(JSON.stringify(th.resume(step)));
  out.push(th.status);

  // close() runs the pending to-be-closed variables of a suspended thread
  lua.set('log', (msg: string) => { out.push(msg); });
  const worker = lua.thread(lua.load(`
    local res <close> = setmetatable({}, { __close = function() log("resource released") end })
    coroutine.yield("working")
  `));
  out.push(JSON.stringify(worker.resume()));
  worker.close();
  out.push(worker.status);
  return out.join('\n');
}
