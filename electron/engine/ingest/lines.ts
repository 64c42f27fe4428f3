import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAscii, isUtf8 } from 'node:buffer';
import type { DetectSample, Line } from './types';

export interface ReadLinesOptions {
  /** Longest line kept whole (bytes, terminator excluded); longer lines keep only their head. Default 1 MiB. */
  maxLineBytes?: number;
  signal?: AbortSignal;
  /** Called with a thousand lines at a time (fewer when they are long: BATCH_CHARS), in file order. */
  onBatch: (lines: Line[]) => void;
  /** Bytes read so far, after each chunk. */
  onProgress?: (bytesDone: number) => void;
}

const CHUNK_BYTES = 1 << 20;
const BATCH_LINES = 1000;
/**
 * Characters of text that close a batch early: a thousand lines at the line limit would be
 * a gigabyte held at once (and the import holds a few batches while it writes).
 */
export const BATCH_CHARS = 4 << 20;
const LF = 10;
const CR = 13;
const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_LINES = 50;

/**
 * Largest end <= `end` that does not split a UTF-8 sequence, so a truncated head
 * does not gain a spurious U+FFFD (and a spurious invalid-UTF-8 flag).
 */
function utf8Boundary(buf: Buffer, start: number, end: number): number {
  let i = end;
  // Step back over at most 3 continuation bytes to the sequence's lead byte.
  while (i > start && end - i < 3 && ((buf[i - 1] ?? 0) & 0xc0) === 0x80) i--;
  if (i === start) return end;
  const lead = buf[i - 1] ?? 0;
  if (lead < 0x80) return end;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return end - (i - 1) >= need ? end : i - 1;
}

/**
 * Whether a line's kept bytes are invalid UTF-8. The ASCII check per chunk lets the common
 * case skip validation entirely; otherwise Buffer's native isUtf8 decides. Decoding itself
 * (toString) replaces bad bytes with U+FFFD and never throws.
 */
function badUtf8(buf: Buffer, start: number, end: number, chunkAscii: boolean): boolean {
  return !chunkAscii && !isUtf8(buf.subarray(start, end));
}

/**
 * Stream a text file as lines with exact byte offsets. Lines end at \n; a \r before it
 * is dropped from `text` but counted in `length`. Memory stays bounded by the chunk size
 * plus `maxLineBytes`, whatever the file or line size. Rejects with the abort reason when
 * `signal` fires.
 */
export async function readLines(file: string, opts: ReadLinesOptions): Promise<void> {
  const max = Math.max(1, opts.maxLineBytes ?? 1 << 20);
  const { signal, onBatch, onProgress } = opts;
  signal?.throwIfAborted();

  let batch: Line[] = [];
  let batchChars = 0;
  let lineNo = 0;
  let fileOffset = 0; // absolute offset of the current chunk's first byte
  let lineStart = 0; // absolute offset of the current line's first byte
  // Head of a line that started in an earlier chunk (at most `max` bytes kept).
  let carry: Buffer[] = [];
  let carryKept = 0;
  let carryTotal = 0;
  let carryAscii = true;
  let lastByte = -1; // last byte seen of the pending line (for \r across chunks)

  const push = (text: string, length: number, truncated: boolean, invalidUtf8: boolean): void => {
    lineNo++;
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM is not content
    batch.push({ text, offset: lineStart, length, lineNo, truncated, invalidUtf8 });
    lineStart += length;
    batchChars += text.length;
    if (batch.length >= BATCH_LINES || batchChars >= BATCH_CHARS) {
      const full = batch;
      batch = [];
      batchChars = 0;
      onBatch(full);
    }
  };

  // Finish a line whose earlier bytes are in `carry` and whose tail is chunk[from, to).
  const finishCarried = (chunk: Buffer, from: number, to: number, terminated: boolean, ascii: boolean): void => {
    const total = carryTotal + (to - from);
    const prev = to > from ? chunk[to - 1]! : lastByte;
    const hasCr = terminated && prev === CR;
    const contentLen = total - (hasCr ? 1 : 0);
    const take = Math.min(to - from, Math.max(0, max - carryKept));
    if (take > 0) carry.push(chunk.subarray(from, from + take));
    const head = carry.length === 1 ? carry[0]! : Buffer.concat(carry);
    const truncated = contentLen > max;
    let end = Math.min(contentLen, head.length);
    if (truncated) end = utf8Boundary(head, 0, end);
    const text = head.toString('utf8', 0, end);
    push(text, total + (terminated ? 1 : 0), truncated, badUtf8(head, 0, end, carryAscii && ascii));
    carry = [];
    carryKept = 0;
    carryTotal = 0;
    carryAscii = true;
    lastByte = -1;
  };

  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES, signal });
  for await (const raw of stream) {
    const chunk = raw as Buffer;
    const ascii = isAscii(chunk);
    let pos = 0;
    let nl = chunk.indexOf(LF, pos);
    if (carryTotal > 0 && nl !== -1) {
      finishCarried(chunk, 0, nl, true, ascii);
      pos = nl + 1;
      nl = chunk.indexOf(LF, pos);
    }
    while (nl !== -1) {
      const end = nl > pos && chunk[nl - 1] === CR ? nl - 1 : nl;
      const truncated = end - pos > max;
      const stop = truncated ? utf8Boundary(chunk, pos, pos + max) : end;
      push(chunk.toString('utf8', pos, stop), nl + 1 - pos, truncated, badUtf8(chunk, pos, stop, ascii));
      pos = nl + 1;
      nl = chunk.indexOf(LF, pos);
    }
    if (pos < chunk.length) {
      // The rest of the chunk starts (or continues) a line; keep only what the limit allows.
      const take = Math.min(chunk.length - pos, Math.max(0, max - carryKept));
      if (take > 0) {
        carry.push(chunk.subarray(pos, pos + take));
        carryKept += take;
        if (!ascii) carryAscii = false;
      }
      carryTotal += chunk.length - pos;
      lastByte = chunk[chunk.length - 1]!;
    }
    fileOffset += chunk.length;
    onProgress?.(fileOffset);
    signal?.throwIfAborted();
  }
  if (carryTotal > 0) finishCarried(Buffer.alloc(0), 0, 0, false, true);
  if (batch.length > 0) onBatch(batch);
}

/** The first 64 KiB of a file and its first complete lines (a final partial line only at EOF). */
export async function sampleFile(file: string, name: string): Promise<DetectSample> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    let got = 0;
    while (got < SAMPLE_BYTES) {
      const { bytesRead } = await fh.read(buf, got, SAMPLE_BYTES - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const head = buf.subarray(0, got);
    const atEof = got < SAMPLE_BYTES;
    return { name, head, lines: splitSampleLines(head, atEof) };
  } finally {
    await fh.close();
  }
}

function splitSampleLines(head: Buffer, atEof: boolean): string[] {
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < SAMPLE_LINES && pos < head.length) {
    let nl = head.indexOf(LF, pos);
    if (nl === -1) {
      if (!atEof) break;
      nl = head.length;
    }
    const end = nl > pos && head[nl - 1] === CR ? nl - 1 : nl;
    let text = head.toString('utf8', pos, end);
    if (pos === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    lines.push(text);
    pos = nl + 1;
  }
  return lines;
}
