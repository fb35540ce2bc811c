import { Lua, LuaError } from 'moonbox';

export function main(): string {
  const out: string[] = [];
  const lua = new Lua();
  const code = [
    'local function check(x)',
    '  if x < 0 then error("negative: " .. x) end',
    'end',
    'check(-1)',
  ].join('\n');
  try {
    lua.run(code, { chunkName: 'check.lua' });
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    out.push(e.message);
    // the JS stack starts with the Lua frames
    out.push(...e.stack!.split('\n').slice(0, 4));
  }

  // error objects keep their value
  try {
    lua.run('error({ code = 404 })');
  } catch (e) {
    out.push(`code ${((e as LuaError).value as Record<string, unknown>).code}`);
  }

  // a JS exception is a Lua error inside Lua...
  class NotFound extends Error {}
  lua.set('lookup', (key: string) => {
    throw new NotFound(`no such key: ${key}`);
  });
  out.push(JSON.stringify(lua.run('return pcall(lookup, "x")', { multi: true })));
  // ...and comes back as the same exception when Lua does not catch it
  try {
    lua.run('lookup("y")');
  } catch (e) {
    out.push(`${e instanceof NotFound} ${(e as Error).message}`);
  }

  // the state keeps working after any error
  out.push(String(lua.run('return "still alive"')));
  return out.join('\n');
}
