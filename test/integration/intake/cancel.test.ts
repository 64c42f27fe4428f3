import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { walkInputs } from '../../../electron/engine/ingest/intake/walk';
import { packTar, sandbox } from './intake-harness';

function stagingFiles(caseDir: string): string[] {
  return readdirSync(path.join(caseDir, 'evidence', '.staging'));
}

async function drain(items: AsyncGenerator<unknown>): Promise<unknown> {
  try {
    for await (const _ of items) {
      // the caller only cares about how the walk ends
    }
    return null;
  } catch (err) {
    return err;
  }
}

describe('cancellation', () => {
  it('stops while a top-level file is streaming and leaves nothing in staging', async () => {
    const s = sandbox();
    writeFileSync(s.input('big.log'), Buffer.alloc(8 * 1024 * 1024, 0x61));
    const ac = new AbortController();
    const err = await drain(
      walkInputs([s.input('big.log')], {
        caseDir: s.caseDir,
        signal: ac.signal,
        onProgress: (done) => {
          if (done > 1024 * 1024) ac.abort();
        },
      }),
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('AbortError');
    expect(stagingFiles(s.caseDir)).toEqual([]);
    expect(readdirSync(path.join(s.caseDir, 'evidence'))).toEqual(['.staging']);
  });

  it('stops in the middle of an archive and removes its staged members', async () => {
    const s = sandbox();
    const members = Array.from({ length: 6 }, (_, i) => ({ name: `m${i}.bin`, data: Buffer.alloc(2 * 1024 * 1024, 0x30 + i) }));
    writeFileSync(s.input('a.tar.gz'), gzipSync(await packTar(members)));
    const ac = new AbortController();
    let stagedWhenCancelled = -1;
    const err = await drain(
      walkInputs([s.input('a.tar.gz')], {
        caseDir: s.caseDir,
        signal: ac.signal,
        onProgress: (_done, _total, current) => {
          if (current.endsWith('!/m3.bin') && !ac.signal.aborted) {
            stagedWhenCancelled = stagingFiles(s.caseDir).length;
            ac.abort();
          }
        },
      }),
    );
    expect((err as Error).name).toBe('AbortError');
    expect(stagedWhenCancelled).toBeGreaterThan(2);
    expect(stagingFiles(s.caseDir)).toEqual([]);
    // The archive itself was received in full before expansion began, so it stays as evidence.
    expect(readdirSync(path.join(s.caseDir, 'evidence')).filter((n) => n !== '.staging')).toHaveLength(1);
  });

  it('refuses to start when already cancelled', async () => {
    const s = sandbox();
    writeFileSync(s.input('a.log'), 'a');
    const err = await drain(walkInputs([s.input('a.log')], { caseDir: s.caseDir, signal: AbortSignal.abort() }));
    expect((err as Error).name).toBe('AbortError');
  });

  it('cleans staging when the consumer stops early', async () => {
    const s = sandbox();
    writeFileSync(s.input('a.log'), 'a');
    writeFileSync(s.input('b.log'), 'b');
    for await (const item of walkInputs([s.input('a.log'), s.input('b.log')], { caseDir: s.caseDir })) {
      expect(item.refused).toBeNull();
      break;
    }
    expect(stagingFiles(s.caseDir)).toEqual([]);
  });
});
