/**
 * Conversions between host strings and Lua byte strings for the low-level
 * stack API.
 *
 * Inside the VM a Lua string is a JS string whose char codes are bytes
 * (0..255). The host speaks JS strings (UTF-16), so the API encodes them to
 * UTF-8 on the way in and decodes (lossily) on the way out. ASCII, by far
 * the common case for field names and messages, is the same in both forms:
 * it is detected first and passed through without copying.
 */

/** True when every char code is below 0x80 (same bytes in UTF-8 and latin1). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** A host string as the Lua byte string of its UTF-8 encoding. */
export function encodeUtf8(s: string): string {
  return isAscii(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** A Lua byte string decoded as UTF-8 (invalid sequences become U+FFFD). */
export function decodeUtf8(bytes: string): string {
  return isAscii(bytes) ? bytes : Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Raw bytes as a Lua byte string. */
export function bytesToString(u8: Uint8Array): string {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('latin1');
}

/** A Lua byte string as a fresh byte array. */
export function stringToBytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
