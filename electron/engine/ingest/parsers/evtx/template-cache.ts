import type { TNode } from './nodes';

/**
 * Compiled template definitions shared across chunks (and files). Every chunk defines its
 * templates anew, so a log compiles the same few templates in every chunk; with small
 * chunks that compilation is most of the work. A definition is not position independent,
 * though: its names are chunk offsets, either to a name defined inline right there or to
 * one defined earlier in the chunk. So a cached compilation is reused only when the new
 * definition is the same token stream byte for byte (name offsets and links aside), every name
 * it refers to is the same text, and every layout probe of an element start (the one test
 * that reads past token boundaries) comes out the same. Then compiling it would give the
 * very same nodes, which is what is reused.
 */

/** Whether an element start's size and name offset at `p` look real (see ChunkBinXml.elementStart). */
export function plausibleStart(buf: Buffer, p: number, end: number): boolean {
  if (p + 8 > end) return false;
  const size = buf.readUInt32LE(p);
  const nameOff = buf.readUInt32LE(p + 4);
  return size <= buf.length && nameOff <= p + 8 && nameOff + 8 <= buf.length;
}

/** What a compilation read besides its token stream, relative to the stream start. */
export class TemplateTrace {
  /** Positions of name offset fields (an inline name's structure follows its field). */
  readonly nameAt: number[] = [];
  /** The name each field refers to (only looked at when not inline). */
  readonly names: string[] = [];
  /** Whether that name is defined inline, right after its field. */
  readonly inline: boolean[] = [];
  /** Positions of element start layout probes, and their outcomes. */
  readonly probeAt: number[] = [];
  readonly probes: boolean[] = [];

  constructor(readonly start: number) {}

  name(fieldAt: number, inline: boolean, name: string): void {
    this.nameAt.push(fieldAt - this.start);
    this.names.push(name);
    this.inline.push(inline);
  }

  probe(p: number, result: boolean): void {
    this.probeAt.push(p - this.start);
    this.probes.push(result);
  }
}

/**
 * Zero what a compilation does not read as tokens in a copy of a definition: name offset
 * fields (checked one by one instead), and the link to the next name of the chunk's hash
 * bucket that starts an inline name, which differs from chunk to chunk and is never read.
 */
function maskNames(bytes: Buffer, t: TemplateTrace): void {
  for (let i = 0; i < t.nameAt.length; i++) {
    const at = t.nameAt[i]!;
    for (let k = at, stop = t.inline[i] ? at + 8 : at + 4; k < stop; k++) bytes[k] = 0;
  }
}

interface Entry {
  /** The token stream, masked (see maskNames). */
  bytes: Buffer;
  trace: TemplateTrace;
  nodes: TNode[];
}

/** Entries and bytes kept in all; a hostile file with endless distinct templates only empties the cache. */
const MAX_ENTRIES = 2048;
const MAX_BYTES = 4 * 1024 * 1024;
/** Variants kept per GUID and size (the same template in different chunks is one variant). */
const MAX_VARIANTS = 4;

/** The chunk's names, for comparing a cached compilation's names with the chunk's. */
export interface ChunkNames {
  /**
   * Whether the name structure at `off` holds `name` and fits the chunk's bytes read so far
   * (the reader's own bounds checks). One past those bytes counts as a mismatch: compiling
   * reads it, and gives the same nodes as a match would.
   */
  nameIs(off: number, name: string): boolean;
}

export class TemplateCache {
  private readonly entries = new Map<number, Entry[]>();
  private count = 0;
  private bytes = 0;
  /** Scratch space for a definition's bytes with its name offset fields zeroed. */
  private scratch = Buffer.alloc(0);

  /**
   * The cache key of the definition at `off` with stream `[start, end)`: a hash of its GUID,
   * its size and the chunk size. Only a hint: `get` compares the definition itself.
   */
  static key(buf: Buffer, off: number, start: number, end: number): number {
    let h = Math.imul(buf.length, 31) + end - start;
    for (let i = 4; i < 20; i += 4) h = (Math.imul(h, 31) + buf.readUInt32LE(off + i)) | 0;
    return h;
  }

  /** The nodes compiled from an equivalent definition, or null. */
  get(key: number, buf: Buffer, start: number, end: number, names: ChunkNames): TNode[] | null {
    const list = this.entries.get(key);
    if (!list) return null;
    for (const e of list) if (this.matches(e, buf, start, end, names)) return e.nodes;
    return null;
  }

  /** Keep a successful compilation of the stream `[start, end)` of `buf`. */
  set(key: number, buf: Buffer, start: number, end: number, trace: TemplateTrace, nodes: TNode[]): void {
    if (this.count >= MAX_ENTRIES || this.bytes + end - start > MAX_BYTES) {
      this.entries.clear();
      this.count = 0;
      this.bytes = 0;
    }
    const bytes = Buffer.from(buf.subarray(start, end));
    maskNames(bytes, trace);
    const list = this.entries.get(key) ?? [];
    if (list.length >= MAX_VARIANTS) this.bytes -= list.shift()!.bytes.length;
    else this.count++;
    this.bytes += bytes.length;
    list.push({ bytes, trace, nodes });
    this.entries.set(key, list);
  }

  /** Whether compiling `[start, end)` of `buf` would read what the cached compilation read. */
  private matches(e: Entry, buf: Buffer, start: number, end: number, names: ChunkNames): boolean {
    const n = end - start;
    if (e.bytes.length !== n) return false;
    const t = e.trace;
    if (this.scratch.length < n) this.scratch = Buffer.alloc(Math.max(n, 2 * this.scratch.length));
    const scratch = this.scratch;
    buf.copy(scratch, 0, start, end);
    maskNames(scratch, t);
    if (scratch.compare(e.bytes, 0, n, 0, n) !== 0) return false;
    for (let i = 0; i < t.nameAt.length; i++) {
      const field = start + t.nameAt[i]!;
      const off = buf.readUInt32LE(field);
      if (t.inline[i] !== (off === field + 4)) return false;
      if (!t.inline[i] && !names.nameIs(off, t.names[i]!)) return false;
    }
    for (let i = 0; i < t.probeAt.length; i++) if (plausibleStart(buf, start + t.probeAt[i]!, end) !== t.probes[i]) return false;
    return true;
  }
}
