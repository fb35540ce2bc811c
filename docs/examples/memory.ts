import { Lua, type LuaTableProxy } from 'moonbox';

export function main(): string {
  const out: string[] = [];
  const lua = new Lua({ sandbox: 'none', stdout: (text) => out.push(text.trimEnd()) }); // collectgarbage in full
  lua.run(`
    cache = setmetatable({}, {__mode = "v"})       -- weak values
    cache.config = {debug = true}
    cache.scratch = {}
    session = setmetatable({}, {__gc = function() print("session finalized") end})
    resource = setmetatable({}, {__gc = function() print("resource finalized at close") end})
  `);

  // the host holds cache.config through a proxy: for the collector that is a reference
  const config = lua.get<LuaTableProxy<{ debug: boolean }>>('cache.config');
  lua.run('collectgarbage()');
  out.push(`config kept: ${lua.run('return cache.config ~= nil')}, scratch kept: ${lua.run('return cache.scratch ~= nil')}`);
  out.push(`debug: ${config.debug}`);

  // collectgarbage("count") is the state's own heap, in KB
  out.push(lua.run<string>(`
    collectgarbage()
    local before = collectgarbage("count")
    local big = {}
    for i = 1, 10000 do big[i] = {i} end
    local grown = collectgarbage("count") - before
    big = nil
    collectgarbage()
    return ("grew by over 400 KB: %s, back: %s"):format(grown > 400, collectgarbage("count") - before < 1)`));

  lua.run('session = nil collectgarbage()');
  lua.close(); // runs the finalizers still pending
  return out.join('\n');
}
