/**
 * Ctrl-C as lua.c handles it: SIGINT while a chunk runs is the Lua error
 * "interrupted!" (catchable by pcall; a traceback and status 1 when it ends
 * the script); a second SIGINT while the first is still pending (the script
 * is inside one long library call) ends the process by the signal.
 *
 * Each case starts bin/moonbox.js, waits until the script says it is
 * running, and sends the signal.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/moonbox.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'moonbox-sigint-'));

interface Ended {
  out: string;
  err: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Run `args`; each time stdout has shown one more of `marks`, send SIGINT.
 * (The marks are printed by the script just before it starts to loop.)
 */
function interruptAt(args: string[], marks: string[], extraSignals = 0): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let sent = 0;
    child.stdout.setEncoding('latin1').on('data', (s: string) => {
      out += s;
      while (sent < marks.length && out.includes(marks[sent])) {
        sent++;
        child.kill('SIGINT');
        // more signals shortly after the first, while it is still pending
        for (let i = 1; i <= extraSignals; i++) setTimeout(() => child.kill('SIGINT'), 100 * i);
      }
    });
    child.stderr.setEncoding('latin1').on('data', (s: string) => { err += s; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 20 s; stdout: ${out}; stderr: ${err}`));
    }, 20_000);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      resolve({ out, err, status, signal });
    });
  });
}

test('SIGINT in a loop: "interrupted!" at the caller\'s line (lua.c\'s luaL_error in its hook), a traceback, status 1', async () => {
  const f = join(dir, 'loop.lua');
  writeFileSync(f, 'local function f() io.write("looping\\n") io.stdout:flush() while true do end end\nf()\n');
  const r = await interruptAt([f], ['looping']);
  assert.equal(r.status, 1);
  // the same text as lua5.4.6 prints for this script (with its own name in front)
  assert.equal(r.err, `${bin}: ${f}:2: interrupted!\nstack traceback:\n\t${f}:1: in local 'f'\n\t${f}:2: in main chunk\n\t[C]: in ?\n`);
});

test('SIGINT in the main chunk has no position (level 1 is the host)', async () => {
  const r = await interruptAt(['-e', 'print("go") while true do end'], ['go']);
  assert.equal(r.status, 1);
  assert.equal(r.err, `${bin}: interrupted!\nstack traceback:\n\t(command line):1: in main chunk\n\t[C]: in ?\n`);
});

test('pcall catches the interruption and the script goes on (main.lua of the official suite)', async () => {
  const r = await interruptAt(['-e', 'print(pcall(function () print(12); while true do end end)); print(42)'], ['12']);
  assert.equal(r.out, '12\nfalse\tinterrupted!\n42\n');
  assert.equal(r.status, 0);
});

test('each SIGINT interrupts what runs then: twice in one script', async () => {
  const r = await interruptAt(
    ['-e', 'for i = 1, 2 do print(pcall(function () print("round" .. i); while true do end end)) end print("end")'],
    ['round1', 'round2'],
  );
  assert.equal(r.out, 'round1\nfalse\tinterrupted!\nround2\nfalse\tinterrupted!\nend\n');
});

test('a loop inside a coroutine is interrupted too, and the error crosses resume', async () => {
  const r = await interruptAt(
    ['-e', 'local co = coroutine.wrap(function () print("in") while true do end end) print(pcall(co))'],
    ['in'],
  );
  assert.equal(r.out, 'in\nfalse\tinterrupted!\n');
});

test('inside one long library call the signal waits; a second one ends the process by SIGINT', async () => {
  // lua.c cannot interrupt a C function either: main.lua expects at least two signals here
  const r = await interruptAt(['-e', "print('searching') string.find(string.rep('a', 100000), '.*b') print('finished')"], ['searching'], 1);
  assert.equal(r.signal, 'SIGINT', `status ${r.status}, stderr ${r.err}`);
  assert.equal(r.out, 'searching\n');
});
