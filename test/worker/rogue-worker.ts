/**
 * A LuaWorker script for tests of what the real one never does: it serves
 * as node-worker-main.js does, except for four magic chunks, handled
 * before the state sees them: `--crash` ends the thread (as running out of
 * memory would), `--oom` allocates until the thread's heap cap ends it,
 * `--hang` blocks it for good (as a bug in a library function could),
 * `--thread MS` waits MS milliseconds and answers its thread id (which
 * worker ran the job). */
import { parentPort, threadId } from 'node:worker_threads';
import { serve } from '../../src/worker/serve.js';
import type { Init, Request } from '../../src/worker/protocol.js';

const blocker = new Int32Array(new SharedArrayBuffer(4));

// node --test runs every file under test/: loaded on the main thread, this does nothing
if (parentPort !== null) start(parentPort);

function start(port: NonNullable<typeof parentPort>): void {
  serve({
    post: (m) => port.postMessage(m),
    onMessage: (handler) => port.on('message', (m: Init | Request) => {
      if (m.kind === 'run' || m.kind === 'job') {
        if (m.code === '--crash') process.exit(3);
        if (m.code === '--hang') Atomics.wait(blocker, 0, 0);
        if (m.code === '--oom') {
          // a leak in the worker's own JS, as a bug could make: past maxHeapMb, Node.js ends the thread
          const hoard: number[][] = [];
          for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
        }
        const thread = /^--thread (\d+)$/.exec(m.code);
        if (thread !== null) {
          Atomics.wait(blocker, 0, 0, Number(thread[1]));
          port.postMessage({ kind: 'reply', id: m.id, ok: true, value: threadId, usage: { instructions: 0, memory: 0, peakMemory: 0, time: 0 } });
          return;
        }
      }
      handler(m);
    }),
  });
}
