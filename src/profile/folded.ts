/**
 * A profile's call tree in the "folded stacks" text format that
 * flamegraph.pl, inferno and speedscope read: `main;foo;bar 1234`, one line
 * per path of calls, weighted by the self time spent at its end.
 */

import type { ProfileReport } from '../vm/profiler.js';
import { functionLabel } from './label.js';
import { walkTree } from './tree.js';

/**
 * One line per call-tree path whose own code took time: the frames' labels
 * from the outermost call, joined by `;`, then a space and the self time at
 * the path's end in whole microseconds. Paths that round to 0 µs are left
 * out. Lines come depth-first in the tree's order; each ends with a newline
 * (an empty profile gives the empty string). A `;` inside a label would
 * split the frame in two, so it is written as `,`; labels hold no line
 * breaks (see {@link functionLabel}).
 */
export function toFoldedStacks(report: ProfileReport): string {
  const labels = report.functions.map((fn) => functionLabel(fn).replaceAll(';', ','));
  const path: string[] = [];
  let out = '';
  walkTree(report.root, (node, depth) => {
    if (depth === 0) return;
    path.length = depth - 1;
    path.push(labels[node.fn] ?? `? (function #${node.fn})`);
    const weight = Math.round(node.selfTime * 1000);
    if (weight > 0) out += `${path.join(';')} ${weight}\n`;
  });
  return out;
}
