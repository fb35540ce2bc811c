/**
 * The output panel: what the script printed (stdout, and stderr in another
 * colour), then how the run ended: an error's message and traceback with
 * every `main.lua:N` turned into a link to line N of the editor.
 *
 * A script can print without end (`while true do print(1) end` under a
 * generous limit), so text is appended once per animation frame, not once
 * per chunk, and the panel keeps at most MAX_CHARS characters: past that it
 * says how much it dropped instead of growing the DOM until the tab dies.
 */

import { linkLocations } from './links.js';

const MAX_CHARS = 200_000;

export type Stream = 'stdout' | 'stderr';

export class Output {
  private pending: { stream: Stream; text: string }[] = [];
  private scheduled = false;
  private shown = 0;
  private dropped = 0;
  private droppedNote: HTMLElement | null = null;

  constructor(
    private readonly el: HTMLElement,
    /** What a click on a `main.lua:N` link does. */
    private readonly onLocation: (line: number) => void,
    readonly chunkName = 'main.lua',
  ) {}

  /** Empties the panel; `placeholder` is shown until something is written ("Running…"). */
  clear(placeholder?: string): void {
    this.pending = [];
    this.shown = 0;
    this.dropped = 0;
    this.droppedNote = null;
    this.el.replaceChildren();
    if (placeholder !== undefined) {
      const span = document.createElement('span');
      span.className = 'placeholder';
      span.textContent = placeholder;
      this.el.append(span);
    }
  }

  /** Text from the script; shown at the next frame. */
  write(text: string, stream: Stream): void {
    this.pending.push({ stream, text });
    if (!this.scheduled) {
      this.scheduled = true;
      requestAnimationFrame(() => this.flush());
    }
  }

  /** Shows what is pending now (before an error is shown after it). */
  flush(): void {
    this.scheduled = false;
    const pending = this.pending;
    this.pending = [];
    const stick = this.atBottom();
    if (pending.length > 0) this.dropPlaceholder();
    for (const { stream, text } of pending) this.append(text, stream);
    if (this.dropped > 0) this.showDropped();
    if (stick) this.scrollToEnd();
  }

  /** A run that ended in an error: a title ("Error", "Instruction limit"...), the message, the traceback. */
  showError(title: string, message: string, traceback?: string): void {
    this.flush();
    this.dropPlaceholder();
    const box = document.createElement('span');
    box.className = 'error-box';
    box.setAttribute('role', 'alert');
    const head = document.createElement('span');
    head.className = 'error-title';
    head.textContent = title;
    const msg = document.createElement('span');
    msg.className = 'error-message';
    msg.append(...this.linkify(message));
    box.append(head, msg);
    if (traceback) {
      const tb = document.createElement('span');
      tb.className = 'traceback';
      tb.append(...this.linkify(traceback.replace(/\s+$/, '')));
      box.append(tb);
    }
    this.el.append(box);
    this.scrollToEnd();
  }

  /** A quiet line after the output ("no output", "stopped"). */
  showNote(text: string): void {
    this.flush();
    this.dropPlaceholder();
    const note = document.createElement('span');
    note.className = 'note';
    if (this.el.lastChild && !(this.el.textContent ?? '').endsWith('\n')) note.textContent = '\n';
    note.textContent = (note.textContent ?? '') + text;
    this.el.append(note);
  }

  /** Is anything shown (output or messages)? */
  get empty(): boolean {
    const shown = [...this.el.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('placeholder')));
    return shown.length === 0 && this.pending.length === 0;
  }

  private dropPlaceholder(): void {
    if (this.el.firstChild instanceof HTMLElement && this.el.firstChild.classList.contains('placeholder')) this.el.firstChild.remove();
  }

  private append(text: string, stream: Stream): void {
    const room = MAX_CHARS - this.shown;
    if (room <= 0) {
      this.dropped += text.length;
      return;
    }
    if (text.length > room) {
      this.dropped += text.length - room;
      text = text.slice(0, room);
    }
    this.shown += text.length;
    const last = this.el.lastChild;
    // consecutive chunks of one stream go into one node: a million prints stay a few nodes
    if (last instanceof HTMLElement && last.dataset.stream === stream) {
      (last.firstChild as Text).appendData(text);
      return;
    }
    const span = document.createElement('span');
    span.dataset.stream = stream;
    if (stream === 'stderr') span.className = 'stderr';
    span.append(document.createTextNode(text));
    this.el.append(span);
  }

  private showDropped(): void {
    if (!this.droppedNote) {
      this.droppedNote = document.createElement('span');
      this.droppedNote.className = 'note';
      this.el.append(this.droppedNote);
    }
    this.droppedNote.textContent = `\n… ${this.dropped.toLocaleString('en-US')} more characters not shown (the panel keeps the first ${MAX_CHARS.toLocaleString('en-US')})\n`;
  }

  /** `text` as nodes, each location of the editor's chunk ("main.lua:12", "function <main.lua:12>") a link to it. */
  private linkify(text: string): Node[] {
    return linkLocations(text, this.chunkName, this.onLocation);
  }

  private atBottom(): boolean {
    const scroller = this.scroller();
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 24;
  }

  private scrollToEnd(): void {
    const scroller = this.scroller();
    scroller.scrollTop = scroller.scrollHeight;
  }

  /** The element that scrolls: the panel around the <pre>. */
  private scroller(): HTMLElement {
    return this.el.parentElement ?? this.el;
  }
}
