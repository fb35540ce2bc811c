/**
 * Post-mortem reports made where a failure happens (docs/postmortem.md),
 * for the embedding API and the command alike: hooks on the universe that
 * run while every stack is as it was, before anything unwinds.
 */

import {
  errorText, postMortem, recordCoroutineError, type FailureCause, type PostMortemOptions, type PostMortemReport,
} from '../lib/postmortem.js';
import { describeLimit } from '../vm/budget.js';
import type { InternalFault } from '../vm/exceptions.js';
import type { LuaState } from '../vm/state.js';
import { runFigures } from './limits.js';
import { onHostError } from './traceback-handler.js';

/** The last failure's report (undefined until something fails). */
export interface FailureReports {
  report: PostMortemReport | undefined;
}

/** A report on a failure in `L`, from its frame `level` (1: below the message handler making it). */
function reportAt(L: LuaState, cause: FailureCause, level: number, options: PostMortemOptions): PostMortemReport {
  return postMortem(L, runFigures(L), { cause, thread: L, level }, options);
}

/** The report on a fault of moonbox itself, made where it happened. */
export function faultReport(L: LuaState, fault: InternalFault, options: PostMortemOptions): PostMortemReport {
  return reportAt(L, { kind: 'internal', message: fault.message, jsStack: fault.jsStack }, 0, options);
}

/**
 * Report every failure of `L`'s universe: an error reaching the host (its
 * message handler calls `onHostError`), a limit, a fault; and keep the
 * frames of each coroutine that dies by an error. `text` turns an error's
 * bytes into the message the report shows.
 */
export function reportFailures(L: LuaState, options: PostMortemOptions, text: (bytes: string) => string = (s) => s): FailureReports {
  const reports: FailureReports = { report: undefined };
  onHostError.set(L.g, (L1, err) => {
    reports.report = reportAt(L1, { kind: 'error', message: text(errorText(L1, err)) }, 1, options);
  });
  L.g.budget.onLimit = (L1, limit, value, used) => {
    reports.report = reportAt(L1, { kind: 'limit', limit, message: describeLimit(limit, value, used) }, 0, options);
  };
  L.g.onInternalFault = (L1, fault) => {
    reports.report = faultReport(L1, fault, { locals: true }); // a bug: its report always shows the locals
  };
  L.g.onCoroutineError = (co) => recordCoroutineError(L, co, options.locals === true);
  return reports;
}
