/** The CLI's host on Node.js: real stdio, file system and environment. */
import { readSync, writeFileSync, writeSync } from 'node:fs';
import { nodePlatform } from '../platform/node.js';
import type { CliHost } from './main.js';

function writeAll(fd: number, s: string): void {
  const buf = Buffer.from(s, 'latin1');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') continue;
      // The reader went away (`moonbox x.lua | head`): end quietly, as the
      // reference does when SIGPIPE kills it (shells report status 141).
      if (code === 'EPIPE') process.exit(141);
      throw e;
    }
  }
}

/** Synchronous line reader on fd 0 for the REPL (bytes kept as latin1). */
function lineReader(): (prompt: string) => string | null {
  let pending = '';
  let eof = false;
  const chunk = Buffer.alloc(4096);
  return (prompt) => {
    writeAll(1, prompt);
    for (;;) {
      const nl = pending.indexOf('\n');
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      if (eof) {
        if (pending === '') return null;
        const line = pending;
        pending = '';
        return line;
      }
      let n = 0;
      try {
        n = readSync(0, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EAGAIN') continue;
        if (code !== 'EOF') throw e;
      }
      if (n === 0) eof = true;
      else pending += chunk.toString('latin1', 0, n);
    }
  };
}

export function nodeCliHost(): CliHost {
  return {
    platform: nodePlatform,
    stdout: (s) => writeAll(1, s),
    stderr: (s) => writeAll(2, s),
    readLine: lineReader(),
    stdinIsTTY: process.stdin.isTTY === true,
    progname: 'moonbox',
    // the script node runs (bin/moonbox.js): executable, so a shell can run it again
    interpreter: process.argv[1] ?? 'moonbox',
    writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  };
}
