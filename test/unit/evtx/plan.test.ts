import { describe, expect, it } from 'vitest';
import { ChunkBinXml } from '../../../electron/engine/ingest/parsers/evtx/binxml';
import { mapFields } from '../../../electron/engine/ingest/parsers/evtx/map-event';
import { sampleEvtxFiles } from '../../integration/evtx/reference';
import { ChunkWriter, el, eventTemplate, filetimeOf, systemValues, v, type Val } from './builder';
import { chunksOf, recordFrames } from './helpers';

/**
 * Compiled mapping plans (plan.ts) against the tree they stand for: for every record, the
 * fields from ChunkBinXml.recordFields must equal mapFields over the rendered tree, key
 * order included, and a record that fails must fail with the same message either way.
 */

/** Fields (as JSON, so key order counts) or the error, each way. */
function bothWays(chunk: Buffer, start: number, end: number): [string, string] {
  const outcome = (f: () => unknown): string => {
    try {
      return JSON.stringify(f());
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  // A fresh reader each way: a reader caches templates (and their failures) per chunk.
  const planned = outcome(() => new ChunkBinXml(chunk).recordFields(start, end));
  const tree = outcome(() => mapFields(new ChunkBinXml(chunk).record(start, end)));
  return [planned, tree];
}

function checkChunk(chunk: Buffer): number {
  let n = 0;
  for (const r of recordFrames(chunk)) {
    if (r.size < 32 || r.offset + r.size > chunk.length) continue;
    const [planned, tree] = bothWays(chunk, r.offset + 24, r.offset + r.size - 4);
    expect(planned).toBe(tree);
    n++;
  }
  return n;
}

/** Records whose values change kind from record to record (null, empty, lists, fragments), for several plan variants. */
function variedChunk(): Buffer {
  const t = eventTemplate(['Image', 'CommandLine', 'Hashes']);
  const nested = el('Event', [], [
    el('System', [], [el('EventID', [], [{ sub: 0 }]), el('Correlation', [['ActivityID', { sub: 2 }]])]),
    { sub: 1 },
  ]);
  const user = el('UserData', [], [el('Log', [['xmlns', 'x'], ['Name', { sub: 1 }]], [el('User', [], [{ sub: 0 }]), el('Empty', [['A', { sub: 2 }]], [{ sub: 3 }])])]);
  const data = el('EventData', [], [el('Data', [['Name', { sub: 0 }]], [{ sub: 1 }]), ' text ', el('Data', [['Name', 'N']], [el('Inner', [['K', { sub: 1 }]], [{ sub: 2 }])])]);
  const w = new ChunkWriter();
  const third: Val[] = [v.str('C:\\p.exe'), v.null(), v.str(''), v.strs(['a', 'b']), v.u32s([1, 2]), v.str('  ')];
  for (let i = 1; i <= 36; i++) {
    const x = third[i % third.length]!;
    if (i % 3 === 0) w.record(i, t, [...systemValues({ eventId: i, time: filetimeOf('2024-01-01T00:00:00Z', i), recordId: i }), x, v.str(`p${i} -x`), i % 2 ? v.strs(['MD5=00', 'SHA1=11']) : v.null()]);
    else if (i % 3 === 1) w.record(i, nested, [v.u16(104), v.xml(user, [v.str(`u${i}`), x, i % 2 ? v.str('') : v.null(), x]), i % 4 ? v.guid('{11111111-2222-3333-4444-555555555555}') : v.null()]);
    else w.record(i, nested, [v.u16(4688), v.xml(el('Event', [], [data]), [x, x, third[(i + 1) % third.length]!]), v.null()]);
  }
  return w.finish();
}

describe('EVTX mapping plans', () => {
  it('give the tree’s fields for every sample record', () => {
    let n = 0;
    for (const f of sampleEvtxFiles()) for (const c of chunksOf(f)) n += checkChunk(c);
    expect(n).toBeGreaterThan(0);
  });

  it('give the tree’s fields for values of every kind, and fragments', () => {
    expect(checkChunk(variedChunk())).toBe(36);
  });

  it('fail as the tree does on damaged records', () => {
    const samples = sampleEvtxFiles().flatMap((f) => chunksOf(f));
    let s = 12345;
    const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let k = 0; k < 300; k++) {
      const c = Buffer.from(samples[k % samples.length]!);
      const free = c.readUInt32LE(48);
      for (let j = 0; j < 4; j++) {
        const at = 512 + Math.floor(rand() * Math.max(1, free - 512));
        c[at] = c[at]! ^ (1 << Math.floor(rand() * 8));
      }
      checkChunk(c);
    }
  });
});
