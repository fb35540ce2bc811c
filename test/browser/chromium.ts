/**
 * What every test that drives a real browser shares: Debian's Chromium
 * (driven by playwright-core; no browser is ever downloaded), the reason
 * given when it is missing, and a static HTTP server on 127.0.0.1 that
 * serves pages with or without cross-origin isolation.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A test's `skip` option: false with Chromium, else why it cannot run (`to do` says what the test would have done). */
export function chromiumSkip(toDo: string): false | string {
  return existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) ${toDo}`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A running server and its address (`http://127.0.0.1:PORT`). */
export interface TestServer {
  base: string;
  close(): Promise<void>;
}

/**
 * Serve what `file(path)` gives for a path, typed by its extension. Paths
 * under `/isolated/` are served with the headers that make a page
 * cross-origin isolated (COOP/COEP: SharedArrayBuffer exists there), paths
 * under `/plain/` without; `file` gets the path after that prefix.
 */
export async function serveFiles(file: (path: string) => string | Uint8Array | undefined): Promise<TestServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/(isolated|plain)(\/.*)$/.exec(decodeURIComponent(url.pathname));
    const body = m === null ? undefined : file(m[2]);
    if (m === null || body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(m[2])] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    };
    if (m[1] === 'isolated') {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
