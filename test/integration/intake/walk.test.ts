import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkInputs } from '../../../electron/engine/ingest/intake/walk';
import { data } from '../../helpers/paths';
import { writeZip } from '../../helpers/zip-writer';
import { expectCleanStore, runIntake, sandbox, sha256 } from './intake-harness';

describe('walking files and folders', () => {
  it('stores a real log file byte for byte under its SHA-256, read-only', async () => {
    const s = sandbox();
    const file = data('loghub', 'Linux', 'Linux_2k.log');
    const expected = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
    const run = await runIntake([file], { caseDir: s.caseDir });
    expect(run.refused).toEqual([]);
    const [item] = run.items;
    expect(item).toMatchObject({
      displayPath: file,
      sha256: expected,
      size: statSync(file).size,
      storedPath: path.join(s.caseDir, 'evidence', expected!),
      mtimeMs: statSync(file).mtimeMs,
      container: null,
      children: [],
      refused: null,
    });
    expect(readFileSync(item!.storedPath).equals(readFileSync(file))).toBe(true);
    expect(statSync(item!.storedPath).mode & 0o222).toBe(0);
    expectCleanStore(s);
  });

  it('keeps relative paths as given', async () => {
    const s = sandbox();
    writeFileSync(s.input('rel.log'), 'relative\n');
    const rel = path.relative(process.cwd(), s.input('rel.log'));
    const run = await runIntake([rel], { caseDir: s.caseDir });
    expect(run.items.map((i) => i.displayPath)).toEqual([rel]);
  });

  it('walks folders depth-first in name order, each file a top-level item', async () => {
    const s = sandbox();
    const root = s.input('logs');
    mkdirSync(path.join(root, 'b-dir', 'nested'), { recursive: true });
    mkdirSync(path.join(root, 'empty'));
    for (const f of ['z.log', 'a.log', 'b-dir/nested/deep.log', 'b-dir/c.log', 'B.log']) writeFileSync(path.join(root, f), f);
    writeZip(path.join(root, 'm.zip'), [{ name: 'in.log', data: 'in' }]);
    const run = await runIntake([root, s.input('logs/a.log')], { caseDir: s.caseDir });
    const sep = path.sep;
    expect(run.items.map((i) => i.displayPath)).toEqual([
      `${root}${sep}B.log`,
      `${root}${sep}a.log`,
      `${root}${sep}b-dir${sep}c.log`,
      `${root}${sep}b-dir${sep}nested${sep}deep.log`,
      `${root}${sep}m.zip`,
      `${root}${sep}z.log`,
      s.input('logs/a.log'),
    ]);
    expect(run.items[4]!.children.map((c) => c.displayPath)).toEqual([`${root}${sep}m.zip!/in.log`]);
    expect(run.items[1]!.sha256).toBe(sha256('a.log'));
    expectCleanStore(s);
  });

  it('does not follow symbolic links inside folders, and reports them', async () => {
    const s = sandbox();
    const root = s.input('tree');
    mkdirSync(root);
    writeFileSync(path.join(root, 'real.log'), 'real');
    writeFileSync(s.input('outside-secret.txt'), 'secret');
    symlinkSync(s.input('outside-secret.txt'), path.join(root, 'file-link'));
    symlinkSync(s.inputDir, path.join(root, 'dir-link'));
    const run = await runIntake([root], { caseDir: s.caseDir });
    expect(run.items.map((i) => path.basename(i.displayPath))).toEqual(['real.log']);
    expect(run.refused).toEqual([
      { path: path.join(root, 'dir-link'), reason: 'symbolic link not followed' },
      { path: path.join(root, 'file-link'), reason: 'symbolic link not followed' },
    ]);
  });

  it('follows a link the user named directly', async () => {
    const s = sandbox();
    writeFileSync(s.input('target.log'), 'target');
    symlinkSync(s.input('target.log'), s.input('named-link'));
    const run = await runIntake([s.input('named-link')], { caseDir: s.caseDir });
    expect(run.items.map((i) => i.sha256)).toEqual([sha256('target')]);
  });

  it('reports missing paths and special files and goes on', async () => {
    const s = sandbox();
    const root = s.input('special');
    mkdirSync(root);
    execFileSync('mkfifo', [path.join(root, 'a-fifo')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'b-socket'), resolve));
    writeFileSync(path.join(root, 'c.log'), 'c');
    try {
      const run = await runIntake([s.input('missing.log'), root, '/dev/null'], { caseDir: s.caseDir });
      expect(run.items.map((i) => path.basename(i.displayPath))).toEqual(['c.log']);
      expect(run.refused).toEqual([
        { path: s.input('missing.log'), reason: 'not found' },
        { path: path.join(root, 'a-fifo'), reason: 'special file not imported (named pipe)' },
        { path: path.join(root, 'b-socket'), reason: 'special file not imported (socket)' },
        { path: '/dev/null', reason: 'special file not imported (character device)' },
      ]);
    } finally {
      server.close();
    }
  });

  it.skipIf(process.getuid?.() === 0)('reports unreadable files and folders (skipped as root: root reads everything)', async () => {
    const s = sandbox();
    const root = s.input('locked');
    mkdirSync(path.join(root, 'closed'), { recursive: true });
    writeFileSync(path.join(root, 'secret.log'), 's', { mode: 0o000 });
    execFileSync('chmod', ['000', path.join(root, 'closed')]);
    try {
      const run = await runIntake([root], { caseDir: s.caseDir });
      expect(run.items).toEqual([]);
      expect(run.refused.map((r) => r.reason)).toEqual(['cannot list folder: permission denied', 'permission denied']);
    } finally {
      execFileSync('chmod', ['755', path.join(root, 'closed')]);
    }
  });

  it('never takes files from the case evidence folder itself', async () => {
    const s = sandbox();
    writeFileSync(s.input('a.log'), 'a');
    await runIntake([s.input('a.log')], { caseDir: s.caseDir });
    const run = await runIntake([s.caseDir], { caseDir: s.caseDir });
    expect(run.items).toEqual([]);
    expect(run.refused).toEqual([{ path: path.join(s.caseDir, 'evidence'), reason: 'inside the case evidence folder' }]);
  });

  it('reports progress over the total size of all top-level files', async () => {
    const s = sandbox();
    writeFileSync(s.input('one.log'), 'x'.repeat(300_000));
    writeFileSync(s.input('two.log'), 'y'.repeat(100_000));
    const seen: Array<[number, number, string]> = [];
    const items = walkInputs([s.inputDir], { caseDir: s.caseDir, onProgress: (done, total, current) => seen.push([done, total, current]) });
    for await (const item of items) expect(item.refused).toBeNull();
    expect(seen.every(([, total]) => total === 400_000)).toBe(true);
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual([400_000, 400_000, s.input('two.log')]);
    expect(seen.some(([, , current]) => current === s.input('one.log'))).toBe(true);
  });

  it('fails loudly, not as a refusal, when the evidence folder cannot be written', async () => {
    const s = sandbox();
    writeFileSync(s.input('a.log'), 'a');
    writeFileSync(path.join(s.caseDir, 'evidence'), 'not a folder');
    await expect(runIntake([s.input('a.log')], { caseDir: s.caseDir })).rejects.toMatchObject({ name: 'StoreError' });
  });

  it('records the original modification time from the file system', async () => {
    const s = sandbox();
    writeFileSync(s.input('old.log'), 'old');
    utimesSync(s.input('old.log'), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
    const run = await runIntake([s.input('old.log')], { caseDir: s.caseDir });
    expect(run.items[0]!.mtimeMs).toBe(Date.parse('2020-01-02T03:04:05Z'));
  });

  it('stores the same content once, even from two inputs', async () => {
    const s = sandbox();
    writeFileSync(s.input('x.log'), 'same');
    writeFileSync(s.input('y.log'), 'same');
    const run = await runIntake([s.input('x.log'), s.input('y.log')], { caseDir: s.caseDir });
    expect(run.items.map((i) => i.sha256)).toEqual([sha256('same'), sha256('same')]);
    expect(expectCleanStore(s)).toEqual([createHash('sha256').update('same').digest('hex')]);
  });
});
