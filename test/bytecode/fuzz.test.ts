/**
 * The verifier under attack: every truncation and thousands of seeded
 * mutations of real chunks, in both formats, must give either a clean LuaSyntaxError or a
 * prototype that passes verification; every accepted mutant is run (under
 * a step budget: it may loop), and nothing may throw a non-Lua exception.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dump } from '../../src/bytecode/dump.js';
import { dumpLuac } from '../../src/bytecode/luac.js';
import type { Proto } from '../../src/bytecode/proto.js';
import { undump } from '../../src/bytecode/undump.js';
import { verifyTree } from '../../src/bytecode/verify.js';
import { compile } from '../../src/frontend/compile.js';
import { LuaSyntaxError } from '../../src/frontend/syntax-error.js';
import { corpusFiles, rng, runBare, SNIPPETS, tryCompile } from './helpers.js';

const SEED = 0x5eed;

function protos(): Proto[] {
  const ps = SNIPPETS.map((s, i) => compile(s, `=s${i}`));
  for (const [name, src] of corpusFiles().slice(0, 40)) {
    const p = tryCompile(src, `@${name}`);
    if (p !== undefined) ps.push(p);
  }
  return ps;
}

// both formats load accepts: moonbox's own and the reference's (what string.dump writes)
const CHUNKS: string[] = protos().flatMap((p) => [dump(p, false), dump(p, true), dumpLuac(p, false), dumpLuac(p, true)]);

/** undump, returning the prototype or undefined for a clean rejection; anything else fails the test. */
function load(chunk: string, what: string): Proto | undefined {
  try {
    return undump(chunk, '=fuzz');
  } catch (e) {
    if (e instanceof LuaSyntaxError) {
      assert.match(e.luaMessage, /^fuzz: bad binary format \(/, what);
      return undefined;
    }
    assert.fail(`${what}: non-Lua exception ${String(e)}`);
  }
}

function checkAccepted(p: Proto, what: string): boolean {
  // accepted prototypes pass verification on their own (no reliance on load order)
  verifyTree(p, (why) => assert.fail(`${what}: accepted but fails re-verification: ${why}`));
  // every one runs, loops and recursion included: the step budget stops those that would not end
  try {
    runBare(p);
  } catch (e) {
    assert.fail(`${what}: running threw ${e instanceof Error ? e.stack : String(e)}`);
  }
  return true;
}

test('every truncation is a clean "truncated chunk"', () => {
  let n = 0;
  for (const c of CHUNKS.filter((c) => c.length < 6000)) {
    for (let len = 0; len < c.length; len++) {
      // lengths 0 is not binary at all (load would treat it as text); start at 1
      if (len === 0) continue;
      try {
        undump(c.slice(0, len), '=t');
        assert.fail(`prefix ${len} of ${c.length} accepted`);
      } catch (e) {
        assert.ok(e instanceof LuaSyntaxError, String(e));
        assert.equal(e.luaMessage, 't: bad binary format (truncated chunk)');
      }
      n++;
    }
  }
  assert.ok(n > 10000, `only ${n} truncations`);
});

type Mutator = (c: string, r: () => number) => string;
const pick = (r: () => number, n: number): number => Math.floor(r() * n);
const ch = (b: number): string => String.fromCharCode(b & 0xff);

/** Byte-level mutations, including ones aimed at length fields (small bytes followed by data). */
const BYTE_MUTATORS: Mutator[] = [
  (c, r) => { const i = pick(r, c.length); return c.slice(0, i) + ch(c.charCodeAt(i) ^ (1 << pick(r, 8))) + c.slice(i + 1); },
  (c, r) => { const i = pick(r, c.length); return c.slice(0, i) + ch(pick(r, 256)) + c.slice(i + 1); },
  (c, r) => { const i = pick(r, c.length + 1); return c.slice(0, i) + ch(pick(r, 256)) + c.slice(i); },
  (c, r) => { const i = pick(r, c.length); return c.slice(0, i) + c.slice(i + 1); },
  (c, r) => { const i = pick(r, c.length); return c.slice(0, i) + '\xff\xff\xff\xff\x07' + c.slice(i + 1); },
  (c, r) => { const i = pick(r, c.length); return c.slice(0, i) + ch(c.charCodeAt(i) + 1 + pick(r, 3)) + c.slice(i + 1); },
  (c, r) => { const i = pick(r, c.length); const j = pick(r, c.length); return c.slice(0, i) + c.slice(j, j + 8) + c.slice(i); },
];

test('random byte mutations: clean error or a verified prototype', () => {
  const r = rng(SEED);
  let accepted = 0;
  let ran = 0;
  const N = 6000;
  for (let t = 0; t < N; t++) {
    let c = CHUNKS[pick(r, CHUNKS.length)];
    const rounds = 1 + pick(r, 3);
    for (let k = 0; k < rounds; k++) c = BYTE_MUTATORS[pick(r, BYTE_MUTATORS.length)](c, r);
    const p = load(c, `mutation ${t}`);
    if (p === undefined) continue;
    accepted++;
    if (checkAccepted(p, `mutation ${t}`)) ran++;
  }
  assert.ok(accepted > 0);
  assert.equal(ran, accepted); // every accepted mutant ran
});

function allProtos(p: Proto, out: Proto[] = []): Proto[] {
  out.push(p);
  for (const c of p.p) allProtos(c, out);
  return out;
}

/** Field-level mutations of one instruction: these often stay well-formed, so they reach the verifier's deeper checks. */
const FIELDS: readonly [number, number][] = [[0, 7], [7, 8], [15, 1], [16, 8], [24, 8], [15, 17], [7, 25]];

function mutateInstruction(p: Proto, r: () => number): void {
  const fs = allProtos(p);
  const q = fs[pick(r, fs.length)];
  const pc = pick(r, q.code.length);
  const [pos, size] = FIELDS[pick(r, FIELDS.length)];
  // small values are the dangerous ones: near-valid registers, constants, offsets
  const v = r() < 0.7 ? pick(r, 8) : pick(r, 2 ** size);
  const mask = ((2 ** size - 1) * 2 ** pos) | 0;
  q.code[pc] = (q.code[pc] & ~mask) | ((v * 2 ** pos) & mask);
}

test('instruction-level mutations: rejected or verified, and accepted ones run cleanly', () => {
  const r = rng(SEED + 1);
  const sources = protos();
  let accepted = 0;
  let ran = 0;
  const N = 5000;
  for (let t = 0; t < N; t++) {
    const src = sources[pick(r, sources.length)];
    const p = undump(dump(src, r() < 0.5), '=m'); // a private copy to mutate
    const rounds = 1 + pick(r, 2);
    for (let k = 0; k < rounds; k++) mutateInstruction(p, r);
    const q = load(dump(p, false), `instr mutation ${t}`);
    if (q === undefined) continue;
    accepted++;
    if (checkAccepted(q, `instr mutation ${t}`)) ran++;
  }
  assert.ok(accepted > 100, `accepted ${accepted}`);
  assert.equal(ran, accepted); // every accepted mutant ran
});

test('forged sizes and nesting are rejected without big allocations or deep recursion', () => {
  const base = dump(compile('return 1', '=z'), true);
  const header = base.slice(0, 36) + '\x00'; // signature .. float check, then the main upvalue count
  // source, linedefined, lastlinedefined, numparams, isVararg, maxstacksize
  const fields = '\x00\x00\x00\x00\x00\x02';
  // a main function claiming 2^31 - 1 instructions
  assert.equal(load(header + fields + '\xff\xff\xff\xff\x07', 'huge'), undefined);
  // 10,000 nested functions: no code, constants or upvalues, one nested proto each
  const deep = header + (fields + '\x00\x00\x00\x01').repeat(10000);
  assert.equal(load(deep, 'deep'), undefined);
  try {
    undump(deep, '=d');
  } catch (e) {
    assert.ok(e instanceof LuaSyntaxError);
    assert.match(e.luaMessage, /function nesting too deep/);
  }
});
