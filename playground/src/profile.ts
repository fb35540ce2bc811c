/**
 * The Profile tab: the flame graph of the last run (moonbox's own page,
 * from flameGraphHtml, in a sandboxed iframe: its script runs with an
 * opaque origin and cannot touch the playground) and the functions with
 * the most self time.
 */

import type { ProfileNode, ProfileReport } from 'moonbox';
import { flameGraphHtml, functionLabel } from 'moonbox/profile';
import { linkLocations } from './links.js';

const TOP = 12;
/** The flame graph page's row height, and what its header and footer take around the chart (px). */
const ROW = 20;
const CHROME = 210;
/** Rows shown without scrolling inside the frame; deeper graphs scroll there. */
const MAX_ROWS = 28;

function depthOf(node: ProfileNode): number {
  let max = 0;
  const stack: [ProfileNode, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of n.children) stack.push([c, d + 1]);
  }
  return max;
}

export class ProfileView {
  /** A flame graph made while the tab was hidden, drawn when it shows (the page lays itself out by its width). */
  private pending: string | null = null;
  private shown = false;

  constructor(
    private readonly frame: HTMLIFrameElement,
    private readonly tableWrap: HTMLElement,
    private readonly empty: HTMLElement,
    /** The editor's chunk name, and what a click on a function's `main.lua:N` does. */
    private readonly chunkName: string,
    private readonly onLocation: (line: number) => void,
  ) {}

  clear(message = 'Run a script to see where its time goes: every call is recorded by the VM\'s profiler.'): void {
    this.frame.hidden = true;
    this.frame.removeAttribute('srcdoc');
    this.pending = null;
    this.tableWrap.hidden = true;
    this.empty.hidden = false;
    this.empty.textContent = message;
  }

  show(report: ProfileReport, title: string): void {
    if (report.functions.length === 0) {
      this.clear('The run made no calls to profile.');
      return;
    }
    this.empty.hidden = true;
    this.frame.hidden = false;
    // tall enough for the whole graph up to MAX_ROWS levels: the panel scrolls, not a small box inside it
    const rows = Math.min(depthOf(report.root) + 1, MAX_ROWS);
    this.frame.style.height = `${CHROME + rows * ROW}px`;
    this.pending = flameGraphHtml(report, { title });
    if (this.shown) this.draw();
    const body = this.tableWrap.querySelector('tbody')!;
    // functions arrive sorted by self time
    body.replaceChildren(...report.functions.slice(0, TOP).map((fn) => {
      const tr = document.createElement('tr');
      const cells = [functionLabel(fn), fn.calls.toLocaleString('en-US'), fn.selfTime.toFixed(2), fn.totalTime.toFixed(2)];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        if (i === 0) td.append(...linkLocations(text, this.chunkName, this.onLocation));
        else {
          td.textContent = text;
          td.className = 'num';
        }
        tr.appendChild(td);
      });
      return tr;
    }));
    this.tableWrap.hidden = false;
  }

  /** The Profile tab was shown or hidden. */
  setVisible(visible: boolean): void {
    this.shown = visible;
    if (visible) this.draw();
  }

  private draw(): void {
    if (this.pending === null || !this.shown) return;
    // The flame graph lays itself out once, by its viewport's width, when its script runs; a
    // frame that has no size yet (just un-hidden, the page not laid out since) would give it
    // 0 and draw nothing. Reading offsetWidth lays the page out now, so the frame has its
    // width before its document exists.
    if (this.frame.offsetWidth === 0) {
      requestAnimationFrame(() => this.draw());
      return;
    }
    this.frame.srcdoc = this.pending;
    this.pending = null;
  }
}
