/**
 * The style sheet and the script of the flame graph page, kept apart from
 * the code that fills the page in. The script reads the profile from the
 * page's `#profile-data` element and draws the frames as positioned
 * elements; it builds every element with `textContent` and `dataset`, never
 * from markup, so no text from a profile is parsed as HTML.
 */

/** The page's style sheet. */
export const PAGE_CSS = String.raw`
:root {
  --bg: #f6f7f9; --panel: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d5dae0; --focus: #0969da;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #14171c; --panel: #1c2128; --fg: #e6edf3; --muted: #9aa4ae; --line: #343b44; --focus: #4c9bff; }
}
* { box-sizing: border-box; }
body {
  margin: 0; padding: 20px 24px 16px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { margin: 0 0 4px; font-size: 20px; font-weight: 600; overflow-wrap: anywhere; }
.summary { margin: 0; display: flex; flex-wrap: wrap; gap: 4px 20px; color: var(--muted); }
.summary b { color: var(--fg); font-weight: 600; font-variant-numeric: tabular-nums; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 16px; margin: 16px 0 10px; }
.legend { display: flex; gap: 16px; margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
.swatch.lua { background: hsl(24 86% 63%); }
.swatch.main { background: hsl(270 52% 74%); }
.swatch.c { background: hsl(200 62% 66%); }
.controls { display: flex; align-items: center; gap: 10px; margin-left: auto; }
#matches { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
input, button { font: inherit; font-size: 13px; color: var(--fg); background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 5px 10px; }
input { width: 240px; }
button { cursor: pointer; }
button:disabled { cursor: default; opacity: 0.45; }
input:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
#chart-box {
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px;
  max-height: calc(100vh - 190px); min-height: 60px; overflow-x: hidden; overflow-y: auto;
}
#chart { position: relative; width: 100%; }
.frame {
  position: absolute; height: 19px; padding: 0 4px; border-radius: 2px; overflow: hidden;
  font: 12px/19px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1b1f24; white-space: nowrap; text-overflow: ellipsis; cursor: pointer;
  box-shadow: inset -1px 0 0 var(--panel);
}
.frame:hover { outline: 1px solid #1b1f24; outline-offset: -1px; }
.frame.ancestor { opacity: 0.6; }
.frame.match { background: hsl(312 78% 68%) !important; }
.empty { margin: 24px 0; padding: 32px; text-align: center; color: var(--muted);
  background: var(--panel); border: 1px dashed var(--line); border-radius: 8px; }
.hint { margin: 8px 0 0; color: var(--muted); font-size: 12px; }
#tooltip {
  position: fixed; z-index: 10; max-width: min(440px, calc(100vw - 16px)); padding: 8px 10px;
  background: #1f2328; color: #f0f3f6; border-radius: 6px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
  font-size: 12.5px; line-height: 1.4; pointer-events: none;
}
#tooltip[hidden] { display: none; }
.tt-label { font-weight: 600; overflow-wrap: anywhere; }
.tt-kind { color: #aab4be; margin-bottom: 4px; }
.tt-stats { display: grid; grid-template-columns: auto auto auto; justify-content: start; gap: 0 12px; margin: 0;
  font-variant-numeric: tabular-nums; }
.tt-stats dt { color: #aab4be; }
.tt-stats dd { margin: 0; text-align: right; }
`;

/**
 * The page's script. Its SHA-256 is in the page's Content-Security-Policy
 * (PAGE_SCRIPT_HASH below, checked by test/profile/flamegraph.test.ts): edit
 * both together. No template literals in it: this is one.
 */
export const PAGE_SCRIPT = String.raw`
(() => {
  'use strict';
  const chart = document.getElementById('chart');
  if (chart === null) return;
  const data = JSON.parse(document.getElementById('profile-data').textContent);
  const box = document.getElementById('chart-box');
  const tip = document.getElementById('tooltip');
  const search = document.getElementById('search');
  const matches = document.getElementById('matches');
  const reset = document.getElementById('reset');
  const ROW = 20, MIN_PX = 0.5, TEXT_PX = 28;
  const KINDS = { Lua: 'Lua function', main: 'main chunk', C: 'C function', root: 'the whole profile' };
  const n = data.fn.length;

  // each node's offset in time from the left edge: after its earlier siblings, inside its parent
  const x = new Float64Array(n), next = new Float64Array(n), size = new Int32Array(n).fill(1);
  for (let i = 1; i < n; i++) {
    const p = data.parent[i];
    x[i] = next[i] = next[p];
    next[p] += data.total[i];
  }
  // nodes are in depth-first order, so a subtree is the run i .. i + size[i] - 1
  for (let i = n - 1; i > 0; i--) size[data.parent[i]] += size[i];

  const ROOT = { label: 'all', kind: 'root' }, UNKNOWN = { label: '?', kind: 'C' };
  const info = (i) => (data.fn[i] < 0 ? ROOT : data.functions[data.fn[i]] || UNKNOWN);
  const label = (i) => info(i).label;
  const kind = (i) => info(i).kind;
  const ms = (t) => t.toFixed(3) + ' ms';
  const pct = (t) => (data.span > 0 ? (100 * t / data.span).toFixed(1) : '0.0') + '%';

  function hash(s) {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  // warm for Lua, cool for C, violet for main chunks; the hash keeps neighbours apart
  function colour(i) {
    const h = hash(label(i)), a = (h & 0xffff) / 0xffff, b = (h >>> 16) / 0xffff;
    switch (kind(i)) {
      case 'Lua': return 'hsl(' + (6 + 40 * a) + ' ' + (76 + 14 * b) + '% ' + (60 + 7 * b) + '%)';
      case 'main': return 'hsl(' + (258 + 22 * a) + ' 52% ' + (72 + 5 * b) + '%)';
      case 'C': return 'hsl(' + (186 + 30 * a) + ' ' + (52 + 16 * b) + '% ' + (66 + 6 * b) + '%)';
      default: return 'hsl(215 12% 80%)';
    }
  }

  let zoom = 0;
  let query = null;

  function frame(i, left, width, px, ancestor) {
    const el = document.createElement('div');
    el.className = ancestor ? 'frame ancestor' : 'frame';
    el.style.left = 100 * left + '%';
    el.style.width = 100 * width + '%';
    el.style.bottom = data.depth[i] * ROW + 'px';
    el.style.background = colour(i);
    if (px >= TEXT_PX) el.textContent = label(i);
    const d = el.dataset;
    d.index = String(i);
    d.label = label(i);
    d.kind = kind(i);
    d.depth = String(data.depth[i]);
    d.total = String(data.total[i]);
    d.self = String(data.self[i]);
    d.calls = String(data.calls[i]);
    if (query !== null && query.test(label(i))) el.classList.add('match');
    return el;
  }

  function render() {
    const px = chart.clientWidth;
    const z0 = x[zoom], span = data.total[zoom] > 0 ? data.total[zoom] : 1;
    // one fragment, not an argument list: a deep recursion draws more frames than a call takes arguments
    const frames = document.createDocumentFragment();
    let top = 0;
    // the zoomed frame's callers stay in view, as full-width bars under it
    for (let a = data.parent[zoom]; a >= 0; a = data.parent[a]) frames.appendChild(frame(a, 0, 1, px, true));
    const end = zoom + size[zoom];
    for (let i = zoom; i < end; ) {
      const left = (x[i] - z0) / span;
      const width = Math.min(data.total[i] / span, 1 - left);
      // too thin to see, and so are its callees
      if (width * px < MIN_PX) { i += size[i]; continue; }
      frames.appendChild(frame(i, left, width, width * px, false));
      top = Math.max(top, data.depth[i]);
      i++;
    }
    chart.style.height = (top + 1) * ROW + 'px';
    chart.replaceChildren(frames);
    reset.disabled = zoom === 0;
  }

  function zoomTo(i) {
    zoom = i;
    tip.hidden = true;
    render();
    box.scrollTop = box.scrollHeight;
  }

  function showTip(el, cx, cy) {
    const i = Number(el.dataset.index);
    const rows = [['self', ms(data.self[i]), pct(data.self[i])], ['total', ms(data.total[i]), pct(data.total[i])],
      ['calls', String(data.calls[i]), '']];
    const stats = document.createElement('dl');
    stats.className = 'tt-stats';
    for (const [name, value, share] of rows) {
      const dt = document.createElement('dt'), dd = document.createElement('dd'), ds = document.createElement('dd');
      dt.textContent = name;
      dd.textContent = value;
      ds.textContent = share;
      stats.append(dt, dd, ds);
    }
    const head = document.createElement('div');
    head.className = 'tt-label';
    head.textContent = label(i);
    const sub = document.createElement('div');
    sub.className = 'tt-kind';
    sub.textContent = KINDS[kind(i)];
    tip.replaceChildren(head, sub, stats);
    tip.hidden = false;
    placeTip(cx, cy);
  }

  // beside the pointer, flipped to the other side where it would leave the window
  function placeTip(cx, cy) {
    const gap = 14, margin = 8;
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    let left = cx + gap, top = cy + gap;
    if (left + w + margin > vw) left = cx - gap - w;
    if (top + h + margin > vh) top = cy - gap - h;
    tip.style.left = Math.max(margin, Math.min(left, vw - w - margin)) + 'px';
    tip.style.top = Math.max(margin, Math.min(top, vh - h - margin)) + 'px';
  }

  function applySearch() {
    const text = search.value.trim();
    query = null;
    if (text !== '') {
      try { query = new RegExp(text, 'i'); } catch { query = new RegExp(text.replace(/[.*+?^$()[\]{}|\\]/g, '\\$&'), 'i'); }
    }
    for (const el of chart.children) el.classList.toggle('match', query !== null && query.test(el.dataset.label));
    if (query === null) { matches.textContent = ''; return; }
    // time under matching frames, a match inside another counted once
    let count = 0, time = 0;
    for (let i = 1; i < n; ) {
      if (query.test(label(i))) { count++; time += data.total[i]; i += size[i]; } else i++;
    }
    matches.textContent = count === 0 ? 'no frame matches' : count + (count === 1 ? ' frame matches, ' : ' frames match, ') + pct(time) + ' of the time';
  }

  chart.addEventListener('mousemove', (e) => {
    const el = e.target.closest('.frame');
    if (el === null) tip.hidden = true; else showTip(el, e.clientX, e.clientY);
  });
  chart.addEventListener('mouseleave', () => { tip.hidden = true; });
  chart.addEventListener('click', (e) => {
    const el = e.target.closest('.frame');
    if (el !== null) zoomTo(Number(el.dataset.index));
  });
  reset.addEventListener('click', () => zoomTo(0));
  search.addEventListener('input', applySearch);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && e.target !== search) zoomTo(0);
  });
  let pending = false;
  window.addEventListener('resize', () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; render(); });
  });
  zoomTo(0);
})();
`;

/** `'sha256-...'` of PAGE_SCRIPT, for the page's Content-Security-Policy. */
export const PAGE_SCRIPT_HASH = "'sha256-M9ji9Xf5Ah4PrhTQAFR3f1A+gU/ozMpy8D/MAKl9czs='";
