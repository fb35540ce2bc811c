// The io/os/package libraries over the null and in-memory platforms: a
// script with no file system gets clean errors; the memory file system
// behaves like a small POSIX one; os.exit never ends the host.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openLibs } from '../../src/lib/init.js';
import { LuaExit, nullPlatform, setPlatform, type Platform } from '../../src/lib/platform-interface.js';
import { requireModule } from '../../src/lib/package.js';
import { tolstring } from '../../src/lib/tostring.js';
import { memoryPlatform } from '../../src/platform/memory.js';
import { pcall } from '../../src/vm/call.js';
import { loadChunk, newState } from '../../src/vm/create.js';
import type { LuaState } from '../../src/vm/state.js';

interface Run {
  out: string;
  err: string | undefined;
  L: LuaState;
}

/** Run `src` on `platform`; returns what it printed and its error message, if any. */
function run(platform: Platform, src: string): Run {
  let out = '';
  const L = newState({ stdout: (s) => { out += s; }, stderr: (s) => { out += s; } });
  setPlatform(L, platform);
  openLibs(L);
  const f = loadChunk(L, src, '=test', 't');
  if (typeof f === 'string') throw new Error(f);
  const func = L.top;
  L.stack[L.top++] = f;
  const st = pcall(L, func, 0, 0);
  return { out, err: st === 0 ? undefined : tolstring(L, L.stack[L.top - 1]), L };
}

test('null platform: every file operation fails cleanly', () => {
  const r = run(nullPlatform, `
    print(io.open("x.lua"))
    print(io.open("x.lua", "w"))
    print(os.remove("x"), os.rename("a", "b"))
    print(pcall(os.tmpname))
    print(io.tmpfile())
    print(pcall(io.popen, "ls"))
    print(pcall(io.lines, "x"))
    print(loadfile("x.lua"))
    print(pcall(dofile, "x.lua"))
    print(os.getenv("HOME"), os.execute(), os.execute("ls"))
    print(io.read("l"), io.read("a"))
    print(math.type(os.time()), os.date("!%Y-%m-%d", 0), os.clock() >= 0)
    print(package.searchpath("m", "./?.lua"))
    print(select(2, pcall(require, "m")))
  `);
  assert.equal(r.err, undefined);
  assert.equal(r.out, [
    'nil\tx.lua: No such file or directory\t2',
    'nil\tx.lua: No such file or directory\t2',
    'nil\tnil\tNo such file or directory\t2',
    'false\tunable to generate a unique filename',
    'nil\tRead-only file system\t30',
    "false\t'popen' not supported",
    "false\tcannot open file 'x' (No such file or directory)",
    'nil\tcannot open x.lua: No such file or directory',
    'false\tcannot open x.lua: No such file or directory',
    'nil\tfalse\tnil\tFunction not implemented\t38',
    'nil\t',
    'integer\t1970-01-01\ttrue',
    "nil\tno file './m.lua'",
    "module 'm' not found:\n\tno field package.preload['m']"
      + "\n\tno file '/usr/local/share/lua/5.4/m.lua'\n\tno file '/usr/local/share/lua/5.4/m/init.lua'"
      + "\n\tno file '/usr/local/lib/lua/5.4/m.lua'\n\tno file '/usr/local/lib/lua/5.4/m/init.lua'"
      + "\n\tno file './m.lua'\n\tno file './m/init.lua'"
      + "\n\tno file '/usr/local/lib/lua/5.4/m.so'\n\tno file '/usr/local/lib/lua/5.4/loadall.so'\n\tno file './m.so'",
    '',
  ].join('\n'));
});

test('memory platform: read, write, append, seek, remove, rename', () => {
  const bytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
  const p = memoryPlatform({ '/app/data.txt': 'one\ntwo\n', '/bin.dat': bytes }, { cwd: '/app' });
  const r = run(p, `
    for l in io.lines("data.txt") do io.write("[", l, "]") end print()
    local f = assert(io.open("new.txt", "w"))
    f:write("abc", 1, 2.5) f:close()
    f = assert(io.open("/app/new.txt", "a+")) f:write("Z")
    print(f:seek("set", 1), f:read("a"), f:seek("end")) f:close()
    f = assert(io.open("new.txt", "r+")) f:write("X") f:close()
    print(io.open("new.txt"):read("a"))
    print(os.rename("new.txt", "sub/moved.txt"), io.open("new.txt"))
    print(os.remove("sub/moved.txt"), os.remove("sub/moved.txt"))
    print(io.open("/app"):read("a"))
    local t = os.tmpname() print(io.open(t) ~= nil, os.remove(t))
    local tf = io.tmpfile() tf:write("tmp") tf:seek("set") print(tf:read("a"))
    print(pcall(io.popen, "ls"))
    local b = io.open("/bin.dat", "rb"):read("a") io.open("/copy.dat", "wb"):write(b):close()
  `);
  assert.equal(r.err, undefined);
  assert.equal(r.out, [
    '[one][two]',
    '1\tbc12.5Z\t8',
    'Xbc12.5Z',
    'true\tnil\tnew.txt: No such file or directory\t2',
    'true\tnil\tsub/moved.txt: No such file or directory\t2',
    'nil\tIs a directory\t21',
    'true\ttrue',
    'tmp',
    "false\t'popen' not supported",
    '',
  ].join('\n'));
  assert.equal(p.files.get('/app/data.txt'), 'one\ntwo\n');
  assert.equal(p.files.has('/app/new.txt'), false);
  assert.equal(p.files.get('/copy.dat'), bytes);
});

test('memory platform: read-only refuses changes, binary bytes survive', () => {
  const bytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
  const p = memoryPlatform({ '/bin.dat': bytes, '/x.lua': 'return 7' }, { readOnly: true });
  const r = run(p, `
    print(io.open("/x.lua", "w"))
    print(io.open("/x.lua", "r+"))
    print(os.remove("/x.lua"), pcall(os.tmpname))
    local s = io.open("/bin.dat", "rb"):read("a")
    print(#s)
    print(dofile("/x.lua"))
  `);
  assert.equal(r.err, undefined);
  const lines = r.out.split('\n');
  assert.equal(lines[0], 'nil\t/x.lua: Read-only file system\t30');
  assert.equal(lines[1], 'nil\t/x.lua: Read-only file system\t30');
  assert.equal(lines[2], 'nil\tfalse\tunable to generate a unique filename');
  assert.equal(lines[3], '256');
  assert.equal(lines[4], '7');
  assert.equal(p.files.get('/x.lua'), 'return 7');
});

test('memory platform: require through package.path, env paths, stdin', () => {
  const p = memoryPlatform({
    '/lib/util.lua': 'return { name = ..., file = select(2, ...) }',
    '/lib/pkg/init.lua': 'return "pkg"',
  }, { env: { LUA_PATH: '/lib/?.lua;;/lib/?/init.lua' }, stdin: 'first\n12 13\nrest' });
  const r = run(p, `
    print(package.path)
    local u, where = require("util")
    print(u.name, u.file, where, require("pkg"))
    print(io.read("l"), io.read("n", "n"), io.read("a"))
  `);
  assert.equal(r.err, undefined);
  assert.equal(r.out, [
    '/lib/?.lua;/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;/usr/local/lib/lua/5.4/?.lua;'
      + '/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua;/lib/?/init.lua',
    'util\t/lib/util.lua\t/lib/util.lua\tpkg\t/lib/pkg/init.lua',
    'first\t12\t\nrest',
    '',
  ].join('\n'));
  const p2 = memoryPlatform({}, { env: { LUA_PATH_5_4: 'a;;', LUA_PATH: 'ignored' } });
  assert.match(run(p2, 'print(package.path)').out, /^a;\/usr\/local\/share\/lua\/5\.4\/\?\.lua;.*\.\/\?\/init\.lua\n$/);
});

test('requireModule from the host', () => {
  const p = memoryPlatform({ '/m.lua': 'return { answer = 42 }' }, { cwd: '/' });
  const r = run(p, 'package.path = "/?.lua"');
  const m = requireModule(r.L, 'm');
  assert.equal(tolstring(r.L, m).startsWith('table: '), true);
});

test('os.exit throws LuaExit instead of ending the host', () => {
  for (const p of [nullPlatform, memoryPlatform()]) {
    // LuaExit is a HostAbort: no protected call (not even one inside the script) catches it
    for (const src of ['os.exit(3)', 'pcall(os.exit, 3)', 'coroutine.wrap(function() pcall(os.exit, 3) end)()']) {
      assert.throws(() => run(p, src), (e: unknown) => e instanceof LuaExit && e.code === 3);
    }
  }
  let code = -1;
  const p = memoryPlatform({}, { exit: (c) => { code = c; throw new LuaExit(c); } });
  assert.throws(() => run(p, 'os.exit(false)'), LuaExit);
  assert.equal(code, 1);
  assert.throws(() => run(p, 'os.exit(true, true)'), LuaExit);
  assert.equal(code, 0);
});

test('io.write goes through the state sinks', () => {
  const r = run(nullPlatform, 'io.write("a", 1, " ", 1.5, " ", 2^63, "\\n") io.stderr:write("e\\n") print(io.stdout:write("x") == io.stdout)');
  assert.equal(r.out, 'a1 1.5 9.2233720368548e+18\ne\nxtrue\n');
});

test('os.time/os.date use the platform clock and zone', () => {
  // A zone one hour east of UTC, with "summer time" (two hours) from t >= 1e9.
  const zone = (t: number) => (t >= 1e9
    ? { offset: 7200, isdst: true, name: 'XST' } : { offset: 3600, isdst: false, name: 'XT' });
  const p = memoryPlatform({}, { now: () => 1e9 + 0.75, zone });
  const r = run(p, `
    print(os.time(), os.date("%Y-%m-%d %H:%M:%S %z %Z"), os.date("!%H:%M %z %Z"))
    print(os.date("%H %Z", 0), os.time{year = 1970, month = 1, day = 1, hour = 1})
    local t = os.date("*t") print(t.hour, t.isdst)
    print(os.time(t) == 1e9)
  `);
  assert.equal(r.err, undefined);
  assert.equal(r.out, [
    '1000000000\t2001-09-09 03:46:40 +0200 XST\t01:46 +0000 GMT',
    '01 XT\t0',
    '3\ttrue',
    'true',
    '',
  ].join('\n'));
});
