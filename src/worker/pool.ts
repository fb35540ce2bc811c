/**
 * A pool of LuaWorkers that runs jobs (one script each, in a fresh state,
 * under its own limits) across threads: how a server that runs many
 * users' scripts uses every core while its event loop stays free.
 *
 * The queue is bounded: when `maxQueue` jobs wait, `run` rejects at once
 * with a LuaPoolError (`reason: 'full'`), the back-pressure a server turns
 * into "busy, try later"; `whenReady()` waits for room. A worker that
 * crashes or is terminated (a job overran its time limit past the grace
 * period, or was aborted) fails only the job it was running; it is replaced,
 * and the queued jobs go on.
 */

import { NO_USAGE, type Usage } from '../api/limit-options.js';
import type { RunOptions } from '../api/lua-options.js';
import { RUN_OPTIONS } from '../api/lua-options.js';
import { checkOptions, describe, positiveInteger, type OptionTable } from '../api/options.js';
import { LuaWorkerError } from './protocol.js';
import { WORKER_OPTIONS, type LuaWorkerBase, type LuaWorkerOptions } from './lua-worker.js';

/** Options of a pool: those of its workers' states (output is per job), and the pool's own. */
export interface LuaPoolOptions extends Omit<LuaWorkerOptions, 'stdout' | 'stderr'> {
  /** Workers (default: the number of cores). */
  size?: number;
  /** Jobs that may wait for a worker before `run` rejects (default 10,000). */
  maxQueue?: number;
}

/**
 * An AbortSignal (typed by shape, so that the package's types need neither
 * the DOM library nor Node.js's).
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
}

/** Options of one job. */
export interface JobOptions extends RunOptions {
  /** Return every result of the chunk as an array instead of the first. */
  multi?: boolean;
  /** Cancels the job: removed from the queue, or stopped (interrupt, then terminate after the grace period). */
  signal?: AbortSignalLike;
}

/**
 * How a job ended. A job's own failure (a Lua error, a limit, its worker
 * terminated) is part of its result, with the output it printed and what
 * it used: the promise of `run` rejects only when the pool cannot take
 * the job.
 */
export type JobResult = JobEnd & {
  /** Everything the script printed (`print`, `io.write`). */
  stdout: string;
  /** Its warnings and `io.stderr` output. */
  stderr: string;
};

/** A job's value or error, and what it used (zeros when its worker died). */
export type JobEnd = { usage: Usage } & ({ ok: true; value: unknown } | { ok: false; error: Error });

/** The pool cannot take a job: its queue is full, or it was closed. */
export class LuaPoolError extends Error {
  constructor(message: string, readonly reason: 'full' | 'closed') {
    super(message);
    this.name = 'LuaPoolError';
  }
}

const POOL_OPTIONS: OptionTable<LuaPoolOptions> = {
  ...(({ stdout: _o, stderr: _e, ...rest }) => rest)(WORKER_OPTIONS),
  size: positiveInteger,
  maxQueue: (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : `must be an integer, 0 or more (got ${describe(v)})`),
};

const JOB_OPTIONS: OptionTable<JobOptions> = {
  ...RUN_OPTIONS,
  signal: (v) => (typeof v === 'object' && v !== null && 'aborted' in v ? undefined : `must be an AbortSignal (got ${describe(v)})`),
};

const DEFAULT_MAX_QUEUE = 10_000;

interface Job {
  code: string;
  options: JobOptions;
  resolve(result: JobResult): void;
  /** Output gathered while it runs. */
  out: string[];
  err: string[];
  /** Set once it is settled (by its end, or by an abort). */
  done: boolean;
}

/**
 * Jobs sent to a worker at a time: the one it runs and the next, so that it
 * never waits for the host to answer before starting another (a message
 * each way costs a thread wake-up, a good part of a small job).
 */
const IN_FLIGHT = 2;

/** One worker of the pool and the jobs sent to it, the running one first. */
interface Slot {
  worker: Promise<LuaWorkerBase>;
  /** The started worker, once it is. */
  ready: LuaWorkerBase | undefined;
  jobs: Job[];
  /** Once the worker died: the job that was running then (the others had not started). */
  culprit: Job | undefined;
}

/** Starts a worker whose output goes to the given functions. */
export type StartWorker = (options: LuaWorkerOptions) => Promise<LuaWorkerBase>;

/** The pool, given how to start a worker (LuaPool in web.ts and node.ts). */
export class LuaPoolBase {
  /** Workers the pool runs jobs on. */
  readonly size: number;
  private readonly maxQueue: number;
  private readonly queue: Job[] = [];
  private readonly slots: Slot[] = [];
  private readonly waiters: (() => void)[] = [];
  private closing = false;
  private readonly workerOptions: LuaWorkerOptions;

  protected constructor(private readonly start: StartWorker, options: LuaPoolOptions, cores: number) {
    checkOptions('LuaPool', options, POOL_OPTIONS);
    const { size, maxQueue, ...workerOptions } = options;
    this.size = size ?? Math.max(1, cores);
    this.maxQueue = maxQueue ?? DEFAULT_MAX_QUEUE;
    this.workerOptions = workerOptions;
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Jobs running now. */
  get running(): number {
    return this.slots.reduce((n, s) => n + s.jobs.length, 0);
  }

  /**
   * Run `code` as a job: in a fresh state on the next free worker, with the
   * pool's limits replaced by the job's for the ones it gives. Resolves to
   * how it ended (see JobResult); rejects with a LuaPoolError when the
   * queue is full or the pool closed, a TypeError for invalid options.
   */
  run(code: string, options: JobOptions = {}): Promise<JobResult> {
    checkOptions('LuaPool.run', options, JOB_OPTIONS);
    if (this.closing) return Promise.reject(new LuaPoolError('the pool is closed', 'closed'));
    const startsNow = this.slots.some((s) => s.jobs.length < IN_FLIGHT) || this.slots.length < this.size;
    if (this.queue.length >= this.maxQueue && !startsNow) {
      return Promise.reject(new LuaPoolError(`the pool's queue is full (${this.maxQueue} jobs wait)`, 'full'));
    }
    return new Promise<JobResult>((resolve) => {
      const job: Job = { code: String(code), options, resolve, out: [], err: [], done: false };
      const signal = options.signal;
      if (signal?.aborted === true) {
        settle(job, { ok: false, error: aborted(), usage: NO_USAGE });
        return;
      }
      signal?.addEventListener('abort', () => this.abort(job), { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Resolves when the queue has room for another job (at once if it has). */
  async whenReady(): Promise<void> {
    while (this.queue.length >= this.maxQueue && !this.closing) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves when no job is queued or running. */
  async idle(): Promise<void> {
    while (this.queue.length > 0 || this.running > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Take no more jobs, let the queued and running ones finish, then end the workers. */
  async close(): Promise<void> {
    this.closing = true;
    await this.idle();
    await Promise.all(this.slots.map(async (s) => (await s.worker.catch(() => undefined))?.terminate('the pool was closed')));
    this.slots.length = 0;
  }

  /** End every worker now: running jobs end with a LuaWorkerError, queued ones too. */
  terminate(): void {
    this.closing = true;
    for (const job of this.queue.splice(0)) settle(job, { ok: false, error: new LuaWorkerError('the pool was terminated', 'terminated'), usage: NO_USAGE });
    for (const s of this.slots.splice(0)) s.worker.then((w) => w.terminate('the pool was terminated'), () => undefined);
    this.wake();
  }

  /** Give queued jobs to idle workers, then to new ones up to `size`, then to busy ones as their next. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.jobs.length === 0) ?? this.newSlot()
        ?? this.slots.find((s) => s.jobs.length < IN_FLIGHT);
      if (slot === undefined) return;
      const job = this.queue.shift()!;
      this.wake();
      void this.runOn(slot, job);
    }
  }

  private newSlot(): Slot | undefined {
    if (this.slots.length >= this.size || this.closing) return undefined;
    const slot: Slot = { worker: undefined!, ready: undefined, jobs: [], culprit: undefined };
    // output comes before the reply of the job that printed it: the running job's
    slot.worker = this.start({
      ...this.workerOptions,
      stdout: (text) => slot.jobs[0]?.out.push(text),
      stderr: (text) => slot.jobs[0]?.err.push(text),
    });
    slot.worker.then((w) => { slot.ready = w; }, () => undefined);
    this.slots.push(slot);
    return slot;
  }

  private async runOn(slot: Slot, job: Job): Promise<void> {
    slot.jobs.push(job);
    let worker: LuaWorkerBase;
    try {
      worker = await slot.worker;
    } catch (e) {
      // the worker could not start (options the state rejects): the job fails with why, the slot goes
      this.drop(slot);
      this.finish(slot, job, { ok: false, error: e as Error, usage: NO_USAGE });
      return;
    }
    if (job.done) {
      // aborted while its worker started
      this.finish(slot, job, undefined);
      return;
    }
    const { signal: _signal, ...runOptions } = job.options;
    let result: { ok: true; value: unknown } | { ok: false; error: Error };
    try {
      result = { ok: true, value: await worker.runFresh(job.code, runOptions) };
    } catch (e) {
      result = { ok: false, error: e as Error };
    }
    if (!worker.alive) {
      // crashed or terminated: a new worker takes its place; only the job it was running fails
      this.drop(slot);
      slot.culprit ??= slot.jobs[0];
      if (job !== slot.culprit && !job.done && !this.closing) {
        slot.jobs.splice(slot.jobs.indexOf(job), 1);
        this.queue.unshift(job);
        this.dispatch();
        return;
      }
    }
    this.finish(slot, job, { ...result, usage: worker.alive ? worker.usage() : NO_USAGE });
    // the next job sent to this worker may have been aborted before it started: stop it there
    if (worker.alive && slot.jobs[0]?.done === true) void worker.stop();
  }

  /** A job leaves its worker: settled (unless `end` is undefined), then the queue moves on. */
  private finish(slot: Slot, job: Job, end: JobEnd | undefined): void {
    const i = slot.jobs.indexOf(job);
    if (i >= 0) slot.jobs.splice(i, 1);
    if (end !== undefined) settle(job, end);
    this.wake();
    this.dispatch();
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  /** An aborted job: out of the queue, or its run stopped. */
  private abort(job: Job): void {
    if (job.done) return;
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      settle(job, { ok: false, error: aborted(), usage: NO_USAGE });
      this.wake();
      return;
    }
    // sent to a worker: it ends now for the caller, with what it printed; if it is running, its
    // worker is stopped (if it is next, it is stopped when it starts: see runOn)
    settle(job, { ok: false, error: aborted(), usage: NO_USAGE });
    const slot = this.slots.find((s) => s.jobs[0] === job);
    void slot?.ready?.stop();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

function aborted(): LuaWorkerError {
  return new LuaWorkerError('the job was aborted', 'aborted');
}

/** End a job once, with its output. */
function settle(job: Job, end: JobEnd): void {
  if (job.done) return;
  job.done = true;
  job.resolve({ ...end, usage: { ...end.usage }, stdout: job.out.join(''), stderr: job.err.join('') });
}
