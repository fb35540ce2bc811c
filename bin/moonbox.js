#!/usr/bin/env node
// The `moonbox` command. The implementation is the compiled TypeScript in
// dist/, bundled (by `npm run build`) into dist/moonbox.mjs, the main
// thread's small part, and dist/cli-worker.mjs, the runtime, which runs Lua
// on a worker thread: loading one module instead of fifty-odd takes about
// 40 ms off every start.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 "pretenures" an allocation site once enough of its objects survive a
// collection: every later object from that site is then allocated in the old
// generation. A Lua program that first builds a long-lived structure (a table
// constructor in a loop, say) would have all its later short-lived tables
// allocated there too, and spend its time in full collections: binary-trees
// ran twice as slow, depending on when the first collection happened. The
// runtime allocates Lua objects at a few shared sites, so a lifetime guess
// per site does not fit it; the command turns the heuristic off. (Embedders
// choose their own V8 flags.)
setFlagsFromString('--no-allocation-site-pretenuring');

const entry = new URL('../dist/moonbox.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('moonbox: not built yet: in a checkout of the repository, run `npm install && npm run build` first\n');
  process.exit(1);
}
await import(entry.href);
