import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseFileResult } from '../../../electron/engine/ingest/run-parser';
import { sampleEvtxFiles } from '../../integration/evtx/reference';
import { ChunkWriter, el, eventTemplate, evtxFile, filetimeOf, resealChunk, systemValues, v } from './builder';
import { parseBytes, recordFrames } from './helpers';

/**
 * Deterministic fuzzing with mutated real files: bit flips, truncation, overwritten record
 * sizes and overwritten offsets (names, templates, free space). Every case must finish
 * quickly with events and/or clear skips and notes; an exception or a slow case fails.
 */

/** Per-case bound: a hostile file may cost more than a clean one, never much more. */
const CASE_MS = 2000;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A synthetic file with many records and a nested UserData fragment, for more coverage. */
function synthetic(): Buffer {
  const t = eventTemplate(['Image', 'CommandLine', 'Hashes']);
  const u = el('Event', [], [el('System', [], [el('EventID', [], [{ sub: 0 }])]), el('UserData', [], [{ sub: 1 }])]);
  const w = new ChunkWriter();
  for (let i = 1; i <= 40; i++) {
    if (i % 5 === 0) w.record(i, u, [v.u16(104), v.xml(el('X', [], [el('A', [], [{ sub: 0 }])]), [v.str(`a${i}`)])]);
    else w.record(i, t, [...systemValues({ eventId: 1, time: filetimeOf('2024-01-01T00:00:00Z', i), recordId: i }), v.str(`C:\\p${i}.exe`), v.str(`p${i} -x`), v.strs(['MD5=00', 'SHA1=11'])]);
  }
  return evtxFile([w.finish()]);
}

type Mutation = (b: Buffer, rnd: () => number) => Buffer;
const pick = (rnd: () => number, n: number): number => Math.floor(rnd() * n);

const mutations: Record<string, Mutation> = {
  'bit flips': (b, rnd) => {
    const out = Buffer.from(b);
    const n = 1 + pick(rnd, 16);
    for (let i = 0; i < n; i++) {
      // Mostly inside the used part of the first chunk, where parsing happens.
      const at = rnd() < 0.8 ? 4096 + pick(rnd, Math.min(out.length - 4096, out.readUInt32LE(4096 + 48) || 512)) : pick(rnd, out.length);
      out[at]! ^= 1 << pick(rnd, 8);
    }
    return rnd() < 0.5 ? reseal(out) : out;
  },
  truncation: (b, rnd) => b.subarray(0, pick(rnd, b.length)),
  'record sizes': (b, rnd) => {
    const out = Buffer.from(b);
    const frames = recordFrames(out.subarray(4096, 4096 + 65536));
    const f = frames[pick(rnd, frames.length)];
    if (f) out.writeUInt32LE([0, 1, 8, 23, 0xffffffff, pick(rnd, 70000), f.size + 8, f.size - 8][pick(rnd, 8)]! >>> 0, 4096 + f.offset + (rnd() < 0.7 ? 4 : f.size - 4));
    return reseal(out);
  },
  offsets: (b, rnd) => {
    const out = Buffer.from(b);
    const free = out.readUInt32LE(4096 + 48);
    const n = 1 + pick(rnd, 4);
    for (let i = 0; i < n; i++) {
      const value = [0, 0xffffffff, pick(rnd, 65536), 65530, 512, free][pick(rnd, 6)]!;
      // Header fields (free space, last record) or any 4 bytes in the records: names,
      // template offsets, counts and value sizes all live there.
      const at = rnd() < 0.2 ? 4096 + [44, 48][pick(rnd, 2)]! : 4096 + 512 + pick(rnd, Math.max(4, Math.min(free, 65536) - 516));
      out.writeUInt32LE(value >>> 0, at);
    }
    return reseal(out);
  },
};

function reseal(b: Buffer): Buffer {
  if (b.length >= 4096 + 65536 && b.readUInt32LE(4096 + 48) <= 65536) resealChunk(b.subarray(4096, 4096 + 65536));
  return b;
}

function checkOutcome(r: ParseFileResult): void {
  for (const x of [...r.skips, ...r.notes]) {
    expect(x.where).toMatch(/^(file|file header|chunk \d+|record \d+)$/);
    expect(x.reason.length).toBeGreaterThan(10);
  }
  for (const e of r.events) {
    expect(typeof e.message).toBe('string');
    expect(e.offset! + e.length!).toBeGreaterThan(e.offset!);
  }
}

const inputs: [string, Buffer][] = [
  ...sampleEvtxFiles().map((f): [string, Buffer] => [path.basename(f), readFileSync(f)]),
  ['synthetic.evtx', synthetic()],
];

describe('EVTX fuzzing (seeded mutations of real files)', () => {
  for (const [name, mutate] of Object.entries(mutations)) {
    it(`${name}: no crash, no hang, clear reasons`, { timeout: 240_000 }, async () => {
      let cases = 0;
      let withEvents = 0;
      let slowest = 0;
      for (const [fi, [file, bytes]] of inputs.entries()) {
        const rnd = prng(0x5eed + fi * 7919 + name.length);
        for (let i = 0; i < 25; i++) {
          const mutated = mutate(bytes, rnd);
          const started = performance.now();
          let r: ParseFileResult;
          try {
            r = await parseBytes(mutated);
          } catch (e) {
            throw new Error(`${name} case ${i} of ${file} threw: ${(e as Error).stack}`);
          }
          const ms = performance.now() - started;
          slowest = Math.max(slowest, ms);
          expect(ms, `${name} case ${i} of ${file}`).toBeLessThan(CASE_MS);
          checkOutcome(r);
          cases++;
          if (r.events.length > 0) withEvents++;
        }
      }
      expect(cases).toBe(inputs.length * 25);
      // Most damage is local: many mutated files still yield events.
      expect(withEvents).toBeGreaterThan(0);
      console.log(`evtx fuzz ${name}: ${cases} cases, ${withEvents} with events, slowest ${slowest.toFixed(1)} ms`);
    });
  }
});
