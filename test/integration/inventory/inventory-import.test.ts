import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/model';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { tmpDirPersistent } from '../../helpers/tmp';

const sha = (b: string): string => createHash('sha256').update(b).digest('hex');
const uid = process.getuid?.() ?? null;

/** Files with known content, modes and modification times (two with the same content). */
const FILES: { rel: string; data: string; mode: number; mtime: string }[] = [
  { rel: 'a.txt', data: 'alpha\n', mode: 0o640, mtime: '2023-01-02T03:04:05.000Z' },
  { rel: 'dup-1.txt', data: 'same bytes\n', mode: 0o644, mtime: '2023-02-03T04:05:06.000Z' },
  { rel: 'sub/b.sh', data: '#!/bin/sh\necho b\n', mode: 0o755, mtime: '2022-12-31T23:59:58.000Z' },
  { rel: 'sub/dup-2.txt', data: 'same bytes\n', mode: 0o600, mtime: '2023-03-04T05:06:07.000Z' },
  { rel: 'auth.log', data: 'Mar  3 10:00:01 web-01 sshd[100]: Failed password for root from 203.0.113.9 port 4242 ssh2\n', mode: 0o644, mtime: '2023-03-03T10:00:01.000Z' },
];

function makeFolder(dir: string): void {
  for (const f of FILES) {
    const p = path.join(dir, f.rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.data);
    chmodSync(p, f.mode);
    const t = new Date(f.mtime);
    utimesSync(p, t, t);
  }
}

async function inventoryEvents(c: EngineCase): Promise<AuditEvent[]> {
  const r = await c.client.call('search.query', { query: 'format:inventory', limit: 10_000 });
  return r.events;
}

describe('inventory import', () => {
  const root = tmpDirPersistent();
  const folder = path.join(root, 'dataset');
  let c: EngineCase;

  beforeAll(async () => {
    makeFolder(folder);
    c = await newEngineCase('inventory', { persistent: true });
  });
  afterAll(() => c.close());

  it('gives every file of a folder one event with its path, size, mode, owner, times and SHA-256', async () => {
    const receipt = await c.importFiles([folder], { format: 'inventory' });
    expect(receipt.refused).toEqual([]);
    expect(receipt.files.map((f) => [f.format, f.events])).toEqual(FILES.map(() => ['inventory', 1]));
    const events = await inventoryEvents(c);
    expect(events).toHaveLength(FILES.length);
    for (const f of FILES) {
      const p = path.join(folder, f.rel);
      const e = events.find((x) => x.attrs.path === p)!;
      const st = statSync(p);
      expect(e.resource).toBe(p);
      expect(e.ts).toBe(f.mtime.replace('Z', '000Z'));
      expect(e.attrs).toMatchObject({
        relative: f.rel,
        root: folder,
        size: Buffer.byteLength(f.data),
        mode: `0${f.mode.toString(8)}`,
        uid,
        gid: st.gid,
        mtime: f.mtime,
        ctime: new Date(st.ctimeMs).toISOString(),
        sha256: sha(f.data),
        recorded_by: 'file system',
      });
      if (uid !== null) expect(e.attrs.owner).toBe(os.userInfo().username);
      // The file's own evidence is the origin: all of its bytes.
      expect(e.origin).toMatchObject({ sha256: sha(f.data), offset: 0, length: Buffer.byteLength(f.data) });
    }
  });

  it('lists identical content at two paths as two events (the origin record is the intake record)', async () => {
    const events = (await inventoryEvents(c)).filter((e) => e.attrs.sha256 === sha('same bytes\n'));
    expect(events.map((e) => e.attrs.relative).sort()).toEqual(['dup-1.txt', 'sub/dup-2.txt']);
    expect(new Set(events.map((e) => e.origin.record)).size).toBe(2);
  });

  it('does not parse contents, and a file inventoried before is still parsed when imported as a log', async () => {
    const before = await c.client.call('search.query', { query: 'format:syslog3164' });
    expect(before.total).toBe(0);
    const receipt = await c.importFiles([path.join(folder, 'auth.log')]);
    expect(receipt.files[0]).toMatchObject({ format: 'syslog3164', events: 1, duplicate: false });
  });

  it('records each inventory import as a snapshot of its own', async () => {
    const receipt = await c.importFiles([folder], { format: 'inventory' });
    expect(receipt.events).toBe(FILES.length);
    expect(await inventoryEvents(c)).toHaveLength(2 * FILES.length);
  });

  it('lists the members of a zip with what its headers record, and says what they do not', async () => {
    const zip = path.join(root, 'dataset.zip');
    execFileSync('zip', ['-q', '-r', zip, '.'], { cwd: folder });
    const z = await newEngineCase('zip inventory');
    try {
      const receipt = await z.importFiles([zip], { format: 'inventory' });
      expect(receipt.refused).toEqual([]);
      const events = await inventoryEvents(z);
      // The archive given directly stands for its members: it has no entry of its own.
      expect(events.map((e) => e.attrs.relative).sort()).toEqual(FILES.map((f) => f.rel).sort());
      for (const f of FILES) {
        const e = events.find((x) => x.attrs.relative === f.rel)!;
        expect(e.attrs).toMatchObject({
          path: `${zip}!/${f.rel}`,
          root: zip,
          mode: `0${f.mode.toString(8)}`,
          mtime: f.mtime,
          ctime: null,
          owner: null,
          group: null,
          sha256: sha(f.data),
          recorded_by: 'zip extended timestamp (UTC)',
        });
        // Info-ZIP's "ux" field carries the numeric owner.
        expect(e.attrs.uid).toBe(uid);
      }
    } finally {
      await z.close();
    }
  });

  it('lists the members of a tar.gz through its gzip layer, with the names the tar header records', async () => {
    const tgz = path.join(root, 'dataset.tar.gz');
    execFileSync('tar', ['-czf', tgz, '-C', folder, ...FILES.map((f) => f.rel)]);
    const t = await newEngineCase('tar inventory');
    try {
      await t.importFiles([tgz], { format: 'inventory' });
      const events = await inventoryEvents(t);
      expect(events.map((e) => e.attrs.relative).sort()).toEqual(FILES.map((f) => f.rel).sort());
      const a = events.find((e) => e.attrs.relative === 'a.txt')!;
      expect(a.attrs).toMatchObject({ mode: '0640', mtime: FILES[0]!.mtime, uid, owner: os.userInfo().username, recorded_by: 'tar header' });
    } finally {
      await t.close();
    }
  });
});
