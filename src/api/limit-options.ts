/**
 * What a run may use and what it used, as the host gives and reads them,
 * with the check of a `limits` object: apart from the run tracker
 * (limits.ts), so that the worker client checks limits without loading the
 * runtime.
 */

import { nonNegativeNumber, ofType, type OptionTable } from './options.js';

/** What one run (`run`, `call`, a proxy access...) may use. Absent: no limit. */
export interface Limits {
  /**
   * VM steps: a backward jump counts as the instructions of the loop body
   * it repeats, a call as one; library functions count their work (pattern
   * steps, bytes produced, elements moved, comparisons).
   */
  instructions?: number;
  /**
   * Bytes the state's heap may hold (`collectgarbage("count") * 1024`): an
   * allocation that would pass it fails before it happens, with "not enough
   * memory". State-wide, not per run: what earlier runs left counts.
   */
  memory?: number;
  /** Milliseconds of wall-clock time for the run. */
  time?: number;
  /** In async runs, does time spent waiting for host Promises count against `time`? (default false) */
  countWaits?: boolean;
}

/** What a run used, as `lua.usage()` reports it after each run. */
export interface Usage {
  /** VM steps, counted as for `Limits.instructions`. */
  instructions: number;
  /** Bytes the heap held at the end of the run (the count). */
  memory: number;
  /** The highest the count reached during the run. */
  peakMemory: number;
  /** Milliseconds of the run (host waits excluded unless `countWaits`). */
  time: number;
}

/** The usage of no run yet (frozen: copy it before changing). */
export const NO_USAGE: Readonly<Usage> = Object.freeze({ instructions: 0, memory: 0, peakMemory: 0, time: 0 });

/** The checks of a `limits` object. */
export const LIMITS_OPTIONS: OptionTable<Limits> = {
  instructions: nonNegativeNumber,
  memory: nonNegativeNumber,
  time: nonNegativeNumber,
  countWaits: ofType('boolean'),
};
