/**
 * Where a state's output goes when the host gave no sink (print, io.write,
 * warnings): the process's standard streams under Node.js; elsewhere (a
 * browser, a worker) the console, a line at a time, decoded as UTF-8.
 * Nothing here needs Node.js to load.
 */

import { toBytes } from '../value/bytes.js';

interface WritableLike {
  write(bytes: Uint8Array): unknown;
}

/** The default sink of stdout or stderr (bytes as a latin1 string in, as everywhere in the VM). */
export function defaultSink(which: 'stdout' | 'stderr'): (s: string) => void {
  const proc = (globalThis as { process?: Partial<Record<'stdout' | 'stderr', WritableLike>> }).process;
  const stream = proc?.[which];
  if (stream !== undefined && typeof stream.write === 'function') return (s) => void stream.write(toBytes(s));
  return consoleSink(which === 'stdout' ? (t) => console.log(t) : (t) => console.error(t));
}

/** Output to a console: complete lines only (a console adds its own line breaks). */
function consoleSink(log: (text: string) => void): (s: string) => void {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  return (s) => {
    pending += s;
    const nl = pending.lastIndexOf('\n');
    if (nl < 0) return;
    for (const line of pending.slice(0, nl).split('\n')) log(decoder.decode(toBytes(line)));
    pending = pending.slice(nl + 1);
  };
}
