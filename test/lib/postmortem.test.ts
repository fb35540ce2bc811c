/**
 * Post-mortem reports (src/lib/postmortem.ts): every coroutine's stack as
 * it was where the failure happened, memory by kind, limits; made without
 * running any Lua code.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lua, LuaError, LuaLimitError, formatPostMortem, type PostMortemReport, type ThreadReport } from '../../src/index.js';

const DEEP = `
local function level3(n)
  local secret = "x"
  error("deep failure " .. n)
end
local function level2() local t = {1, 2} level3(42) end
local c3 = coroutine.wrap(function() local a = 3 level2() end)
local c2 = coroutine.wrap(function() local b = buffer.create(14) c3() end)
local c1 = coroutine.wrap(function() c2() end)
idle = coroutine.create(function() local waiting = true coroutine.yield() end)
coroutine.resume(idle)
c1()
`;

function fail(lua: Lua, code: string, chunkName: string): unknown {
  try {
    lua.run(code, { chunkName });
  } catch (e) {
    return e;
  }
  return assert.fail('no error');
}

/** "source:line: in function" for each frame of a thread, as the text report lists them. */
function where(th: ThreadReport): string[] {
  return th.frames.map((f) => `${f.source}${f.line !== null ? `:${f.line}` : ''} ${f.function}`);
}

test('an error three coroutines deep: each coroutine with the frames it had when it died, locals on request', () => {
  const lua = new Lua({ postMortem: { locals: true } });
  const e = fail(lua, DEEP, '=deep.lua');
  assert.ok(e instanceof LuaError);
  const r = lua.postMortem();
  assert.equal(r.version, 1);
  assert.deepEqual(r.cause, { kind: 'error', message: 'deep.lua:12: deep.lua:9: deep.lua:8: deep.lua:4: deep failure 42' });
  const [main, ...rest] = r.threads;
  assert.equal(main.main, true);
  assert.equal(main.failing, true);
  assert.deepEqual(where(main), ["[C] local 'c1'", 'deep.lua:12 main chunk']);
  const dead = rest.filter((t) => t.status === 'error');
  assert.equal(dead.length, 3);
  // the innermost: where the error was raised, with its locals
  const inner = dead.find((t) => t.error === 'deep.lua:4: deep failure 42');
  assert.ok(inner !== undefined, JSON.stringify(dead.map((t) => t.error)));
  assert.deepEqual(where(inner), ["[C] function 'error'", "deep.lua:4 upvalue 'level3'", "deep.lua:6 upvalue 'level2'", 'deep.lua:7 function <deep.lua:7>']);
  assert.deepEqual(inner.frames[1].locals, [{ name: 'n', value: '42' }, { name: 'secret', value: '"x"' }]);
  const middle = dead.find((t) => t.error === 'deep.lua:8: deep.lua:4: deep failure 42');
  assert.ok(middle !== undefined);
  assert.match(middle.frames[1].locals![0].value, /^buffer: 0x[0-9a-f]+ \(14 bytes\)$/);
  // the suspended coroutine is there too, at its yield
  const idle = rest.find((t) => t.status === 'suspended');
  assert.ok(idle !== undefined);
  assert.deepEqual(where(idle), ["[C] function 'coroutine.yield'", 'deep.lua:10 function <deep.lua:10>']);
  // as text
  const text = formatPostMortem(r);
  assert.match(text, /^moonbox post-mortem report\ncause: error: deep\.lua:12: /);
  assert.match(text, /coroutine 0x[0-9a-f]+ \(error\): deep\.lua:4: deep failure 42\n {2}\[C\]: in function 'error'\n/);
  assert.match(text, /\n {6}local n = 42\n {6}local secret = "x"\n/);
});

test('a limit: the report is made where it hit, inside the coroutine that was running', () => {
  const lua = new Lua({ postMortem: true, limits: { instructions: 50_000 } });
  const e = fail(lua, 'local co = coroutine.wrap(function()\n  local n = 0\n  while true do n = n + 1 end\nend)\nco()', '=spin.lua');
  assert.ok(e instanceof LuaLimitError);
  const r = lua.postMortem();
  assert.equal(r.cause?.kind, 'limit');
  assert.equal(r.cause?.limit, 'instructions');
  const failing = r.threads[0];
  assert.equal(failing.failing, true);
  assert.equal(failing.main, false);
  assert.deepEqual(where(failing), ['spin.lua:3 function <spin.lua:1>']);
  assert.equal(failing.frames[0].locals, undefined); // locals only on request
  assert.equal(r.limits.instructions.limit, 50_000);
  assert.ok(r.limits.instructions.used >= 50_000);
});

test('making a report runs no Lua code: no __tostring, no __index, no __name lookup by metamethod', () => {
  const lua = new Lua({ postMortem: { locals: true } });
  fail(lua, `
    calls = 0
    local mt = {__tostring = function() calls = calls + 1 return "x" end, __index = function() calls = calls + 1 end, __name = "Thing"}
    local obj = setmetatable({}, mt)
    local long = string.rep("a", 500)
    error("failed")`, '=safe.lua');
  const r = lua.postMortem();
  assert.equal(lua.run('return calls'), 0);
  const locals = r.threads[0].frames.find((f) => f.source === 'safe.lua')!.locals!;
  assert.match(locals.find((v) => v.name === 'obj')!.value, /^table: 0x[0-9a-f]+$/);
  assert.equal(locals.find((v) => v.name === 'long')!.value, `"${'a'.repeat(80)}"... (500 bytes)`);
});

test('on request, with nothing failed: the state as it is; memory by kind adds up; JSON round trip', () => {
  const lua = new Lua();
  lua.run('keep = buffer.create(100000) co = coroutine.create(function() coroutine.yield() end) coroutine.resume(co)');
  const r = lua.postMortem();
  assert.equal(r.cause, undefined);
  assert.equal(r.threads.length, 2);
  assert.equal(r.threads[1].status, 'suspended');
  const by = r.memory.byType;
  assert.equal(by.strings + by.tables + by.functions + by.coroutines + by.buffers + by.userdata + by.other, r.memory.total);
  assert.ok(by.buffers >= 100_000, `buffers ${by.buffers}`);
  assert.ok(by.coroutines > 0 && by.tables > 0 && by.functions > 0 && by.strings > 0);
  assert.deepEqual(JSON.parse(JSON.stringify(r)) as PostMortemReport, r);
});

const bin = fileURLToPath(new URL('../../../bin/moonbox.js', import.meta.url));

test('the command: --post-mortem prints the report after the error; =FILE.json writes JSON; nothing when all went well', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moonbox-pm-'));
  const script = join(dir, 'fail.lua');
  writeFileSync(script, 'local function f(t)\n  local count = #t\n  return t.missing.field\nend\nlocal co = coroutine.wrap(function(x) f({1, 2, 3}) end)\nco(21)\n');
  const r = spawnSync(process.execPath, [bin, '--post-mortem', script], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /attempt to index a nil value \(field 'missing'\)\nstack traceback:[\s\S]*\nmoonbox post-mortem report\ncause: error: /);
  assert.match(r.stderr, /\(error\): .*fail\.lua:3: attempt to index a nil value \(field 'missing'\)\n {2}.*fail\.lua:3: in upvalue 'f'\n {6}local t = table: 0x[0-9a-f]+\n {6}local count = 3\n/);
  const json = join(dir, 'report.json');
  const limited = spawnSync(process.execPath, [bin, `--post-mortem=${json}`, '--max-instructions=10000', '-e', 'while true do end'], { encoding: 'utf8' });
  assert.equal(limited.status, 3);
  const report = JSON.parse(readFileSync(json, 'utf8')) as PostMortemReport;
  assert.equal(report.cause?.limit, 'instructions');
  assert.equal(report.threads[0].frames[0].source, '(command line)');
  const ok = spawnSync(process.execPath, [bin, '--post-mortem', '-e', 'print("fine")'], { encoding: 'utf8' });
  assert.equal(ok.stdout, 'fine\n');
  assert.equal(ok.stderr, '');
});
