/**
 * The display label of a profiled function, shared by every view of a
 * profile (the table, folded stacks, the flame graph) so that one function
 * reads the same everywhere.
 *
 * Names and sources are Lua strings (bytes as char codes 0..255) chosen by
 * the script, so they are shown as UTF-8 text and anything that could
 * break a line of output or drive a terminal (control characters, line and
 * paragraph separators, bidirectional overrides) is written as a Lua escape.
 */

import type { ProfileFunction } from '../vm/profiler.js';

const utf8 = new TextDecoder('utf-8');

/** `foo (script.lua:12)`, `print ([C])`, `main chunk (script.lua)`; `function <script.lua:12>` when nothing names it. */
export function functionLabel(fn: ProfileFunction): string {
  const name = displayText(fn.name);
  const source = displayText(fn.source);
  // a host function's source is "[C]", and a main chunk has no line of its own
  if (fn.what !== 'Lua') return `${name} (${source})`;
  // Lua's own tracebacks call an unnamed function by where it was defined
  if (fn.name === '?') return `function <${source}:${fn.line}>`;
  return `${name} (${source}:${fn.line})`;
}

/** A function's source (`short_src`) as printable text, as its label shows it. */
export function sourceText(fn: ProfileFunction): string {
  return displayText(fn.source);
}

/** A Lua string as printable text: decoded from UTF-8 (invalid bytes become U+FFFD), unsafe characters escaped. */
function displayText(s: string): string {
  return fromUtf8(s).replace(UNSAFE, escapeChar);
}

/** C0 and C1 controls, DEL, U+2028/2029, and the bidirectional embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Lua's escapes: `\n`, `\r`, `\t`, `\27`, and `\u{2028}` beyond a byte. */
function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return SHORT_ESCAPES[c] ?? (code < 0x100 ? `\\${code}` : `\\u{${code.toString(16)}}`);
}

function fromUtf8(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    // already text, not bytes: leave it as it is
    if (code > 0xff) return s;
    if (code > 0x7f) ascii = false;
  }
  if (ascii) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return utf8.decode(bytes);
}
