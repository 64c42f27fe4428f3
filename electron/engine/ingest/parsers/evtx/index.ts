import { closeSync, openSync, readSync } from 'node:fs';
import type { DetectSample, ParseContext, ParseSink, StreamParser } from '../../types';
import { scanChunk, type ChunkScan } from './chunk';
import { allZero, CHUNK_MAGIC, CHUNK_SIZE, FILE_HEADER_SIZE, FILE_MAGIC, hex32, parseFileHeader } from './headers';
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

function handleChunk(scan: ChunkScan, k: number, base: number, st: FileState): void {
  const { sink, ids } = st;
  const where = `chunk ${k}`;
  for (const f of scan.findings) sink.note?.(where, `chunk ${k} at file offset ${base}: ${f}`);
  ids.startChunk();
  let firstId: number | null = null;
  let lastId: number | null = null;
  for (const item of scan.items) {
    const offset = base + item.offset;
    if (item.kind === 'bad') {
      const rec = item.id === null ? where : `record ${st.index++}`;
      sink.skip(rec, `chunk ${k} at file offset ${offset}: ${item.reason}; not imported`);
      if (item.id !== null) ids.next(item.id);
      continue;
    }
    firstId ??= item.id;
    lastId = item.id;
    const index = st.index++;
    const rec = `record ${index}`;
    const gap = ids.next(item.id);
    if (gap) sink.note?.(rec, `chunk ${k} at file offset ${offset}: ${gap}`);
    const ev = eventOf(item.fields, { index, offset, length: item.size });
    const cleared = clearedLogFinding(ev.attrs ?? {});
    if (cleared) sink.note?.(rec, cleared);
    sink.event(ev);
  }
  ids.endChunk(k);
  const h = scan.header;
  if (firstId !== null && lastId !== null && (h.firstRecordId !== firstId || h.lastRecordId !== lastId)) {
    sink.note?.(where, `chunk ${k}: header lists record ids ${h.firstRecordId}-${h.lastRecordId} but the chunk holds ${firstId}-${lastId}`);
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

async function parse(file: string, _ctx: ParseContext, sink: ParseSink, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  // Reads are synchronous, one 64 KiB chunk at a time: an asynchronous read per chunk costs
  // more than parsing a small chunk. The event loop gets a turn every CHUNKS_PER_TURN chunks.
  const fd = openSync(file, 'r');
  // Every byte is overwritten by a read, or zeroed when the file ends early.
  const buf = takeBuffer();
  try {
    // One read for the file header and the first chunk: most logs are a chunk or two.
    const firstRead = Math.max(0, readSync(fd, buf, 0, buf.length, 0));
    buf.fill(0, firstRead);
    const head = buf.subarray(0, FILE_HEADER_SIZE);
    // A bare chunk (carved from disk or memory) has no file header: chunks start at 0.
    let base = FILE_HEADER_SIZE;
    if (head.subarray(0, 8).equals(CHUNK_MAGIC)) base = 0;
    else if (firstRead < 128) {
      sink.skip('file', `file too short for an EVTX header (${firstRead} bytes); nothing imported`);
      return;
    } else {
      const h = parseFileHeader(head);
      if (!h.magicOk) sink.note?.('file header', 'no "ElfFile" signature: not an EVTX file header; looking for chunks anyway');
      else {
        if (h.storedCrc !== h.computedCrc) sink.note?.('file header', `file header CRC mismatch (stored ${hex32(h.storedCrc)}, computed ${hex32(h.computedCrc)})`);
        if (h.majorVersion !== 3) sink.note?.('file header', `unknown format version ${h.majorVersion}.${h.minorVersion}`);
      }
    }
    const st: FileState = { sink, ids: new RecordIdCheck(), index: 0 };
    const chunk = buf.subarray(base, base + CHUNK_SIZE);
    // Chunks follow one another up to the end of the file, where a read returns nothing.
    for (let k = 0, at = base; ; k++, at += CHUNK_SIZE) {
      const bytesRead = k === 0 ? Math.min(CHUNK_SIZE, Math.max(0, firstRead - base)) : Math.max(0, readSync(fd, chunk, 0, CHUNK_SIZE, at));
      if (bytesRead === 0) break;
      if (k > 0 && k % CHUNKS_PER_TURN === 0) await nextTurn();
      signal.throwIfAborted();
      if (bytesRead < CHUNK_SIZE) chunk.fill(0, bytesRead);
      const scan = scanChunk(chunk);
      if (!scan) {
        // Preallocated chunks are all zeros: nothing was ever written there.
        if (allZero(chunk, 0, bytesRead)) continue;
        sink.skip(`chunk ${k}`, `chunk ${k} at file offset ${at}: no "ElfChnk" signature; chunk not imported`);
        continue;
      }
      if (bytesRead < CHUNK_SIZE) sink.note?.(`chunk ${k}`, `chunk ${k} at file offset ${at}: truncated (${bytesRead} of ${CHUNK_SIZE} bytes); records past the end are lost`);
      handleChunk(scan, k, at, st);
    }
    for (const f of st.ids.betweenChunks()) sink.note?.(f.where, f.reason);
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
