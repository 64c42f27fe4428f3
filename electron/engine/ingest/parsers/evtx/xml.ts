import { closeSync, openSync, readSync } from 'node:fs';
import { ChunkBinXml } from './binxml';
import { EvtxFormatError, type XmlElement, type XmlNode } from './nodes';
import { CHUNK_MAGIC, CHUNK_SIZE, FILE_HEADER_SIZE } from './headers';

/**
 * An EVTX record as event XML, re-parsed from the evidence bytes. A record's bytes alone
 * are binary XML that points into its chunk (names, templates), so they read as noise;
 * this is what a user should see as the record's original form.
 */

const escText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string): string => escText(s).replace(/"/g, '&quot;');
const flat = (v: string | string[]): string => (typeof v === 'string' ? v : v.join(' '));

/** Indented XML text of an element tree. */
export function toXml(el: XmlElement, indent = ''): string {
  const attrs = el.attrs.map(([n, v]) => ` ${n}="${escAttr(flat(v))}"`).join('');
  const isEl = (c: XmlNode): c is XmlElement => typeof c === 'object' && !Array.isArray(c);
  if (!el.children.some(isEl)) {
    const text = el.children.map((c) => flat(c as string | string[])).join('');
    return text === '' ? `${indent}<${el.name}${attrs}/>` : `${indent}<${el.name}${attrs}>${escText(text)}</${el.name}>`;
  }
  const inner = el.children
    .map((c) => (isEl(c) ? toXml(c, `${indent}  `) : `${indent}  ${escText(flat(c))}`))
    .join('\n');
  return `${indent}<${el.name}${attrs}>\n${inner}\n${indent}</${el.name}>`;
}

/**
 * The XML of the record at byte `offset` of an EVTX file, or null when no readable record
 * starts there. Reads only the record's chunk.
 */
export function recordXmlAt(file: string, offset: number): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const magic = Buffer.alloc(8);
    readSync(fd, magic, 0, 8, 0);
    const base = magic.equals(CHUNK_MAGIC) ? 0 : FILE_HEADER_SIZE;
    if (offset < base) return null;
    const chunkStart = base + Math.floor((offset - base) / CHUNK_SIZE) * CHUNK_SIZE;
    const chunk = Buffer.alloc(CHUNK_SIZE);
    readSync(fd, chunk, 0, CHUNK_SIZE, chunkStart);
    const rel = offset - chunkStart;
    if (rel + 28 > CHUNK_SIZE || chunk.readUInt32LE(rel) !== 0x2a2a) return null;
    const size = chunk.readUInt32LE(rel + 4);
    if (size < 32 || rel + size > CHUNK_SIZE) return null;
    return toXml(new ChunkBinXml(chunk).record(rel + 24, rel + size - 4));
  } catch (e) {
    if (e instanceof EvtxFormatError || e instanceof RangeError || (e as NodeJS.ErrnoException).code !== undefined) return null;
    throw e;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
