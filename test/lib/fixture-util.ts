/**
 * Reading the fixture files produced by the `gen-*.lua` scripts in
 * `test/lib/fixtures/` (run with the reference lua5.4; see each script).
 *
 * Field encoding: n = nil, b0/b1 = boolean, i<dec> = integer,
 * f<hex of 8 bytes, little-endian> = float, s<hex> = string (hex of its bytes),
 * E<hex> = error message, '#' = separator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkfloat, type LuaValue } from '../../src/value/value.js';

/** A decoded fixture value. Floats are tagged so they stay distinct from integers. */
export type FixtureValue =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | { float: number }
  | { error: string }
  | '#';

export interface FixtureCase {
  fn: string;
  args: FixtureValue[];
  results: FixtureValue[];
  line: number;
}

/** The fixtures folder, found from this file (source or dist/), else from the working directory. */
function fixturesDir(): string {
  const rel = join('test', 'lib', 'fixtures');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, rel))) return join(dir, rel);
    const up = dirname(dir);
    if (up === dir) return join(process.cwd(), rel);
    dir = up;
  }
}

export function hexToBytes(hex: string): string {
  let s = '';
  for (let i = 0; i < hex.length; i += 2) s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return s;
}

function decode(field: string): FixtureValue {
  const tag = field[0];
  const body = field.slice(1);
  switch (tag) {
    case 'n':
      return undefined;
    case 'b':
      return body === '1';
    case 'i': {
      const b = BigInt(body);
      return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
    }
    case 'f': {
      // the 8 bytes of the double, little-endian (keeps NaN signs and -0)
      const view = new DataView(new ArrayBuffer(8));
      for (let i = 0; i < 8; i++) view.setUint8(i, parseInt(body.slice(2 * i, 2 * i + 2), 16));
      return { float: view.getFloat64(0, true) };
    }
    case 's':
      return hexToBytes(body);
    case 'E':
      return { error: hexToBytes(body) };
    case '#':
      return '#';
    default:
      throw new Error(`bad fixture field ${field}`);
  }
}

/** Load `test/lib/fixtures/<name>`: one case per line, `fn args... => results...`. */
export function loadFixture(name: string): FixtureCase[] {
  const text = readFileSync(join(fixturesDir(), name), 'latin1');
  const cases: FixtureCase[] = [];
  text.split('\n').forEach((lineText, i) => {
    if (lineText === '') return;
    const fields = lineText.split('\t');
    const arrow = fields.indexOf('=>');
    cases.push({
      fn: fields[0]!,
      args: fields.slice(1, arrow).map(decode),
      results: fields.slice(arrow + 1).map(decode),
      line: i + 1,
    });
  });
  return cases;
}

/** Printable form of a Lua byte string for assertion messages. */
export function show(s: string): string {
  return JSON.stringify(s);
}

/** A fixture argument as a Lua value (floats boxed as the VM would box them). */
export function fixtureToLua(v: FixtureValue): LuaValue {
  if (typeof v === 'object' && v !== null && 'float' in v) return mkfloat(v.float);
  if (typeof v === 'object' || v === '#') throw new Error('bad fixture argument');
  return v;
}
