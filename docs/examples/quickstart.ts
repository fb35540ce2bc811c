import { Lua } from 'moonbox';

export function main(): string {
  const out: string[] = [];
  const lua = new Lua({ stdout: (text) => out.push(`[lua] ${text.trimEnd()}`) });

  // run returns the chunk's first result; { multi: true } returns them all
  out.push(String(lua.run('return 6 * 7')));
  out.push(JSON.stringify(lua.run('return 1, "two", true', { multi: true })));

  // globals by path; set creates the missing tables
  lua.set('app.config.name', 'demo');
  lua.set('greet', (name: string) => `hello, ${name}`);
  lua.run('print(greet(app.config.name))');

  // call a Lua function by name (or pass a function value)
  lua.run('function area(w, h) return w * h end');
  out.push(String(lua.call('area', 3, 4)));

  // Lua functions come out as JS functions
  const twice = lua.run('return function(x) return x * 2 end') as (x: number) => number;
  out.push(String(twice(21)));

  lua.close();
  return out.join('\n');
}
