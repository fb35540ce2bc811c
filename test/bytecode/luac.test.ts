/**
 * Binary chunks in PUC-Rio Lua 5.4's format (bytecode/luac.ts).
 *
 * The fixtures in test/bytecode/luac/ were written by the reference, from
 * that folder:
 *
 *   ../../../../shared/bin/lua5.4.6 -e "io.write(string.dump(assert(loadfile('F.lua'))))" > F.luac
 *   ../../../../shared/bin/lua5.4.6 -e "io.write(string.dump(assert(loadfile('F.lua')), true))" > F.stripped.luac
 *   ../../../../shared/bin/lua5.4.6 F.lua > F.out; ../../../../shared/bin/lua5.4.6 F.stripped.luac > F.stripped.out
 *
 * Checked: the reference's chunks run here with the reference's output;
 * string.dump writes the reference's format, and translating a prototype to
 * it and back gives the prototype again (code, lines, locals) for every
 * script of the corpus; a corrupted or truncated chunk is a clean error.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/frontend/compile.js';
import { LuaSyntaxError } from '../../src/frontend/syntax-error.js';
import { dumpLuac } from '../../src/bytecode/luac.js';
import { undump } from '../../src/bytecode/undump.js';
import type { Proto } from '../../src/bytecode/proto.js';

// Compiled to dist/test/bytecode/: the repository root is three levels up.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = `${root}test/bytecode/luac/`;
const bin = `${root}bin/moonbox.js`;

function moonbox(file: string): string {
  const r = spawnSync(process.execPath, [bin, file], { cwd: fixtures, encoding: 'latin1', input: '' });
  return r.stdout + r.stderr;
}

for (const name of ['metamethods', 'control']) {
  test(`the reference's chunk of ${name}.lua runs with the reference's output`, () => {
    assert.equal(moonbox(`${name}.luac`), readFileSync(`${fixtures}${name}.out`, 'latin1'));
  });
  test(`the reference's stripped chunk of ${name}.lua runs with the reference's output`, () => {
    assert.equal(moonbox(`${name}.stripped.luac`), readFileSync(`${fixtures}${name}.stripped.out`, 'latin1'));
  });
}

function sameProto(a: Proto, b: Proto, where: string): void {
  assert.deepEqual([...b.code], [...a.code], `${where}: code`);
  assert.deepEqual([...b.lineinfo], [...a.lineinfo], `${where}: lines`);
  assert.deepEqual(b.locvars, a.locvars, `${where}: locals`);
  assert.deepEqual(b.k, a.k, `${where}: constants`);
  assert.deepEqual(b.upvalues, a.upvalues, `${where}: upvalues`);
  assert.equal(b.p.length, a.p.length, `${where}: functions`);
  a.p.forEach((child, i) => sameProto(child, b.p[i], `${where}/${i}`));
}

test('every corpus script: to the reference\'s format and back gives the same prototype', () => {
  const corpus = `${root}test/lua/`;
  let n = 0;
  for (const area of readdirSync(corpus, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const file of readdirSync(corpus + area.name)) {
      if (!file.endsWith('.lua')) continue;
      let p: Proto;
      try {
        p = compile(readFileSync(`${corpus}${area.name}/${file}`, 'latin1'), `@${file}`);
      } catch (e) {
        if (e instanceof LuaSyntaxError) continue; // scripts about syntax errors
        throw e;
      }
      sameProto(p, undump(dumpLuac(p, false), `=${file}`), `${area.name}/${file}`);
      n++;
    }
  }
  assert.ok(n > 300, `only ${n} scripts`);
});

test('a flipped ADDI (1 + x in the reference) becomes a flipped ADDK of a new constant', () => {
  const chunk = readFileSync(`${fixtures}metamethods.luac`, 'latin1');
  const p = undump(chunk, '=m');
  assert.ok(p.k.includes(1), 'the immediate 1 is now a constant');
});

test('corrupted headers and truncated chunks are clean errors, as calls.lua checks them', () => {
  const c = dumpLuac(compile('local a, b = 1, 3; return a + b * 3, "a constant"', '=c'), false);
  const headerSize = 4 + 2 + 6 + 3; // signature, version and format, LUAC_DATA, three sizes (then LUAC_INT, LUAC_NUM)
  // (byte 0, the ESC, is what makes load take the string as binary: changed, it is source text)
  for (let i = 1; i < headerSize; i++) {
    const bad = c.slice(0, i) + String.fromCharCode((c.charCodeAt(i) + 1) & 0xff) + c.slice(i + 1);
    assert.throws(() => undump(bad, '=c'), LuaSyntaxError, `byte ${i}`);
  }
  for (let i = 1; i < c.length; i++) {
    assert.throws(() => undump(c.slice(0, i), '=c'), /truncated|not a binary chunk/, `${i} bytes`);
  }
});

test('an MMBIN with nothing before it to annotate is refused', () => {
  const chunk = dumpLuac(compile('return 1', '=x'), false);
  const at = findCode(chunk);
  const forged = chunk.slice(0, at) + String.fromCharCode(46, 0, 0, 0) + chunk.slice(at + 4); // OP_MMBIN first
  assert.throws(() => undump(forged, '=x'), /bad binary format \(corrupted chunk\)/);
  // and the chunk as written loads
  assert.doesNotThrow(() => undump(chunk, '=x'));
});

/** Offset of the main function's first instruction in a chunk with a short source: after the header and the function's fixed fields. */
function findCode(chunk: string): number {
  let pos = 31 + 1; // header (signature to LUAC_NUM), main's upvalue count
  const size = (): number => {
    let n = 0;
    for (;;) {
      assert.ok(pos < chunk.length, 'chunk ends inside a size');
      const b = chunk.charCodeAt(pos++);
      n = n * 128 + (b & 0x7f);
      if (b & 0x80) return n;
    }
  };
  const src = size();
  pos += src > 0 ? src - 1 : 0;
  size(); // linedefined
  size(); // lastlinedefined
  pos += 3; // numparams, is_vararg, maxstacksize
  size(); // code size
  return pos;
}
