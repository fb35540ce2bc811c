import { LUAI_MAXSHORTLEN } from './limits.js';
/**
 * Interning of short strings. Lua strings are JS strings here; two equal
 * strings that are different JS objects compare by content. V8 keeps one
 * canonical (internalized) copy of every property key and of source
 * literals, and compares internalized strings by pointer. Giving constants
 * of Lua code that canonical copy makes field-name comparisons (the
 * interpreter's slot hints, small-table scans, library tables whose keys
 * are JS literals) pointer compares.
 */

/** The engine's canonical copy of `s` (V8 internalizes property keys). */
export function internalize(s: string): string {
  const o = Object.create(null) as Record<string, number>;
  o[s] = 0;
  for (const key in o) return key;
  return s;
}

/** `s`, interned when it is short. */
export function internShort(s: string): string {
  return s.length <= LUAI_MAXSHORTLEN ? internalize(s) : s;
}
