/**
 * The buffer library (src/lib/buffer.ts): every access checked before it
 * happens, at the Lua line that made it, with nothing written when it
 * fails; the host sharing a buffer's memory without copies.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { Lua, LuaError, LuaLimitError } from '../../src/index.js';
import { prng } from '../helpers.js';

function lua(): Lua {
  return new Lua({ sandbox: 'none' });
}

/** The error a chunk raises (fails if it raises none). */
function errorOf(l: Lua, code: string, chunkname = '=t'): string {
  try {
    l.run(code, { chunkName: chunkname });
  } catch (e) {
    assert.ok(e instanceof LuaError, String(e));
    return e.message;
  }
  return assert.fail(`no error from: ${code}`);
}

test("the seed's mistake: a string copied with its terminator into a buffer of #s bytes fails at that line, writing nothing", () => {
  const l = lua();
  const code = [
    'local s = "hello, world!!"',
    'local b = buffer.create(#s)',
    'local ok, err = pcall(buffer.copy, b, 0, s, 0, #s + 1)',
    'assert(not ok)',
    'buffer.copy(b, 0, s, 0, #s + 1)',
  ].join('\n');
  assert.equal(errorOf(l, code, '=copy.lua'), 'copy.lua:5: buffer.copy: 15 bytes at offset 0 exceed a buffer of 14 bytes');
  // nothing was written by either attempt, and the same bytes copied correctly fit
  assert.equal(l.run('local b = buffer.create(14) pcall(buffer.copy, b, 0, "hello, world!!\\0") return buffer.tostring(b)'), '\0'.repeat(14));
  assert.equal(l.run('local b = buffer.create(14) buffer.copy(b, 0, "hello, world!!") return buffer.tostring(b)'), 'hello, world!!');
});

test('buffer.copy: a string is its bytes only (no terminator); the source range is checked too', () => {
  const l = lua();
  assert.equal(l.run('local b = buffer.create(4) buffer.copy(b, 1, "abc") return buffer.tostring(b)'), '\0abc');
  assert.equal(errorOf(l, 'buffer.copy(buffer.create(10), 0, "abc", 2, 2)'), 't:1: buffer.copy: 2 bytes at source offset 2 exceed a source string of 3 bytes');
  assert.equal(errorOf(l, 'buffer.copy(buffer.create(10), 0, buffer.create(3), -1)'), 't:1: buffer.copy: source offset -1 is negative (a source buffer of 3 bytes)');
  // overlapping ranges of one buffer copy as through a temporary
  assert.equal(l.run('local b = buffer.fromstring("abcdef") buffer.copy(b, 2, b, 0, 4) return buffer.tostring(b)'), 'ababcd');
  assert.equal(l.run('local b = buffer.fromstring("abcdef") buffer.copy(b, 0, b, 2, 4) return buffer.tostring(b)'), 'cdefef');
});

/** Every accessor, its argument list after (b, offset), and the bytes it touches. */
const ACCESSORS: Array<[string, string, number]> = [
  ['readi8', '', 1], ['readu8', '', 1], ['readi16', '', 2], ['readu16', '', 2], ['readi32', '', 4], ['readu32', '', 4],
  ['readi64', '', 8], ['readf32', '', 4], ['readf64', '', 8],
  ['writei8', ', 1', 1], ['writeu8', ', 1', 1], ['writei16', ', 1', 2], ['writeu16', ', 1', 2], ['writei32', ', 1', 4],
  ['writeu32', ', 1', 4], ['writei64', ', 1', 8], ['writef32', ', 1', 4], ['writef64', ', 1', 8],
  ['readstring', ', 3', 3], ['writestring', ', "xyz"', 3], ['fill', ', 7, 3', 3], ['tostring', ', 3', 3],
];

test('every accessor at every edge: in range works; past the end, negative, huge, non-integral, NaN fail and write nothing', () => {
  const l = lua();
  const SIZE = 16;
  for (const [fn, rest, n] of ACCESSORS) {
    for (const offset of [0, SIZE - n, SIZE - n + 1, SIZE - 1, SIZE, -1, 2 ** 31, 2 ** 53, 'math.maxinteger', 'math.mininteger', 1.5, '0/0', '1/0', '-1/0']) {
      const code = `local b = buffer.create(${SIZE}) local ok, e = pcall(buffer.${fn}, b, ${offset}${rest}) return ok, e, buffer.tostring(b)`;
      const [ok, err, after] = l.run<[boolean, string, string]>(code, { multi: true });
      const inRange = typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 && offset + n <= SIZE;
      assert.equal(ok, inRange, `${fn} at ${offset}: ${err}`);
      if (inRange) continue;
      assert.equal(after, '\0'.repeat(SIZE), `${fn} at ${offset} wrote something`);
      const integral = typeof offset === 'number' ? Number.isInteger(offset) : offset.startsWith('math.');
      if (!integral) assert.match(err, new RegExp(`bad argument #2 to 'buffer\\.${fn}' \\(number has no integer representation\\)`));
      else if (offset === -1 || offset === 'math.mininteger') assert.match(err, new RegExp(`^buffer\\.${fn}: offset -\\d+ is negative \\(a buffer of 16 bytes\\)$`));
      else assert.match(err, new RegExp(`^buffer\\.${fn}: ${n} bytes? at offset \\d+ exceed a buffer of 16 bytes$`));
    }
  }
});

test('counts are checked like offsets: negative, past the end, not integral', () => {
  const l = lua();
  assert.equal(errorOf(l, 'buffer.readstring(buffer.create(4), 0, -1)'), 't:1: buffer.readstring: count -1 is negative');
  assert.equal(errorOf(l, 'buffer.readstring(buffer.create(4), 2, 3)'), 't:1: buffer.readstring: 3 bytes at offset 2 exceed a buffer of 4 bytes');
  assert.equal(errorOf(l, 'buffer.fill(buffer.create(4), 0, 1, 2.5)'), "t:1: bad argument #4 to 'fill' (number has no integer representation)");
  assert.equal(errorOf(l, 'buffer.writestring(buffer.create(4), 0, "ab", 3)'), "t:1: bad argument #4 to 'writestring' (count 3 is more than the string's 2 bytes)");
  assert.equal(errorOf(l, 'buffer.create(-1)'), "t:1: bad argument #1 to 'create' (size -1 out of range (0 to 1073741824))");
  assert.equal(errorOf(l, 'buffer.readu8({}, 0)'), "t:1: bad argument #1 to 'readu8' (buffer expected, got table)");
  assert.equal(errorOf(l, 'buffer.readbits(buffer.create(1), 1, 8)'), 't:1: buffer.readbits: 8 bits at bit offset 1 exceed a buffer of 1 byte');
  assert.equal(errorOf(l, 'buffer.readbits(buffer.create(8), 0, 33)'), "t:1: bad argument #3 to 'readbits' (bit count 33 out of range (0 to 32))");
});

test('typed values: little-endian, integers exact to 64 bits, writes wrap to their width, floats as floats', () => {
  const l = lua();
  const r = l.run<unknown[]>(`
    local b = buffer.create(16)
    buffer.writei64(b, 0, math.mininteger)
    buffer.writeu32(b, 8, -1)
    buffer.writei16(b, 12, 0x12345)
    buffer.writeu8(b, 14, 256 + 7)
    return buffer.readi64(b, 0) == math.mininteger, buffer.readu32(b, 8), buffer.readi32(b, 8),
      buffer.readu16(b, 12), buffer.readu8(b, 12), buffer.readu8(b, 14), math.type(buffer.readi64(b, 0))`, { multi: true });
  assert.deepEqual(r, [true, 4294967295, -1, 0x2345, 0x45, 7, 'integer']);
  const f = l.run<unknown[]>(`
    local b = buffer.create(12)
    buffer.writef64(b, 0, 1)
    buffer.writef32(b, 8, 0.1)
    return math.type(buffer.readf64(b, 0)), buffer.readf64(b, 0), buffer.readf32(b, 8) == string.unpack("<f", string.pack("<f", 0.1))`, { multi: true });
  assert.deepEqual(f, ['float', 1, true]);
  assert.equal(l.run('local b = buffer.create(8) buffer.writei64(b, 0, math.maxinteger) return buffer.readi64(b, 0) == math.maxinteger'), true);
  assert.equal(errorOf(l, 'buffer.writei32(buffer.create(8), 0, 1.5)'), "t:1: bad argument #3 to 'writei32' (number has no integer representation)");
});

test('readbits and writebits: bit offsets from the least significant bit of byte 0', () => {
  const l = lua();
  const r = l.run<unknown[]>(`
    local b = buffer.create(5)
    buffer.writebits(b, 3, 32, 0xFFFFFFFF)
    local x = buffer.readbits(b, 3, 32)
    buffer.writebits(b, 4, 4, 0)
    return x, buffer.readu8(b, 0), buffer.readu8(b, 4), buffer.readbits(b, 0, 0)`, { multi: true });
  assert.deepEqual(r, [0xffffffff, 0x08, 0x07, 0]);
});

test('a buffer is a userdata with #, tostring, __name and identity equality', () => {
  const l = lua();
  const r = l.run<unknown[]>(`
    local b, c = buffer.fromstring("abc"), buffer.fromstring("abc")
    return type(b), #b, buffer.len(b), tostring(b), b == b, b == c, getmetatable(b).__name`, { multi: true });
  assert.equal(r[0], 'userdata');
  assert.equal(r[1], 3);
  assert.equal(r[2], 3);
  assert.match(r[3] as string, /^buffer: 0x[0-9a-f]+ \(3 bytes\)$/);
  assert.deepEqual(r.slice(4), [true, false, 'buffer']);
  assert.equal(l.run<string>('return tostring(buffer.create(1))').endsWith('(1 byte)'), true);
});

test('buffers count against the memory limit', () => {
  const l = new Lua({ sandbox: 'none', limits: { memory: 4 * 2 ** 20 } });
  assert.throws(() => l.run('local keep = {} for i = 1, 100 do keep[i] = buffer.create(2 ^ 20) end'), (e: unknown) => e instanceof LuaLimitError && e.limit === 'memory');
  assert.equal(l.run('return #buffer.create(1024)'), 1024);
});

test('the host: a Uint8Array made a buffer is shared, not copied, both ways', () => {
  const l = lua();
  const bytes = l.buffer(new Uint8Array([1, 2, 3, 4]));
  l.set('b', bytes);
  l.run('buffer.writeu8(b, 0, 42)');
  assert.equal(bytes[0], 42);
  bytes[3] = 99;
  assert.equal(l.run('return buffer.readu8(b, 3)'), 99);
  // a buffer made by a script comes out as its Uint8Array, and goes back in as the same buffer
  const out = l.run<Uint8Array>('made = buffer.fromstring("xyz") return made');
  assert.ok(out instanceof Uint8Array);
  assert.deepEqual([...out], [120, 121, 122]);
  out[0] = 65;
  assert.equal(l.run('return buffer.tostring(made)'), 'Ayz');
  const same = l.load<boolean>('local x = ... return rawequal(x, made)');
  assert.equal(same(out), true);
  // a new buffer of a size; any other Uint8Array still enters as a string
  assert.equal(l.load<number>('local b = ... return buffer.len(b)')(l.buffer(10)), 10);
  assert.equal(l.load('local s = ... return type(s)')(new Uint8Array([1])), 'string');
  assert.throws(() => l.buffer(-1), RangeError);
});

test('memory the host detached is a clean Lua error at the next access, never a read of nothing', () => {
  const l = lua();
  const bytes = l.buffer(new Uint8Array(8));
  l.set('b', bytes);
  structuredClone(bytes.buffer, { transfer: [bytes.buffer as ArrayBuffer] }); // detaches it here
  assert.equal(errorOf(l, 'return buffer.readu8(b, 0)'), "t:1: buffer.readu8: the buffer's memory was detached or resized by the host");
  assert.equal(errorOf(l, 'return #b'), "t:1: buffer.len: the buffer's memory was detached or resized by the host");
  assert.equal(l.run('return 1 + 1'), 2); // the state goes on
});

/**
 * A reference model in TypeScript: the same operations on a plain array of
 * bytes, with the bounds rule written out independently.
 */
class Model {
  bytes: number[];
  constructor(size: number) {
    this.bytes = new Array<number>(size).fill(0);
  }
  fits(offset: number, count: number): boolean {
    return Number.isInteger(offset) && Number.isInteger(count) && offset >= 0 && count >= 0 && offset + count <= this.bytes.length;
  }
  read(offset: number, n: number, signed: boolean): bigint {
    let x = 0n;
    for (let i = n - 1; i >= 0; i--) x = (x << 8n) | BigInt(this.bytes[offset + i]);
    return signed ? BigInt.asIntN(n * 8, x) : x;
  }
  write(offset: number, n: number, value: bigint): void {
    let x = BigInt.asUintN(n * 8, value);
    for (let i = 0; i < n; i++, x >>= 8n) this.bytes[offset + i] = Number(x & 0xffn);
  }
}

test('property: random sequences of accessors agree with a reference model, failures write nothing', () => {
  const rnd = prng(20261207);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const l = lua();
  const call = (fn: string, ...args: unknown[]): { ok: boolean; value: unknown } => {
    try {
      return { ok: true, value: l.load('local f, a, b, c, d, e = ... return buffer[f](a, b, c, d, e)')(fn, ...args) };
    } catch (e) {
      assert.ok(e instanceof LuaError && /buffer\.|bad argument/.test(e.message), String(e));
      return { ok: false, value: undefined };
    }
  };
  const INTS: Array<[string, number, boolean]> = [['i8', 1, true], ['u8', 1, false], ['i16', 2, true], ['u16', 2, false], ['i32', 4, true], ['u32', 4, false], ['i64', 8, true]];
  for (let round = 0; round < 40; round++) {
    const size = Math.floor(rnd() * 40);
    const b = l.buffer(size);
    const m = new Model(size);
    for (let step = 0; step < 100; step++) {
      const offset = pick([0, 1, size - 1, size, size + 1, -1, Math.floor(rnd() * (size + 4)) - 2]);
      const [suffix, n, signed] = pick(INTS);
      const fits = m.fits(offset, n);
      switch (Math.floor(rnd() * 5)) {
        case 0: { // typed read
          const r = call(`read${suffix}`, b, offset);
          assert.equal(r.ok, fits, `read${suffix} at ${offset} of ${size}`);
          if (fits) assert.equal(BigInt(r.value as number | bigint), m.read(offset, n, signed));
          break;
        }
        case 1: { // typed write of a random 64-bit pattern (wrapped to the width)
          const v = BigInt.asIntN(53, BigInt(Math.floor(rnd() * 2 ** 53)) - 2n ** 52n);
          const r = call(`write${suffix}`, b, offset, Number(v));
          assert.equal(r.ok, fits, `write${suffix} at ${offset} of ${size}`);
          if (fits) m.write(offset, n, v);
          break;
        }
        case 2: { // fill
          const count = Math.floor(rnd() * 6) - 1;
          const r = call('fill', b, offset, 0xab, count);
          assert.equal(r.ok, m.fits(offset, count), `fill ${count} at ${offset} of ${size}`);
          if (r.ok) for (let i = 0; i < count; i++) m.bytes[offset + i] = 0xab;
          break;
        }
        case 3: { // writestring
          const s = 'q'.repeat(Math.floor(rnd() * 5));
          const r = call('writestring', b, offset, s);
          assert.equal(r.ok, m.fits(offset, s.length), `writestring ${s.length} at ${offset} of ${size}`);
          if (r.ok) for (let i = 0; i < s.length; i++) m.bytes[offset + i] = 0x71;
          break;
        }
        default: { // copy within the buffer
          const from = Math.floor(rnd() * (size + 2)) - 1;
          const count = Math.floor(rnd() * 6);
          const r = call('copy', b, offset, b, from, count);
          assert.equal(r.ok, m.fits(offset, count) && m.fits(from, count), `copy ${count} from ${from} to ${offset} of ${size}`);
          if (r.ok) m.bytes.splice(offset, count, ...m.bytes.slice(from, from + count));
        }
      }
      assert.deepEqual([...b], m.bytes, `round ${round} step ${step}`);
    }
  }
});

test('buffer.pack and buffer.unpack: string.pack formats written and read in place', () => {
  const l = lua();
  const r = l.run<unknown[]>(`
    local fmt = "<i4 d s1 z B"
    local b = buffer.create(40)
    local after = buffer.pack(b, 2, fmt, -7, 0.5, "hi", "zed", 255)
    local same = buffer.readstring(b, 2, after - 2) == string.pack(fmt, -7, 0.5, "hi", "zed", 255)
    local x, y, s, z, u, next = buffer.unpack(b, 2, fmt)
    return after, same, x, y, s, z, u, next`, { multi: true });
  assert.deepEqual(r, [2 + 4 + 8 + 3 + 4 + 1, true, -7, 0.5, 'hi', 'zed', 255, 22]);
  // the whole result must fit before anything is written
  assert.deepEqual(l.run<unknown[]>(`
    local b = buffer.create(6)
    local ok, err = pcall(buffer.pack, b, 0, "i4i4", 1, 2)
    return ok, err, buffer.tostring(b) == string.rep("\\0", 6)`, { multi: true }),
  [false, 'buffer.pack: 8 bytes at offset 0 exceed a buffer of 6 bytes', true]);
  // argument numbers count the buffer, the offset and the format
  assert.equal(errorOf(l, 'buffer.pack(buffer.create(8), 0, "i4", "x")'), "t:1: bad argument #4 to 'pack' (number expected, got string)");
  assert.equal(errorOf(l, 'buffer.unpack(buffer.create(3), 0, "i4")'), "t:1: bad argument #1 to 'unpack' (data buffer too short)");
  assert.equal(errorOf(l, 'buffer.unpack(buffer.create(3), 4, "b")'), 't:1: buffer.unpack: 0 bytes at offset 4 exceed a buffer of 3 bytes');
});
