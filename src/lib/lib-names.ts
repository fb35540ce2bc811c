/**
 * The standard libraries' names, apart from the libraries themselves (init.ts
 * opens them): option checks import this without loading the runtime (the
 * worker client, moonbox/worker, checks `libs` in the page).
 */

/**
 * Every standard library's name, in the reference's opening order (`_G` is
 * the base library), with moonbox's `buffer` before `debug`. The list is also a type: the `libs` options of the
 * embedding APIs take these names, so a misspelled one does not compile.
 */
export const LIB_NAMES = ['_G', 'package', 'coroutine', 'table', 'io', 'os', 'string', 'math', 'utf8', 'buffer', 'debug'] as const;

/** The name of a standard library: `'_G'` (the base library), `'string'`, `'table'`... */
export type LibName = (typeof LIB_NAMES)[number];

/** Is `name` a standard library's name? */
export function isLibName(name: unknown): name is LibName {
  return (LIB_NAMES as readonly unknown[]).includes(name);
}
