import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/model';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { tmpDirPersistent } from '../../helpers/tmp';
import { git, makeRepo, referenceLog, WEIRD_NAME, type RefCommit } from './make-repo';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function allEvents(c: EngineCase, query = 'format:git'): Promise<AuditEvent[]> {
  const r = await c.client.call('search.query', { query, limit: 10_000 });
  return r.events.sort((a, b) => (a.origin.record ?? 0) - (b.origin.record ?? 0));
}

/** What must be the same whichever way the history arrived. */
const essence = (e: AuditEvent): unknown => ({ ts: e.ts, ts_desc: e.ts_desc, user: e.user, action: e.action, resource: e.resource, message: e.message, attrs: e.attrs, record: e.origin.record });

type FileAttr = { change: string; status: string; path: string; path_hex?: string; from?: string };
const pathBytes = (f: FileAttr): Buffer => (f.path_hex ? Buffer.from(f.path_hex, 'hex') : Buffer.from(f.path));

describe('git history import', () => {
  const root = tmpDirPersistent();
  const repo = path.join(root, 'repo');
  const bundle = path.join(root, 'evidence.bundle');
  let reference: RefCommit[];
  let fromFolder: EngineCase;
  let fromBundle: EngineCase;

  beforeAll(async () => {
    makeRepo(repo);
    git(repo, ['bundle', 'create', '-q', bundle, '--all']);
    reference = referenceLog(repo);
    fromFolder = await newEngineCase('git folder', { persistent: true });
    fromBundle = await newEngineCase('git bundle', { persistent: true });
  });
  afterAll(async () => {
    await fromFolder.close();
    await fromBundle.close();
  });

  it('receives a repository folder as one bundle and makes one event per commit, exactly as git log reports', async () => {
    const receipt = await fromFolder.importFiles([repo], { format: 'git' });
    expect(receipt.refused).toEqual([]);
    expect(receipt.files).toHaveLength(1);
    const file = receipt.files[0]!;
    expect(file.path).toBe(`${repo} (git bundle --all)`);
    expect(file.format).toBe('git');
    expect(file.events).toBe(reference.length);
    expect(file.skipped).toBe(0);
    // The stored evidence is a real bundle, and the events trace to it.
    const stored = readFileSync(path.join(fromFolder.caseDir, 'evidence', file.sha256));
    expect(sha(stored)).toBe(file.sha256);
    expect(stored.subarray(0, 16).toString('latin1')).toMatch(/^# v[23] git bundle\n/);

    const events = await allEvents(fromFolder);
    expect(events.map((e) => e.attrs.commit)).toEqual(reference.map((c) => c.id));
    events.forEach((e, i) => {
      const ref = reference[i]!;
      expect(e.origin).toMatchObject({ sha256: file.sha256, record: i, offset: null });
      expect(e.attrs.parents).toEqual(ref.parents);
      expect(e.attrs['author.name']).toBe(ref.author);
      expect(e.attrs['author.email']).toBe(ref.authorEmail);
      expect(e.attrs['author.time']).toBe(new Date(ref.authorTime * 1000).toISOString());
      expect(e.attrs['committer.name']).toBe(ref.committer);
      expect(e.attrs['committer.time']).toBe(new Date(ref.committerTime * 1000).toISOString());
      expect(e.ts).toBe(new Date(ref.committerTime * 1000).toISOString().replace('Z', '000Z'));
      expect(e.action).toBe(ref.parents.length > 1 ? 'merge' : 'commit');
      const files = e.attrs.files as FileAttr[];
      expect(files.map((f) => f.status)).toEqual(ref.changes.map((c) => c.status));
      expect(files.map((f) => pathBytes(f).toString('hex'))).toEqual(ref.changes.map((c) => c.path.toString('hex')));
      expect(files.map((f) => (f.from === undefined ? null : f.from))).toEqual(ref.changes.map((c) => (c.from ? c.from.toString('utf8') : null)));
    });
  });

  it('keeps what a hostile name, a multi-line message, a rename, a merge and a legacy encoding really say', async () => {
    const events = await allEvents(fromFolder);
    const by = (subject: string): AuditEvent => events.find((e) => e.attrs.subject === subject)!;
    expect(by('move a into docs').message).toBe('move a into docs\n\nThe body has\nseveral lines.');
    expect(by('move a into docs').attrs['author.tz']).toBe('-0500');
    expect((by('move a into docs').attrs.files as FileAttr[])[0]).toMatchObject({ change: 'renamed', from: 'a.txt', path: 'docs/a.txt' });
    const weird = (by('side: a file with a hostile name').attrs.files as FileAttr[])[0]!;
    expect(weird.change).toBe('added');
    expect(Buffer.from(weird.path_hex!, 'hex').equals(WEIRD_NAME)).toBe(true);
    expect(weird.path).toContain('\n');
    const del = by('delete b, change a').attrs.files as FileAttr[];
    expect(del.map((f) => [f.change, f.path]).sort()).toEqual([['deleted', 'b.txt'], ['modified', 'docs/a.txt']]);
    const merge = by('merge side');
    expect(merge.action).toBe('merge');
    expect((merge.attrs.parents as string[]).length).toBe(2);
    const latin = events.find((e) => e.attrs.encoding === 'ISO-8859-1')!;
    expect(latin.message).toBe('café: latin-1 message');
    expect(events.every((e) => e.attrs.signature === 'none' && e.attrs['signature.status'] === 'none')).toBe(true);
  });

  it('a bundle file given directly is detected and gives the same events', async () => {
    const receipt = await fromBundle.importFiles([bundle]);
    expect(receipt.files[0]!.format).toBe('git');
    expect(receipt.files[0]!.path).toBe(bundle);
    const a = await allEvents(fromFolder);
    const b = await allEvents(fromBundle);
    expect(b.map(essence)).toEqual(a.map(essence));
  });

  it('finds a commit by its id as an attribute field', async () => {
    const id = reference[2]!.id;
    const hits = await fromBundle.client.call('search.query', { query: `commit:${id}` });
    expect(hits.total).toBe(1);
    expect(hits.events[0]!.attrs.commit).toBe(id);
    const byResource = await fromBundle.client.call('search.query', { query: `resource:${id}` });
    expect(byResource.total).toBe(1);
  });

  it('never reads a folder as a repository unless --format git is given', async () => {
    const c = await newEngineCase('plain folder');
    try {
      const receipt = await c.importFiles([repo]);
      expect(receipt.files.every((f) => f.format !== 'git')).toBe(true);
      expect(receipt.files.some((f) => f.path.includes(`${path.sep}.git${path.sep}`))).toBe(true);
    } finally {
      await c.close();
    }
  });

  it('refuses a folder that is not a repository, and reports a damaged bundle instead of failing', async () => {
    const c = await newEngineCase('not a repo');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-notrepo-'));
    try {
      const receipt = await c.importFiles([dir], { format: 'git' });
      expect(receipt.refused[0]!.reason).toMatch(/not a git repository/);
      // A folder inside a repository is not that repository: git is never left to search upwards.
      const inside = await c.importFiles([path.join(repo, 'docs')], { format: 'git' });
      expect(inside.files).toEqual([]);
      expect(inside.refused).toEqual([{ path: path.join(repo, 'docs'), reason: expect.stringMatching(/not a git repository/) }]);
      const bad = path.join(dir, 'cut.bundle');
      execFileSync('sh', ['-c', `head -c 300 '${bundle}' > '${bad}'`]);
      const r2 = await c.importFiles([bad]);
      expect(r2.files[0]!.format).toBe('git');
      expect(r2.files[0]!.events).toBe(0);
      expect(r2.files[0]!.errors[0]!.reason).toMatch(/git cannot read this bundle/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await c.close();
    }
  });
});
