/**
 * Lua strings (JS strings of bytes 0..255) to and from JS text and bytes.
 */

const ASCII = /^[\x00-\x7f]*$/;

/** Decode a Lua string's bytes as UTF-8 (invalid sequences become U+FFFD). */
export function decodeUtf8(bytes: string): string {
  return ASCII.test(bytes) ? bytes : Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Encode JS text as UTF-8 bytes in a Lua string (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): string {
  return ASCII.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** A Lua string's bytes as a fresh Uint8Array. */
export function toBytes(bytes: string): Uint8Array {
  return new Uint8Array(Buffer.from(bytes, 'latin1'));
}

/** Bytes as a Lua string. */
export function fromBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * A byte sink decoding UTF-8 text for a host callback, keeping a multi-byte
 * character split across two writes intact.
 */
export function textSink(write: (text: string) => void): (bytes: string) => void {
  const decoder = new TextDecoder('utf-8');
  return (bytes) => {
    const text = decoder.decode(Buffer.from(bytes, 'latin1'), { stream: true });
    if (text !== '') write(text);
  };
}
