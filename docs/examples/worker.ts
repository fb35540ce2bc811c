import { LuaWorker, LuaLimitError } from 'moonbox/worker';

export async function main(): Promise<string> {
  const out: string[] = [];
  const worker = await LuaWorker.create({ limits: { time: 1000 }, stdout: (text) => out.push(text.trimEnd()) });
  try {
    out.push(String(await worker.run('print("printed in the worker") return 6 * 7')));
    await worker.run('function greet(name) return "hello, " .. name end');
    out.push(await worker.call<string>('greet', 'host'));

    // the host's thread stays free while a script loops; interrupt() stops it
    const loop = worker.run('while true do end');
    setTimeout(() => worker.interrupt(), 50);
    try {
      await loop;
    } catch (e) {
      out.push(e instanceof LuaLimitError ? `stopped by: ${e.limit}` : String(e));
    }
    out.push(await worker.run<string>('return greet("again")')); // the state lives on
  } finally {
    await worker.close();
  }
  return out.join('\n');
}
