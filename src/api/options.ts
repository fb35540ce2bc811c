/**
 * Checking options objects at the door, so that a misconfiguration is an
 * error where it is made instead of a state that silently lacks something
 * (`libs: ['strng']` opening no string library, `stdot` ignored...).
 *
 * Each options type has a table, option name -> checker, next to its
 * interface (lua-options.ts, lowlevel/new-state.ts); the table's type lists
 * every key of the interface, so an option added without its checker does
 * not compile. Adding an option is one line here in the table.
 */

import type { Platform } from '../lib/platform-interface.js';
import { LIB_NAMES, isLibName } from '../lib/lib-names.js';

/** Checks one option's value: undefined when it is fine, else what is wrong (`must be a function (got number 1)`). */
export type OptionCheck = (value: unknown) => string | undefined;

/** The checkers of an options type: one per key of `T`, optional or not. */
export type OptionTable<T> = { readonly [K in keyof Required<T>]: OptionCheck };

/**
 * Throw a TypeError naming `where` and the option if `options` is not an
 * object, has a key the table does not know, or a value its checker
 * rejects. Options set to `undefined` count as absent.
 */
export function checkOptions<T>(where: string, options: unknown, table: OptionTable<T>): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object (got ${describe(options)})`);
  }
  const checks = table as Readonly<Record<string, OptionCheck>>;
  for (const [name, value] of Object.entries(options)) {
    const check = Object.hasOwn(checks, name) ? checks[name] : undefined;
    if (check === undefined) {
      throw new TypeError(`${where}: unknown option '${name}' (the options are: ${Object.keys(checks).join(', ')})`);
    }
    const problem = value === undefined ? undefined : check(value);
    if (problem !== undefined) throw new TypeError(`${where}: option '${name}' ${problem}`);
  }
}

/** A short description of a value for messages: `number 5`, `string "x"`, `null`, `an array`. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string': return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
    case 'number': case 'bigint': case 'boolean': return `${typeof v} ${String(v)}`;
    default: return typeof v;
  }
}

// ---------------------------------------------------------------------------
// Checkers

/** A value of JS type `type` (`'function'`, `'boolean'`, `'string'`). */
export const ofType = (type: 'function' | 'boolean' | 'string'): OptionCheck => (v) =>
  typeof v === type ? undefined : `must be a ${type} (got ${describe(v)})`;

/** One of a few strings. */
export const oneOf = (...values: readonly string[]): OptionCheck => (v) =>
  values.includes(v as string) ? undefined : `must be ${values.map((s) => `'${s}'`).join(' or ')} (got ${describe(v)})`;

/** A positive safe integer (a count of stack slots, for instance). */
export const positiveInteger: OptionCheck = (v) =>
  Number.isSafeInteger(v) && (v as number) > 0 ? undefined : `must be a positive integer (got ${describe(v)})`;

/** A number, zero or more (a limit, a count of milliseconds); Infinity allowed. */
export const nonNegativeNumber: OptionCheck = (v) =>
  typeof v === 'number' && v >= 0 && !Number.isNaN(v) ? undefined : `must be a non-negative number (got ${describe(v)})`;

/** A non-null object whose listed members, when present, are functions. */
export const objectWith = (what: string, required: readonly string[], optional: readonly string[] = []): OptionCheck => (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `must be ${what} (got ${describe(v)})`;
  const o = v as Record<string, unknown>;
  const missing = required.filter((k) => typeof o[k] !== 'function');
  if (missing.length > 0) return `must be ${what}: ${missing.map((k) => `'${k}'`).join(', ')} missing or not a function`;
  const wrong = optional.filter((k) => o[k] !== undefined && typeof o[k] !== 'function');
  return wrong.length > 0 ? `must be ${what}: ${wrong.map((k) => `'${k}'`).join(', ')} not a function` : undefined;
};

/** `libs`: an array of standard library names (the first unknown one is named, with the valid ones). */
export const libNames: OptionCheck = (v) => {
  if (!Array.isArray(v)) return `must be an array of library names (got ${describe(v)})`;
  const bad = v.find((name) => !isLibName(name));
  if (bad === undefined) return undefined;
  const shown = typeof bad === 'string' ? `'${bad}'` : describe(bad);
  return `has an unknown library ${shown} (the libraries are: ${LIB_NAMES.join(', ')})`;
};

/** The members every Platform must have (the optional ones are checked when present). */
const PLATFORM_REQUIRED = [
  'readFile', 'readStdin', 'getenv', 'open', 'stdin', 'remove', 'rename', 'tmpname', 'tmpfile', 'clock', 'time', 'zone', 'exit',
] as const satisfies readonly (keyof Platform)[];
const PLATFORM_OPTIONAL = ['popen', 'execute'] as const satisfies readonly (keyof Platform)[];

/** Keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
// The two lists above name every member of Platform: a member added to the interface fails to compile here.
const platformListed: [Exclude<keyof Platform, (typeof PLATFORM_REQUIRED | typeof PLATFORM_OPTIONAL)[number]>] extends [never]
  ? [Exclude<RequiredKeys<Platform>, (typeof PLATFORM_REQUIRED)[number]>] extends [never] ? true : false
  : false = true;
void platformListed;

/** `platform`: an object with the Platform interface's methods. */
export const platform: OptionCheck = objectWith('a Platform', PLATFORM_REQUIRED, PLATFORM_OPTIONAL);
