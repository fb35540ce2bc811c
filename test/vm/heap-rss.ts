/**
 * Child process of heap.test.ts (argument: megabytes): build that much Lua
 * data by the count (tables, strings and closures), then report the count
 * and how much the process's resident memory grew, as JSON. Imported
 * without an argument (as the test runner does), it does nothing.
 */
import { Lua } from '../../src/index.js';

const mb = Number(process.argv[2]);
if (mb > 0) {
  const lua = new Lua({ sandbox: 'none' });
  const rss0 = process.memoryUsage().rss;
  const count0 = lua.run<number>('collectgarbage() return collectgarbage("count")');
  lua.run(`
    local target = collectgarbage("count") + ${mb} * 1024
    keep = {}
    local n = 0
    while collectgarbage("count") < target do
      n = n + 1
      keep[n] = {n, {x = n, y = tostring(n) .. "abcdefghij"}, function() return n end}
    end`);
  const count = lua.run<number>('collectgarbage() return collectgarbage("count")');
  const rss = process.memoryUsage().rss;
  process.stdout.write(JSON.stringify({ countMB: (count - count0) / 1024, rssGrowthMB: (rss - rss0) / 2 ** 20 }));
}
