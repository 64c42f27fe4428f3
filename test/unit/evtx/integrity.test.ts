import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Of, parseChunkHeader, parseFileHeader } from '../../../electron/engine/ingest/parsers/evtx/headers';
import { ChunkWriter, el, eventTemplate, evtxFile, filetimeOf, resealChunk, systemValues, v } from './builder';
import { chunksOf, parseBytes, recordFrames, SAMPLES } from './helpers';

const T = filetimeOf('2024-05-06T07:08:09Z');
const tmpl = eventTemplate(['Image', 'CommandLine']);
const rec = (w: ChunkWriter, id: number): ChunkWriter =>
  w.record(id, tmpl, [...systemValues({ eventId: 1, time: T, recordId: id }), v.str(`C:\\bin\\p${id}.exe`), v.str(`p${id} --run`)]);
const chunkWith = (ids: number[]): Buffer => ids.reduce((w, id) => rec(w, id), new ChunkWriter()).finish();
const reasons = (xs: { reason: string }[]): string[] => xs.map((x) => x.reason);

describe('EVTX headers and CRC32', () => {
  it('uses the RFC 1952 CRC32', () => {
    expect(crc32Of(Buffer.from('123456789'), [[0, 9]])).toBe(0xcbf43926);
    expect(crc32Of(Buffer.from('xx123456789yy'), [[2, 6], [6, 11]])).toBe(0xcbf43926);
  });

  it('reads the file and chunk headers of a sample and finds their checksums intact', () => {
    const b = readFileSync(SAMPLES.psexec);
    const h = parseFileHeader(b);
    expect(h).toMatchObject({ magicOk: true, majorVersion: 3, headerBlockSize: 4096, chunkCount: 1 });
    expect(h.computedCrc).toBe(h.storedCrc);
    const c = parseChunkHeader(b.subarray(4096, 4096 + 65536))!;
    expect(c.computedCrc).toBe(c.storedCrc);
    expect(c.lastRecordId - c.firstRecordId).toBe(9);
    expect(crc32(b.subarray(4096 + 512, 4096 + c.freeSpaceOffset)) >>> 0).toBe(c.storedRecordsCrc);
    expect(parseChunkHeader(Buffer.alloc(512))).toBeNull();
  });
});

describe('EVTX integrity findings', () => {
  it('reports a file header CRC mismatch and still imports', async () => {
    const b = readFileSync(SAMPLES.psexec);
    b[60]! ^= 0x01;
    const r = await parseBytes(b);
    expect(r.events).toHaveLength(10);
    expect(r.notes).toEqual([{ where: 'file header', reason: expect.stringMatching(/^file header CRC mismatch \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)$/) }]);
  });

  it('reports chunk header and event records CRC mismatches and keeps the (changed) records', async () => {
    const [chunk] = chunksOf(SAMPLES.psexec);
    chunk![70]! ^= 0x01;
    const frame = recordFrames(chunk!)[3]!;
    // Change one character of a UTF-16 value inside record 3: the frame stays valid.
    const at = chunk!.indexOf(Buffer.from('services.exe', 'utf16le'), frame.offset);
    expect(at).toBeGreaterThan(frame.offset);
    chunk!.write('X', at, 'utf16le');
    const r = await parseBytes(evtxFile([chunk!]));
    expect(r.events).toHaveLength(10);
    expect(r.skips).toEqual([]);
    expect(reasons(r.notes)).toEqual([
      expect.stringMatching(/^chunk 0 at file offset 4096: header CRC mismatch/),
      expect.stringMatching(/^chunk 0 at file offset 4096: event records CRC mismatch/),
    ]);
    expect(JSON.stringify(r.events[3]!.attrs)).toContain('Xervices.exe');
  });

  it('reports record id gaps inside a chunk and between chunks', async () => {
    const r = await parseBytes(evtxFile([chunkWith([1, 2, 5]), chunkWith([6, 7]), chunkWith([20])]));
    expect(r.events.map((e) => e.attrs!.EventRecordID)).toEqual([1, 2, 5, 6, 7, 20]);
    expect(r.notes).toEqual([
      { where: 'record 2', reason: expect.stringContaining('record id gap: 2 record id(s) missing between 2 and 5') },
      { where: 'chunk 2', reason: 'record id gap: ids 8-19 missing between chunk 1 (ends at 7) and chunk 2 (starts at 20)' },
    ]);
  });

  it('accepts a wrapped circular log (oldest chunk later in the file) without a finding', async () => {
    const r = await parseBytes(evtxFile([chunkWith([30, 31]), chunkWith([28, 29])]));
    expect(r.events).toHaveLength(4);
    expect(r.notes).toEqual([]);
  });

  it('flags overlapping record ids between chunks', async () => {
    const r = await parseBytes(evtxFile([chunkWith([1, 2, 3]), chunkWith([3, 4])]));
    expect(reasons(r.notes)).toEqual(['record ids of chunk 1 (3-4) overlap chunk 0 (1-3)']);
  });
});

describe('EVTX damage: skipped with a reason, the rest imports', () => {
  it('skips a chunk with a broken signature and parses the others', async () => {
    const bad = chunkWith([3, 4]);
    bad.write('XXXX', 0, 'latin1');
    const r = await parseBytes(evtxFile([chunkWith([1, 2]), bad, chunkWith([5])]));
    expect(r.events.map((e) => e.attrs!.EventRecordID)).toEqual([1, 2, 5]);
    expect(r.skips).toEqual([{ where: 'chunk 1', reason: 'chunk 1 at file offset 69632: no "ElfChnk" signature; chunk not imported' }]);
    expect(reasons(r.notes)).toEqual(['record id gap: ids 3-4 missing between chunk 0 (ends at 2) and chunk 2 (starts at 5)']);
  });

  it('resynchronises after a record whose frame is broken', async () => {
    const chunk = chunkWith([1, 2, 3, 4]);
    const f = recordFrames(chunk);
    chunk.writeUInt32LE(0xdeadbeef, f[1]!.offset + 4);
    const r = await parseBytes(evtxFile([resealChunk(chunk)]));
    expect(r.events.map((e) => e.attrs!.EventRecordID)).toEqual([1, 3, 4]);
    expect(r.skips).toEqual([{ where: 'chunk 0', reason: `chunk 0 at file offset ${4096 + f[1]!.offset}: record size 3735928559 out of bounds; skipped ${f[1]!.size} bytes to the next record; not imported` }]);
  });

  it('skips a record whose binary XML is broken, naming the record, and imports its neighbours', async () => {
    const chunk = chunkWith([1, 2, 3]);
    const f = recordFrames(chunk)[1]!;
    chunk[f.offset + 24 + 4] = 0x3f; // the template instance token becomes an unknown token
    const r = await parseBytes(evtxFile([resealChunk(chunk)]));
    expect(r.events.map((e) => e.record)).toEqual([0, 2]);
    expect(r.skips).toEqual([{ where: 'record 1', reason: `chunk 0 at file offset ${4096 + f.offset}: record 2: unknown binary XML token 0x3f at chunk offset ${f.offset + 28}; not imported` }]);
  });

  it('keeps the records before the cut of a truncated file', async () => {
    const full = evtxFile([chunkWith([1, 2, 3, 4])]);
    const f = recordFrames(full.subarray(4096));
    const r = await parseBytes(full.subarray(0, 4096 + f[2]!.offset + 10));
    expect(r.events.map((e) => e.attrs!.EventRecordID)).toEqual([1, 2]);
    expect(reasons(r.notes)).toContain(`chunk 0 at file offset 4096: truncated (${f[2]!.offset + 10} of 65536 bytes); records past the end are lost`);
    expect(r.skips).toHaveLength(1);
  });

  it('ignores preallocated all-zero chunks and reads a bare chunk without a file header', async () => {
    const r = await parseBytes(evtxFile([chunkWith([1]), Buffer.alloc(65536)]));
    expect(r.events).toHaveLength(1);
    expect(r.skips).toEqual([]);
    const bare = await parseBytes(chunkWith([7, 8]));
    expect(bare.events.map((e) => e.offset)).toEqual([512, expect.any(Number)]);
  });

  it('reports files that are not EVTX without throwing', async () => {
    expect((await parseBytes(Buffer.from('hello\n'))).skips).toEqual([{ where: 'file', reason: 'file too short for an EVTX header (6 bytes); nothing imported' }]);
    expect((await parseBytes(Buffer.alloc(0))).skips).toHaveLength(1);
    const text = await parseBytes(Buffer.from('not an event log\n'.repeat(10_000)));
    expect(text.events).toEqual([]);
    expect(text.notes[0]!.reason).toMatch(/no "ElfFile" signature/);
    expect(text.skips[0]!.reason).toMatch(/no "ElfChnk" signature/);
  });

  it('refuses hostile nesting with a reason instead of overflowing the stack', async () => {
    const holder = el('Event', [], [el('System', [], [el('EventID', [], [{ sub: 0 }])]), el('UserData', [], [{ sub: 1 }])]);
    const wrap = el('W', [], [{ sub: 0 }]);
    let value = v.str('core');
    for (let i = 0; i < 20; i++) value = v.xml(wrap, [value]);
    let deep = el('Leaf', [], ['x']);
    for (let i = 0; i < 100; i++) deep = el(`E${i}`, [], [deep]);
    const w = new ChunkWriter().record(1, holder, [v.u16(1), value]).record(2, deep, []).record(3, tmpl, [...systemValues({ eventId: 1, time: T, recordId: 3 }), v.str('ok'), v.str('ok')]);
    const r = await parseBytes(evtxFile([w.finish()]));
    expect(r.events.map((e) => e.attrs!.EventRecordID)).toEqual([3]);
    expect(reasons(r.skips)).toEqual([
      expect.stringMatching(/record 1: binary XML values nested too deeply/),
      expect.stringMatching(/record 2: elements nested too deeply/),
    ]);
  });

  it('stops when the import is cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(parseBytes(evtxFile([chunkWith([1])]), ac.signal)).rejects.toThrow(/abort/i);
  });
});
