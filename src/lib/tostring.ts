/**
 * `tostring` as the libraries and messages need it (luaL_tolstring): the
 * `__tostring` and `__name` metafields, numbers in Lua's format, objects
 * as `type: 0x...` with a stable fake address.
 */

import { tostringNumber } from '../value/number.js';
import { LightUserdata, LuaFloat, type LuaValue } from '../value/value.js';
import { LuaUserdata } from '../vm/userdata.js';
import { callValue } from '../vm/call.js';
import { addressOf } from '../vm/identity.js';
import { typeName } from '../vm/metamethods.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { luaError } from './args.js';

/** A value's type as argument errors name it: `__name` if set, "light userdata" apart. */
export function typeNameForMessages(v: LuaValue): string {
  const mt = v instanceof LuaTable || v instanceof LuaUserdata ? v.metatable : undefined;
  const name = mt?.getStr('__name');
  if (typeof name === 'string') return name;
  if (v instanceof LightUserdata) return 'light userdata';
  return typeName(v);
}

/** A Lua string as a value check: strings and numbers convert, like lua_tolstring. */
export function toStringOrUndefined(v: LuaValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  return undefined;
}

// ---------------------------------------------------------------------------
// tostring

export { addressOf, pointerOf } from '../vm/identity.js';

/** luaL_tolstring: the string `tostring` and `print` show for a value. */
export function tolstring(L: LuaState, v: LuaValue): string {
  const mt = v instanceof LuaTable || v instanceof LuaUserdata ? v.metatable : L.g.typeMetatables.get(typeName(v));
  if (mt !== undefined) {
    const f = mt.getStr('__tostring');
    if (f !== undefined) {
      const r = callMeta1(L, f, v);
      if (typeof r !== 'string') {
        if (typeof r === 'number' || typeof r === 'bigint' || r instanceof LuaFloat) return tostringNumber(r);
        return luaError(L, "'__tostring' must return a string");
      }
      return r;
    }
  }
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return v ? 'true' : 'false';
    case 'number': case 'bigint': return tostringNumber(v);
    case 'string': return v;
  }
  if (v instanceof LuaFloat) return tostringNumber(v);
  const name = mt?.getStr('__name');
  const kind = typeof name === 'string' ? name : typeName(v);
  return `${kind}: ${addressOf(L, v as object)}`;
}

/** Call f(v) and return its first result. */
export function callMeta1(L: LuaState, f: LuaValue, v: LuaValue): LuaValue {
  const func = L.top;
  L.stack[func] = f;
  L.stack[func + 1] = v;
  L.top = func + 2;
  callValue(L, func, 1);
  return L.stack[--L.top];
}
