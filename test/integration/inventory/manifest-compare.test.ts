import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareManifest } from '../../../electron/engine/detect/manifest/index';
import { findingsRepo, type FindingRow } from '../../../electron/engine/db/repos/findings';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { tmpDir } from '../../helpers/tmp';

const FILES: Record<string, string> = {
  'train.csv': 'id,label\n1,cat\n2,dog\n',
  'test.csv': 'id,label\n3,cat\n',
  'images/0001.png': 'not really a png\n',
  'images/0002.png': 'not really a png either\n',
  'README': 'dataset v1\n',
};

function makeDataset(dir: string): void {
  for (const [rel, data] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), data);
  }
}

/** The manifest as the real sha256sum writes it, run inside the folder: `<hex>  ./path`. */
function sha256sumManifest(dir: string, out: string): void {
  const text = execFileSync('sh', ['-c', 'find . -type f | LC_ALL=C sort | xargs sha256sum'], { cwd: dir });
  writeFileSync(out, text);
}

/** The same registrations as a JSON registry of datasets. */
function jsonRegistry(manifest: string, out: string): void {
  const lines = execFileSync('cat', [manifest], { encoding: 'utf8' }).trim().split('\n');
  const datasets = lines.map((l) => {
    const [hex, p] = [l.slice(0, 64), l.slice(66)];
    return { name: path.basename(p), path: p.replace(/^\.\//, ''), sha256: `sha256:${hex}` };
  });
  writeFileSync(out, JSON.stringify({ registry: 'example', datasets }, null, 2));
}

function findings(c: EngineCase): FindingRow[] {
  return findingsRepo(c.engine.case.db).list({ offset: 0, limit: 1000 }).rows.filter((f) => f.kind === 'integrity');
}

const byCheck = (rows: FindingRow[]): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    const d = JSON.parse(r.details) as { check: string; path: string };
    (out[d.check] ??= []).push(d.check === 'unexpected' ? path.basename(d.path) : d.path);
  }
  return out;
};

describe('checksum manifests against inventories', () => {
  it('an untouched folder gives no finding (no false alarms)', async () => {
    const root = tmpDir();
    const dir = path.join(root, 'dataset');
    makeDataset(dir);
    sha256sumManifest(dir, path.join(root, 'SHA256SUMS'));
    const c = await newEngineCase('clean');
    try {
      const m = await c.importFiles([path.join(root, 'SHA256SUMS')]);
      expect(m.files[0]).toMatchObject({ format: 'checksums', events: Object.keys(FILES).length, skipped: 0 });
      expect(m.files[0]!.errors.map((e) => e.reason)).toEqual([expect.stringMatching(/no inventory in the case/)]);
      const inv = await c.importFiles([dir], { format: 'inventory' });
      const note = inv.files.flatMap((f) => f.errors).find((e) => e.where === 'manifest comparison');
      expect(note?.reason).toMatch(/no differences \(0 integrity findings\)/);
      expect(findings(c)).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('a changed, a deleted and an added file give exactly one changed, one missing and one unexpected finding', async () => {
    const root = tmpDir();
    const dir = path.join(root, 'dataset');
    makeDataset(dir);
    sha256sumManifest(dir, path.join(root, 'SHA256SUMS'));
    writeFileSync(path.join(dir, 'train.csv'), 'id,label\n1,cat\n2,cat\n');
    rmSync(path.join(dir, 'images/0002.png'));
    writeFileSync(path.join(dir, 'extra.csv'), 'id\n9\n');
    const c = await newEngineCase('tampered');
    try {
      const m = await c.importFiles([path.join(root, 'SHA256SUMS')]);
      expect(m.files[0]!.format).toBe('checksums');
      const inv = await c.importFiles([dir], { format: 'inventory' });
      const note = inv.files.flatMap((f) => f.errors).find((e) => e.where === 'manifest comparison');
      expect(note?.reason).toMatch(/3 integrity finding\(s\): 1 changed, 1 missing, 1 unexpected/);
      const rows = findings(c);
      expect(byCheck(rows)).toEqual({ changed: ['./train.csv'], missing: ['./images/0002.png'], unexpected: ['extra.csv'] });
      const changed = rows.find((r) => r.rule_id === 'manifest.changed')!;
      expect(changed.severity).toBe('high');
      expect(changed.title).toContain('train.csv');
      expect(changed.explanation).toMatch(/SHA256SUMS registers \.\/train\.csv with SHA-256 [0-9a-f]{64}/);
      // Linked to the manifest entry and the inventory event that prove it.
      const linked = findingsRepo(c.engine.case.db).eventIds(changed.id);
      const formats = await Promise.all(linked.map(async (id) => (await c.client.call('event.get', { id })).format));
      expect(formats.sort()).toEqual(['checksums', 'inventory']);
      expect(rows.find((r) => r.rule_id === 'manifest.missing')!.severity).toBe('medium');
      expect(rows.find((r) => r.rule_id === 'manifest.unexpected')!.severity).toBe('low');
      // Comparing again adds nothing: the same findings, by their events.
      const again = compareManifest(c.engine.case.db, { importId: m.importId }, { actor: 'test' });
      expect(again.findings.map((f) => f.isNew)).toEqual([false, false, false]);
      expect(findings(c)).toHaveLength(3);
    } finally {
      await c.close();
    }
  });

  it('the JSON registry shape gives the same results, with the inventory imported first', async () => {
    const root = tmpDir();
    const dir = path.join(root, 'dataset');
    makeDataset(dir);
    sha256sumManifest(dir, path.join(root, 'SHA256SUMS'));
    jsonRegistry(path.join(root, 'SHA256SUMS'), path.join(root, 'registry.json'));
    writeFileSync(path.join(dir, 'train.csv'), 'id,label\n1,cat\n2,cat\n');
    rmSync(path.join(dir, 'images/0002.png'));
    writeFileSync(path.join(dir, 'extra.csv'), 'id\n9\n');
    const c = await newEngineCase('json registry');
    try {
      await c.importFiles([dir], { format: 'inventory' });
      const m = await c.importFiles([path.join(root, 'registry.json')]);
      expect(m.files[0]).toMatchObject({ format: 'checksums', events: Object.keys(FILES).length, skipped: 0 });
      expect(m.files[0]!.errors.map((e) => e.reason)).toEqual([expect.stringMatching(/1 changed, 1 missing, 1 unexpected/)]);
      expect(byCheck(findings(c))).toEqual({ changed: ['train.csv'], missing: ['images/0002.png'], unexpected: ['extra.csv'] });
    } finally {
      await c.close();
    }
  });

  it('without an inventory, files received as logs are still checked: a registered path with other content is changed', async () => {
    const root = tmpDir();
    const dir = path.join(root, 'dataset');
    makeDataset(dir);
    sha256sumManifest(dir, path.join(root, 'SHA256SUMS'));
    writeFileSync(path.join(dir, 'train.csv'), 'id,label\n1,cat\n2,cat\n');
    rmSync(path.join(dir, 'images/0002.png'));
    const c = await newEngineCase('received only');
    try {
      await c.importFiles([dir]);
      const m = await c.importFiles([path.join(root, 'SHA256SUMS')]);
      expect(m.files[0]!.errors.map((e) => e.reason)).toEqual([expect.stringMatching(/compared with the files received: 1 integrity finding\(s\): 1 changed, 0 missing, 0 unexpected/)]);
      const rows = findings(c);
      expect(byCheck(rows)).toEqual({ changed: ['./train.csv'] });
      expect(rows[0]!.explanation).toContain(`${path.join(dir, 'train.csv')} with SHA-256`);
      // Linked to the manifest entry and to an event of the file as received.
      expect(findingsRepo(c.engine.case.db).eventIds(rows[0]!.id)).toHaveLength(2);
    } finally {
      await c.close();
    }
  });
});
