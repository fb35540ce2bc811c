/**
 * `main.lua:N` in text (error messages, tracebacks, profile labels) as
 * links that move the editor's cursor to line N. Only the editor's own
 * chunk is linked: other chunk names (`[string "..."]` from `load`, `[C]`)
 * name no line of the editor.
 */

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The 1-based line numbers `text` names in `chunkName`, in order. */
export function linesNamed(text: string, chunkName: string): number[] {
  return [...text.matchAll(new RegExp(`${escapeRegExp(chunkName)}:(\\d+)`, 'g'))].map((m) => Number(m[1]));
}

/** `text` as DOM nodes, each `chunkName:N` an <a> whose click calls `onLocation(N)`. */
export function linkLocations(text: string, chunkName: string, onLocation: (line: number) => void): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const m of text.matchAll(new RegExp(`${escapeRegExp(chunkName)}:(\\d+)`, 'g'))) {
    if (m.index > at) nodes.push(document.createTextNode(text.slice(at, m.index)));
    const line = Number(m[1]);
    const a = document.createElement('a');
    a.className = 'loc';
    a.href = `#L${line}`;
    a.dataset.line = String(line);
    a.textContent = m[0];
    a.title = `Go to line ${line}`;
    a.addEventListener('click', (e) => {
      e.preventDefault(); // no jump of the page to a fragment
      onLocation(line);
    });
    nodes.push(a);
    at = m.index + m[0].length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}
