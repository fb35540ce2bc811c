import { Lua, type LuaTableProxy } from 'moonbox';

class Account {
  constructor(public owner: string, public balance: number) {}
  deposit(amount: number): number {
    this.balance += amount;
    return this.balance;
  }
}

export function main(): string {
  const out: string[] = [];
  const lua = new Lua();

  // numbers: safe integers stay integers, bigints beyond, Lua.float forces a float
  lua.set('n', 3);
  lua.set('f', Lua.float(3));
  lua.set('big', 2n ** 62n);
  out.push(String(lua.run('return math.type(n) .. " " .. math.type(f) .. " " .. math.type(big)')));
  out.push(String(lua.run('return math.maxinteger')));

  // plain objects and arrays are copied into tables
  lua.set('user', { name: 'Ada', langs: ['lua', 'ts'] });
  out.push(String(lua.run('return user.name .. " " .. #user.langs .. " " .. user.langs[1]')));

  // tables come back as live proxies; toObject/toArray or toJS(deep) copy them
  const t = lua.run('return { list = {10, 20}, nested = { ok = true } }') as LuaTableProxy;
  const list = t.list as LuaTableProxy;
  list[3] = 30; // writes go to the Lua table
  out.push(JSON.stringify(list.toArray()));
  out.push(JSON.stringify(lua.toJS(t, { deep: true })));

  // class instances become userdata: fields and methods by name
  const acct = new Account('Ada', 100);
  lua.set('acct', acct);
  out.push(String(lua.run('acct:deposit(50) return acct.owner .. " has " .. acct.balance')));
  out.push(String(acct.balance));

  // Uint8Array <-> bytes
  lua.set('bytes', new Uint8Array([104, 105]));
  out.push(String(lua.run('return bytes:upper()')));

  // several results from a host function
  lua.set('minmax', (a: number, b: number) => Lua.multi(Math.min(a, b), Math.max(a, b)));
  out.push(JSON.stringify(lua.run('return minmax(7, 3)', { multi: true })));
  return out.join('\n');
}
