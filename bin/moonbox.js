#!/usr/bin/env node
// The `moonbox` command. The implementation is compiled TypeScript in dist/
// (built by `npm install` / `npm run build`): a single-file bundle of the CLI
// when present (faster start-up), else the compiled modules.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/moonbox.mjs', import.meta.url);
const modules = new URL('../dist/src/cli/moonbox.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : modules;
if (!existsSync(entry)) {
  process.stderr.write('moonbox: not built yet: run `npm install` (or `npm run build`) first\n');
  process.exit(1);
}
await import(entry.href);
