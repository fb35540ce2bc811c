import { Lua, LuaError } from 'moonbox';

export function main(): string {
  const out: string[] = [];
  const lua = new Lua();

  // the host's bytes, shared with the script: no copy either way
  const packet = lua.buffer(new Uint8Array([0x01, 0x00, 0x2a, 0x00]));
  lua.set('packet', packet);
  lua.run('buffer.writeu16(packet, 2, buffer.readu16(packet, 2) + 1)');
  out.push(`host sees: ${[...packet].join(' ')}`);

  // a buffer the script makes comes out as its Uint8Array, and goes back as the same buffer
  const header = lua.run<Uint8Array>('header = buffer.fromstring("MBOX") return header');
  header[0] = 0x6d; // 'm'
  out.push(`script sees: ${lua.run<string>('return buffer.tostring(header)')}`);
  out.push(`same buffer: ${lua.load<boolean>('return rawequal(..., header)')(header)}`);

  // memory the host gives away is a clean error in the script, not a read of nothing
  structuredClone(packet.buffer, { transfer: [packet.buffer as ArrayBuffer] });
  try {
    lua.run('return buffer.readu8(packet, 0)', { chunkName: '=parse' });
  } catch (e) {
    out.push(e instanceof LuaError ? e.luaMessage : String(e));
  }
  return out.join('\n');
}
