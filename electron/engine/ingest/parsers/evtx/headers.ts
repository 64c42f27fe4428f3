import { crc32 } from 'node:zlib';

/**
 * EVTX file and chunk headers (libevtx documentation, "File header" and "Chunk header").
 * Both carry a CRC32 (RFC 1952, the zlib one) that Windows writes: a mismatch means the
 * bytes changed after Windows wrote them, which an auditor needs to know.
 */

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 512;
export const FILE_MAGIC = Buffer.from('ElfFile\0', 'latin1');
export const CHUNK_MAGIC = Buffer.from('ElfChnk\0', 'latin1');

/** CRC32 of some byte ranges of `buf`, as one stream (RFC 1952, initial value 0). */
export function crc32Of(buf: Buffer, ranges: [number, number][]): number {
  let crc = 0;
  for (const [start, end] of ranges) crc = crc32(buf.subarray(start, end), crc);
  return crc >>> 0;
}

/** A u64 as a number (exact to 2^53, far beyond any record number a log reaches). */
export function u64(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at) + buf.readUInt32LE(at + 4) * 2 ** 32;
}

export interface FileHeader {
  magicOk: boolean;
  firstChunk: number;
  lastChunk: number;
  nextRecordId: number;
  minorVersion: number;
  majorVersion: number;
  headerBlockSize: number;
  chunkCount: number;
  /** 1: dirty (not closed cleanly), 2: full. */
  flags: number;
  storedCrc: number;
  computedCrc: number;
}

/** The file header from the first 128 bytes (the caller gives at least that many). */
export function parseFileHeader(buf: Buffer): FileHeader {
  return {
    magicOk: buf.subarray(0, 8).equals(FILE_MAGIC),
    firstChunk: u64(buf, 8),
    lastChunk: u64(buf, 16),
    nextRecordId: u64(buf, 24),
    minorVersion: buf.readUInt16LE(36),
    majorVersion: buf.readUInt16LE(38),
    headerBlockSize: buf.readUInt16LE(40),
    chunkCount: buf.readUInt16LE(42),
    flags: buf.readUInt32LE(120),
    storedCrc: buf.readUInt32LE(124),
    computedCrc: crc32Of(buf, [[0, 120]]),
  };
}

export interface ChunkHeader {
  firstRecordNumber: number;
  lastRecordNumber: number;
  firstRecordId: number;
  lastRecordId: number;
  lastRecordOffset: number;
  freeSpaceOffset: number;
  storedRecordsCrc: number;
  storedCrc: number;
  computedCrc: number;
}

/** The chunk header, or null when the chunk does not start with "ElfChnk\0". */
export function parseChunkHeader(buf: Buffer): ChunkHeader | null {
  if (buf.length < CHUNK_HEADER_SIZE || !buf.subarray(0, 8).equals(CHUNK_MAGIC)) return null;
  return {
    firstRecordNumber: u64(buf, 8),
    lastRecordNumber: u64(buf, 16),
    firstRecordId: u64(buf, 24),
    lastRecordId: u64(buf, 32),
    lastRecordOffset: buf.readUInt32LE(44),
    freeSpaceOffset: buf.readUInt32LE(48),
    storedRecordsCrc: buf.readUInt32LE(52),
    storedCrc: buf.readUInt32LE(124),
    // The header checksum covers bytes 0-120 and 128-512 (it skips its own field).
    computedCrc: crc32Of(buf, [[0, 120], [128, CHUNK_HEADER_SIZE]]),
  };
}

/** Whether every byte of the range is zero (an unused, preallocated chunk or tail). */
export function allZero(buf: Buffer, start: number, end: number): boolean {
  if (end <= start) return true;
  if (end - start > ZEROS.length) return allZero(buf, start, start + ZEROS.length) && allZero(buf, start + ZEROS.length, end);
  return buf.compare(ZEROS, 0, end - start, start, end) === 0;
}
const ZEROS = Buffer.alloc(CHUNK_SIZE);

export const hex32 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
