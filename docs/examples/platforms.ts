import { Lua, memoryPlatform } from 'moonbox';

export function main(): string {
  const out: string[] = [];

  // an in-memory file system: require, loadfile, dofile and io see these files only
  const files = memoryPlatform({
    '/app/greet.lua': 'return function(who) return "hello, " .. who end',
    '/app/data.txt': 'line one\nline two\n',
  }, { cwd: '/app', readOnly: true });
  const lua = new Lua({ platform: files, sandbox: 'none' }); // full Lua: io and require included
  out.push(lua.run<string>('return require("greet")("plugin")'));
  out.push(lua.run<string>('local n = 0 for _ in io.lines("data.txt") do n = n + 1 end return n .. " lines"'));
  out.push(lua.run<string>('return select(2, io.open("new.txt", "w"))'));

  // the default platform (nullPlatform) has no files at all
  out.push(new Lua({ sandbox: 'none' }).run<string>('return select(2, io.open("/etc/passwd"))'));

  // and the default sandbox ('safe') has no io library in the first place
  out.push(new Lua().run<string>('return type(io) .. " " .. type(require)'));
  return out.join('\n');
}
