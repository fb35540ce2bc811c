/**
 * The moonbox command as a drop-in for `lua`: each case runs bin/moonbox.js
 * as a child process and checks stdout, stderr and the exit status against
 * what lua5.4 does for the same command line.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/moonbox.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'moonbox-cli-'));
/**
 * The command's name in messages, as lua.c prints its argv[0]: run from
 * outside the repository by its absolute path, the command is that path.
 */
const P = bin;

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const env = { ...process.env, LUA_INIT: '', LUA_INIT_5_4: '', ...opts.env };
  delete (env as Record<string, string | undefined>).LUA_INIT;
  delete (env as Record<string, string | undefined>).LUA_INIT_5_4;
  Object.assign(env, opts.env);
  const r = spawnSync(process.execPath, [bin, ...args], { input: opts.input ?? '', env, encoding: 'latin1', cwd: dir });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, body, 'latin1');
  return p;
}

test('runs a script with arguments in ... and arg', () => {
  const f = script('args.lua', 'print(#arg, arg[0] ~= nil, arg[-1] ~= nil, ...)');
  const r = run([f, 'a', 'b']);
  assert.equal(r.out, '2\ttrue\ttrue\ta\tb\n');
  assert.equal(r.status, 0);
});

test('-e runs statements in order with -l and script', () => {
  const r = run(['-e', 'x = 1', '-e', 'print(x + 1)']);
  assert.equal(r.out, '2\n');
  assert.equal(r.status, 0);
});

test('errors go to stderr with the program name and a traceback; status 1', () => {
  const f = script('err.lua', 'local t = nil\nprint(t.x)\n');
  const r = run([f]);
  assert.equal(r.out, '');
  assert.equal(r.status, 1);
  const lines = r.err.split('\n');
  assert.equal(lines[0], `${P}: ${f}:2: attempt to index a nil value (local 't')`);
  assert.equal(lines[1], 'stack traceback:');
  assert.match(lines[2], /^\t/);
});

test('error objects that are not strings are described as lua.c does', () => {
  assert.equal(run(['-e', 'error({})']).err.split('\n')[0], `${P}: (error object is a table value)`);
  assert.equal(run(['-e', 'error(setmetatable({}, {__tostring = function() return "custom" end}))']).err, `${P}: custom\n`);
  assert.equal(run(['-e', 'error(42)']).err.split('\n')[0], `${P}: 42`);
});

test('syntax errors in -e name the command line', () => {
  const r = run(['-e', 'x =']);
  assert.equal(r.err, `${P}: (command line):1: unexpected symbol near <eof>\n`);
  assert.equal(r.status, 1);
});

test('a missing script is reported like the reference', () => {
  const r = run([join(dir, 'nope.lua')]);
  assert.equal(r.err, `${P}: cannot open ${join(dir, 'nope.lua')}: No such file or directory\n`);
  assert.equal(r.status, 1);
});

test('"-" runs standard input, and so does no argument when stdin is not a terminal', () => {
  assert.equal(run(['-'], { input: 'print("from stdin")' }).out, 'from stdin\n');
  assert.equal(run([], { input: 'print(1 + 1)' }).out, '2\n');
});

test('unknown options print the usage and fail', () => {
  const r = run(['-x']);
  assert.equal(r.status, 1);
  assert.ok(r.err.startsWith(`${P}: unrecognized option '-x'\nusage: ${P} [options] [script [args]]\n`), r.err);
  assert.ok(run(['-e']).err.startsWith(`${P}: '-e' needs argument\n`));
});

test('-v prints the version; -W turns warnings on', () => {
  assert.match(run(['-v']).out, /^moonbox .*Lua 5\.4/);
  assert.equal(run(['-e', 'warn("hidden")']).err, '');
  assert.equal(run(['-W', '-e', 'warn("shown")']).err, 'Lua warning: shown\n');
});

test('LUA_INIT runs first, unless -E', () => {
  const env = { LUA_INIT: 'greeting = "hi"' };
  assert.equal(run(['-e', 'print(greeting)'], { env }).out, 'hi\n');
  assert.equal(run(['-E', '-e', 'print(greeting)'], { env }).out, 'nil\n');
  const f = script('init.lua', 'from_file = 7');
  assert.equal(run(['-e', 'print(from_file)'], { env: { LUA_INIT: '@' + f } }).out, '7\n');
});

test('-l requires a module into a global', () => {
  script('mymod.lua', 'return { answer = 42 }');
  const r = spawnSync(process.execPath, [bin, '-l', 'mymod', '-l', 'm2=mymod', '-e', 'print(mymod.answer, m2.answer)'], {
    cwd: dir, encoding: 'latin1', env: { ...process.env, LUA_PATH: './?.lua' },
  });
  assert.equal(r.stdout, '42\t42\n');
});

test('the REPL prints expression values and continues incomplete statements', () => {
  const r = run(['-i'], { input: 'x = 10\nx * 2\nfunction f()\nreturn "multi"\nend\nf()\n' });
  assert.match(r.out, /^moonbox .*\n/);
  assert.ok(r.out.includes('20\n'), r.out);
  assert.ok(r.out.includes('multi\n'), r.out);
  assert.ok(r.out.includes('>> '), 'continuation prompt shown');
});

test('output is raw bytes', () => {
  const r = run(['-e', 'io.write("\\xff\\x00\\x80")']);
  assert.equal(r.out, '\xff\x00\x80');
});

test('os.exit writes out what buffered files hold, as C exit() does', () => {
  const out = join(dir, 'buffered.txt');
  const f = script('exit-buffered.lua', `
    local f = assert(io.open(${JSON.stringify(out)}, "w"))
    f:setvbuf("full")
    f:write("kept at exit")
    os.exit(3)`);
  const r = run([f]);
  assert.equal(r.status, 3);
  assert.equal(readFileSync(out, 'latin1'), 'kept at exit');
});

test('a script file may start with a UTF-8 byte-order mark, then a # line', () => {
  const f = script('bom.lua', '\xEF\xBB\xBF#!/usr/bin/env lua\nprint(debug.getinfo(1, "l").currentline)');
  const r = run([f]);
  assert.equal(r.err, '');
  assert.equal(r.out, '2\n');
});

test('-E makes the libraries ignore LUA_PATH and LUA_CPATH too', () => {
  const r = run(['-E', '-e', 'print(package.path:find("xxx") == nil, package.cpath:find("xxx") == nil)'], { env: { LUA_PATH: 'xxx', LUA_CPATH: 'xxx' } });
  assert.equal(r.out, 'true\ttrue\n');
  const plain = run(['-e', 'print(package.path)'], { env: { LUA_PATH: 'xxx' } });
  assert.equal(plain.out, 'xxx\n');
});

test("the script's arguments are what 'arg' holds when it starts, as lua.c's pushargs", () => {
  assert.equal(run(['-e', 'arg[1] = 100', '-', 'x'], { input: 'print(...)' }).out, '100\n');
  const r = run(['-e', 'arg = 1', '-'], { input: '' });
  assert.equal(r.status, 1);
  assert.equal(r.err, `${P}: 'arg' is not a table\n`);
});

test('arg[-1] is the command as invoked, so that a script can run it again', () => {
  const f = script('rerun.lua', 'local i = 0 while arg[i - 1] do i = i - 1 end print(arg[i] == ' + JSON.stringify(bin) + ')');
  assert.equal(run([f]).out, 'true\n');
});

test("the REPL's '=expr' prints the expression, as lua.c keeps it for 5.2", () => {
  const r = run(['-e', "_PROMPT='' _PROMPT2=''", '-i'], { input: 'a = [[b\nc]]\n=a\n= 1 + 1\n' });
  assert.equal(r.out.slice(r.out.indexOf('\n') + 1), 'a = [[b\nc]]\n=a\nb\nc\n= 1 + 1\n2\n\n');
});

test('a REPL reading from a file echoes each line after its prompt, as lua built with readline does', () => {
  // main.lua of the official suite checks this transcript, with a prompt that counts its uses
  const prompt = 'C = 0; _PROMPT = setmetatable({}, {__tostring = function() C = C + 1; return C end})';
  const r = run(['-e', prompt, '-i'], { input: ' --\na = 2\n' });
  assert.equal(r.out.slice(r.out.indexOf('\n') + 1), '1 --\n2a = 2\n3\n');
});
