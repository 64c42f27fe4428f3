import { describe, expect, it } from 'vitest';
import { unknownMeta } from '../../../electron/engine/ingest/intake/file-meta';
import type { IntakeItem } from '../../../electron/engine/ingest/intake/types';
import { inventoryEvent } from '../../../electron/engine/ingest/inventory/inventory-event';
import { memberPlace, topLevelPlace } from '../../../electron/engine/ingest/inventory/write-inventory';

const item = (displayPath: string, over: Partial<IntakeItem> = {}): IntakeItem => ({
  displayPath,
  sha256: 'a'.repeat(64),
  size: 12,
  storedPath: '/case/evidence/x',
  mtimeMs: Date.UTC(2024, 0, 2, 3, 4, 5, 678),
  container: null,
  children: [],
  refused: null,
  meta: { mode: 0o640, uid: 1000, gid: 100, owner: 'ann', group: 'users', ctimeMs: Date.UTC(2024, 1, 1), source: 'file system' },
  foundIn: null,
  ...over,
});

describe('inventory places', () => {
  it.each([
    ['a file found in a folder', item('/in/data/sub/a.csv', { foundIn: '/in/data' }), { root: '/in/data', relative: 'sub/a.csv' }],
    ['a file given directly', item('/in/a.csv'), { root: '/in/a.csv', relative: 'a.csv' }],
    ['an archive given directly stands for its members', item('/in/d.zip', { container: 'zip' }), { root: '/in/d.zip', relative: null }],
    ['an archive found in a folder is a file of it', item('/in/data/d.zip', { container: 'zip', foundIn: '/in/data' }), { root: '/in/data', relative: 'd.zip' }],
  ])('%s', (_label, it_, want) => {
    expect(topLevelPlace(it_)).toEqual(want);
  });

  it('names members under their archive, looking through the gzip layer of a .tar.gz given directly', () => {
    const gz = item('/in/d.tar.gz', { container: 'gzip' });
    const tar = item('/in/d.tar.gz!/d.tar', { container: 'tar' });
    const member = item('/in/d.tar.gz!/d.tar!/x/y.csv');
    const p1 = memberPlace(topLevelPlace(gz), gz, tar);
    expect(p1).toEqual({ root: '/in/d.tar.gz', relative: null });
    expect(memberPlace(p1, tar, member)).toEqual({ root: '/in/d.tar.gz', relative: 'x/y.csv' });
    const zipInFolder = item('/in/data/d.zip', { container: 'zip', foundIn: '/in/data' });
    expect(memberPlace(topLevelPlace(zipInFolder), zipInFolder, item('/in/data/d.zip!/m.csv'))).toEqual({ root: '/in/data', relative: 'd.zip!/m.csv' });
  });
});

describe('inventory events', () => {
  it('carries the metadata, with the mtime as the time and the whole file as the origin', () => {
    const e = inventoryEvent(item('/in/data/a.csv'), { root: '/in/data', relative: 'a.csv' }, 42);
    expect(e).toMatchObject({ ts: Date.UTC(2024, 0, 2, 3, 4, 5, 678) * 1000, ts_desc: 'modified (file system)', user: 'ann', action: 'file', resource: '/in/data/a.csv', offset: 0, length: 12, record: 42 });
    expect(e.attrs).toEqual({
      path: '/in/data/a.csv',
      relative: 'a.csv',
      root: '/in/data',
      size: 12,
      mode: '0640',
      uid: 1000,
      gid: 100,
      owner: 'ann',
      group: 'users',
      mtime: '2024-01-02T03:04:05.678Z',
      ctime: '2024-02-01T00:00:00.000Z',
      sha256: 'a'.repeat(64),
      recorded_by: 'file system',
      intake: 42,
    });
  });

  it('says what was not recorded instead of inventing it', () => {
    const e = inventoryEvent(item('/in/a.gz!/a', { mtimeMs: null, meta: unknownMeta('gzip header') }), { root: '/in/a.gz', relative: 'a' }, 7);
    expect(e.ts).toBeNull();
    expect(e.ts_desc).toBeNull();
    expect(e.attrs).toMatchObject({ mode: null, uid: null, gid: null, owner: null, group: null, mtime: null, ctime: null });
    expect(e.message).toContain('(mtime not recorded)');
  });
});
