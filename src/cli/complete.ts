/**
 * Tab completion for the REPL: the names a person may be typing at the end
 * of the line, from the live Lua state. `pri` completes to the globals and
 * keywords it begins, `string.fo` to the fields of a table, `s:up` to the
 * methods a value finds through its metatable's `__index` table.
 *
 * Completion only reads: raw gets, tables reached through `__index` tables;
 * no metamethod runs (a person pressing Tab must never run a script's code).
 */

import { RESERVED_WORDS } from '../frontend/lexer.js';
import { globals } from '../vm/create.js';
import { HostFunction, LuaClosure } from '../vm/function.js';
import { getmetatable } from '../vm/metamethods.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import type { LuaValue } from '../value/value.js';

/** Completions of the line typed so far: candidates for the word at its end, and that word. */
export type Completer = (line: string) => Completion;

export interface Completion {
  /** Each candidate replaces `word` in the line (`string.format` for `string.fo`). */
  candidates: string[];
  /** The end of the line being completed: a name, or a chain of names (`a.b:c`). */
  word: string;
}

/** The chain of names at the end of a line: `a.b.c`, `a.b:c`, ending in a partial (maybe empty) name. */
const TRAILING_NAMES = /(?:[A-Za-z_]\w*\.)*(?:[A-Za-z_]\w*[.:])?(?:[A-Za-z_]\w*)?$/;

/** How many `__index` tables a lookup follows (a cycle must not hang the prompt). */
const MAX_INDEX_CHAIN = 100;

/** An identifier that is not a keyword: what may follow `.` or `:` without brackets. */
function isName(k: LuaValue): k is string {
  return typeof k === 'string' && /^[A-Za-z_]\w*$/.test(k) && !RESERVED_WORDS.includes(k);
}

/** The tables where `v`'s fields are found without running code: itself, then `__index` tables. */
function fieldTables(L: LuaState, v: LuaValue): LuaTable[] {
  const tables: LuaTable[] = [];
  for (let n = 0; n < MAX_INDEX_CHAIN && v !== undefined; n++) {
    if (v instanceof LuaTable) {
      if (tables.includes(v)) break;
      tables.push(v);
    }
    v = getmetatable(L, v)?.getStr('__index');
    if (!(v instanceof LuaTable)) break;
  }
  return tables;
}

/** `v[name]` by raw gets along `__index` tables; undefined when reaching it would run code. */
function field(L: LuaState, v: LuaValue, name: string): LuaValue {
  for (const t of fieldTables(L, v)) {
    const x = t.getStr(name);
    if (x !== undefined) return x;
  }
  return undefined;
}

/** The completions of the names at the end of `line` (Lua's own syntax; a method after `:`). */
export function complete(L: LuaState, line: string): Completion {
  const word = TRAILING_NAMES.exec(line)?.[0] ?? '';
  const sep = Math.max(word.lastIndexOf('.'), word.lastIndexOf(':'));
  const partial = word.slice(sep + 1);
  const head = word.slice(0, sep + 1);
  let keys: string[];
  if (sep < 0) {
    keys = [...namesOf(L, globals(L), false), ...RESERVED_WORDS];
  } else {
    let v: LuaValue = globals(L);
    for (const name of word.slice(0, sep).split('.')) v = field(L, v, name);
    keys = v === undefined ? [] : namesOf(L, v, word[sep] === ':');
  }
  const candidates = [...new Set(keys.filter((k) => k.startsWith(partial)))].sort().map((k) => head + k);
  return { candidates, word };
}

/** The names of `v`'s fields (only functions, for a method call). */
function namesOf(L: LuaState, v: LuaValue, methods: boolean): string[] {
  const names: string[] = [];
  const entry: LuaValue[] = [undefined, undefined];
  for (const t of fieldTables(L, v)) {
    let k: LuaValue = undefined;
    while (t.next(k, entry)) {
      k = entry[0];
      const x = entry[1];
      if (isName(k) && (!methods || x instanceof LuaClosure || x instanceof HostFunction)) names.push(k);
    }
  }
  return names;
}
