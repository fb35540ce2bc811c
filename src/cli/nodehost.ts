/** The CLI's host on Node.js: real stdio and file system. */
import { writeSync } from 'node:fs';
import { nodePlatform } from '../platform/node.js';
import type { CliHost } from './main.js';

function writeAll(fd: number, s: string): void {
  const buf = Buffer.from(s, 'latin1');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue;
      throw e;
    }
  }
}

export function nodeCliHost(): CliHost {
  return {
    platform: nodePlatform,
    stdout: (s) => writeAll(1, s),
    stderr: (s) => writeAll(2, s),
  };
}
