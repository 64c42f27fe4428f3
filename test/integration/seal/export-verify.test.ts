import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../electron/engine/export/bundle/export';
import { trustAdd, exportPublic } from '../../../electron/engine/identity';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { makeIdentity, TEST_PASSPHRASE } from '../../helpers/identity';
import { data } from '../../helpers/paths';
import { tmpDir } from '../../helpers/tmp';
import { readBundle, resign, writeBundle } from './bundle-files';

let c: EngineCase;
let out: string;

function exportTo(file: string, input: Record<string, unknown> = {}): Promise<ExportResult> {
  return c.runJob<ExportResult>('export.start', { out: file, passphrase: TEST_PASSPHRASE, ...input });
}

beforeAll(async () => {
  c = await newEngineCase('ACME breach', { persistent: true });
  makeIdentity(c.home);
  await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log')]);
  await c.importFiles([data('stratus-red-team', 'detonation-logs', 'aws.execution.ssm-send-command.json')]);
  const failed = await c.client.call('search.query', { query: '"Failed password"', limit: 3 });
  for (const e of failed.events) await c.client.call('annotation.star', { eventId: e.id, starred: true });
  await c.client.call('annotation.tag', { eventId: failed.events[0]!.id, tag: 'brute-force' });
  await c.client.call('annotation.note', { eventId: failed.events[0]!.id, text: 'first attempt from this address' });
  await c.client.call('notebook.save', { text: '# What happened\n\nBrute force against sshd, see [event](event:1).' });
  out = path.join(c.root, 'acme.sdx.zip');
  await exportTo(out, { query: 'sshd' });
}, 120_000);

afterAll(async () => {
  await c.close();
});

describe('sealed bundle export', () => {
  it('writes every promised file, and the bundle verifies as intact and signed by your own key', async () => {
    const files = await readBundle(out);
    expect([...files.keys()].sort()).toEqual(
      ['VERIFY.md', 'events.csv', 'events.jsonl', 'evidence-manifest.json', 'ledger.jsonl', 'proofs/consistency.json', 'proofs/event-proofs.jsonl', 'proofs/ledger-proofs.jsonl', 'proofs/tree-head.json', 'report.pdf', 'statement.dsse.json'].sort(),
    );
    const r = await c.client.call('bundle.verify', { path: out });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.signer).toMatchObject({ name: 'Ana Auditor', trust: 'self' });
    const count = (await c.client.call('search.count', { query: 'sshd' })).count;
    expect(r.checked).toMatchObject({ events: count, eventProofs: count, report: true, files: 10 });
    expect(r.checked.ledgerEntries).toBeGreaterThan(3);
  });

  it('exports the selected events with their evidence hash, offset and the analyst work', async () => {
    const files = await readBundle(out);
    const lines = files.get('events.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => /sshd/i.test(JSON.stringify(l)))).toBe(true);
    expect(lines.filter((l) => l.starred)).toHaveLength(3);
    const tagged = lines.find((l) => (l.tags as string[]).includes('brute-force'))!;
    expect(tagged.notes).toEqual([expect.objectContaining({ text: 'first attempt from this address' })]);
    expect(tagged.source).toMatchObject({ file: expect.stringContaining('OpenSSH_2k.log'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), offset: expect.any(Number) });
    const csv = files.get('events.csv')!.toString().split('\r\n');
    expect(csv[0]).toMatch(/^id,ts,host,user/);
    expect(csv.filter(Boolean)).toHaveLength(lines.length + 1);
    const manifest = JSON.parse(files.get('evidence-manifest.json')!.toString()) as { files: { sha256: string; size: number; inExport: boolean }[] };
    expect(manifest.files).toHaveLength(2);
    expect(manifest.files.filter((f) => f.inExport)).toHaveLength(1);
  });

  it('records the export in the custody ledger and signs a tree head covering it', async () => {
    const { entries } = await c.client.call('ledger.list');
    const actions = entries.map((e) => e.action);
    expect(actions).toContain('export');
    expect(actions.at(-1)).toBe('export.finish');
    const ledger = (await readBundle(out)).get('ledger.jsonl')!.toString();
    expect(ledger).toContain('"action":"export"');
    expect(ledger).toContain('"action":"event.note"');
  });

  it('exports only starred events with --starred, and a second export is provably consistent with the first', async () => {
    const second = path.join(c.root, 'starred.sdx.zip');
    const r = await exportTo(second, { starredOnly: true });
    expect(r.events).toBe(3);
    const v = await c.client.call('bundle.verify', { path: second });
    expect(v.problems).toEqual([]);
    expect(v.checked.earlierHeads).toBeGreaterThanOrEqual(1);
    expect(v.treeHead!.size).toBeGreaterThan((await c.client.call('bundle.verify', { path: out })).treeHead!.size);
  });

  it('masks personal data everywhere in the bundle and records the policy in the signed statement', async () => {
    const masked = path.join(c.root, 'masked.sdx.zip');
    const r = await exportTo(masked, { query: 'sshd', mask: {} });
    expect(r.masked).toBe(true);
    const files = await readBundle(masked);
    const raw = [...files.values()].map((b) => b.toString('latin1')).join('\n');
    // Addresses that appear in the OpenSSH sample's sshd lines.
    for (const ip of ['173.234.31.186', '112.95.230.3', '212.47.254.145']) expect(raw).not.toContain(ip);
    expect(files.has('proofs/event-proofs.jsonl')).toBe(false);
    const v = await c.client.call('bundle.verify', { path: masked });
    expect(v.problems).toEqual([]);
    const env = JSON.parse(files.get('statement.dsse.json')!.toString()) as { payload: string };
    const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as { predicate: { masking: { detectors: Record<string, unknown> }; eventProofs: boolean } };
    expect(statement.predicate.eventProofs).toBe(false);
    expect(Object.keys(statement.predicate.masking.detectors)).toContain('ipv4');
  });

  it('refuses to overwrite an existing bundle and leaves no staging files behind', async () => {
    await expect(c.client.call('export.start', { out, passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({ code: 'conflict' });
    await expect(c.client.call('export.start', { out: path.join(c.root, 'x.zip'), passphrase: 'wrong' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(readdirSync(c.root).filter((n) => n.includes('staging') || n.includes('partial'))).toEqual([]);
  });
});

describe('bundle verification rejects every change', () => {
  const cases: [string, (f: Map<string, Buffer>) => Map<string, Buffer>, RegExp][] = [
    ['an edited event line', (f) => edit(f, 'events.jsonl', (s) => s.replace('sshd', 'sshx')), /changed file: events\.jsonl/],
    ['an edited report', (f) => editBytes(f, 'report.pdf', (b) => flip(b, Math.floor(b.length / 2))), /changed file: report\.pdf/],
    ['an edited VERIFY.md', (f) => edit(f, 'VERIFY.md', (s) => s + '\nAll good, trust me.\n'), /changed file: VERIFY\.md/],
    ['an added file', (f) => new Map([...f, ['extra.txt', Buffer.from('hi')]]), /extra file: extra\.txt/],
    ['a removed file', (f) => without(f, 'evidence-manifest.json'), /missing file: evidence-manifest\.json/],
    ['a renamed file', (f) => rename(f, 'events.csv', 'events2.csv'), /missing file: events\.csv[\s\S]*|extra file: events2\.csv/],
    ['a broken signature', (f) => edit(f, 'statement.dsse.json', (s) => s.replace(/"sig": "(.)/, (_m, ch: string) => `"sig": "${ch === 'A' ? 'B' : 'A'}`)), /signature/],
    ['an edited ledger proof', (f) => edit(f, 'proofs/ledger-proofs.jsonl', (s) => s.replace(/"path":\["([0-9a-f])/, (_m, d: string) => `"path":["${d === '0' ? '1' : '0'}`)), /changed file: proofs\/ledger-proofs\.jsonl/],
  ];
  for (const [what, mutate, expected] of cases) {
    it(`names ${what}`, async () => {
      const file = writeBundle(path.join(tmpDir(), 'mutated.zip'), mutate(await readBundle(out)));
      const r = await c.client.call('bundle.verify', { path: file });
      expect(r.ok).toBe(false);
      expect(r.problems.join('\n')).toMatch(expected);
    });
  }

  it('rejects altered proofs and edited events even when the statement is re-signed by the same key', async () => {
    const f = await readBundle(out);
    const evil = resign(edit(f, 'events.jsonl', (s) => s.replace(/"message":"([^"]*)"/, '"message":"nothing to see"')), c.home);
    const r1 = await c.client.call('bundle.verify', { path: writeBundle(path.join(tmpDir(), 'a.zip'), evil) });
    expect(r1.problems.join('\n')).toMatch(/event \d+: its content does not match what was imported/);
    expect(r1.problems.join('\n')).toMatch(/content digest/);
    const evil2 = resign(edit(f, 'proofs/event-proofs.jsonl', (s) => s.replace(/"index":(\d+)/, (_m, n: string) => `"index":${Number(n) + 1}`)), c.home);
    const r2 = await c.client.call('bundle.verify', { path: writeBundle(path.join(tmpDir(), 'b.zip'), evil2) });
    expect(r2.problems.join('\n')).toMatch(/its content does not match what was imported, or its proof was altered/);
  });

  it('reports a bundle re-signed with another key as signed by an unknown key; trusting it is an explicit step', async () => {
    const mallory = tmpDir();
    makeIdentity(mallory, 'Mallory');
    const f = await readBundle(out);
    // Mallory re-signs the statement and swaps the key in the tree head: the tree head signature no longer verifies.
    const swapped = resign(f, mallory);
    const r = await c.client.call('bundle.verify', { path: writeBundle(path.join(tmpDir(), 'm.zip'), swapped) });
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/signature|unknown keyid/);

    // A genuine bundle from a teammate: unknown until trusted.
    const other = tmpDir();
    mkdirSync(path.join(other, 'h'));
    const r2 = await (await import('../../../electron/engine/export/bundle/verify-bundle')).verifyBundle(out, path.join(other, 'h'));
    expect(r2.signer.trust).toBe('unknown');
    expect(r2.ok).toBe(false);
    expect(r2.problems.join('\n')).toMatch(/not in your trust store/);
    trustAdd(path.join(other, 'h'), exportPublic(c.home), { known: true });
    const known = await (await import('../../../electron/engine/export/bundle/verify-bundle')).verifyBundle(out, path.join(other, 'h'));
    expect(known.signer.trust).toBe('known');
    expect(known.ok).toBe(false);
    expect(known.problems.join('\n')).toMatch(/known but not trusted/);
    trustAdd(path.join(other, 'h'), exportPublic(c.home));
    const r3 = await (await import('../../../electron/engine/export/bundle/verify-bundle')).verifyBundle(out, path.join(other, 'h'));
    expect(r3.signer.trust).toBe('trusted');
    expect(r3.ok).toBe(true);
  });

  it('says a file that is not a zip cannot be read', async () => {
    await expect(c.client.call('bundle.verify', { path: data('loghub', 'OpenSSH', 'OpenSSH_2k.log') })).rejects.toMatchObject({ code: 'io' });
    expect(existsSync(out)).toBe(true);
  });
});

function edit(f: Map<string, Buffer>, name: string, fn: (s: string) => string): Map<string, Buffer> {
  const next = new Map(f);
  const before = f.get(name)!.toString();
  const after = fn(before);
  if (after === before) throw new Error(`mutation of ${name} changed nothing`);
  next.set(name, Buffer.from(after));
  return next;
}
function editBytes(f: Map<string, Buffer>, name: string, fn: (b: Buffer) => Buffer): Map<string, Buffer> {
  return new Map(f).set(name, fn(Buffer.from(f.get(name)!)));
}
function flip(b: Buffer, i: number): Buffer {
  b[i] = b[i]! ^ 0x01;
  return b;
}
function without(f: Map<string, Buffer>, name: string): Map<string, Buffer> {
  const next = new Map(f);
  next.delete(name);
  return next;
}
function rename(f: Map<string, Buffer>, from: string, to: string): Map<string, Buffer> {
  return new Map([...f].map(([n, b]) => [n === from ? to : n, b]));
}
