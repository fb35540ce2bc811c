/**
 * The REPL as a person uses it: in a terminal (a tmux pane, the pseudo-
 * terminal a person's terminal emulator would give), keys pressed one by
 * one, the screen read back. Line editing and history are Node's readline;
 * these cases check that moonbox wires them up: the Up arrow, Tab
 * completion from the live globals, Ctrl-C at the prompt and in a running
 * loop, Ctrl-D, and the history file.
 *
 * Needs tmux (CI installs Debian's package); without it every case says it
 * was skipped.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/moonbox.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'moonbox-repl-'));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const skip = hasTmux ? false : 'skipped: tmux is not installed (apt-get install tmux)';

/** One terminal session on its own tmux server. */
class Terminal {
  private static count = 0;
  private readonly socket = `moonbox-test-${process.pid}-${Terminal.count++}`;

  constructor(command: string) {
    // the pane outlives the command by a minute (for its exit status); nothing outlives a test run
    this.tmux('new-session', '-d', '-x', '100', '-y', '40', `${command}; echo "[exit $?]"; sleep 60`);
    servers.add(this.socket);
    // should this process die without cleaning up, the server (and the REPL in it) ends anyway;
    // not `timeout` around the command: it would forward Ctrl-C a second time
    spawn('sh', ['-c', `sleep 180; tmux -L ${this.socket} kill-server`], { detached: true, stdio: 'ignore' }).unref();
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p').replace(/\s+$/, ''); // tmux trims each line's trailing spaces too
  }

  /** Press keys one at a time (tmux key names: Enter, Up, Tab, C-c), as a person would. */
  async press(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.tmux('send-keys', k);
      await sleep(60);
    }
  }

  /** Type text literally. */
  async type(text: string): Promise<void> {
    this.tmux('send-keys', '-l', text);
    await sleep(60);
  }

  /** Wait until the screen matches; fails with the screen after 10 s. */
  async waitFor(pattern: RegExp): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      await sleep(50);
    }
    assert.fail(`the screen never matched ${pattern}:\n${this.screen()}`);
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
    servers.delete(this.socket);
  }
}

/** tmux servers still running: killed when the test process exits, however it ends. */
const servers = new Set<string>();
process.on('exit', () => {
  for (const s of servers) spawnSync('tmux', ['-L', s, 'kill-server']);
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * A REPL session in a fresh terminal, its history in `history` (empty:
 * none). With `outliveHangup`, the command ignores SIGHUP, so that closing
 * the terminal reaches it as the end of its input, every time (a dropped
 * connection often does, before or without the signal).
 */
async function session(history = '', fn: (t: Terminal) => Promise<void>, outliveHangup = false): Promise<void> {
  const trap = outliveHangup ? 'trap "" HUP; ' : '';
  const t = new Terminal(`${trap}cd ${dir} && MOONBOX_HISTORY='${history}' ${process.execPath} ${bin}`);
  try {
    await t.waitFor(/^>$/m);
    await fn(t);
  } finally {
    t.close();
  }
}

test('the Up arrow brings back the previous line to edit (not an escape byte for the compiler)', { skip }, async () => {
  await session('', async (t) => {
    await t.type('x = 41');
    await t.press('Enter');
    await t.press('Up', 'BSpace');
    await t.type('2');
    await t.press('Enter');
    await t.type('x');
    await t.press('Enter');
    const s = await t.waitFor(/^42$/m);
    assert.doesNotMatch(s, /binary chunk/);
  });
});

test('Tab completes globals, fields after "." and methods after ":", from the live state', { skip }, async () => {
  await session('', async (t) => {
    await t.type('myTable = {alpha = 1, beta = 2}');
    await t.press('Enter');
    await t.type('string.fo');
    await t.press('Tab');
    await t.waitFor(/^> string\.format$/m);
    await t.press('C-u');
    await t.type('io.stdout:wr');
    await t.press('Tab');
    await t.waitFor(/^> io\.stdout:write$/m);
    await t.press('C-u');
    await t.type('myT');
    await t.press('Tab');
    await t.type('.al');
    await t.press('Tab');
    await t.waitFor(/^> myTable\.alpha$/m);
    await t.press('C-u');
    await t.type('math.f'); // several candidates: a second Tab lists them
    await t.press('Tab', 'Tab');
    await t.waitFor(/math\.floor\s+math\.fmod/);
  });
});

test('Ctrl-C at the prompt abandons the line and a statement being continued', { skip }, async () => {
  await session('', async (t) => {
    await t.type('y = 1 +');
    await t.press('Enter');
    await t.waitFor(/^>>$/m);
    await t.type('never finished');
    await t.press('C-c');
    await t.waitFor(/never finished\^C\n>$/);
    await t.type('print(y)');
    await t.press('Enter');
    await t.waitFor(/^nil$/m);
  });
});

test('Ctrl-C in a running loop: "interrupted!" with a traceback, and the session goes on', { skip }, async () => {
  await session('', async (t) => {
    await t.type('while true do end');
    await t.press('Enter');
    await sleep(300);
    await t.press('C-c');
    await t.waitFor(/interrupted!\nstack traceback:\n\s+stdin:1: in main chunk\n\s+\[C\]: in \?\n>$/);
    await t.type('print("still here")');
    await t.press('Enter');
    await t.waitFor(/^still here$/m);
  });
});

test('Ctrl-D on an empty line ends the session with status 0', { skip }, async () => {
  await session('', async (t) => {
    await t.press('C-d');
    await t.waitFor(/\[exit 0\]/);
  });
});

test('history is kept in a file and comes back in the next session', { skip }, async () => {
  const file = join(dir, 'history');
  writeFileSync(file, 'old_line = 1\n');
  await session(file, async (t) => {
    await t.type('print("from this session")');
    await t.press('Enter');
    await t.waitFor(/^from this session$/m);
    await t.press('Up', 'Up');
    await t.waitFor(/^> old_line = 1$/m);
  });
  assert.equal(readFileSync(file, 'utf8'), 'old_line = 1\nprint("from this session")\n');
  await session(file, async (t) => {
    await t.press('Up');
    await t.waitFor(/^> print\("from this session"\)$/m);
  });
});

test('a line being edited when the terminal closes is not run (readline would hand it over as entered)', { skip }, async () => {
  const marker = join(dir, 'ran');
  const history = join(dir, 'hangup-history');
  writeFileSync(history, '');
  await session(history, async (t) => {
    await t.type(`x = 1`);
    await t.press('Enter');
    await t.type(`io.open(${JSON.stringify(marker)}, "w"):close()`);
    await t.press('Enter', 'C-u', 'Up'); // recalled, not entered
    await t.waitFor(/^> io\.open/m);
    rmSync(marker);
  }, true); // the session ends by closing its terminal
  await sleep(1000);
  assert.equal(existsSync(marker), false, 'the half-typed line ran');
  assert.equal(readFileSync(history, 'utf8').split('\n').length, 3, 'the recalled line was taken as entered');
});
