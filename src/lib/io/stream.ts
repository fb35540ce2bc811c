/**
 * A Lua file handle's stream (the reference's LStream): a PlatformFile plus
 * the read-ahead buffer C's stdio would keep, so `read('n')` can peek one
 * character and `read('l')` need not read byte by byte. Before writing or
 * seeking, unread buffered bytes are given back (as fseek does), so the
 * platform's position matches what the script has consumed.
 */

import type { PlatformFile } from '../platform-interface.js';

const CHUNK = 8192;

export class Stream {
  private rbuf = '';
  private rpos = 0;

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
    this.h.write(data);
  }

  seek(whence: 'set' | 'cur' | 'end', offset: number): number {
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
    this.h.flush();
  }
}

/** How a stream is closed: a file, a pipe, or a standard stream that refuses. */
export type CloseKind = 'file' | 'pipe' | 'std';
