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
  for (const [start, end] of ranges) crc = crc32Range(buf, start, end, crc);
  return crc;
}

/**
 * CRC32 of `buf[start, end)` (a range inside `buf`), continuing `crc`: the per-chunk checks,
 * without a list of ranges to allocate. A plain view: a Buffer one (subarray) costs more to
 * make and to compile.
 */
export function crc32Range(buf: Buffer, start: number, end: number, crc = 0): number {
  return crc32(new Uint8Array(buf.buffer, buf.byteOffset + start, end - start), crc) >>> 0;
}

/** Whether `magic` stands at `at` in `buf` (byte by byte: cheaper than a view and a native compare). */
export function hasMagic(buf: Buffer, at: number, magic: Buffer): boolean {
  for (let i = 0; i < magic.length; i++) if (buf[at + i] !== magic[i]) return false;
  return true;
}

/**
 * Little-endian integers at offsets the caller knows to be inside `buf` (header fields,
 * framed records). Plain element loads: they run once per file or chunk, mostly before V8
 * optimizes anything, and compile to much less than Buffer's checked readers.
 */
const le16 = (buf: Buffer, at: number): number => buf[at]! | (buf[at + 1]! << 8);
const le32 = (buf: Buffer, at: number): number => (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16)) + buf[at + 3]! * 0x1000000;

/** A u64 as a number (exact to 2^53, far beyond any record number a log reaches). */
export function u64(buf: Buffer, at: number): number {
  return le32(buf, at) + le32(buf, at + 4) * 2 ** 32;
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
    magicOk: hasMagic(buf, 0, FILE_MAGIC),
    firstChunk: u64(buf, 8),
    lastChunk: u64(buf, 16),
    nextRecordId: u64(buf, 24),
    minorVersion: le16(buf, 36),
    majorVersion: le16(buf, 38),
    headerBlockSize: le16(buf, 40),
    chunkCount: le16(buf, 42),
    flags: le32(buf, 120),
    storedCrc: le32(buf, 124),
    computedCrc: crc32Range(buf, 0, 120),
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
  if (buf.length < CHUNK_HEADER_SIZE || !hasMagic(buf, 0, CHUNK_MAGIC)) return null;
  return {
    firstRecordNumber: u64(buf, 8),
    lastRecordNumber: u64(buf, 16),
    firstRecordId: u64(buf, 24),
    lastRecordId: u64(buf, 32),
    lastRecordOffset: le32(buf, 44),
    freeSpaceOffset: le32(buf, 48),
    storedRecordsCrc: le32(buf, 52),
    storedCrc: le32(buf, 124),
    // The header checksum covers bytes 0-120 and 128-512 (it skips its own field).
    computedCrc: crc32Range(buf, 128, CHUNK_HEADER_SIZE, crc32Range(buf, 0, 120)),
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
