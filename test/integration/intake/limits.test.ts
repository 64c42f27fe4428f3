import { statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../../electron/engine/ingest/intake/evidence-store';
import { expandArchive } from '../../../electron/engine/ingest/intake/expand';
import { DEFAULT_LIMITS, type IntakeLimits } from '../../../electron/engine/ingest/intake/walk';
import { writeTar } from '../../helpers/tar-writer';
import { writeZip } from '../../helpers/zip-writer';
import { expectCleanStore, intakeOne, packTar, sandbox, type Sandbox } from './intake-harness';

const MiB = 1024 * 1024;
/** The largest chunk a decompressor or file stream hands over at once. */
const CHUNK = 64 * 1024;
const ZEROS_50MB = Buffer.alloc(50 * 1000 * 1000);

async function refusedWith(s: Sandbox, file: string, limits: Partial<IntakeLimits>, reason: RegExp): Promise<void> {
  const item = await intakeOne(s, file, limits);
  expect(item.refused).toMatch(reason);
  expect(item.children).toEqual([]);
  expect(expectCleanStore(s)).toEqual([item.sha256]);
}

/** Expand directly against a fresh store, to see how many bytes were ever written to staging. */
async function expandCounting(s: Sandbox, file: string, kind: 'zip' | 'tar' | 'gzip', limits: Partial<IntakeLimits>) {
  const store = await EvidenceStore.open(s.caseDir);
  const outcome = await expandArchive(store, file, kind, file, { limits: { ...DEFAULT_LIMITS, ...limits }, compressedSize: statSync(file).size });
  return { outcome, bytesStaged: store.bytesStaged };
}

describe('entry count limit', () => {
  it('refuses more entries than maxEntries', async () => {
    const s = sandbox();
    const file = writeZip(s.input('many.zip'), ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `${n}.log`, data: n })));
    await refusedWith(s, file, { maxEntries: 3 }, /more than 3 entries \(limit reached at "[^"]*many\.zip!\/d\.log"\)/);
  });

  it('counts folder entries and nested members as entries too', async () => {
    const s = sandbox();
    const file = writeTar(s.input('dirs.tar'), [{ name: 'a/', type: '5' }, { name: 'b/', type: '5' }, { name: 'c/', type: '5' }, { name: 'c/x.log', data: 'x' }]);
    await refusedWith(s, file, { maxEntries: 3 }, /more than 3 entries/);
  });
});

describe('byte limits count streamed bytes, never header claims', () => {
  it('refuses a tar member over maxEntryBytes', async () => {
    const s = sandbox();
    const file = writeTar(s.input('big.tar'), [{ name: 'small.log', data: 'ok' }, { name: 'big.log', data: 'b'.repeat(5000) }]);
    await refusedWith(s, file, { maxEntryBytes: 4096 }, /entry "[^"]*big\.tar!\/big\.log" is larger than the 4096 bytes limit for one entry/);
  });

  it('refuses a zip entry whose header understates its size', async () => {
    const s = sandbox();
    const file = writeZip(s.input('liar.zip'), [{ name: 'liar.log', data: Buffer.alloc(1 * MiB, 0x61), declaredSize: 10 }]);
    await refusedWith(s, file, { maxEntryBytes: 64 * 1024 }, /liar\.log/);
  });

  it('refuses when all members together exceed maxTotalBytes', async () => {
    const s = sandbox();
    const file = writeTar(s.input('total.tar'), [1, 2, 3].map((i) => ({ name: `${i}.log`, data: String(i).repeat(4000) })));
    await refusedWith(s, file, { maxTotalBytes: 10_000 }, /uncompressed contents exceed the 10000 bytes limit \(reached in "[^"]*total\.tar!\/3\.log"\)/);
  });

  it('stops decompressing a gzip member (no size header at all) at maxEntryBytes', async () => {
    const s = sandbox();
    const file = s.input('zeros.gz');
    writeFileSync(file, gzipSync(ZEROS_50MB));
    const { outcome, bytesStaged } = await expandCounting(s, file, 'gzip', { maxEntryBytes: 2 * MiB });
    expect(outcome.refused).toMatch(/larger than the 2 MiB limit/);
    expect(bytesStaged).toBeLessThanOrEqual(2 * MiB + CHUNK);
  });
});

describe('compression ratio (decompression bombs)', () => {
  const floor = 1 * MiB;

  it('refuses 50 MB of gzipped zeros, writing no more than the ratio allows, and nothing outside the case', async () => {
    const s = sandbox();
    const file = s.input('bomb.log.gz');
    writeFileSync(file, gzipSync(ZEROS_50MB));
    const compressed = statSync(file).size;
    await refusedWith(s, file, { ratioFloorBytes: floor }, /compression ratio over 200:1 .*likely a decompression bomb, stopped in "[^"]*bomb\.log\.gz!\/bomb\.log"/);

    const fresh = sandbox();
    const { outcome, bytesStaged } = await expandCounting(fresh, file, 'gzip', { ratioFloorBytes: floor });
    expect(outcome.refused).toMatch(/compression ratio/);
    const allowed = Math.max(floor, DEFAULT_LIMITS.maxRatio * compressed);
    expect(allowed).toBeLessThan(ZEROS_50MB.length / 4);
    expect(bytesStaged).toBeLessThanOrEqual(allowed + CHUNK);
    expectCleanStore(fresh);
  });

  it('refuses a zip bomb (one deflated entry of zeros)', async () => {
    const s = sandbox();
    const file = writeZip(s.input('bomb.zip'), [{ name: 'zeros.bin', data: ZEROS_50MB }]);
    const { outcome, bytesStaged } = await expandCounting(s, file, 'zip', { ratioFloorBytes: floor });
    expect(outcome.refused).toMatch(/compression ratio over 200:1/);
    expect(bytesStaged).toBeLessThanOrEqual(Math.max(floor, 200 * statSync(file).size) + CHUNK);
  });

  it('measures nested bombs against the top-level archive size (gzip of gzip of zeros)', async () => {
    const s = sandbox();
    const file = s.input('double.gz');
    writeFileSync(file, gzipSync(gzipSync(ZEROS_50MB)));
    await refusedWith(s, file, { ratioFloorBytes: floor }, /compression ratio over 200:1 .*double\.gz!\/double!\/double"/);
  });

  it('refuses a tar.gz of many highly compressible members by the ratio of their sum', async () => {
    const s = sandbox();
    const file = s.input('spread.tgz');
    const members = Array.from({ length: 8 }, (_, i) => ({ name: `part-${i}.bin`, data: Buffer.alloc(1 * MiB) }));
    writeFileSync(file, gzipSync(await packTar(members)));
    await refusedWith(s, file, { ratioFloorBytes: floor }, /compression ratio/);
  });

  it('accepts highly compressible archives below the ratio floor', async () => {
    const s = sandbox();
    const file = s.input('small-zeros.gz');
    writeFileSync(file, gzipSync(Buffer.alloc(2 * MiB)));
    const item = await intakeOne(s, file);
    expect(item.refused).toBeNull();
    expect(item.children[0]!.size).toBe(2 * MiB);
  });
});
