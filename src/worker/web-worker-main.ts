/** The script of a LuaWorker's Web Worker (web.ts starts it). */

import { serve } from './serve.js';
import type { Init, Request } from './protocol.js';

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
};

serve({
  post: (m) => scope.postMessage(m),
  onMessage: (handler) => scope.addEventListener('message', (e) => handler(e.data as Init | Request)),
});
