/**
 * The layer rule of docs/internals.md, as a test: each folder of src/ may
 * import only from its own layer and the layers below it (value/ imports
 * nothing above it; the VM never imports a library; no library imports the
 * host API). A file in the wrong place fails here with the import named.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Layer of each top-level folder of src/ (a file directly in src/ is the package entry: the top). */
const LAYERS: Record<string, number> = {
  value: 0,
  bytecode: 1,
  frontend: 1,
  vm: 2,
  lib: 3,
  api: 4,
  platform: 4,
  profile: 4,
  cli: 5,
  worker: 5,
};
const ENTRY = 6;

/** Folders kept apart from others of their layer: the profile views are shared by the host API and the command. */
const APART: Record<string, string[]> = { profile: ['api', 'platform'] };

function folderOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0];
}

function layerOf(file: string): number {
  const top = relative(SRC, file).split(/[\\/]/);
  if (top.length === 1) return ENTRY;
  const layer = LAYERS[top[0]];
  if (layer === undefined) throw new Error(`src/${top[0]}/ has no layer: add it to LAYERS and docs/internals.md`);
  return layer;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative import specifiers of a file (static, dynamic and re-exports). */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)'(\.[^']+)'/g)) found.push(m[1]);
  return found;
}

test('every import in src/ goes to the same layer or one below it', () => {
  const files = sources(SRC);
  assert.ok(files.length > 50, `found only ${files.length} sources under ${SRC}`);
  const violations: string[] = [];
  for (const file of files) {
    const mine = layerOf(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      const theirs = layerOf(target);
      if (theirs > mine) violations.push(`${relative(SRC, file)} (layer ${mine}) imports ${spec} (layer ${theirs})`);
      if (APART[folderOf(file)]?.includes(folderOf(target))) violations.push(`${relative(SRC, file)} imports ${spec} (kept apart)`);
    }
  }
  assert.deepEqual(violations, []);
});

test('the layer check sees a violation', () => {
  // the check itself: an import from value/ of a VM module must be reported
  const file = join(SRC, 'value', 'x.ts');
  const spec = '../vm/table.js';
  assert.ok(layerOf(resolve(dirname(file), spec.replace(/\.js$/, '.ts'))) > layerOf(file));
  assert.deepEqual(importsOf(`import { LuaTable } from '${spec}';\nexport { y } from './y.js';`), [spec, './y.js']);
  assert.ok(APART[folderOf(join(SRC, 'profile', 'x.ts'))]?.includes(folderOf(resolve(SRC, 'profile', '../api/lua.ts'))));
});
