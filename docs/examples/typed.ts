import { Lua, type LuaTableProxy } from 'moonbox';

interface Config {
  name: string;
  retries: number;
  tags: LuaTableProxy;
}

export function main(): string {
  const lua = new Lua();
  lua.run('config = { name = "demo", retries = 3, tags = {"a", "b"} } function score(x) return x * 10 end');

  // type arguments say what the host expects, so no casts are needed
  const config = lua.get<LuaTableProxy<Config>>('config');
  const score = lua.call<number>('score', 4);
  const [n, s] = lua.run<[number, string]>('return 1, "two"', { multi: true });

  // they are assertions, not checks: verify what an untrusted script returns
  const retries = lua.run('return config.retries');
  if (typeof retries !== 'number') throw new TypeError('config.retries must be a number');

  return [config.name, config.tags.toArray().join(','), score, n, s, retries + 1].join(' ');
}
