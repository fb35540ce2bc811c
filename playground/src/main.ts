/**
 * The playground page: wires the editor, the examples menu, the limits
 * form, the output and the profile together around a Runner (the script
 * runs in a LuaWorker), and keeps the script, the limits and the chosen
 * tab in localStorage so that a reload loses nothing.
 */

import { Editor } from './editor.js';
import { DEFAULT_EXAMPLE, EXAMPLES, findExample } from './examples.js';
import { DEFAULT_LIMITS, formatMs, LimitsPanel, toLimits } from './limits.js';
import { linesNamed } from './links.js';
import { Output } from './output.js';
import { ProfileView } from './profile.js';
import { CHUNK_NAME, Runner, type RunResult } from './runner.js';
import { loadState, saveState, type Tab } from './storage.js';

function $<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

const runButton = $<HTMLButtonElement>('run');
const stopButton = $<HTMLButtonElement>('stop');
const examples = $<HTMLSelectElement>('examples');
const status = $<HTMLElement>('status');

const state = loadState();
const editor = new Editor($('editor'), $('gutter'), $('cursor-pos'));
const output = new Output($('output'), (line) => editor.goToLine(line), CHUNK_NAME);
const limits = new LimitsPanel($<HTMLFormElement>('limits'), state.limits);
const profile = new ProfileView($<HTMLIFrameElement>('flamegraph'), $('profile-table-wrap'), $('profile-empty'), CHUNK_NAME,
  (line) => editor.goToLine(line));
const runner = new Runner();

// ---- the examples menu: "Your script" (the last thing typed), then the examples in two groups ----

const DRAFT = '';
function fillExamples(): void {
  const mine = new Option('Your script', DRAFT);
  const lua = document.createElement('optgroup');
  lua.label = 'Lua 5.4';
  const hostile = document.createElement('optgroup');
  hostile.label = 'Hostile: the sandbox at work';
  for (const ex of EXAMPLES) (ex.hostile ? hostile : lua).append(new Option(ex.title, ex.id));
  examples.append(mine, lua, hostile);
}

/** The menu shows the example the editor holds, or "Your script" once edited. */
function syncMenu(): void {
  const ex = EXAMPLES.find((e) => e.code === editor.value);
  examples.value = ex ? ex.id : DRAFT;
}

fillExamples();
editor.value = state.code ?? findExample(DEFAULT_EXAMPLE)!.code;
syncMenu();

examples.addEventListener('change', () => {
  const ex = findExample(examples.value);
  editor.value = ex ? ex.code : state.draft ?? editor.value;
  state.code = editor.value;
  saveState(state);
});

// ---- persistence: the script as typed (debounced), the limits as changed ----

let saveTimer: ReturnType<typeof setTimeout> | undefined;
editor.onChange(() => {
  state.code = editor.value;
  if (EXAMPLES.every((e) => e.code !== editor.value)) state.draft = editor.value;
  syncMenu();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => saveState(state), 250);
});
// a reload right after typing must not lose the last keystrokes
window.addEventListener('pagehide', () => saveState(state));

limits.onChange(() => {
  state.limits = limits.settings;
  saveState(state);
});
$('limits-reset').addEventListener('click', () => {
  limits.settings = { ...DEFAULT_LIMITS };
  state.limits = limits.settings;
  saveState(state);
});

// ---- tabs: Output | Profile ----

const tabs: Record<Tab, { tab: HTMLButtonElement; panel: HTMLElement }> = {
  output: { tab: $('tab-output'), panel: $('panel-output') },
  profile: { tab: $('tab-profile'), panel: $('panel-profile') },
};

function selectTab(name: Tab, focus = false): void {
  for (const [key, { tab, panel }] of Object.entries(tabs)) {
    const on = key === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    panel.hidden = !on;
    if (on && focus) tab.focus();
  }
  profile.setVisible(name === 'profile');
  state.tab = name;
  saveState(state);
}

for (const [key, { tab }] of Object.entries(tabs)) {
  tab.addEventListener('click', () => selectTab(key as Tab));
  // arrow keys move between tabs, as in every tab list
  tab.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') selectTab(key === 'output' ? 'profile' : 'output', true);
  });
}
selectTab(state.tab);

// ---- running ----

/**
 * The status line. It is a live region, so screen readers announce it; the running
 * clock (`ticking`) changes ten times a second and is kept out of what they read.
 */
function setStatus(text: string, kind: '' | 'running' | 'ok' | 'failed', ticking?: string): void {
  status.textContent = text;
  if (ticking !== undefined) {
    const clock = document.createElement('span');
    clock.setAttribute('aria-hidden', 'true');
    clock.textContent = ` ${ticking}`;
    status.append(clock);
  }
  status.className = `status ${kind}`;
}

async function run(): Promise<void> {
  if (runner.busy) return;
  const code = editor.value;
  const runLimits = toLimits(limits.settings);
  saveState(state);
  output.clear('Running… (output appears here as the script prints)');
  editor.mark(null);
  limits.reset();
  profile.clear('The profile of this run appears when it ends.');
  runButton.disabled = true;
  stopButton.disabled = false;
  setStatus('Running…', 'running');

  // the time bar and the status move while the script runs: the page is not blocked
  const started = performance.now();
  const ticker = setInterval(() => {
    const elapsed = performance.now() - started;
    limits.showElapsed(runLimits, elapsed);
    setStatus('Running…', 'running', formatMs(elapsed));
  }, 100);

  let result: RunResult;
  try {
    result = await runner.run(code, runLimits, {
      stdout: (text) => output.write(text, 'stdout'),
      stderr: (text) => output.write(text, 'stderr'),
    });
  } finally {
    clearInterval(ticker);
    runButton.disabled = false;
    stopButton.disabled = true;
  }
  show(result, runLimits);
}

const LIMIT_TITLES = {
  instructions: 'Stopped by the instruction limit',
  memory: 'Stopped by the memory limit',
  time: 'Stopped by the time limit',
  interrupt: 'Stopped',
} as const;
const LIMIT_NAMES = { instructions: 'Instruction', memory: 'Memory', time: 'Time' } as const;

function show(result: RunResult, runLimits: ReturnType<typeof toLimits>): void {
  const { outcome, usage, report, elapsed } = result;
  // what the worker sent before its reply is shown now, with the status, not at the next frame
  output.flush();
  const took = formatMs(usage?.time ?? elapsed);
  switch (outcome.kind) {
    case 'ok':
      if (output.empty) output.showNote('(no output)');
      setStatus(`Finished · ${took}`, 'ok');
      break;
    case 'error':
      output.showError('Error', outcome.message, outcome.traceback);
      markFirstLine(outcome.message + '\n' + (outcome.traceback ?? ''));
      setStatus(`Error · ${took}`, 'failed');
      break;
    case 'limit':
      output.showError(LIMIT_TITLES[outcome.limit],
        outcome.limit === 'interrupt' ? 'interrupted: you pressed Stop (the script ended at its next instruction)' : outcome.message,
        outcome.traceback);
      markFirstLine(outcome.traceback ?? '');
      setStatus(outcome.limit === 'interrupt' ? `Stopped · ${took}` : `${LIMIT_NAMES[outcome.limit]} limit · ${took}`, 'failed');
      break;
    case 'killed':
      if (outcome.reason === 'stopped') {
        // the worker's own words: not cross-origin isolated, or the interrupt was not obeyed in time
        output.showError('Stopped: the worker was terminated', outcome.message);
        setStatus(`Stopped · ${took}`, 'failed');
      } else {
        output.showError('The worker crashed', outcome.message);
        setStatus('Worker crashed', 'failed');
      }
      break;
  }
  limits.showUsage(runLimits, usage, outcome.kind === 'limit' ? outcome.limit : undefined, elapsed);
  if (report) profile.show(report, `${CHUNK_NAME}: ${examples.selectedOptions[0]?.text ?? 'script'}`);
  else profile.clear(outcome.kind === 'killed' ? 'No profile: the worker was terminated with the script.' : 'No profile for this run.');
}

/** Marks, in the gutter, the first line of the script an error points at. */
function markFirstLine(text: string): void {
  editor.mark(linesNamed(text, CHUNK_NAME)[0] ?? null);
}

runButton.addEventListener('click', () => void run());
stopButton.addEventListener('click', () => {
  stopButton.disabled = true;
  setStatus('Stopping…', 'running');
  void runner.stop();
});

// Ctrl+Enter (Cmd+Enter on a Mac) runs from anywhere on the page
const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
$('run-shortcut').textContent = mac ? '⌘↵' : 'Ctrl+Enter';
runButton.title = mac ? 'Run (⌘+Enter)' : 'Run (Ctrl+Enter)';
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void run();
  }
});

// Stop's tooltip says which stop this page gets
runner.warmUp();
const stopHint = setInterval(() => {
  if (runner.cooperativeStop === undefined) return;
  clearInterval(stopHint);
  stopButton.title = runner.cooperativeStop
    ? 'Stop the script at its next instruction'
    : 'Terminate the worker running the script (this page is not cross-origin isolated, so no cooperative stop)';
}, 100);

// for the tests and the curious
Object.assign(window, { playground: { editor, runner } });
