import { ChunkBinXml } from './binxml';
import type { ChunkRest } from './chunk-source';
import { allZero, CHUNK_HEADER_SIZE, crc32Range, hex32, parseChunkHeader, u64, type ChunkHeader } from './headers';
import type { EventFields } from './map-event';
import { EvtxFormatError } from './nodes';

/**
 * The event records of one chunk. A record is framed by a signature, its size and a copy
 * of the size at its end; when a frame is broken the reader resynchronises on the next
 * well-framed record instead of giving up on the rest of the chunk.
 */

const RECORD_MAGIC = 0x00002a2a;
/** Signature, size, id, written time: the fixed part before the binary XML. */
const RECORD_FIXED = 24;
/** The smallest frame: fixed part, a fragment header and the trailing size copy. */
const RECORD_MIN = RECORD_FIXED + 4 + 4;

export type ChunkItem =
  | { kind: 'record'; offset: number; size: number; id: number; fields: EventFields }
  | { kind: 'bad'; offset: number; size: number | null; id: number | null; reason: string };

export interface ChunkScan {
  header: ChunkHeader;
  /** Integrity findings about the chunk as a whole (CRC mismatches, odd header fields). */
  findings: string[];
  items: ChunkItem[];
}

/** Whether a well-formed record frame starts at `p` (below `limit`). */
function framed(buf: Buffer, p: number, limit: number): boolean {
  if (p + RECORD_MIN > limit || buf.readUInt32LE(p) !== RECORD_MAGIC) return false;
  const size = buf.readUInt32LE(p + 4);
  return size >= RECORD_MIN && p + size <= limit && buf.readUInt32LE(p + size - 4) === size;
}

/** The next well-framed record at or after `from`, or -1. */
function resync(buf: Buffer, from: number, limit: number): number {
  for (let p = buf.indexOf(0x2a, from); p >= 0 && p + RECORD_MIN <= limit; p = buf.indexOf(0x2a, p + 1)) {
    if (framed(buf, p, limit)) return p;
  }
  return -1;
}

/** What is wrong with a frame at `p` that `framed` rejected. */
function frameProblem(buf: Buffer, p: number, limit: number): string {
  if (p + RECORD_MIN > limit) return 'record header cut off by the end of the chunk data';
  if (buf.readUInt32LE(p) !== RECORD_MAGIC) return 'no record signature';
  const size = buf.readUInt32LE(p + 4);
  if (size < RECORD_MIN || p + size > limit) return `record size ${size} out of bounds`;
  return `record size ${size} does not match the copy at its end (${buf.readUInt32LE(p + size - 4)})`;
}

/**
 * Scan a chunk that starts with "ElfChnk\0" (null otherwise). `buf` is the whole chunk;
 * item offsets are relative to it. Only its first `loaded` bytes may be read yet (at least
 * up to its free space offset); `rest` reads the rest (see chunk-source.ts).
 */
export function scanChunk(buf: Buffer, loaded = buf.length, rest: ChunkRest | null = null): ChunkScan | null {
  const header = parseChunkHeader(buf);
  if (!header) return null;
  const findings: string[] = [];
  if (header.storedCrc !== header.computedCrc) {
    findings.push(`header CRC mismatch (stored ${hex32(header.storedCrc)}, computed ${hex32(header.computedCrc)})`);
  }
  let limit = header.freeSpaceOffset;
  const outside = limit < CHUNK_HEADER_SIZE || limit > buf.length;
  if (outside) limit = buf.length;
  // The records are read whole (the source reads that far first: this is a safeguard).
  if (limit > loaded && rest) {
    rest.loadRest();
    loaded = buf.length;
  }
  if (outside) {
    findings.push(`free space offset ${header.freeSpaceOffset} outside the chunk; records read up to the chunk end`);
  } else {
    const computed = crc32Range(buf, CHUNK_HEADER_SIZE, limit);
    if (computed !== header.storedRecordsCrc) {
      findings.push(`event records CRC mismatch (stored ${hex32(header.storedRecordsCrc)}, computed ${hex32(computed)})`);
    }
  }
  const binxml = new ChunkBinXml(buf, loaded, rest);
  const items: ChunkItem[] = [];
  let p = CHUNK_HEADER_SIZE;
  while (p + 4 <= limit) {
    if (!framed(buf, p, limit)) {
      if (allZero(buf, p, limit)) break;
      const next = resync(buf, p + 1, limit);
      items.push({ kind: 'bad', offset: p, size: null, id: null, reason: `${frameProblem(buf, p, limit)}; ${next < 0 ? 'rest of the chunk not readable' : `skipped ${next - p} bytes to the next record`}` });
      if (next < 0) break;
      p = next;
      continue;
    }
    const size = buf.readUInt32LE(p + 4);
    const id = u64(buf, p + 8);
    try {
      items.push({ kind: 'record', offset: p, size, id, fields: binxml.recordFields(p + RECORD_FIXED, p + size - 4) });
    } catch (e) {
      if (!(e instanceof EvtxFormatError) && !(e instanceof RangeError)) throw e;
      items.push({ kind: 'bad', offset: p, size, id, reason: `record ${id}: ${e.message}` });
    }
    p += size;
  }
  return { header, findings, items };
}
