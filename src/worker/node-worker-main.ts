/** The script of a LuaWorker's worker thread on Node.js (node.ts starts it). */

import { parentPort } from 'node:worker_threads';
import { serve } from './serve.js';
import type { Init, Request } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('node-worker-main.js runs as a worker thread, started by LuaWorker.create()');
serve({
  post: (m) => port.postMessage(m),
  onMessage: (handler) => port.on('message', (m: Init | Request) => handler(m)),
});
