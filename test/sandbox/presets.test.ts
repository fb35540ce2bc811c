/**
 * What a sandboxed script can reach: the presets, allow-lists, the
 * restricted `load` and `collectgarbage`, string methods, per-state
 * addresses, and the file-system policies of the platforms.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDirectoryPlatform, Lua } from '../../src/index.js';

/** The globals a state's scripts see, sorted (library tables as name.field), read from the host. */
function reachable(lua: Lua): string[] {
  const out: string[] = [];
  for (const [k, v] of lua.globals) {
    const name = String(k);
    if (typeof v === 'object' && v !== null && name !== '_G') {
      for (const [f] of v as Iterable<[unknown, unknown]>) out.push(`${name}.${String(f)}`);
    } else {
      out.push(name);
    }
  }
  return out.sort();
}

test("the default is the 'safe' preset: no io, debug, package, file loading or processes", () => {
  const names = reachable(new Lua());
  for (const absent of ['io.open', 'debug.getregistry', 'package.loadlib', 'require', 'dofile', 'loadfile', 'os.execute',
    'os.exit', 'os.getenv', 'os.remove', 'os.rename', 'os.tmpname', 'io.popen']) {
    assert.ok(!names.includes(absent), `${absent} is reachable`);
  }
  for (const present of ['print', 'pcall', 'load', 'setmetatable', 'string.format', 'table.sort', 'math.floor', 'utf8.char',
    'coroutine.wrap', 'os.time', 'os.clock', 'os.date', 'os.difftime']) {
    assert.ok(names.includes(present), `${present} is missing`);
  }
  assert.deepEqual(names.filter((n) => n.startsWith('os.')), ['os.clock', 'os.date', 'os.difftime', 'os.time']);
});

test("'none' is full Lua; an allow-list keeps exactly what it names", () => {
  const full = reachable(new Lua({ sandbox: 'none' }));
  assert.ok(full.includes('io.open') && full.includes('debug.getinfo') && full.includes('os.execute'));
  const lua = new Lua({ sandbox: ['print', 'string.format', 'table', 'os.time'] });
  assert.deepEqual(reachable(lua).filter((n) => !n.startsWith('table.')), ['os.time', 'print', 'string.format']);
  assert.equal(lua.run('return package'), undefined);
  assert.throws(() => new Lua({ sandbox: ['os.time()'] as never }), /option 'sandbox' must be 'none', 'safe' or an array of names/);
});

test('string methods are the sandbox\'s string table, and getmetatable("") is harmless', () => {
  const lua = new Lua({ sandbox: ['print', 'getmetatable', 'string.upper'] });
  assert.equal(lua.run('return ("abc"):upper()'), 'ABC');
  assert.throws(() => lua.run('return ("x"):rep(3)'), /attempt to call a nil value \(method 'rep'\)/);
  // the metatable a script gets is a copy: changing it changes nothing
  lua.run('local mt = getmetatable("") mt.__index = {upper = function() return "evil" end}');
  assert.equal(lua.run('return ("abc"):upper()'), 'ABC');
  const safe = new Lua();
  assert.equal(safe.run('return getmetatable("").__index == string'), true);
});

test("the sandbox's load compiles text only; collectgarbage answers the count only", () => {
  const lua = new Lua();
  assert.equal(lua.run('return load("return 1 + 1")()'), 2);
  assert.match(lua.run<string>('return select(2, load(string.dump(function() end)))'), /attempt to load a binary chunk \(mode is 't'\)/);
  assert.match(lua.run<string>('return select(2, load(string.dump(function() end), "x", "b"))'), /attempt to load a binary chunk/);
  assert.match(lua.run<string>('return select(2, load(string.dump(function() end), "x", "bt"))'), /attempt to load a binary chunk/);
  assert.equal(lua.run('return math.type(collectgarbage("count"))'), 'float');
  for (const option of ['collect', 'stop', 'step', 'incremental']) {
    assert.throws(() => lua.run(`collectgarbage("${option}")`), new RegExp(`option '${option}' is not allowed in the sandbox`));
  }
  assert.throws(() => lua.run('collectgarbage()'), /option 'collect' is not allowed/);
});

test('object addresses are per state and say nothing about other states', () => {
  const a = new Lua();
  const b = new Lua();
  const addrA = a.run<string>('return tostring({})');
  const addrB = b.run<string>('return tostring({})');
  assert.match(addrA, /^table: 0x[0-9a-f]{12}$/);
  assert.notEqual(addrA, addrB); // both are their state's first table, from different random bases
  // strings: equal within a state, salted per state
  assert.equal(a.run('return string.format("%p", "abc") == string.format("%p", "ab" .. "c")'), true);
  assert.notEqual(a.run('return string.format("%p", "abc")'), b.run('return string.format("%p", "abc")'));
});

test('createDirectoryPlatform confines files to one directory, read-only by default', () => {
  const root = mkdtempSync(join(tmpdir(), 'moonbox-dir-'));
  mkdirSync(join(root, 'sub'));
  writeFileSync(join(root, 'a.txt'), 'inside');
  writeFileSync(join(root, 'sub', 'mod.lua'), 'return "module"');
  symlinkSync('/etc/passwd', join(root, 'escape'));
  const lua = new Lua({ sandbox: 'none', platform: createDirectoryPlatform(root) });
  assert.equal(lua.run('return io.open("a.txt"):read("a")'), 'inside');
  assert.equal(lua.run('return io.open("/a.txt"):read("a")'), 'inside'); // absolute paths are inside too
  assert.equal(lua.run('return io.open("sub/../../../a.txt"):read("a")'), 'inside'); // '..' stops at the root
  assert.equal(lua.run('package.path = "sub/?.lua" return require("mod")'), 'module');
  assert.equal(lua.run('return select(2, io.open("escape"))'), 'escape: Permission denied');
  assert.equal(lua.run('return select(2, io.open("b.txt", "w"))'), 'b.txt: Read-only file system');
  assert.equal(lua.run('return select(2, os.remove("a.txt"))'), 'a.txt: Read-only file system');
  assert.equal(lua.run('return (pcall(os.tmpname))'), false);
  const writable = new Lua({ sandbox: 'none', platform: createDirectoryPlatform(root, { readOnly: false }) });
  writable.run('local f = assert(io.open("b.txt", "w")) f:write("written") f:close()');
  assert.equal(lua.run('return io.open("b.txt"):read("a")'), 'written');
});
