/**
 * A profile as a plain-text table, one function a line, the most
 * expensive code first: what `moonbox --profile` prints when a script ends.
 */

import type { ProfileFunction, ProfileReport } from '../vm/profiler.js';
import { functionLabel, sourceText } from './label.js';
import { formatMs, formatPercent, profileSpan } from './measure.js';

/** Options of {@link formatProfileTable}. */
export interface ProfileTableOptions {
  /** Most functions to list (a non-negative integer); the rest are counted on one line. Default: all. */
  limit?: number;
}

const HEADERS = ['self ms', 'self %', 'total ms', 'total %', 'calls', 'function'];

/**
 * The report's functions sorted by self time, highest first (ties by total
 * time), with columns self ms, self %, total ms, total %, calls and the
 * function's label; percentages are of the profile's duration. Numbers are
 * right-aligned under a header line; the last line gives the duration.
 * Every line ends with a newline.
 *
 * @throws RangeError when `limit` is not a non-negative integer.
 */
export function formatProfileTable(report: ProfileReport, options: ProfileTableOptions = {}): string {
  const limit = checkLimit(options.limit);
  const sorted = [...report.functions].sort((a, b) => b.selfTime - a.selfTime || b.totalTime - a.totalTime);
  const shown = sorted.slice(0, limit);
  const span = profileSpan(report);
  const rows = [HEADERS, ...shown.map((fn) => row(fn, span))];
  const lines = rows.map(alignRow(columnWidths(rows)));
  if (report.functions.length === 0) lines.push('(no calls recorded)');
  const hidden = sorted.length - shown.length;
  if (hidden > 0) lines.push(`(${hidden} more function${hidden === 1 ? '' : 's'} not shown)`);
  lines.push(`profile duration: ${formatMs(report.duration)} ms`);
  return lines.map((line) => `${line}\n`).join('');
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return Infinity;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`option 'limit' must be a non-negative integer (got ${limit})`);
  return limit;
}

function row(fn: ProfileFunction, span: number): string[] {
  return [
    formatMs(fn.selfTime),
    formatPercent(fn.selfTime, span),
    formatMs(fn.totalTime),
    formatPercent(fn.totalTime, span),
    String(fn.calls),
    functionLabel(fn),
  ];
}

/** Widths of every column but the last, which is left as long as it is. */
function columnWidths(rows: string[][]): number[] {
  return HEADERS.slice(0, -1).map((_, col) => Math.max(...rows.map((r) => r[col].length)));
}

function alignRow(widths: number[]): (cells: string[]) => string {
  return (cells) => [...widths.map((w, col) => cells[col].padStart(w)), cells[cells.length - 1]].join('  ');
}

const LINE_HEADERS = ['self ms', 'self %', 'hits', 'line'];

/**
 * The source lines of a profile with lines (`ProfileFunction.lines`), the
 * most expensive first: self ms, self %, how many times execution entered
 * the line, and `file:line in function`. A profile without lines gives a
 * note saying so.
 *
 * @throws RangeError when `limit` is not a non-negative integer.
 */
export function formatLineTable(report: ProfileReport, options: ProfileTableOptions = {}): string {
  const limit = checkLimit(options.limit);
  const all = report.functions.flatMap((fn) => (fn.lines ?? []).map((l) => ({ fn, l })));
  if (!report.functions.some((fn) => fn.lines !== undefined)) return '(the profile has no line times)\n';
  all.sort((a, b) => b.l.selfTime - a.l.selfTime || b.l.hits - a.l.hits);
  const span = profileSpan(report);
  const shown = all.slice(0, limit);
  const rows = [LINE_HEADERS, ...shown.map(({ fn, l }) => [
    formatMs(l.selfTime), formatPercent(l.selfTime, span), String(l.hits), `${lineLabel(fn, l.line)}`,
  ])];
  const widths = LINE_HEADERS.slice(0, -1).map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const lines = rows.map((cells) => [...widths.map((w, col) => cells[col].padStart(w)), cells[cells.length - 1]].join('  '));
  const hidden = all.length - shown.length;
  if (hidden > 0) lines.push(`(${hidden} more line${hidden === 1 ? '' : 's'} not shown)`);
  return lines.map((line) => `${line}\n`).join('');
}

/** `script.lua:14 in foo (script.lua:12)`. */
function lineLabel(fn: ProfileFunction, line: number): string {
  return `${sourceText(fn)}:${line} in ${functionLabel(fn)}`;
}
