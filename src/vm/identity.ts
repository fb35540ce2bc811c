/**
 * Fake but stable addresses for `tostring`, `%p` and error messages that
 * name an object (a coroutine that overflowed, a file handle).
 *
 * Each state numbers its objects in the order they are first shown, from a
 * random base of its own, in a WeakMap that never keeps them alive: an
 * address says nothing about other states (states must not be able to
 * watch each other's activity through a shared counter), nor about the
 * host. Strings are values in moonbox, but the reference interns short
 * strings, so equal strings must print the same address: it is derived
 * from a hash of the content, salted per state, rather than remembered, so
 * that a script formatting millions of distinct strings with `%p` costs no
 * memory.
 */

import { LuaFloat, type LuaValue } from '../value/value.js';
import type { GlobalState, LuaState } from './state.js';

/** One state's addresses. */
export class Identities {
  private next = 1;
  private readonly addresses = new WeakMap<object, number>();
  /** Where this state's addresses start, and the salt of its string addresses: random per state. */
  private readonly base = 0x55a000000000 + Math.floor(Math.random() * 0x3ffff) * 0x100000;
  readonly salt = Math.floor(Math.random() * 0x7fffffff);

  address(v: object): string {
    let a = this.addresses.get(v);
    if (a === undefined) {
      a = this.next++;
      this.addresses.set(v, a);
    }
    return format(this.base + a * 0x40);
  }

  /** FNV-1a over the bytes from the state's salt, kept to 31 bits, placed above the object addresses. */
  stringAddress(s: string): string {
    let h = 0x811c9dc5 ^ this.salt;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return format(this.base + 0x40000000 + (h >>> 1));
  }
}

function format(a: number): string {
  return '0x' + a.toString(16).padStart(12, '0');
}

function identitiesOf(g: GlobalState): Identities {
  return g.identities;
}

/** A stable fake address for an object in L's state, printed like the reference's %p ("0x55..."). */
export function addressOf(L: LuaState, v: object): string {
  return identitiesOf(L.g).address(v);
}

/**
 * lua_topointer as text: objects and strings have addresses, other values
 * none (undefined).
 */
export function pointerOf(L: LuaState, v: LuaValue): string | undefined {
  if (typeof v === 'string') return identitiesOf(L.g).stringAddress(v);
  if (typeof v === 'object' && !(v instanceof LuaFloat)) return identitiesOf(L.g).address(v);
  return undefined;
}
