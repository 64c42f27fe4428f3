import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSnapshot, normalizeManifestPath } from '../../../electron/engine/detect/manifest/index';
import type { InventoryFile, ManifestEntry } from '../../../electron/engine/detect/manifest/manifest-queries';
import { detectFormat } from '../../../electron/engine/ingest/parsers/index';
import { checksumsParser } from '../../../electron/engine/ingest/parsers/checksums';
import { parseFile, testParseContext } from '../../../electron/engine/ingest/run-parser';
import { tmpDir } from '../../helpers/tmp';

const H1 = 'a'.repeat(64);
const H2 = 'B'.repeat(64);
const H3 = 'c'.repeat(64);

async function parseText(text: string) {
  const file = path.join(tmpDir(), 'manifest');
  writeFileSync(file, text);
  return parseFile(file, checksumsParser, testParseContext());
}

const sample = (text: string) => ({ name: 'x', head: Buffer.from(text), lines: text.split('\n').filter((l) => l !== '') });

describe('checksums parser: sha256sum and BSD lines', () => {
  it('reads text and binary mode lines, GNU escapes and the BSD form, with each line as the origin', async () => {
    const text = [`${H1}  ./data/a.csv`, `${H2} *b.bin`, `\\${H3}  dir/new\\nline\\\\x`, `SHA256 (c d.txt) = ${H1}`, ''].join('\n');
    const r = await parseText(text);
    expect(r.skips).toEqual([]);
    expect(r.events.map((e) => [e.attrs!.path, e.attrs!.sha256, e.attrs!.name])).toEqual([
      ['./data/a.csv', H1, 'a.csv'],
      ['b.bin', H2.toLowerCase(), 'b.bin'],
      ['dir/new\nline\\x', H3, 'new\nline\\x'],
      ['c d.txt', H1, 'c d.txt'],
    ]);
    expect(r.events[1]!.attrs!.mode).toBe('binary');
    expect(r.events[0]).toMatchObject({ offset: 0, length: 79, resource: './data/a.csv', ts: null });
  });

  it('skips what is not a SHA-256 entry, with the reason', async () => {
    const r = await parseText(`${'d'.repeat(32)}  md5.txt\n# comment\nrandom words\n${H1}  ok\n`);
    expect(r.events).toHaveLength(1);
    expect(r.skips.map((s) => [s.where, s.reason])).toEqual([
      ['line 1', 'not a SHA-256 checksum (32 hex digits)'],
      ['line 2', 'comment line'],
      ['line 3', expect.stringMatching(/not a checksum line/)],
    ]);
  });
});

describe('checksums parser: JSON registries', () => {
  it.each([
    ['datasets array', { datasets: [{ name: 'train', path: 'data/train.csv', sha256: H1 }] }, [['data/train.csv', 'train']]],
    ['plain array, digest with prefix', [{ file: 'x.bin', digest: `sha256:${H1}` }], [['x.bin', 'x.bin']]],
    ['path to digest mapping', { 'a/b.csv': H1, 'c.csv': `SHA256:${H1}` }, [['a/b.csv', 'b.csv'], ['c.csv', 'c.csv']]],
    ['name to entry mapping', { datasets: { imagenet: { sha256: H1 } } }, [[null, 'imagenet']]],
  ])('%s', async (_label, doc, want) => {
    const r = await parseText(JSON.stringify(doc, null, 2));
    expect(r.skips).toEqual([]);
    expect(r.events.map((e) => [e.attrs!.path, e.attrs!.name])).toEqual(want);
    expect(r.events.every((e) => e.attrs!.sha256 === H1)).toBe(true);
    expect(r.events.map((e) => e.record)).toEqual(want.map((_, i) => i));
  });

  it('skips entries without a digest, and reports a document that is not JSON', async () => {
    const r = await parseText(JSON.stringify({ datasets: [{ name: 'no digest' }, { path: 'ok', sha256: H1 }, { path: 'short', sha256: 'abc' }] }));
    expect(r.events.map((e) => e.attrs!.path)).toEqual(['ok']);
    expect(r.skips.map((s) => s.where)).toEqual(['record 0', 'record 2']);
    const bad = await parseText('{"sha256": ');
    expect(bad.skips[0]!.reason).toMatch(/not valid JSON/);
  });
});

describe('checksums detection', () => {
  it.each([
    [`${H1}  a\n${H1} *b\n`, 'checksums'],
    [`SHA256 (a) = ${H1}\n`, 'checksums'],
    [JSON.stringify({ datasets: [{ name: 'a', sha256: H1 }] }), 'checksums'],
    [JSON.stringify({ 'a.csv': H1, 'b.csv': H1 }), 'checksums'],
    ['{"@timestamp":"2024-01-01T00:00:00Z","message":"a"}\n', 'jsonl'],
    [`${'d'.repeat(32)}  md5.txt\n`, 'text'],
  ])('%j -> %s', (text, want) => {
    expect(detectFormat(sample(text)).id).toBe(want);
  });
});

const entry = (eventId: number, p: string | null, sha256: string, name: string | null = null): ManifestEntry => ({ eventId, path: p, name, sha256 });
const file = (eventId: number, relative: string, sha256: string, root = '/cases/in/dataset'): InventoryFile => ({
  eventId,
  importId: 1,
  intakeId: eventId,
  ts: null,
  path: `${root}/${relative}`,
  root,
  relative,
  sha256,
  size: 1,
});

describe('manifest comparison (pure)', () => {
  it.each([
    ['./a/b.csv', 'a/b.csv'],
    ['a\\b.csv', 'a/b.csv'],
    ['/a//b.csv', 'a/b.csv'],
  ])('normalizes %j', (p, want) => expect(normalizeManifestPath(p)).toBe(want));

  it('matches by path suffix at folder boundaries, made inside the folder or from its parent', () => {
    const files = [file(10, 'a.csv', H1), file(11, 'sub/b.csv', H2)];
    for (const prefix of ['', './', 'dataset/']) {
      const r = compareSnapshot([entry(1, `${prefix}a.csv`, H1), entry(2, `${prefix}sub/b.csv`, H2)], files, null)!;
      expect(r).toMatchObject({ changed: [], missing: [], unexpected: [], matched: 2 });
    }
    // "xa.csv" does not end with "/a.csv": no accidental match.
    const r = compareSnapshot([entry(1, 'a.csv', H1)], [file(10, 'xa.csv', H1)], null)!;
    expect(r.missing).toHaveLength(1);
  });

  it('reports changed, missing (noting renamed content) and unexpected files; ignores the manifest itself and unrelated folders', () => {
    const files = [file(10, 'a.csv', H2), file(11, 'renamed.csv', H3), file(12, 'new.csv', H1), file(13, 'SHA256SUMS', 'f'.repeat(64)), file(14, 'x.zip!/inner.csv', H1)];
    const r = compareSnapshot([entry(1, 'a.csv', H1), entry(2, 'b.csv', H3), entry(3, 'gone.csv', 'e'.repeat(64))], files, 'f'.repeat(64))!;
    expect(r.changed.map((c) => [c.entry.eventId, c.files.map((f) => f.eventId)])).toEqual([[1, [10]]]);
    expect(r.missing.map((m) => [m.entry.eventId, m.presentAs.map((f) => f.eventId)])).toEqual([[2, [11]], [3, []]]);
    expect(r.unexpected.map((f) => f.eventId)).toEqual([12]);
    expect(compareSnapshot([entry(1, 'other.csv', H1)], [file(20, 'z.csv', H2, '/elsewhere')], null)).toBeNull();
  });

  it('finds registry entries that have only a name by their content', () => {
    const r = compareSnapshot([entry(1, null, H1, 'imagenet-val')], [file(10, 'val.tar', H1)], null)!;
    expect(r).toMatchObject({ matched: 1, changed: [], missing: [], unexpected: [] });
  });
});
