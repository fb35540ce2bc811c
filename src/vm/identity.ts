/**
 * Fake but stable addresses for `tostring`, `%p` and error messages that
 * name an object (a coroutine that overflowed, a file handle).
 *
 * Objects get a sequence number on first use, kept in a WeakMap so that it
 * never keeps them alive. Strings are values in moonbox, but the reference
 * interns short strings, so equal strings must print the same address: it
 * is derived from a hash of the content rather than remembered, so that a
 * script formatting millions of distinct strings with `%p` costs no memory.
 */

import { LuaFloat, type LuaValue } from '../value/value.js';

let nextAddress = 1;
const addresses = new WeakMap<object, number>();

function formatAddress(a: number): string {
  return '0x' + (0x55a4c0de0000 + a * 0x40).toString(16).padStart(12, '0');
}

/** A stable fake address for an object, printed like the reference's %p ("0x55..."). */
export function addressOf(v: object): string {
  let a = addresses.get(v);
  if (a === undefined) {
    a = nextAddress++;
    addresses.set(v, a);
  }
  return formatAddress(a);
}

/** FNV-1a over the bytes, kept to 31 bits and placed above the object addresses. */
function stringAddress(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return formatAddress(0x40000000 + (h >>> 1));
}

/**
 * lua_topointer as text: objects and strings have addresses, other values
 * none (undefined).
 */
export function pointerOf(v: LuaValue): string | undefined {
  if (typeof v === 'string') return stringAddress(v);
  if (typeof v === 'object' && !(v instanceof LuaFloat)) return addressOf(v);
  return undefined;
}
