import { readSync } from 'node:fs';
import { CHUNK_HEADER_SIZE, CHUNK_MAGIC, CHUNK_SIZE, FILE_HEADER_SIZE, hasMagic } from './headers';

/**
 * One chunk of an open EVTX file, read only as far as its records go. A chunk is 64 KiB but
 * small logs use a few KiB of it (records end at the header's free space offset): copying
 * the unused rest costs more than parsing a small chunk. Binary XML may still refer past
 * the records (in a damaged or hostile chunk), so the rest is read when that happens
 * (`loadRest`), and everything that reads the chunk sees the bytes a full read gives.
 */

/** Bytes read first: the header and, in most chunks of small logs, every record. */
const HEAD_READ = 16384;
/** Bytes readFileStart asks for: the file header and the first chunk's head. */
export const FILE_START_READ = FILE_HEADER_SIZE + HEAD_READ;

/** What reads a chunk needs of its source: the rest of the chunk, on demand. */
export interface ChunkRest {
  loadRest(): void;
}

/** Reads until `len` bytes are in or the file ends; the bytes read. */
function readAt(fd: number, buf: Buffer, off: number, len: number, pos: number): number {
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, off + got, len - got, pos + got);
    if (n <= 0) break;
    got += n;
  }
  return got;
}

/** Where records end, by the header (the whole chunk when it has no header or a bad offset). */
function recordsEnd(buf: Buffer): number {
  if (!hasMagic(buf, 0, CHUNK_MAGIC)) return CHUNK_SIZE;
  const free = buf.readUInt32LE(48);
  return free < CHUNK_HEADER_SIZE || free > CHUNK_SIZE ? CHUNK_SIZE : free;
}

/** Two bytes across a chunk's end: the chunk's last and the next chunk's first. */
const probe = Buffer.alloc(2);

export class ChunkSource implements ChunkRest {
  /** Bytes of `buf` that hold the chunk as a full read gives it (file bytes, then zeros past the file's end). */
  loaded = 0;
  /** Bytes of the chunk the file holds (CHUNK_SIZE unless the file ends inside it). */
  private length = 0;
  /** Whether the file goes on past this chunk. */
  more = false;
  private at = 0;

  /**
   * `buf` is a CHUNK_SIZE view of the caller's buffer; `size` the file's size where known
   * (a short first read tells), else Infinity: then reads tell where the file ends.
   */
  constructor(private readonly fd: number, readonly buf: Buffer, private readonly size: number) {}

  /**
   * Read the chunk at file offset `at`, whose first `preloaded` bytes are already in `buf`.
   * Returns the bytes of the chunk the file holds (0 at the end of the file).
   */
  load(at: number, preloaded: number): number {
    this.at = at;
    this.more = false;
    this.length = Math.max(0, Math.min(CHUNK_SIZE, this.size - at));
    this.loaded = Math.min(preloaded, this.length);
    this.readTo(Math.min(HEAD_READ, this.length));
    // A chunk cut off by the end of the file (rare) is read whole, as zeros past the end.
    if (this.length === CHUNK_SIZE && !this.probeEnd()) this.readTo(CHUNK_SIZE);
    if (this.length < CHUNK_SIZE) {
      this.loadRest();
      return this.length;
    }
    this.readTo(recordsEnd(this.buf));
    return CHUNK_SIZE;
  }

  /** The whole chunk: the rest of its bytes, zeros past the end of the file. */
  loadRest(): void {
    if (this.loaded >= CHUNK_SIZE) return;
    this.readTo(this.length);
    if (this.loaded < CHUNK_SIZE) this.buf.fill(0, this.loaded);
    this.loaded = CHUNK_SIZE;
  }

  /**
   * Whether the file holds the chunk's last byte, and (`more`) a byte past it: one small
   * read instead of the whole chunk, or of a file status.
   */
  private probeEnd(): boolean {
    const n = readAt(this.fd, probe, 0, 2, this.at + CHUNK_SIZE - 1);
    this.more = n === 2;
    return n > 0;
  }

  /** Read on up to `end`; where the file ends first, the chunk ends there. */
  private readTo(end: number): void {
    if (this.loaded >= end) return;
    const want = end - this.loaded;
    const got = readAt(this.fd, this.buf, this.loaded, want, this.at + this.loaded);
    this.loaded += got;
    if (got < want) this.length = this.loaded;
  }
}

/**
 * Read the start of the file into `buf`: its header and the first chunk's head. Returns the
 * bytes read; fewer than asked for means the file ends there.
 */
export function readFileStart(fd: number, buf: Buffer): number {
  const got = readAt(fd, buf, 0, FILE_START_READ, 0);
  // A file shorter than its header: the header's missing bytes read as zeros, as they always have.
  if (got < FILE_HEADER_SIZE) buf.fill(0, got, FILE_HEADER_SIZE);
  return got;
}
