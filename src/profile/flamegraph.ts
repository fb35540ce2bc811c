/**
 * A profile as an interactive flame graph: one self-contained HTML page
 * (inline style and script, nothing fetched, so it works from a file://
 * URL and offline). Callers sit below their callees, the root at the
 * bottom; a frame's width is its total time. Hovering shows a frame's
 * figures, clicking zooms into it, a search box highlights frames.
 *
 * Function names come from scripts and may be hostile: the page carries
 * them only as JSON in a data element and its script shows them as text;
 * its Content-Security-Policy runs no script but its own and loads nothing.
 */

import type { ProfileFunction, ProfileReport } from '../vm/profiler.js';
import { PAGE_CSS, PAGE_SCRIPT, PAGE_SCRIPT_HASH } from './flamegraph-page.js';
import { escapeHtml, jsonForScript } from './html.js';
import { functionLabel } from './label.js';
import { formatMs, profileSpan, totalCalls } from './measure.js';
import { walkTree } from './tree.js';

/** Options of {@link flameGraphHtml}. */
export interface FlameGraphOptions {
  /** The page's title and heading. Default: `moonbox profile`. */
  title?: string;
}

/** What the page's script reads: the call tree flattened depth-first into parallel arrays, node 0 the root. */
export interface PageData {
  /** Milliseconds percentages are of. */
  span: number;
  functions: { label: string; kind: ProfileFunction['what'] }[];
  /** Function of each node (-1 for the root). */
  fn: number[];
  /** Parent of each node (-1 for the root). */
  parent: number[];
  depth: number[];
  calls: number[];
  self: number[];
  total: number[];
}

/**
 * The flame graph of `report`'s call tree as a complete HTML document.
 * Each frame is an element with `data-label`, `data-total` and `data-self`
 * (milliseconds), `data-calls`, `data-kind` and `data-depth` attributes. A
 * report without calls gives a page that says so.
 */
export function flameGraphHtml(report: ProfileReport, options: FlameGraphOptions = {}): string {
  const title = escapeHtml(options.title ?? 'moonbox profile');
  const data = pageData(report);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${PAGE_SCRIPT_HASH}; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>${title}</h1>
${summary(report)}
</header>
${data.total[0] > 0 ? CHART : emptyMessage(report)}
<script type="application/json" id="profile-data">${jsonForScript(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function summary(report: ProfileReport): string {
  const calls = totalCalls(report);
  const count = report.functions.length;
  return `<p class="summary"><span>duration <b>${formatMs(report.duration)} ms</b></span>` +
    `<span><b>${groupDigits(calls)}</b> call${calls === 1 ? '' : 's'}</span>` +
    `<span><b>${count}</b> function${count === 1 ? '' : 's'}</span></p>`;
}

/** 246660 as `246,660`, without depending on the host's locale data. */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const CHART = `<div class="toolbar">
<ul class="legend">
<li><span class="swatch lua"></span>Lua function</li>
<li><span class="swatch main"></span>main chunk</li>
<li><span class="swatch c"></span>C function</li>
</ul>
<div class="controls">
<span id="matches" aria-live="polite"></span>
<input id="search" type="search" placeholder="Search functions" title="Text or a regular expression, matched against the labels" aria-label="Search functions" autocomplete="off">
<button id="reset" type="button" disabled>Reset zoom</button>
</div>
</div>
<div id="chart-box"><div id="chart"></div></div>
<p class="hint">Width is time including callees. Hover a frame for its figures, click to zoom into it; Reset zoom or Esc zooms out.</p>
<noscript><p class="empty">The flame graph is drawn by a script: allow scripts for this page to see it.</p></noscript>
<div id="tooltip" role="tooltip" hidden></div>`;

function emptyMessage(report: ProfileReport): string {
  const text = report.root.children.length === 0
    ? 'No calls were recorded in this profile.'
    : 'This profile recorded calls but no measurable time.';
  return `<p class="empty">${text}</p>`;
}

function pageData(report: ProfileReport): PageData {
  const data: PageData = {
    span: micro(profileSpan(report)),
    functions: report.functions.map((fn) => ({ label: functionLabel(fn), kind: fn.what })),
    fn: [], parent: [], depth: [], calls: [], self: [], total: [],
  };
  const lastAtDepth: number[] = [];
  walkTree(report.root, (node, depth) => {
    lastAtDepth[depth] = data.fn.length;
    data.fn.push(depth === 0 ? -1 : node.fn);
    data.parent.push(depth === 0 ? -1 : lastAtDepth[depth - 1]);
    data.depth.push(depth);
    data.calls.push(node.calls);
    data.self.push(micro(node.selfTime));
    data.total.push(micro(node.totalTime));
  });
  // the root's own figure may be missing or short of its children's: it is their frame
  const children = report.root.children.reduce((sum, child) => sum + child.totalTime, 0);
  data.total[0] = micro(Math.max(report.root.totalTime, children));
  return data;
}

/** Milliseconds rounded to the microsecond (and NaN or infinities to 0), which also keeps the page small. */
function micro(ms: number): number {
  return Number.isFinite(ms) ? Math.round(ms * 1000) / 1000 : 0;
}
