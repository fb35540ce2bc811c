/*
 * The flame graph page's script (src/profile/flamegraph.ts writes the page).
 * It reads the profile from the page's `#profile-data` element and draws the
 * frames as positioned elements; it builds every element with `textContent`
 * and `dataset`, never from markup, so no text from a profile is parsed as
 * HTML.
 *
 * This file and flamegraph-style.css are the sources: the page gets them
 * minified, from flamegraph-page.ts, which tools/gen-flamegraph-page.ts
 * generates (with the script's hash for the page's Content-Security-Policy);
 * test/profile/flamegraph.test.ts checks that it is up to date.
 */
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
  // drawn again whenever the chart's width changes: a window resize, and also a page laid out at
  // width 0 and shown later (an iframe in a hidden tab, say), which no resize event announces
  let drawnWidth = -1;
  new ResizeObserver(() => {
    if (chart.clientWidth === drawnWidth) return;
    drawnWidth = chart.clientWidth;
    render();
  }).observe(chart);
  zoomTo(0);
})();
