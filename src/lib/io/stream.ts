/**
 * A Lua file handle's stream (the reference's LStream): a PlatformFile plus
 * the read-ahead buffer C's stdio would keep, so `read('n')` can peek one
 * character and `read('l')` need not read byte by byte. Before writing or
 * seeking, unread buffered bytes are given back (as fseek does), so the
 * platform's position matches what the script has consumed.
 */

import type { BufferMode, PlatformFile } from '../platform-interface.js';

const CHUNK = 8192;

/** Bytes of output a buffered stream keeps (glibc's buffer for a file: its block size). */
const STREAM_BUFFER = 4096;

export class Stream {
  private rbuf = '';
  private rpos = 0;
  /**
   * Output buffering as setvbuf set it: 'no' (the default here, where C
   * buffers files fully: every write reaches the platform at once, so
   * another handle or the host sees it) or 'full'/'line', where writes wait
   * in wbuf until it holds wsize bytes (or, for 'line', a newline), a
   * flush, a seek, a read, a close or os.exit.
   */
  private wmode: BufferMode = 'no';
  private wsize = 0;
  private wbuf = '';

  /**
   * `closef` says how to close: undefined once closed (isclosed). `file`
   * is created lazily so standard input costs nothing until used.
   */
  constructor(
    private readonly open: () => PlatformFile,
    public closef: CloseKind | undefined,
  ) {}

  private handle: PlatformFile | undefined;

  get h(): PlatformFile {
    if (this.handle === undefined) this.handle = this.open();
    return this.handle;
  }

  get isClosed(): boolean {
    return this.closef === undefined;
  }

  /** Ensure buffered data; false at end of file. */
  private fill(): boolean {
    if (this.rpos < this.rbuf.length) return true;
    if (this.wbuf !== '') this.drain();
    this.rbuf = this.h.read(CHUNK);
    this.rpos = 0;
    return this.rbuf.length > 0;
  }

  /** getc: the next byte, or -1 at end of file. */
  getc(): number {
    return this.fill() ? this.rbuf.charCodeAt(this.rpos++) : -1;
  }

  /** ungetc of the byte just read by getc. */
  ungetc(c: number): void {
    if (c >= 0) this.rpos--;
  }

  /** Is there at least one more byte? */
  hasMore(): boolean {
    return this.fill();
  }

  /** Up to n bytes. */
  readChars(n: number): string {
    let out = '';
    while (out.length < n && this.fill()) {
      const take = Math.min(n - out.length, this.rbuf.length - this.rpos);
      out += this.rbuf.slice(this.rpos, this.rpos + take);
      this.rpos += take;
    }
    return out;
  }

  /** A line and whether it ended with '\n' (the newline is kept when `keep`). */
  readLine(keep: boolean): [string, boolean] {
    let out = '';
    while (this.fill()) {
      const nl = this.rbuf.indexOf('\n', this.rpos);
      if (nl >= 0) {
        out += this.rbuf.slice(this.rpos, keep ? nl + 1 : nl);
        this.rpos = nl + 1;
        return [out, true];
      }
      out += this.rbuf.slice(this.rpos);
      this.rpos = this.rbuf.length;
    }
    return [out, false];
  }

  readAll(): string {
    let out = '';
    while (this.fill()) {
      out += this.rbuf.slice(this.rpos);
      this.rpos = this.rbuf.length;
    }
    return out;
  }

  /** Give unread buffered bytes back to the file (non-seekable streams just drop them). */
  private sync(): void {
    const unread = this.rbuf.length - this.rpos;
    this.rbuf = '';
    this.rpos = 0;
    if (unread > 0) {
      try {
        this.h.seek('cur', -unread);
      } catch {
        // a pipe or terminal: the bytes are lost, as with C's fflush on input
      }
    }
  }

  write(data: string): void {
    this.sync();
    if (this.wmode === 'no') {
      this.h.write(data);
      return;
    }
    this.wbuf += data;
    if (this.wbuf.length >= this.wsize) this.drain();
    else if (this.wmode === 'line' && data.includes('\n')) {
      // a line-buffered stream writes out through the last newline, and keeps the rest
      const end = this.wbuf.lastIndexOf('\n') + 1;
      const line = this.wbuf.slice(0, end);
      this.wbuf = this.wbuf.slice(end);
      this.h.write(line);
    }
  }

  /** Write out what output buffering holds. */
  drain(): void {
    if (this.wbuf === '') return;
    const data = this.wbuf;
    this.wbuf = '';
    this.h.write(data);
  }

  /**
   * setvbuf: what is buffered is written first. The size is a hint in C;
   * the reference's C library (glibc) ignores it and buffers a file block
   * (STREAM_BUFFER bytes), and so does this, so that a script sees its
   * output reach the file when it would under the reference.
   */
  setvbuf(mode: BufferMode, size: number): void {
    this.drain();
    this.wmode = mode;
    this.wsize = STREAM_BUFFER;
    this.h.setvbuf?.(mode, size);
  }

  /** Does output wait in a buffer (so os.exit must write it out)? */
  get buffered(): boolean {
    return this.wmode !== 'no';
  }

  seek(whence: 'set' | 'cur' | 'end', offset: number): number {
    this.drain();
    const unread = this.rbuf.length - this.rpos;
    if (unread > 0 && whence === 'cur') {
      // Position relative to what the script consumed, not to what was buffered.
      offset -= unread;
      this.rbuf = '';
      this.rpos = 0;
    } else {
      this.sync();
    }
    return this.h.seek(whence, offset);
  }

  flush(): void {
    this.drain();
    this.h.flush();
  }
}

/** The streams of each state whose output is buffered: os.exit writes them out, as C's exit() does. */
const bufferedStreams = new WeakMap<object, Set<Stream>>();

/** Note that `s`, a stream of the state whose global state is `g`, buffers its output (or no longer does). */
export function trackBuffered(g: object, s: Stream): void {
  let set = bufferedStreams.get(g);
  if (set === undefined) bufferedStreams.set(g, (set = new Set()));
  if (s.buffered && !s.isClosed) set.add(s);
  else set.delete(s);
}

/** Write out every buffered stream of a state (errors are ignored, as exit() ignores them). */
export function drainAll(g: object): void {
  for (const s of bufferedStreams.get(g) ?? []) {
    try {
      s.drain();
    } catch {
      // the file cannot take it any more: nothing to report it to
    }
  }
}

/** How a stream is closed: a file, a pipe, or a standard stream that refuses. */
export type CloseKind = 'file' | 'pipe' | 'std';
