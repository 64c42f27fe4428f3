import { describe, expect, it } from 'vitest';
import { scanChunk } from '../../../electron/engine/ingest/parsers/evtx/chunk';
import { ChunkWriter, el, eventTemplate, evtxFile, filetimeOf, resealChunk, systemValues, v } from './builder';
import { parseBytes } from './helpers';

/**
 * The parser reads a chunk only up to its free space offset, and the rest when binary XML
 * refers past it. A record whose template definition lies beyond the records (a damaged or
 * hostile chunk) must read exactly as with the whole chunk in memory.
 */
describe('EVTX chunk read up to its records', () => {
  /** A chunk whose only record refers to a template defined past the free space offset (and past the first read). */
  function forwardReference(): Buffer {
    const t = eventTemplate(['Payload']);
    const sys = (id: number) => systemValues({ eventId: 4688, time: filetimeOf('2024-01-01T00:00:00Z', id), recordId: id });
    const w = new ChunkWriter();
    // A large record first (with names of its own), so that the template and its names,
    // defined by the next record, lie beyond 16 KiB.
    w.record(1, el('Padding', [], [{ sub: 0 }]), [v.str('x'.repeat(12_000))]);
    const defining = w.used;
    w.record(2, t, [...sys(2), v.str('defines the template')]);
    const referring = w.used;
    w.record(3, t, [...sys(3), v.str('refers to the template')]);
    const end = w.used;
    const chunk = w.finish();
    expect(defining).toBeGreaterThan(16_384);
    // Move the referring record to the front and end the records after it: its template
    // reference (an absolute chunk offset) now points past the free space offset.
    chunk.copy(chunk, 512, referring, end);
    chunk.writeUInt32LE(512 + end - referring, 48);
    chunk.writeBigUInt64LE(3n, 24);
    chunk.writeBigUInt64LE(3n, 32);
    chunk.writeUInt32LE(512, 44);
    return resealChunk(chunk);
  }

  it('reads a template defined past the records as a whole chunk does', async () => {
    const chunk = forwardReference();
    const whole = scanChunk(chunk)!;
    expect(whole.items.map((i) => i.kind)).toEqual(['record']);
    const res = await parseBytes(evtxFile([chunk], 4));
    expect(res.events).toHaveLength(1);
    const item = whole.items[0]!;
    expect(item.kind === 'record' && item.fields.attrs).toEqual(res.events[0]!.attrs);
    expect(res.events[0]!.attrs?.Payload).toBe('refers to the template');
  });
});
