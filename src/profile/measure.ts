/**
 * How the views of a profile measure and write times, so that the table
 * and the flame graph give the same figures for the same function.
 */

import type { ProfileReport } from '../vm/profiler.js';

/**
 * The time percentages are of: the profile's duration, or the call tree's
 * total if that came out longer (two clocks read at slightly different
 * moments), so that no percentage exceeds 100.
 */
export function profileSpan(report: ProfileReport): number {
  return Math.max(report.duration, report.root.totalTime, 0);
}

/** Calls of every function in the profile. */
export function totalCalls(report: ProfileReport): number {
  return report.functions.reduce((sum, fn) => sum + fn.calls, 0);
}

/** Milliseconds to the microsecond, the resolution a profile is read at: `12.345`. */
export function formatMs(ms: number): string {
  return ms.toFixed(3);
}

/** `part` as a percentage of `whole` with one decimal (`48.2%`); `0.0%` of nothing. */
export function formatPercent(part: number, whole: number): string {
  return `${(whole > 0 ? (part / whole) * 100 : 0).toFixed(1)}%`;
}
