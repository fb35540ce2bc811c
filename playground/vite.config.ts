/**
 * The playground's build: a static page in playground/dist that works from
 * any path (base './'). `moonbox` is the package's browser entry as
 * `npm run build` compiled it (dist/src/browser.js); Vite bundles it, and
 * the LuaWorker's worker script it finds through
 * `new Worker(new URL(..., import.meta.url))`.
 *
 * The dev and preview servers send the cross-origin isolation headers
 * (COOP/COEP): with them the page has SharedArrayBuffer and Stop ends a
 * script cooperatively; a host without them gets the hard stop (the worker
 * is terminated), which works too.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: {
      'moonbox/profile': fileURLToPath(new URL('../dist/src/profile.js', import.meta.url)),
      'moonbox/worker': fileURLToPath(new URL('../dist/src/worker-browser.js', import.meta.url)),
      moonbox: fileURLToPath(new URL('../dist/src/browser.js', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // the interpreter is one big chunk by nature; don't warn about it
    chunkSizeWarningLimit: 1024,
  },
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
});
