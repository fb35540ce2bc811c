/**
 * The package as users install it: `npm pack` of this checkout, the tarball
 * installed into a fresh project (offline: the tarball is the only thing
 * fetched), and there the command, both module systems, every documented
 * module, a strict TypeScript consumer and esbuild bundles. Each step is a
 * test; they share one installed project, built once.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url)); // dist/test/package -> the repository
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const requireHere = createRequire(import.meta.url);
const TSC = requireHere.resolve('typescript/bin/tsc');

let dir = '';
let app = '';
let manifest: { scripts?: Record<string, string>; files?: string[] } = {};

/** Run a command in the consumer project; the result, whatever its status. */
function sh(cmd: string, args: string[], input = ''): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd: app, input, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', NODE_TEST_CONTEXT: undefined } });
}

/** Run a command that must succeed; its stdout. */
function ok(cmd: string, args: string[], input = ''): string {
  const r = sh(cmd, args, input);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} exited ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'moonbox-pkg-'));
  // the suite's build (pretest) made dist/: pack it as it is, without building again
  const packed = execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  const [info] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', join(dir, info.filename)], { cwd: app, encoding: 'utf8' });
  manifest = JSON.parse(readFileSync(join(app, 'node_modules/moonbox/package.json'), 'utf8')) as typeof manifest;
});

after(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

test('the installed package runs no install script and carries its license', () => {
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
    assert.equal(manifest.scripts?.[hook], undefined, `the package must not run '${hook}' on its users' machines`);
  }
  const files = readdirSync(join(app, 'node_modules/moonbox'));
  assert.ok(files.includes('LICENSE'), files.join());
  assert.match(readFileSync(join(app, 'node_modules/moonbox/LICENSE'), 'utf8'), /^MIT License/);
});

test('the installed command: moonbox -v, a script file, and a script on stdin', () => {
  assert.match(ok(NPM, ['exec', '--offline', '--', 'moonbox', '-v']), /^moonbox \d+\.\d+\.\d+ \(Lua 5\.4\) {2}Copyright/);
  writeFileSync(join(app, 'hello.lua'), 'print("hello from " .. _VERSION, 2^10, ...)');
  assert.equal(ok(join(app, 'node_modules/.bin/moonbox'), ['hello.lua', 'x']), 'hello from Lua 5.4\t1024.0\tx\n');
  assert.equal(ok(join(app, 'node_modules/.bin/moonbox'), ['-'], 'print(6 * 7)'), '42\n');
  const bad = sh(join(app, 'node_modules/.bin/moonbox'), ['-e', 'error("boom")']);
  assert.equal(bad.status, 1);
  // lua.c's argv[0]: the path Node was given, which for .bin/moonbox is the package's bin/moonbox.js
  assert.match(bad.stderr, /^\S*moonbox(\.js)?: \(command line\):1: boom\nstack traceback:/);
});

test('ESM import and CommonJS require of the entries', () => {
  writeFileSync(join(app, 'esm.mjs'), `
    import { Lua, LuaError, memoryPlatform, createNodePlatform, nullPlatform } from 'moonbox';
    import { newApiState, LuaApiError } from 'moonbox/lowlevel';
    import { flameGraphHtml } from 'moonbox/profile';
    const lua = new Lua();
    let err;
    try { lua.run('error("x")'); } catch (e) { err = e instanceof LuaError; }
    const L = newApiState({ checked: false });
    L.doString('return 1 + 1');
    console.log(lua.run('return _VERSION'), err, typeof memoryPlatform, typeof createNodePlatform, typeof nullPlatform, L.toInteger(-1), typeof LuaApiError, typeof flameGraphHtml);
  `);
  assert.equal(ok(process.execPath, ['esm.mjs']), 'Lua 5.4 true function function object 2 function function\n');
  writeFileSync(join(app, 'cjs.cjs'), `
    const { Lua, LuaError } = require('moonbox');
    const { newApiState } = require('moonbox/lowlevel');
    const { LuaError: SameError } = require('moonbox/lowlevel');
    console.log(new Lua().run('return 40 + 2'), typeof newApiState, LuaError === SameError);
  `);
  assert.equal(ok(process.execPath, ['cjs.cjs']), '42 function true\n');
});

test('internal modules are not reachable: one public surface', () => {
  writeFileSync(join(app, 'internal.mjs'), `import('moonbox/dist/src/vm/state.js').then(() => console.log('reached'), (e) => console.log(e.code));`);
  assert.equal(ok(process.execPath, ['internal.mjs']), 'ERR_PACKAGE_PATH_NOT_EXPORTED\n');
});

/** A tsconfig for consumers: strict, the package's own types, no Node types unless asked. */
function tsconfig(include: string[], types: string[] = []): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
      lib: ['ES2022'], types, typeRoots: [join(ROOT, 'node_modules/@types')], outDir: 'out', skipLibCheck: false,
    },
    include,
  });
}

test('every docs/examples file compiles with tsc --strict against the installed package and prints what the docs show', async () => {
  const examples = readdirSync(join(ROOT, 'docs/examples')).filter((f) => f.endsWith('.ts'));
  assert.ok(examples.length >= 10, examples.join());
  cpSync(join(ROOT, 'docs/examples'), join(app, 'examples'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  writeFileSync(join(app, 'tsconfig.json'), tsconfig(['examples/*.ts'], ['node'])); // the examples are Node programs (setTimeout)
  ok(process.execPath, [TSC, '-p', '.']);
  // the same examples, compiled in the checkout, are what the docs tests run: compare outputs
  for (const file of examples) {
    const name = file.replace(/\.ts$/, '');
    const lines: string[] = [];
    const installed = (await import(join(app, 'out', `${name}.js`))) as { main(print?: (s: string) => void): unknown };
    const mine = (await import(join(ROOT, 'dist/docs/examples', `${name}.js`))) as { main(print?: (s: string) => void): unknown };
    const other: string[] = [];
    const a = await installed.main((s) => lines.push(s));
    const b = await mine.main((s) => other.push(s));
    assert.deepEqual([a, lines], [b, other], name);
  }
});

test('a strict consumer gets typed results, and a misspelled library name does not compile', () => {
  mkdirSync(join(app, 'typed'), { recursive: true });
  writeFileSync(join(app, 'typed/good.ts'), `
    import { Lua, type LuaTableProxy, type LibName } from 'moonbox';
    const libs: LibName[] = ['_G', 'string'];
    const lua = new Lua({ libs });
    const n: number = lua.run<number>('return 6 * 7');
    const pair: [number, string] = lua.run<[number, string]>('return 1, "a"', { multi: true });
    lua.run('cfg = { name = "demo" } function add(a, b) return a + b end');
    const cfg = lua.get<LuaTableProxy<{ name: string }>>('cfg');
    const sum: number = lua.call<number>('add', 1, 2);
    export const out: string = [n, pair.join(), cfg.name, sum].join(' ');
  `);
  writeFileSync(join(app, 'typed/bad.ts'), `
    import { Lua } from 'moonbox';
    export const lua = new Lua({ libs: ['_G', 'strng'] });
  `);
  writeFileSync(join(app, 'tsconfig.good.json'), tsconfig(['typed/good.ts']));
  writeFileSync(join(app, 'tsconfig.bad.json'), tsconfig(['typed/bad.ts']));
  ok(process.execPath, [TSC, '-p', 'tsconfig.good.json']);
  const bad = sh(process.execPath, [TSC, '-p', 'tsconfig.bad.json']);
  assert.equal(bad.status, 2, bad.stdout);
  assert.match(bad.stdout, /typed\/bad\.ts\(3,\d+\): error TS2\d+: Type '"strng"' is not assignable to type .*Did you mean '"string"'\?/);
});

test('esbuild bundles of a consumer, in ESM and IIFE formats, load and run a script', async () => {
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  writeFileSync(join(app, 'entry.js'), `
    import { Lua } from 'moonbox';
    import { newApiState } from 'moonbox/lowlevel';
    const out = [];
    const lua = new Lua({ stdout: (s) => out.push(s.trimEnd()) });
    lua.run('print(("bundled %d"):format(6 * 7))');
    const L = newApiState({ checked: true });
    L.pushInteger(1);
    try { L.setField(5, 'x'); } catch (e) { out.push(e.name); }
    console.log(out.join(' | '));
  `);
  for (const format of ['esm', 'iife', 'cjs'] as const) {
    // an IIFE bundle for Node is a script that reaches built-ins with require: run it as CommonJS
    const outfile = join(app, `bundle-${format}.${format === 'esm' ? 'mjs' : 'cjs'}`);
    const result = await esbuild.build({
      absWorkingDir: app, entryPoints: ['entry.js'], bundle: true, platform: 'node', format, outfile, logLevel: 'silent',
    });
    assert.deepEqual(result.warnings.map((w) => w.text), [], `esbuild ${format} warnings`);
    assert.equal(ok(process.execPath, [outfile]), 'bundled 42 | LuaApiError\n', format);
  }
});
