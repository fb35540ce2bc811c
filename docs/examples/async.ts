import { Lua } from 'moonbox';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function main(): Promise<string> {
  const out: string[] = [];
  const lua = new Lua();

  // an async host function: Lua calls it like a normal function
  lua.set('fetchUser', async (id: number) => {
    await sleep(5);
    return { id, name: `user${id}` };
  });
  out.push(String(await lua.runAsync('local u = fetchUser(7) return u.name')));

  // a host function that calls a Lua callback which itself waits:
  // the callback returns a Promise to the host while it waits
  lua.set('forEach', async (list: { toArray(): unknown[] }, fn: (x: unknown) => unknown) => {
    for (const item of list.toArray()) await fn(item);
  });
  const names = await lua.runAsync(`
    local names = {}
    forEach({1, 2, 3}, function(id)
      names[#names + 1] = fetchUser(id).name
    end)
    return table.concat(names, ", ")
  `);
  out.push(String(names));

  // rejections are Lua errors, catchable with pcall
  lua.set('failing', async () => {
    await sleep(1);
    throw new Error('service unavailable');
  });
  out.push(JSON.stringify(await lua.runAsync('return pcall(failing)', { multi: true })));

  // several scripts at once in one state
  const results = await Promise.all([3, 1, 2].map((id) => lua.runAsync(`return fetchUser(${id}).name`)));
  out.push(results.join(' '));

  // a synchronous run cannot wait
  try {
    lua.run('fetchUser(1)');
  } catch (e) {
    out.push((e as Error).message);
  }
  return out.join('\n');
}
