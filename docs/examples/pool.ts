import { LuaPool } from 'moonbox/worker';

export async function main(): Promise<string> {
  // two worker threads; every job in a fresh state, under these limits unless it gives its own
  const pool = new LuaPool({ size: 2, limits: { instructions: 1_000_000 }, maxQueue: 100 });
  const scripts = ['return 1 + 1', 'print("a log line") return "done"', 'while true do end', 'error("bad input")'];
  const results = await Promise.all(scripts.map((code, i) => pool.run(code, { chunkName: `user${i}.lua` })));
  await pool.close();
  return results.map((r, i) => {
    const printed = r.stdout === '' ? '' : ` (printed ${JSON.stringify(r.stdout)})`;
    return `user${i}: ${r.ok ? `ok ${JSON.stringify(r.value)}` : `failed: ${r.error.message}`}${printed}`;
  }).join('\n');
}
