import { Lua, LuaLimitError } from 'moonbox';

export function main(): string {
  const out: string[] = [];
  // the default sandbox is 'safe'; limits apply to every run
  const lua = new Lua({ limits: { instructions: 1_000_000, memory: 16 * 2 ** 20, time: 1000 } });

  const hostile = [
    'while true do end',
    'local s = "x" for i = 1, 40 do s = s .. s end',
    'return ("0123456789"):rep(5):find(".*.*.*.*.*.*.*.*.*x")', // one library call, minutes long
    'while true do pcall(function() while true do end end) end', // cannot be swallowed
  ];
  for (const code of hostile) {
    try {
      lua.run(code);
    } catch (e) {
      if (!(e instanceof LuaLimitError)) throw e;
      out.push(`${e.limit} limit (${e.limitValue}) stopped: ${code.slice(0, 30)}`);
    }
  }

  // the state stays usable, each run with a fresh budget
  out.push(`still works: ${lua.run<number>('local n = 0 for i = 1, 10 do n = n + i end return n')}`);
  out.push(`last run: ${lua.usage().instructions} instructions`);

  // what the 'safe' preset leaves out is absent
  out.push(lua.run<string>('return type(io) .. " " .. type(os.execute) .. " " .. type(debug) .. " " .. type(require)'));
  return out.join('\n');
}
