/**
 * The `moonbox` command: a drop-in for the standard `lua` command (the
 * reference's lua.c). Temporary minimal version: runs a script with args.
 */

import { loadFile } from '../lib/base.js';
import { openLibs } from '../lib/init.js';
import { setPlatform, type Platform } from '../lib/platform.js';
import { traceback, tolstring } from '../lib/auxlib.js';
import { pcall } from '../vm/call.js';
import { globals, newState } from '../vm/lstate.js';
import { HostFunction } from '../vm/function.js';
import { LuaTable } from '../vm/table.js';
import type { LuaState } from '../vm/state.js';

/** What the CLI needs from its environment (the Node one is in nodehost.ts). */
export interface CliHost {
  platform: Platform;
  stdout(s: string): void;
  stderr(s: string): void;
}

const progname = 'moonbox';

function msghandler(L: LuaState, base: number): number {
  let msg = L.stack[base];
  if (typeof msg !== 'string') msg = `(error object is a ${msg === undefined ? 'nil' : typeof msg} value)`;
  L.stack[L.top++] = traceback(L, L, msg, 1);
  return 1;
}

export function main(argv: string[], host: CliHost): number {
  const L = newState({ stdout: host.stdout, stderr: host.stderr });
  setPlatform(L, host.platform);
  openLibs(L);
  const script = argv[0];
  const argt = new LuaTable();
  argt.setInt(0, script);
  for (let i = 1; i < argv.length; i++) argt.setInt(i, argv[i]);
  globals(L).setStr('arg', argt);
  const f = loadFile(L, script, 'bt');
  if (typeof f === 'string') {
    host.stderr(`${progname}: ${f}\n`);
    return 1;
  }
  const h = L.top;
  L.stack[L.top++] = new HostFunction(msghandler, 'msghandler');
  const func = L.top;
  L.stack[L.top++] = f;
  for (let i = 1; i < argv.length; i++) L.stack[L.top++] = argv[i];
  const st = pcall(L, func, 0, h);
  if (st !== 0) {
    const err = L.stack[L.top - 1];
    host.stderr(`${progname}: ${typeof err === 'string' ? err : tolstring(L, err)}\n`);
    return 1;
  }
  return 0;
}
