import { Lua } from 'moonbox';

export function main(): string {
  const out: string[] = [];
  let printed = '';
  const lua = new Lua({
    libs: ['_G', 'string', 'table', 'math'], // no io, os, debug, package, coroutine, utf8
    stdout: (text) => { printed += text; },
    stderr: (text) => { printed += `[stderr] ${text}`; },
  });
  lua.run('print("from Lua", 1 + 1) warn("@on") warn("low fuel")');
  out.push(JSON.stringify(printed));
  out.push(String(lua.run('return type(io) .. " " .. type(os) .. " " .. type(string)')));

  // strings: 'bytes' gives Lua strings to JS as Uint8Array
  const raw = new Lua({ strings: 'bytes' });
  out.push(String(raw.run('return "\\xff\\x00A"')));
  return out.join('\n');
}
