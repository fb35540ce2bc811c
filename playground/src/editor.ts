/**
 * The Lua editor: a plain <textarea> with a line-number gutter. No editor
 * library: the page needs line numbers, indentation keys and "go to line",
 * and a textarea keeps the browser's own undo, selection, IME and mobile
 * keyboard behaviour for free.
 *
 * The textarea does not wrap lines (wrap="off"), so line N of the text is
 * always row N of the gutter, and both scroll together.
 */

const INDENT = '  ';

export class Editor {
  private lineCount = 0;
  private marked: number | null = null;
  private current = 1;
  /** After Esc, the next Tab moves focus instead of indenting (a keyboard user can leave). */
  private tabEscapes = false;
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly textarea: HTMLTextAreaElement,
    private readonly gutter: HTMLElement,
    private readonly position?: HTMLElement,
  ) {
    textarea.addEventListener('input', () => {
      this.refresh();
      for (const f of this.listeners) f();
    });
    textarea.addEventListener('scroll', () => this.syncScroll());
    textarea.addEventListener('keydown', (e) => this.onKey(e));
    // the caret moves without input too (clicks, arrows): keep "Ln, Col" and the current line right
    for (const type of ['keyup', 'click', 'select', 'focus']) textarea.addEventListener(type, () => this.showCaret());
    document.addEventListener('selectionchange', () => {
      if (document.activeElement === textarea) this.showCaret();
    });
    this.refresh();
  }

  get value(): string {
    return this.textarea.value;
  }

  /** Replaces the whole text (loading an example): the caret goes to the start. */
  set value(text: string) {
    this.textarea.value = text;
    this.textarea.setSelectionRange(0, 0);
    this.textarea.scrollTop = 0;
    this.textarea.scrollLeft = 0;
    this.mark(null);
    this.refresh();
  }

  /** Called after every edit by the user. */
  onChange(f: () => void): void {
    this.listeners.push(f);
  }

  /**
   * Puts the caret on `line` (1-based) with the whole line selected, focuses
   * the editor and scrolls the line into view, in the textarea and in the
   * page (on a phone the editor may be above the fold).
   */
  goToLine(line: number): void {
    const text = this.textarea.value;
    const lines = text.split('\n');
    const n = Math.min(Math.max(1, line), lines.length);
    let start = 0;
    for (let i = 0; i < n - 1; i++) start += lines[i].length + 1;
    const end = start + lines[n - 1].length;
    this.textarea.focus({ preventScroll: true });
    this.textarea.setSelectionRange(start, end, 'forward');
    const rowHeight = this.rowHeight();
    const top = (n - 1) * rowHeight;
    const view = this.textarea.clientHeight;
    // centre the line unless it is already comfortably visible
    if (top < this.textarea.scrollTop + rowHeight || top > this.textarea.scrollTop + view - 2 * rowHeight) {
      this.textarea.scrollTop = Math.max(0, top - view / 3);
    }
    this.textarea.scrollLeft = 0;
    this.syncScroll();
    this.mark(n);
    this.showCaret();
    const box = this.textarea.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) this.textarea.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  /** Highlights line `line` in the gutter (the line an error points at), or none. */
  mark(line: number | null): void {
    this.marked = line;
    this.paintGutter();
  }

  /** Rebuilds the gutter when the number of lines changed. */
  private refresh(): void {
    const count = this.textarea.value.split('\n').length;
    if (count !== this.lineCount) {
      this.lineCount = count;
      if (this.marked !== null && this.marked > count) this.marked = null;
      const frag = document.createDocumentFragment();
      for (let i = 1; i <= count; i++) {
        const row = document.createElement('div');
        row.textContent = String(i);
        frag.appendChild(row);
      }
      // room for the textarea's horizontal scrollbar, so the last rows stay aligned when scrolled to the end
      const spacer = document.createElement('div');
      spacer.style.height = '40px';
      frag.appendChild(spacer);
      this.gutter.replaceChildren(frag);
      this.paintGutter();
    }
    this.syncScroll();
    this.showCaret();
  }

  private paintGutter(): void {
    const rows = this.gutter.children;
    for (let i = 0; i < this.lineCount; i++) {
      rows[i].className = i + 1 === this.marked ? 'marked' : i + 1 === this.current ? 'current' : '';
    }
  }

  private syncScroll(): void {
    this.gutter.scrollTop = this.textarea.scrollTop;
  }

  private rowHeight(): number {
    return parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
  }

  /** Shows "Ln, Col" of the caret and highlights its line number. */
  private showCaret(): void {
    const upto = this.textarea.value.slice(0, this.textarea.selectionStart);
    const line = upto.split('\n').length;
    const col = upto.length - upto.lastIndexOf('\n');
    if (this.position) this.position.textContent = `Ln ${line}, Col ${col}`;
    if (line !== this.current) {
      this.current = line;
      this.paintGutter();
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      this.tabEscapes = true;
      return;
    }
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      if (this.tabEscapes) return; // let the browser move focus
      e.preventDefault();
      if (e.shiftKey) this.outdent();
      else this.indent();
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey) {
      // keep the indentation of the line being split
      e.preventDefault();
      const { value, selectionStart } = this.textarea;
      const lineStart = value.lastIndexOf('\n', selectionStart - 1) + 1;
      const indent = /^[ \t]*/.exec(value.slice(lineStart, selectionStart))![0];
      this.insert('\n' + indent);
    }
    this.tabEscapes = false;
  }

  /** Tab: spaces at the caret, or every selected line indented. */
  private indent(): void {
    const { value, selectionStart, selectionEnd } = this.textarea;
    if (!value.slice(selectionStart, selectionEnd).includes('\n')) {
      this.insert(INDENT);
      return;
    }
    this.editLines((line) => INDENT + line);
  }

  /** Shift+Tab: up to one indent removed from each selected line. */
  private outdent(): void {
    this.editLines((line) => line.replace(/^( {1,2}|\t)/, ''));
  }

  /** Rewrites the whole lines under the selection, keeping them selected. */
  private editLines(f: (line: string) => string): void {
    const { value, selectionStart, selectionEnd } = this.textarea;
    const start = value.lastIndexOf('\n', selectionStart - 1) + 1;
    let end = value.indexOf('\n', selectionEnd - (selectionEnd > selectionStart && value[selectionEnd - 1] === '\n' ? 1 : 0));
    if (end < 0) end = value.length;
    const replaced = value.slice(start, end).split('\n').map(f).join('\n');
    this.textarea.setSelectionRange(start, end);
    this.insert(replaced);
    this.textarea.setSelectionRange(start, start + replaced.length);
  }

  /**
   * Replaces the selection with `text` as typing would, so that Ctrl+Z
   * undoes it: execCommand('insertText') goes through the browser's undo
   * stack; where it is missing, setRangeText at least makes the edit.
   */
  private insert(text: string): void {
    this.textarea.focus();
    let done = false;
    try {
      done = document.execCommand('insertText', false, text);
    } catch {
      done = false;
    }
    if (!done) {
      this.textarea.setRangeText(text, this.textarea.selectionStart, this.textarea.selectionEnd, 'end');
      this.textarea.dispatchEvent(new Event('input'));
    }
  }
}
