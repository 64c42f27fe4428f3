/**
 * Reads a byte stream (a child process's stdout) piece by piece: up to a delimiter, or an
 * exact count. Nothing is buffered beyond what the current read needs plus one chunk.
 */
export class ByteReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  private readonly it: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    const c = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    if (c.length) {
      this.chunks.push(c);
      this.buffered += c.length;
    }
    return true;
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  /**
   * Bytes up to (not including) the next `delim`, which is consumed; at the end of the
   * stream the remaining bytes (or null when there are none).
   */
  async until(delim: number): Promise<Buffer | null> {
    let scanned = 0;
    for (;;) {
      const all = this.chunks.length <= 1 ? (this.chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(this.chunks);
      this.chunks = all.length ? [all] : [];
      const i = all.indexOf(delim, scanned);
      if (i >= 0) {
        const out = this.take(i + 1);
        return out.subarray(0, i);
      }
      scanned = all.length;
      if (!(await this.fill())) return this.buffered ? this.take(this.buffered) : null;
    }
  }

  /** Exactly `n` bytes, or fewer at the end of the stream; only the first `keep` are returned. */
  async exact(n: number, keep = n): Promise<{ bytes: Buffer; got: number }> {
    const kept: Buffer[] = [];
    let keptLen = 0;
    let got = 0;
    while (got < n) {
      if (this.buffered === 0 && !(await this.fill())) break;
      const piece = this.take(Math.min(this.buffered, n - got));
      got += piece.length;
      if (keptLen < keep) {
        const k = piece.subarray(0, keep - keptLen);
        kept.push(Buffer.from(k));
        keptLen += k.length;
      }
    }
    return { bytes: Buffer.concat(kept), got };
  }
}
