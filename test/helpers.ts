/**
 * Shared test helper: run a chunk in a fresh state with the standard
 * libraries and capture what it prints.
 */
import type { Platform } from '../src/lib/platform-interface.js';
import { setPlatform } from '../src/lib/platform-interface.js';
import { openLibs } from '../src/lib/init.js';
import type { LuaValue } from '../src/value/value.js';
import { pcall } from '../src/vm/call.js';
import { loadChunk, newState } from '../src/vm/create.js';
import type { LuaState } from '../src/vm/state.js';

export interface LuaRun {
  /** Everything written to stdout and stderr, in order. */
  out: string;
  /** The error object if the chunk failed, else undefined. */
  error: LuaValue;
  L: LuaState;
}

/** Run `code` (chunk name "=test"); a syntax error throws. */
export function runLua(code: string, platform?: Platform): LuaRun {
  let out = '';
  const sink = (s: string): void => { out += s; };
  const L = newState({ stdout: sink, stderr: sink });
  if (platform !== undefined) setPlatform(L, platform);
  openLibs(L);
  const f = loadChunk(L, code, '=test', 't');
  if (typeof f === 'string') throw new Error(f);
  const func = L.top;
  L.stack[L.top++] = f;
  const status = pcall(L, func, 0, 0);
  return { get out() { return out; }, error: status === 0 ? undefined : L.stack[func], L };
}

/** Small deterministic PRNG (mulberry32): a seed gives a reproducible sequence in [0, 1). */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
