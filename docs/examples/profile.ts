import { Lua } from 'moonbox';
import { flameGraphHtml, formatProfileTable, functionLabel, toFoldedStacks } from 'moonbox/profile';

export function main(): string {
  const out: string[] = [];
  const lua = new Lua();
  const { result, report } = lua.profile(() => lua.run<number>(`
    local function isprime(n)
      for d = 2, math.floor(math.sqrt(n)) do if n % d == 0 then return false end end
      return true
    end
    local function count(limit)
      local c = 0
      for n = 2, limit do if isprime(n) then c = c + 1 end end
      return c
    end
    local primes = count(20000) -- \`return count(20000)\` would be a tail call: count would replace the chunk
    return primes
  `, { chunkName: 'primes.lua' }));
  out.push(`result: ${result}`);

  // call counts are exact; times are milliseconds (report.functions is sorted by self time)
  const byName = [...report.functions].sort((a, b) => a.name.localeCompare(b.name));
  for (const fn of byName) out.push(`${functionLabel(fn)}: ${fn.calls} calls`);
  const isprime = report.functions.find((f) => f.name === 'isprime')!;
  out.push(`isprime: self ≤ total: ${isprime.selfTime <= isprime.totalTime}`);

  // the call tree: root → main chunk → count → isprime → the math functions
  const count = report.root.children[0].children[0];
  const below = count.children[0];
  out.push(`under count: ${report.functions[below.fn].name} (${below.calls} calls)`);
  out.push(`under isprime: ${below.children.map((n) => report.functions[n.fn].name).join(', ')}`);

  // three views of one report
  const table = formatProfileTable(report); // what `moonbox --profile` prints
  const folded = toFoldedStacks(report); // for flamegraph.pl, inferno, speedscope
  const page = flameGraphHtml(report, { title: 'primes' }); // a self-contained HTML page
  out.push(`table starts: ${table.split('\n')[0]}`);
  out.push(`folded: ${folded.split('\n').find((l) => l.includes('isprime'))!.replace(/\d+$/, 'µs')}`);
  out.push(`page: ${page.startsWith('<!DOCTYPE html>')}`);
  return out.join('\n');
}
