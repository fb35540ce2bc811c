#!/usr/bin/env node
// The `moonbox` command. The implementation is compiled TypeScript in dist/
// (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/moonbox.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('moonbox: not built yet: run `npm install` (or `npm run build`) first\n');
  process.exit(1);
}
await import(entry.href);
