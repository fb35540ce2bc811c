/**
 * Lua strings are JS strings whose char codes are bytes (0..255): these
 * turn bytes into such a string and back, copying.
 */

/** Bytes as a Lua string. */
export function fromBytes(bytes: Uint8Array): string {
  let s = '';
  // String.fromCharCode takes its arguments on the JS stack: go in chunks
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  }
  return s;
}

/** A Lua string's bytes as a fresh Uint8Array. */
export function toBytes(s: string): Uint8Array {
  const u8 = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u8[i] = s.charCodeAt(i);
  return u8;
}
