/**
 * Argument checks shared by the string engines, with the reference's
 * coercions and messages (luaL_checkinteger, luaL_checknumber,
 * luaL_checklstring). Failures are argument errors (see lib-error.ts).
 */

import { LightUserdata, LuaFloat, type LuaValue } from '../../value/value.js';
import { LuaUserdata } from '../../vm/userdata.js';
import { tointeger, tonumber, toDouble, tostringNumber, type LuaInteger } from '../../value/number.js';
import { argError } from './lib-error.js';

/** Type name for "X expected, got Y"; the glue may supply one that honours `__name`. */
export type TypeNamer = (v: LuaValue) => string;

/** The basic type name of a value (luaL_typename without `__name`). */
export function basicTypeName(v: LuaValue): string {
  if (v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'string':
      return typeof v;
    case 'bigint':
      return 'number';
  }
  if (v instanceof LuaFloat) return 'number';
  if (v instanceof LuaUserdata || v instanceof LightUserdata) return 'userdata';
  if ('isFunction' in v) return 'function';
  if ('isThread' in v) return 'thread';
  return 'table';
}

/** luaL_checkinteger: integers, floats with an exact integer value, numeric strings. */
export function checkInteger(v: LuaValue, arg: number, typeName: TypeNamer = basicTypeName): LuaInteger {
  const i = tointeger(v);
  if (i !== undefined) return i;
  if (tonumber(v) !== undefined) argError(arg, 'number has no integer representation');
  return argError(arg, `number expected, got ${typeName(v)}`);
}

/** luaL_checknumber: numbers and numeric strings, as a double. */
export function checkNumber(v: LuaValue, arg: number, typeName: TypeNamer = basicTypeName): number {
  const x = tonumber(v);
  if (x === undefined) argError(arg, `number expected, got ${typeName(v)}`);
  return toDouble(x);
}

/** luaL_checklstring: strings, and numbers converted as tostring does. */
export function checkString(v: LuaValue, arg: number, typeName: TypeNamer = basicTypeName): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  return argError(arg, `string expected, got ${typeName(v)}`);
}
