import type { Values } from './nodes';
import { TextInterner } from './strings';
import { filetimeAt, systemtimeToIso } from './times';

/**
 * Binary XML value types (libevtx documentation, "Value types") and their text form.
 * Values are rendered the way Windows renders event XML (EvtRender, Event Viewer), since
 * that is what Sigma rules and analysts' notes are written against: GUIDs upper case in
 * braces, hexadecimal integers as `0x3e7` (no padding), times as ISO 8601 UTC (times.ts).
 */

export const VT_NULL = 0x00;
export const VT_STRING = 0x01;
export const VT_ANSI = 0x02;
export const VT_INT8 = 0x03;
export const VT_UINT8 = 0x04;
export const VT_INT16 = 0x05;
export const VT_UINT16 = 0x06;
export const VT_INT32 = 0x07;
export const VT_UINT32 = 0x08;
export const VT_INT64 = 0x09;
export const VT_UINT64 = 0x0a;
export const VT_REAL32 = 0x0b;
export const VT_REAL64 = 0x0c;
export const VT_BOOL = 0x0d;
export const VT_BINARY = 0x0e;
export const VT_GUID = 0x0f;
export const VT_SIZET = 0x10;
export const VT_FILETIME = 0x11;
export const VT_SYSTIME = 0x12;
export const VT_SID = 0x13;
export const VT_HEX32 = 0x14;
export const VT_HEX64 = 0x15;
export const VT_EVTHANDLE = 0x20;
export const VT_BINXML = 0x21;
export const VT_EVTXML = 0x23;
export const VT_ARRAY = 0x80;

/** Upper-case two-digit hex of every byte value, so a GUID renders without a Buffer round trip. */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Upper-case hex of `n` bytes at `at`, in the order given by `step` (+1 or -1). */
function hexRun(buf: Buffer, at: number, n: number, step: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += HEX2[buf[at + i * step]!]!;
  return out;
}

/** A rendered GUID and its bytes as four words, to tell it from another with the same hash. */
interface KnownGuid { w0: number; w1: number; w2: number; w3: number; text: string }
/**
 * GUIDs rendered before, by a hash of their bytes: provider, process and logon GUIDs repeat
 * from record to record. Emptied when full (bounded for hostile files).
 */
const knownGuids = new Map<number, KnownGuid>();
const KNOWN_GUIDS_MAX = 8192;

/** A GUID stored little-endian (data1..3) as `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`. */
export function guidToString(buf: Buffer, at: number): string {
  const w0 = buf.readInt32LE(at);
  const w1 = buf.readInt32LE(at + 4);
  const w2 = buf.readInt32LE(at + 8);
  const w3 = buf.readInt32LE(at + 12);
  const h = (Math.imul(Math.imul(Math.imul(w0, 31) + w1, 31) + w2, 31) + w3) | 0;
  const known = knownGuids.get(h);
  if (known && known.w0 === w0 && known.w1 === w1 && known.w2 === w2 && known.w3 === w3) return known.text;
  const text = `{${hexRun(buf, at + 3, 4, -1)}-${hexRun(buf, at + 5, 2, -1)}-${hexRun(buf, at + 7, 2, -1)}-${hexRun(buf, at + 8, 2, 1)}-${hexRun(buf, at + 10, 6, 1)}}`;
  if (knownGuids.size >= KNOWN_GUIDS_MAX) knownGuids.clear();
  knownGuids.set(h, { w0, w1, w2, w3, text });
  return text;
}

/**
 * An NT security identifier: revision, sub-authority count, a 48-bit big-endian authority
 * and little-endian 32-bit sub-authorities. Returns the text and the bytes used, or null
 * when `size` is too small for the count it declares.
 */
export function sidAt(buf: Buffer, at: number, size: number): { text: string; used: number } | null {
  if (size < 8) return null;
  const count = buf[at + 1]!;
  const used = 8 + count * 4;
  if (used > size) return null;
  const authority = buf.readUIntBE(at + 2, 6);
  let text = `S-${buf[at]!}-${authority < 2 ** 32 ? authority : `0x${authority.toString(16).toUpperCase()}`}`;
  for (let i = 0; i < count; i++) text += `-${buf.readUInt32LE(at + 8 + i * 4)}`;
  return { text, used };
}

/** Short values seen before (host, user, paths); longer ones are mostly unique and decoded directly. */
const knownValues = new TextInterner(16384);
const INTERN_MAX_UNITS = 64;

/** UTF-16LE text without the end-of-string characters some writers include in the size. */
export function utf16(buf: Buffer, start: number, end: number): string {
  let e = end - ((end - start) & 1);
  while (e - 2 >= start && buf[e - 2] === 0 && buf[e - 1] === 0) e -= 2;
  const units = (e - start) >> 1;
  return units <= INTERN_MAX_UNITS ? knownValues.text(buf, start, units) : buf.toString('utf16le', start, e);
}

function ansi(buf: Buffer, start: number, end: number): string {
  let e = end;
  while (e > start && buf[e - 1] === 0) e--;
  return buf.toString('latin1', start, e);
}

function real32(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(7))) : String(v);
}

/** Bytes per element of a fixed-size array type (by base type), or 0 when variable. */
const FIXED: Record<number, number> = {
  [VT_INT8]: 1, [VT_UINT8]: 1, [VT_INT16]: 2, [VT_UINT16]: 2, [VT_INT32]: 4, [VT_UINT32]: 4,
  [VT_INT64]: 8, [VT_UINT64]: 8, [VT_REAL32]: 4, [VT_REAL64]: 8, [VT_BOOL]: 4, [VT_GUID]: 16,
  [VT_FILETIME]: 8, [VT_SYSTIME]: 16, [VT_HEX32]: 4, [VT_HEX64]: 8,
};

/** A u64 as `0x...` (no padding) from its two halves: a BigInt per value is costly. */
function hex64(buf: Buffer, at: number): string {
  const hi = buf.readUInt32LE(at + 4);
  const lo = buf.readUInt32LE(at);
  // Keywords are the same in most records of a log: the last one is kept.
  if (hi === lastHex64Hi && lo === lastHex64Lo) return lastHex64;
  const los = lo.toString(16);
  lastHex64Hi = hi;
  lastHex64Lo = lo;
  lastHex64 = hi === 0 ? `0x${los}` : `0x${hi.toString(16)}${los.padStart(8, '0')}`;
  return lastHex64;
}
let lastHex64Hi = -1;
let lastHex64Lo = -1;
let lastHex64 = '';

/** A u64 in decimal; as a double while that is exact (below 2^53), else through BigInt. */
function u64Text(buf: Buffer, at: number): string {
  const hi = buf.readUInt32LE(at + 4);
  return hi < 0x200000 ? String(hi * 2 ** 32 + buf.readUInt32LE(at)) : buf.readBigUInt64LE(at).toString();
}

/** One scalar of a fixed-size type at `at` (the caller checked the bounds). */
function scalar(buf: Buffer, at: number, size: number, type: number): string {
  switch (type) {
    case VT_INT8: return String(buf.readInt8(at));
    case VT_UINT8: return String(buf[at]!);
    case VT_INT16: return String(buf.readInt16LE(at));
    case VT_UINT16: return String(buf.readUInt16LE(at));
    case VT_INT32: return String(buf.readInt32LE(at));
    case VT_UINT32: return String(buf.readUInt32LE(at));
    case VT_INT64: return buf.readBigInt64LE(at).toString();
    case VT_UINT64: return u64Text(buf, at);
    case VT_REAL32: return real32(buf.readFloatLE(at));
    case VT_REAL64: return String(buf.readDoubleLE(at));
    case VT_BOOL: return buf.readUInt32LE(at) !== 0 ? 'true' : 'false';
    case VT_GUID: return guidToString(buf, at);
    case VT_FILETIME: return filetimeAt(buf, at);
    case VT_SYSTIME: return systemtimeToIso(buf, at);
    case VT_HEX32: return `0x${buf.readUInt32LE(at).toString(16)}`;
    case VT_HEX64: return hex64(buf, at);
    case VT_SIZET:
      return size === 8 ? hex64(buf, at) : `0x${buf.readUInt32LE(at).toString(16)}`;
  }
  return buf.toString('hex', at, at + size).toUpperCase();
}

/** A decoded substitution value: text, a list (array types), or nothing (NullType, empty). */
export type Scalar = string | string[] | null;

function arrayValue(buf: Buffer, start: number, size: number, base: number): string[] {
  const end = start + size;
  // Every string of an array ends with its own end-of-string character.
  if (base === VT_STRING || base === VT_ANSI) {
    const s = base === VT_STRING ? buf.toString('utf16le', start, end - ((end - start) & 1)) : buf.toString('latin1', start, end);
    return (s.endsWith('\0') ? s.slice(0, -1) : s).split('\0');
  }
  if (base === VT_SID) {
    const out: string[] = [];
    for (let p = start; p < end;) {
      const sid = sidAt(buf, p, end - p);
      if (!sid) break;
      out.push(sid.text);
      p += sid.used;
    }
    return out;
  }
  const w = base === VT_SIZET ? (size % 8 === 0 ? 8 : 4) : FIXED[base];
  // Arrays of binary data are not defined; keep such bytes whole.
  if (w === undefined) return [buf.toString('hex', start, end).toUpperCase()];
  const out: string[] = [];
  for (let p = start; p + w <= end; p += w) out.push(scalar(buf, p, w, base));
  return out;
}

/** Value `i` of a template instance, decoded on first use (a binary XML value is the reader's to read). */
export function valueAt(buf: Buffer, v: Values, i: number): Scalar {
  let d = v.decoded[i];
  if (d === undefined) {
    d = decodeValue(buf, v.starts[i]!, v.sizes[i]!, v.types[i]!);
    v.decoded[i] = d;
  }
  return d;
}

/**
 * Decode the value of `type` stored in `buf[start, start+size)`. Never throws for a size
 * that does not fit its type: such a value is kept as upper-case hex, so no data is lost.
 * Binary XML values (0x21) are not handled here (the binary XML reader parses them).
 */
export function decodeValue(buf: Buffer, start: number, size: number, type: number): Scalar {
  if (size === 0 || type === VT_NULL) return type === VT_STRING || type === VT_ANSI ? '' : null;
  if (type & VT_ARRAY) return arrayValue(buf, start, size, type & 0x7f);
  switch (type) {
    case VT_STRING:
    case VT_EVTXML:
      return utf16(buf, start, start + size);
    case VT_ANSI:
      return ansi(buf, start, start + size);
    case VT_BINARY:
      return buf.toString('hex', start, start + size).toUpperCase();
    case VT_SID: {
      const sid = sidAt(buf, start, size);
      return sid ? sid.text : buf.toString('hex', start, start + size).toUpperCase();
    }
    case VT_SIZET:
      return size === 4 || size === 8 ? scalar(buf, start, size, type) : buf.toString('hex', start, start + size).toUpperCase();
    case VT_EVTHANDLE:
      return buf.toString('hex', start, start + size).toUpperCase();
  }
  const w = FIXED[type];
  if (w !== undefined && size >= w) return scalar(buf, start, w, type);
  return buf.toString('hex', start, start + size).toUpperCase();
}
