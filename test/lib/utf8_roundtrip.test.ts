// Property tests of the utf8 library: char/codepoint/len/offset/codes agree
// with each other and with an independent JS encoder on random code points,
// including the 5- and 6-byte sequences of lax mode.
import test from 'node:test';
import assert from 'node:assert/strict';
import { runLua } from '../helpers.js';


/** Independent model of the extended UTF-8 encoding (up to 31 bits). */
function encode(cp: number): number[] {
  if (cp < 0x80) return [cp];
  const lens: Array<[number, number]> = [[0x800, 2], [0x10000, 3], [0x200000, 4], [0x4000000, 5], [0x80000000, 6]];
  const n = lens.find(([lim]) => cp < lim)![1];
  const bytes: number[] = [];
  for (let i = n - 1; i > 0; i--) bytes.unshift(0x80 | ((cp >>> (6 * (n - 1 - i))) & 0x3f));
  const lead = (0xff00 >> n) & 0xff;
  bytes.unshift(lead | (cp >>> (6 * (n - 1))));
  return bytes;
}

function randomCodepoints(seed: number, count: number): number[] {
  let s = seed;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s;
  };
  const bounds = [0x80, 0x800, 0x10000, 0x110000, 0x200000, 0x4000000, 0x80000000];
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(next() % bounds[next() % bounds.length]);
  return out;
}

test('utf8.char matches an independent encoder', () => {
  const cps = randomCodepoints(7, 400);
  const r = runLua(`
    local cps = {${cps.join(',')}}
    local out = {}
    for i, cp in ipairs(cps) do
      out[i] = #utf8.char(cp)
    end
    print(table.concat(out, ','))
    print(utf8.char(table.unpack(cps)) == ${'"' + cps.flatMap(encode).map((b) => '\\' + b).join('') + '"'})`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, `${cps.map((c) => encode(c).length).join(',')}\ntrue\n`);
});

test('codepoint/len/offset/codes round-trip random strings in lax and strict mode', () => {
  const cps = randomCodepoints(11, 300);
  const r = runLua(`
    local cps = {${cps.join(',')}}
    local s = utf8.char(table.unpack(cps))
    local back = {utf8.codepoint(s, 1, -1, true)}
    local same = #back == #cps
    for i = 1, #cps do if back[i] ~= cps[i] then same = false end end
    local n = 0
    for p, c in utf8.codes(s, true) do
      n = n + 1
      if c ~= cps[n] or utf8.offset(s, n) ~= p then same = false end
    end
    local valid = 0
    for _, cp in ipairs(cps) do
      if cp <= 0x10FFFF and not (cp >= 0xD800 and cp <= 0xDFFF) then valid = valid + 1 end
    end
    local strictLen, failPos = utf8.len(s)
    print(same, n == #cps, utf8.len(s, 1, -1, true) == #cps, valid == #cps or strictLen == nil,
      failPos == nil or utf8.offset(s, 0, failPos) == failPos)`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, 'true\ttrue\ttrue\ttrue\ttrue\n');
});

test('random byte strings never raise JS errors in any utf8 function', () => {
  let s = 99;
  const chunks: string[] = [];
  for (let k = 0; k < 200; k++) {
    const bytes: string[] = [];
    const n = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 12;
    for (let i = 0; i < n; i++) bytes.push('\\' + ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24));
    chunks.push(`"${bytes.join('')}"`);
  }
  const r = runLua(`
    local strs = {${chunks.join(',')}}
    local bad = 0
    local allowed = {['invalid UTF-8 code'] = true, ['initial position is a continuation byte'] = true}
    local function try(f, ...)
      local ok, err = pcall(f, ...)
      if not ok and not allowed[err] then bad = bad + 1; print(err) end
      return ok, ok and err or nil
    end
    for _, s in ipairs(strs) do
      for _, lax in ipairs({false, true}) do
        try(utf8.len, s, 1, -1, lax)
        if #s > 0 then try(utf8.codepoint, s, 1, -1, lax) end
        local okc, f, st, ctl = pcall(utf8.codes, s, lax) -- rejects a leading continuation byte
        if not okc and not tostring(f):find('invalid UTF-8 code', 1, true) then bad = bad + 1; print(f) end
        if okc then repeat ctl = select(2, try(f, st, ctl)) until ctl == nil end
      end
      for n = -3, 3 do try(utf8.offset, s, n) end
    end
    print('bad', bad)`);
  assert.equal(r.error, undefined);
  assert.equal(r.out, 'bad\t0\n');
});
