/**
 * Lua values as JavaScript values.
 *
 * The representation is chosen so that the common paths allocate nothing:
 *
 * | Lua                         | JavaScript                                          |
 * |-----------------------------|-----------------------------------------------------|
 * | nil                         | `undefined`                                         |
 * | boolean                     | `boolean`                                           |
 * | integer in [-(2^53-1), 2^53-1] | `number` with an integral value (never `-0`)     |
 * | integer outside that range  | `bigint` (always in int64 range, never in the safe range) |
 * | float, non-integral value   | `number` (including NaN and +/-Infinity)            |
 * | float, integral value or -0 | {@link LuaFloat} box                                |
 * | string                      | `string` whose char codes are bytes 0..255          |
 * | table                       | {@link LuaTable}                                    |
 * | function                    | {@link LuaFunction} (Lua closure or host function)  |
 * | userdata                    | {@link LuaUserdata} / {@link LightUserdata}         |
 * | thread                      | the VM's thread class (see `state.ts`)               |
 *
 * So `typeof v === 'number'` is a number fast path for both subtypes:
 * `Number.isInteger(v)` tells an integer from a float. Every producer of a
 * float must box integral results with {@link mkfloat}; every producer of an
 * integer must normalise with the helpers in `number.ts`.
 */

/** A float whose value is integral (1.0, -0.0, 2^63, 1e300): boxed so it stays a float. */
export class LuaFloat {
  constructor(readonly n: number) {}
}

/** Opaque identity-only value (the C API's light userdata). */
export class LightUserdata {
  constructor(readonly value: unknown) {}
}

/*
 * The collectable values (tables, functions, userdata, threads) are VM
 * objects, defined in src/vm/. This layer knows them only by these marker
 * interfaces, so that it imports nothing above it; each marker is a getter
 * on the class's prototype, which costs an object nothing.
 */

/** Marker interface implemented by tables (vm/table.ts). */
export interface LuaTableLike {
  readonly isTable: true;
}

/** Marker interface implemented by full userdata (vm/userdata.ts). */
export interface LuaUserdataLike {
  readonly isUserdata: true;
}

/** Marker interface implemented by Lua closures and host functions. */
export interface LuaFunctionLike {
  readonly isFunction: true;
}

/** Marker interface implemented by threads (coroutines). */
export interface LuaThreadLike {
  readonly isThread: true;
}

/** Any Lua value. */
export type LuaValue =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | LuaFloat
  | LuaTableLike
  | LuaFunctionLike
  | LuaUserdataLike
  | LightUserdata
  | LuaThreadLike;

/**
 * A new, empty array for Lua values whose elements kind is already V8's
 * generic one. V8 keeps an array as specific as its contents allow (all
 * small integers, all doubles, or anything), and code that reads arrays of
 * several kinds at one place is slower: it is deoptimized each time a new
 * kind shows up, and reads from an all-doubles array allocate a box for
 * every read. Arrays that the interpreter loop reads at one site for every
 * function (the constants) are made this way, so that they all have one kind.
 */
export function valueArray(): LuaValue[] {
  const a: LuaValue[] = [undefined];
  a.pop();
  return a;
}

/** Box a float result: integral values (and -0) must not look like integers. */
export function mkfloat(n: number): number | LuaFloat {
  return Number.isInteger(n) ? new LuaFloat(n) : n;
}

/** True for Lua numbers of either subtype. */
export function isNumber(v: LuaValue): v is number | bigint | LuaFloat {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat;
}

/** True if `v` is a Lua float (not an integer). */
export function isFloat(v: LuaValue): boolean {
  return typeof v === 'number' ? !Number.isInteger(v) : v instanceof LuaFloat;
}

/** True if `v` is a Lua integer. */
export function isInteger(v: LuaValue): v is number | bigint {
  return typeof v === 'number' ? Number.isInteger(v) : typeof v === 'bigint';
}

/** Lua's falsiness: only nil and false are false. */
export function isFalse(v: LuaValue): boolean {
  return v === undefined || v === false;
}
