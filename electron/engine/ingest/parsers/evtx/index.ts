import { closeSync, constants, openSync } from 'node:fs';
import type { DetectSample, ParseContext, ParseSink, StreamParser } from '../../types';
import { scanChunk, type ChunkItem, type ChunkScan } from './chunk';
import { ChunkSource, FILE_START_READ, readFileStart } from './chunk-source';
import { allZero, CHUNK_MAGIC, CHUNK_SIZE, FILE_HEADER_SIZE, FILE_MAGIC, hasMagic, hex32, parseFileHeader } from './headers';
import { clearedLogFinding, RecordIdCheck } from './integrity';
import { eventOf } from './map-event';

/**
 * Windows XML Event Log (.evtx). The file is read one 64 KiB chunk at a time, so a log of
 * any size parses in constant memory. A damaged chunk or record is skipped with its
 * location and the reason while the rest still imports; checksum mismatches, record-id
 * gaps and "log cleared" events are reported as notes, because tampering with a log is
 * evidence too.
 */

/** State carried from chunk to chunk. */
interface FileState {
  sink: ParseSink;
  ids: RecordIdCheck;
  /** 0-based index of the next record in file order (the event's `record`). */
  index: number;
}

type GoodItem = Extract<ChunkItem, { kind: 'record' }>;
type BadItem = Extract<ChunkItem, { kind: 'bad' }>;

/** A record that could not be read: skipped with where and why (its id still counts). */
function skipItem(item: BadItem, k: number, base: number, st: FileState): void {
  const rec = item.id === null ? `chunk ${k}` : `record ${st.index++}`;
  st.sink.skip(rec, `chunk ${k} at file offset ${base + item.offset}: ${item.reason}; not imported`);
  if (item.id !== null) st.ids.next(item.id);
}

/** A record's event, after the notes on it (an id gap, a cleared log). */
function emitItem(item: GoodItem, k: number, base: number, st: FileState): void {
  const { sink } = st;
  const offset = base + item.offset;
  const index = st.index++;
  const gap = st.ids.next(item.id);
  if (gap) sink.note?.(`record ${index}`, `chunk ${k} at file offset ${offset}: ${gap}`);
  const ev = eventOf(item.fields, { index, offset, length: item.size });
  const cleared = clearedLogFinding(ev.attrs ?? {});
  if (cleared) sink.note?.(`record ${index}`, cleared);
  sink.event(ev);
}

/**
 * The chunk's findings, records and id checks. Indexed loops and the rare paths in their
 * own functions: this runs once per chunk, so mostly before V8 optimizes it, and the less
 * there is of it the less there is to compile.
 */
function handleChunk(scan: ChunkScan, k: number, base: number, st: FileState): void {
  const { sink, ids } = st;
  const { findings, items } = scan;
  for (let i = 0; i < findings.length; i++) sink.note?.(`chunk ${k}`, `chunk ${k} at file offset ${base}: ${findings[i]!}`);
  ids.startChunk();
  let firstId: number | null = null;
  let lastId: number | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'bad') {
      skipItem(item, k, base, st);
      continue;
    }
    firstId ??= item.id;
    lastId = item.id;
    emitItem(item, k, base, st);
  }
  ids.endChunk(k);
  const h = scan.header;
  if (firstId !== null && lastId !== null && (h.firstRecordId !== firstId || h.lastRecordId !== lastId)) {
    sink.note?.(`chunk ${k}`, `chunk ${k}: header lists record ids ${h.firstRecordId}-${h.lastRecordId} but the chunk holds ${firstId}-${lastId}`);
  }
}

/**
 * Chunk buffers of finished parses, for the next parse: a fresh 64 KiB buffer per file
 * costs an allocation and page faults on every small log. Parses may overlap (they yield
 * to the event loop), so each takes its own buffer and gives it back when done.
 */
const spareBuffers: Buffer[] = [];
const SPARE_MAX = 4;

/** A buffer for the file header and the first chunk, which one read fetches together. */
function takeBuffer(): Buffer {
  return spareBuffers.pop() ?? Buffer.allocUnsafe(FILE_HEADER_SIZE + CHUNK_SIZE);
}

function giveBack(buf: Buffer): void {
  if (spareBuffers.length < SPARE_MAX) spareBuffers.push(buf);
}

/** Chunks parsed between two turns of the event loop (1 MiB), so cancellation gets through. */
const CHUNKS_PER_TURN = 16;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Where the chunks start (0 for a bare chunk carved from disk or memory, which has no file
 * header), after reporting on the file header; null when the file is too short for one.
 */
function chunksStart(buf: Buffer, firstRead: number, sink: ParseSink): number | null {
  if (hasMagic(buf, 0, CHUNK_MAGIC)) return 0;
  if (firstRead < 128) {
    sink.skip('file', `file too short for an EVTX header (${firstRead} bytes); nothing imported`);
    return null;
  }
  const h = parseFileHeader(buf);
  if (!h.magicOk) sink.note?.('file header', 'no "ElfFile" signature: not an EVTX file header; looking for chunks anyway');
  else {
    if (h.storedCrc !== h.computedCrc) sink.note?.('file header', `file header CRC mismatch (stored ${hex32(h.storedCrc)}, computed ${hex32(h.computedCrc)})`);
    if (h.majorVersion !== 3) sink.note?.('file header', `unknown format version ${h.majorVersion}.${h.minorVersion}`);
  }
  return FILE_HEADER_SIZE;
}

/** The chunks of one open file, parsed in turns (a plain loop: an async one costs more to compile). */
class ChunkRun {
  private k = 0;
  private at: number;
  /** The chunk that is read (`bytesRead` of it), waiting to be parsed. */
  private ready = -1;
  private bytesRead = 0;
  private preloaded: number;
  private readonly src: ChunkSource;
  private readonly st: FileState;

  constructor(fd: number, buf: Buffer, base: number, firstRead: number, sink: ParseSink) {
    this.at = base;
    this.preloaded = Math.max(0, firstRead - base);
    // A first read that came back short ends where the file does.
    const size = firstRead < FILE_START_READ ? firstRead : Infinity;
    this.src = new ChunkSource(fd, buf.subarray(base, base + CHUNK_SIZE), size);
    this.st = { sink, ids: new RecordIdCheck(), index: 0 };
  }

  /** Parse chunks until the event loop is due a turn; whether chunks remain. */
  turn(signal: AbortSignal): boolean {
    for (let n = 0; ; n++) {
      const k = this.k;
      if (this.ready !== k) {
        this.bytesRead = this.src.load(this.at, this.preloaded);
        this.preloaded = 0;
        this.ready = k;
      }
      // The chunks are over where a read comes back empty.
      if (this.bytesRead === 0) return false;
      if (n > 0 && k % CHUNKS_PER_TURN === 0) return true;
      signal.throwIfAborted();
      this.chunk(k, this.at, this.bytesRead);
      this.k++;
      this.at += CHUNK_SIZE;
      if (!this.src.more) return false;
    }
  }

  private chunk(k: number, at: number, bytesRead: number): void {
    const { src, st } = this;
    const scan = scanChunk(src.buf, src.loaded, src);
    if (!scan) {
      // Preallocated chunks are all zeros: nothing was ever written there.
      if (allZero(src.buf, 0, bytesRead)) return;
      st.sink.skip(`chunk ${k}`, `chunk ${k} at file offset ${at}: no "ElfChnk" signature; chunk not imported`);
      return;
    }
    if (bytesRead < CHUNK_SIZE) st.sink.note?.(`chunk ${k}`, `chunk ${k} at file offset ${at}: truncated (${bytesRead} of ${CHUNK_SIZE} bytes); records past the end are lost`);
    handleChunk(scan, k, at, st);
  }

  finish(): void {
    for (const f of this.st.ids.betweenChunks()) this.st.sink.note?.(f.where, f.reason);
  }
}

async function parse(file: string, _ctx: ParseContext, sink: ParseSink, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  // Reads are synchronous: an asynchronous read per chunk costs more than parsing a small
  // chunk. The event loop gets a turn every CHUNKS_PER_TURN chunks.
  const fd = openSync(file, constants.O_RDONLY);
  const buf = takeBuffer();
  try {
    // One read for the file header and the first chunk's head: most logs are a chunk or two.
    const firstRead = readFileStart(fd, buf);
    const base = chunksStart(buf, firstRead, sink);
    if (base === null) return;
    const run = new ChunkRun(fd, buf, base, firstRead, sink);
    while (run.turn(signal)) await nextTurn();
    run.finish();
  } finally {
    closeSync(fd);
    giveBack(buf);
  }
}

function detect(sample: DetectSample): number {
  const magic = sample.head.subarray(0, 8);
  if (magic.equals(FILE_MAGIC)) return 1;
  if (magic.equals(CHUNK_MAGIC)) return 0.9;
  return 0;
}

export const evtxParser: StreamParser = {
  kind: 'stream',
  id: 'evtx',
  label: 'Windows EVTX',
  detect,
  parse,
};
