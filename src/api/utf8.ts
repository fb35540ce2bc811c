/**
 * Lua strings (JS strings whose char codes are bytes 0..255) to and from
 * host text and bytes, for both embedding APIs. Host text is encoded as
 * UTF-8 on the way in and decoded (lossily: invalid sequences become
 * U+FFFD) on the way out. ASCII, by far the common case for names and
 * messages, is the same in both forms and passes through without copying.
 * Only web-standard TextEncoder/TextDecoder are used, so this runs in
 * browsers as well as Node.js.
 */

import { fromBytes, toBytes } from '../value/bytes.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** True when every char code is below 0x80 (same bytes in UTF-8 and latin1). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Encode JS text as the UTF-8 bytes of a Lua string (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): string {
  return isAscii(text) ? text : fromBytes(encoder.encode(text));
}

/** Decode a Lua string's bytes as UTF-8 (invalid sequences become U+FFFD). */
export function decodeUtf8(bytes: string): string {
  return isAscii(bytes) ? bytes : decoder.decode(toBytes(bytes));
}

/**
 * A byte sink decoding UTF-8 text for a host callback, keeping a multi-byte
 * character split across two writes intact.
 */
export function textSink(write: (text: string) => void): (bytes: string) => void {
  const streaming = new TextDecoder('utf-8');
  return (bytes) => {
    const text = streaming.decode(toBytes(bytes), { stream: true });
    if (text !== '') write(text);
  };
}
