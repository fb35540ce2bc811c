/**
 * Runs the editor's script in a LuaWorker, so that nothing a script does
 * (an endless loop, a memory bomb) can freeze the page, and turns every way
 * a run can end into one `RunOutcome` the page shows.
 *
 * One worker is kept and reused: before each run its state is replaced by
 * a fresh one (`reset()`), so globals from the previous run are gone, and
 * the run gets the form's limits. A hard stop (or a crash) kills the
 * worker; a new one is started at once, in the background, so the next
 * Run does not wait for it.
 */

import {
  LuaError, LuaLimitError, LuaWorker, LuaWorkerError,
  type LimitName, type Limits, type ProfileReport, type Usage,
} from 'moonbox/worker';

/** The chunk name of the editor's script: errors say "main.lua:3:". */
export const CHUNK_NAME = 'main.lua';

/**
 * Lua stack slots per state. The reference's 1,000,000 lets recursion go
 * about 200,000 calls deep, over 100 MB of frames, so under the page's
 * default 64 MB the memory limit would come first; a fifth of it keeps
 * "stack overflow" the ordinary Lua error it is (about 40,000 calls deep).
 */
const STACK_LIMIT = 200_000;

export type RunOutcome =
  /** The script finished. */
  | { kind: 'ok' }
  /** A Lua error (syntax or runtime) reached the host. */
  | { kind: 'error'; message: string; traceback?: string }
  /** A limit stopped it ('interrupt': the Stop button, cooperatively). */
  | { kind: 'limit'; limit: LimitName; message: string; traceback?: string }
  /** The worker was terminated (Stop without shared memory, or a stop that did not take) or crashed. */
  | { kind: 'killed'; reason: 'stopped' | 'crashed'; message: string };

export interface RunResult {
  outcome: RunOutcome;
  /** What the run used; undefined when the worker died with it. */
  usage?: Usage;
  /** The profiler's report; undefined when the worker died, or profiling failed. */
  report?: ProfileReport;
  /** Wall-clock milliseconds as the page saw them (worker round trips included). */
  elapsed: number;
}

export interface Sinks {
  stdout(text: string): void;
  stderr(text: string): void;
}

export class Runner {
  private worker: Promise<LuaWorker> | null = null;
  private live: LuaWorker | null = null;
  private sinks: Sinks = { stdout: () => {}, stderr: () => {} };
  private stopping = false;
  private running = false;

  /** Starts a worker now, so that the first Run does not wait for one. */
  warmUp(): void {
    void this.acquire().catch(() => { /* reported by the run that needs it */ });
  }

  /** True when Stop ends a script cooperatively (the page is cross-origin isolated); false: Stop terminates the worker. */
  get cooperativeStop(): boolean | undefined {
    return this.live?.cooperative;
  }

  get busy(): boolean {
    return this.running;
  }

  async run(code: string, limits: Limits, sinks: Sinks, profile = true): Promise<RunResult> {
    if (this.running) throw new Error('a script is already running');
    this.running = true;
    this.stopping = false;
    this.sinks = sinks;
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    let w: LuaWorker | undefined;
    try {
      w = await this.acquire();
      await w.reset();
      if (profile) await w.startProfile();
      let outcome: RunOutcome;
      try {
        await w.run(code, { chunkName: CHUNK_NAME, limits });
        outcome = { kind: 'ok' };
      } catch (e) {
        outcome = this.describe(e);
      }
      if (outcome.kind === 'killed') return { outcome, elapsed: elapsed() };
      const usage = w.usage();
      // the profiler keeps the report of a run that failed, limits included
      const report = profile ? await w.stopProfile().catch(() => undefined) : undefined;
      return { outcome, usage, report, elapsed: elapsed() };
    } catch (e) {
      // the worker died around the run (during reset or stopProfile), or could not start
      return { outcome: this.describe(e), elapsed: elapsed() };
    } finally {
      this.running = false;
      this.sinks = { stdout: () => {}, stderr: () => {} };
      if (w && !w.alive) this.replace(w);
    }
  }

  /**
   * The Stop button: the cooperative interrupt (the state lives on), and
   * if the script has not stopped within half a second, or the page cannot
   * share memory with the worker, terminate it.
   */
  async stop(): Promise<void> {
    if (!this.running || !this.live) return;
    this.stopping = true;
    await this.live.stop({ grace: 500 });
  }

  private describe(e: unknown): RunOutcome {
    if (e instanceof LuaLimitError) return { kind: 'limit', limit: e.limit, message: e.message, traceback: e.luaTraceback };
    if (e instanceof LuaError) return { kind: 'error', message: e.message, traceback: e.luaTraceback };
    if (e instanceof LuaWorkerError) {
      // terminated by our Stop, or else killed (a crash, or the worker's watchdog)
      return this.stopping
        ? { kind: 'killed', reason: 'stopped', message: e.message }
        : { kind: 'killed', reason: 'crashed', message: e.message };
    }
    return { kind: 'killed', reason: 'crashed', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }

  private acquire(): Promise<LuaWorker> {
    if (this.worker === null) {
      this.worker = LuaWorker.create({
        sandbox: 'safe',
        stackLimit: STACK_LIMIT,
        // output is routed to whichever run is current
        stdout: (text) => this.sinks.stdout(text),
        stderr: (text) => this.sinks.stderr(text),
      }).then((w) => {
        this.live = w;
        return w;
      });
      // a worker that failed to start is forgotten, so the next run tries again
      this.worker.catch(() => {
        this.worker = null;
      });
    }
    return this.worker;
  }

  /** A dead worker is dropped and a new one started in the background. */
  private replace(dead: LuaWorker): void {
    if (this.live === dead) this.live = null;
    this.worker = null;
    this.warmUp();
  }
}
