/**
 * Child process of overflow.test.ts, started as
 * `node --stack-size=<KB> overflow-shallow.js --child`: runs every overflow
 * path, on the main thread and in a coroutine, below a range of extra JS
 * frames, so that the (small) JS stack runs out at many different points.
 * Prints a JSON report: how many runs, how many of them hit the JS stack
 * limit, and every failure (a RangeError or other exception reaching the
 * host, a wrong result, or a state left inconsistent). Does nothing without
 * `--child` (the test runner loads every file under test/).
 */
import { LuaError } from '../../src/index.js';
import { assertUsable, newLuaState, paths, run, trigger } from './overflow-paths.js';

/** Run `fn` below `n` extra JS frames. */
function atDepth<T>(n: number, fn: () => T): T {
  return n === 0 ? fn() : atDepth(n - 1, fn) as T;
}

function outcomeMessage(outcome: unknown): string {
  if (outcome instanceof LuaError) return outcome.luaMessage; // no room even for the protected call's own work
  if (!Array.isArray(outcome)) throw new Error(`host saw ${String(outcome)}`);
  if (outcome[0] !== false) throw new Error(`no error: ${String(outcome)}`);
  return String(outcome[1]);
}

function main(): void {
  const report = { runs: 0, ranOut: 0, failures: [] as string[] };
  // A smaller Lua stack keeps the Lua-recursion paths quick; the JS stack is what is tested.
  const L = newLuaState({ stackLimit: 50000, coroutineStackLimit: 50000 });
  for (const p of paths) {
    if (p.names === 'none') continue; // memory paths do not use the JS stack
    for (const extra of [0, 150, 500]) {
      for (const code of [`${trigger(p)} return pcall(trigger)`, `${trigger(p)} return coroutine.resume(coroutine.create(trigger))`]) {
        report.runs++;
        const where = `${p.name}, ${extra} extra frames, ${code.includes('coroutine') ? 'coroutine' : 'main'}`;
        try {
          const outcome = atDepth(extra, () => {
            try {
              return run(L, code);
            } catch (err) {
              return err;
            }
          });
          const msg = outcomeMessage(outcome);
          if (!/stack overflow|error in error handling/.test(msg)) throw new Error(`message ${msg.slice(0, 200)}`);
          if (!p.wording.test(msg)) report.ranOut++;
          assertUsable(L, 10000);
        } catch (e) {
          report.failures.push(`${where}: ${e instanceof Error ? e.message : String(e)}`.slice(0, 400));
        }
      }
    }
  }
  process.stdout.write(JSON.stringify(report));
}

if (process.argv.includes('--child')) main();
