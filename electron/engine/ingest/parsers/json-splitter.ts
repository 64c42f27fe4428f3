/**
 * Finds the byte ranges of records in a JSON document stream without parsing the whole
 * document: the elements of a top-level array, the elements of a top-level object's
 * "Records" array (CloudTrail's S3 delivery shape), or whole top-level objects that have
 * no "Records" (a single record, or concatenated objects as `jq` prints them). Tracks
 * strings, escapes and depth byte by byte; memory is bounded by the largest record.
 */
export interface SplitHandler {
  /** An element's bytes (an object, or a scalar/array when `isObject` is false). */
  record(bytes: Buffer | null, offset: number, length: number, isObject: boolean): void;
  /** Bytes that are not part of any record and not valid structure. */
  problem(offset: number, reason: string): void;
}

const QUOTE = 0x22, BSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACK = 0x5b, RBRACK = 0x5d, COMMA = 0x2c, COLON = 0x3a;
const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class JsonRecordSplitter {
  private base = 0; // absolute offset of the current chunk
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth of the array whose elements are records (0: none). */
  private recordDepth = 0;
  private topIsObject = false;
  private topStart = -1;
  private lastKey = '';
  /** The key whose value comes next in the top-level object ("" between pairs). */
  private currentKey = '';
  private keyStart = -1;
  private keyAcc = '';
  // The element being captured.
  private elemStart = -1;
  private elemObject = false;
  private elemScalar = false;
  private pieces: Buffer[] = [];
  private pieceFrom = 0;
  private captured = 0;
  private oversized = false;
  private junkAt = -1;

  constructor(private readonly h: SplitHandler, private readonly maxRecordBytes = 64 << 20) {}

  private capturing(): boolean {
    return this.elemStart >= 0 || this.topStart >= 0;
  }

  private beginElem(at: number, i: number, isObject: boolean, scalar: boolean): void {
    this.elemStart = at;
    this.elemObject = isObject;
    this.elemScalar = scalar;
    this.pieceFrom = i;
    this.pieces = [];
    this.captured = 0;
    this.oversized = false;
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (this.oversized) return;
    this.captured += to - from;
    if (this.captured > this.maxRecordBytes) {
      this.oversized = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(chunk.subarray(from, to));
  }

  /** Finish the captured element; `end` is the chunk index one past its last byte. */
  private endElem(chunk: Buffer, end: number): void {
    this.keep(chunk, this.pieceFrom, end);
    const start = this.elemStart >= 0 ? this.elemStart : this.topStart;
    const length = this.base + end - start;
    const bytes = this.oversized ? null : this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces);
    const isObject = this.elemStart >= 0 ? this.elemObject : true;
    this.elemStart = -1;
    this.topStart = -1;
    this.pieces = [];
    this.h.record(bytes, start, length, isObject);
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escape) { this.escape = false; i++; continue; }
        const q = chunk.indexOf(QUOTE, i);
        const stop = q < 0 ? n : q;
        let k = stop - 1;
        while (k >= i && chunk[k] === BSLASH) k--;
        const odd = (stop - 1 - k) % 2 === 1;
        if (q < 0) { this.escape = odd; i = n; break; }
        i = q + 1;
        if (odd) continue;
        this.inString = false;
        if (this.keyStart >= 0) {
          this.lastKey = this.keyAcc + chunk.toString('latin1', this.keyStart, q);
          this.keyStart = -1;
        }
        if (this.elemScalar && this.elemStart >= 0 && this.depth === this.recordDepth) this.endElem(chunk, i);
        continue;
      }
      const c = chunk[i]!;
      if (isWs(c)) {
        if (this.elemScalar && this.elemStart >= 0 && this.depth === this.recordDepth) this.endElem(chunk, i);
        i++;
        continue;
      }
      const at = this.base + i;
      if (this.depth === 0 && c !== LBRACE && c !== LBRACK) {
        if (this.junkAt < 0) {
          this.junkAt = at;
          this.h.problem(at, 'not part of a JSON array or object');
        }
        i++;
        continue;
      }
      this.junkAt = -1;
      const atRecordLevel = this.recordDepth > 0 && this.depth === this.recordDepth;
      if (c === QUOTE) {
        this.inString = true;
        if (atRecordLevel && this.elemStart < 0) this.beginElem(at, i, false, true);
        // Keys of the top-level object are remembered to find "Records".
        this.keyStart = this.topIsObject && this.depth === 1 ? i + 1 : -1;
        this.keyAcc = '';
      } else if (c === LBRACE || c === LBRACK) {
        if (this.depth === 0) {
          this.topIsObject = c === LBRACE;
          this.recordDepth = c === LBRACK ? 1 : 0;
          this.lastKey = '';
          this.currentKey = '';
          if (this.topIsObject) this.beginTop(at, i);
        } else if (atRecordLevel && this.elemStart < 0) {
          this.beginElem(at, i, c === LBRACE, false);
        } else if (this.topIsObject && this.depth === 1 && c === LBRACK && this.currentKey === 'Records') {
          this.recordDepth = 2;
          this.topStart = -1; // records come one by one; the wrapper itself is not a record
          this.pieces = [];
        }
        this.depth++;
      } else if (c === RBRACE || c === RBRACK) {
        // A scalar element ends before the bracket that closes its array.
        if (this.elemStart >= 0 && this.elemScalar && atRecordLevel) this.endElem(chunk, i);
        this.depth--;
        if (this.depth < 0) {
          this.depth = 0;
          this.h.problem(at, 'unbalanced closing bracket');
        } else if (this.elemStart >= 0 && !this.elemScalar && this.depth === this.recordDepth) {
          this.endElem(chunk, i + 1);
        }
        if (this.recordDepth > 0 && this.depth === this.recordDepth - 1) this.recordDepth = 0;
        if (this.depth === 0) {
          if (this.topStart >= 0) this.endElem(chunk, i + 1);
          this.topIsObject = false;
        }
      } else if (c === COMMA) {
        if (this.elemScalar && this.elemStart >= 0 && atRecordLevel) this.endElem(chunk, i);
        if (this.topIsObject && this.depth === 1) this.currentKey = '';
      } else if (c === COLON) {
        if (this.topIsObject && this.depth === 1) this.currentKey = this.lastKey;
      } else if (atRecordLevel && this.elemStart < 0) {
        this.beginElem(at, i, false, true);
      }
      i++;
    }
    if (this.capturing()) {
      this.keep(chunk, this.pieceFrom, n);
      this.pieceFrom = 0;
    }
    // A top-level key split across chunks: keep its head (keys that matter are short).
    if (this.keyStart >= 0) {
      if (this.keyAcc.length < 64) this.keyAcc += chunk.toString('latin1', this.keyStart, n);
      this.keyStart = 0;
    }
    this.base += n;
  }

  private beginTop(at: number, i: number): void {
    this.topStart = at;
    this.pieceFrom = i;
    this.pieces = [];
    this.captured = 0;
    this.oversized = false;
  }

  /** End of input: an unfinished record is reported, not silently dropped. */
  end(): void {
    const start = this.elemStart >= 0 ? this.elemStart : this.topStart;
    if (start >= 0) {
      if (this.elemScalar && !this.inString && this.depth === this.recordDepth) {
        this.h.problem(start, 'JSON ends inside an array (missing "]")');
      } else {
        this.h.problem(start, 'record incomplete at end of file');
      }
    } else if (this.depth > 0) {
      this.h.problem(this.base, 'JSON ends before its closing bracket');
    }
  }
}
