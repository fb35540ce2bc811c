/**
 * Run one corpus script the way test/regen.sh runs lua5.4 (cwd = its folder,
 * empty stdin) but in-process, and normalise stderr like the regen script.
 */
import { basename, dirname } from 'node:path';
import { main } from '../src/cli/main.js';
import { nodePlatform } from '../src/platform/node.js';
import { LuaExit } from '../src/lib/platform-interface.js';
import { memoryPlatform } from '../src/platform/memory.js';

export interface CaseResult {
  stdout: string;
  /** Normalised stderr plus "[exit N]", or "" when stderr is empty and the exit status 0. */
  err: string;
}

/** Drop the program-name prefix and every "stack traceback:" section, as test/regen.sh does. */
export function normaliseStderr(stderr: string): string {
  const out: string[] = [];
  let inTraceback = false;
  const lines = stderr.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let line of lines) {
    if (inTraceback && line.startsWith('\t')) continue;
    inTraceback = false;
    if (line.startsWith('moonbox: ')) line = line.slice('moonbox: '.length);
    if (line === 'stack traceback:') {
      inTraceback = true;
      continue;
    }
    out.push(line);
  }
  return out.map((l) => l + '\n').join('');
}

/**
 * Run a case; `options` go before the script on the command line (a hook
 * set with -e, --profile...), and files the run writes are handed to
 * `writeFile` instead of the disk.
 */
export function runCase(file: string, options: string[] = [], writeFile?: (path: string, text: string) => void): CaseResult {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(dirname(file));
  let status: number;
  try {
    status = main([...options, basename(file)], {
      platform: {
        ...nodePlatform,
        // stdin is empty, as with `</dev/null` in test/regen.sh
        readStdin: () => '',
        stdin: () => memoryPlatform({}).stdin(),
        exit: (code: number) => { throw new LuaExit(code); },
      },
      stdout: (s) => { stdout += s; },
      stderr: (s) => { stderr += s; },
      writeFile,
    });
  } finally {
    process.chdir(cwd);
  }
  const err = stderr === '' && status === 0 ? '' : normaliseStderr(stderr) + `[exit ${status}]\n`;
  return { stdout, err };
}
