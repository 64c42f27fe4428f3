import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeTar } from '../../helpers/tar-writer';
import { writeZip, zipBuffer } from '../../helpers/zip-writer';
import { expectCleanStore, flatten, intakeOne, packTar, sandbox, sha256 } from './intake-harness';

describe('intake of accepted archives', () => {
  it('stores a zip and each of its members by hash, with header times', async () => {
    const s = sandbox();
    const zip = writeZip(s.input('logs.zip'), [
      { name: 'logs/', method: 'store' },
      { name: 'logs/auth.log', data: 'Jan  1 00:00:01 host sshd[1]: Accepted\n', mtime: new Date(Date.UTC(2023, 4, 6, 7, 8, 10)) },
      { name: 'logs/empty.log', data: '', method: 'store' },
    ]);
    const item = await intakeOne(s, zip);
    expect(item).toMatchObject({ displayPath: zip, container: 'zip', refused: null, size: statSync(zip).size, sha256: sha256(readFileSync(zip)) });
    expect(item.children.map((c) => c.displayPath)).toEqual([`${zip}!/logs/auth.log`, `${zip}!/logs/empty.log`]);
    const auth = item.children[0]!;
    expect(auth.sha256).toBe(sha256('Jan  1 00:00:01 host sshd[1]: Accepted\n'));
    expect(auth.mtimeMs).toBe(Date.UTC(2023, 4, 6, 7, 8, 10));
    expect(auth.container).toBeNull();
    expect(readFileSync(auth.storedPath, 'utf8')).toContain('Accepted');
    expect(item.children[1]!.size).toBe(0);
    expect(expectCleanStore(s)).toHaveLength(3);
  });

  it('stores a tar written by a packer, keeping header times and skipping folder entries', async () => {
    const s = sandbox();
    const tarFile = s.input('logs.tar');
    writeFileSync(
      tarFile,
      await packTar([
        { name: 'var/', type: 'directory' },
        { name: 'var/log/syslog', data: 'line 1\nline 2\n', mtime: new Date(Date.UTC(2022, 1, 3, 4, 5, 6)) },
        { name: `var/log/${'long-name-'.repeat(15)}.log`, data: 'pax path' },
      ]),
    );
    const item = await intakeOne(s, tarFile);
    expect(item.container).toBe('tar');
    expect(item.children.map((c) => c.displayPath.slice(tarFile.length))).toEqual(['!/var/log/syslog', `!/var/log/${'long-name-'.repeat(15)}.log`]);
    expect(item.children[0]!.mtimeMs).toBe(Date.UTC(2022, 1, 3, 4, 5, 6));
    expect(item.children[1]!.sha256).toBe(sha256('pax path'));
    expectCleanStore(s);
  });

  it('reads a pre-POSIX tar without magic when its header checksum is right', async () => {
    const s = sandbox();
    const file = writeTar(s.input('old.tar'), [{ name: 'a.log', data: 'old tar\n' }], { legacy: true });
    const item = await intakeOne(s, file);
    expect(item.container).toBe('tar');
    expect(item.children.map((c) => c.sha256)).toEqual([sha256('old tar\n')]);
  });

  it('expands tar.gz as a gzip whose content is a tar', async () => {
    const s = sandbox();
    const tarBytes = await packTar([{ name: 'app.log', data: 'hello\n' }]);
    const file = s.input('bundle.tgz');
    writeFileSync(file, gzipSync(tarBytes));
    const item = await intakeOne(s, file);
    expect(item.container).toBe('gzip');
    const [inner] = item.children;
    expect(inner).toMatchObject({ displayPath: `${file}!/bundle.tar`, container: 'tar', sha256: sha256(tarBytes), size: tarBytes.length });
    expect(inner!.children.map((c) => [c.displayPath, c.sha256])).toEqual([[`${file}!/bundle.tar!/app.log`, sha256('hello\n')]]);
    expectCleanStore(s);
  });

  it('names a .gz member after the file, decodes concatenated gzip streams and keeps the gzip mtime', async () => {
    const s = sandbox();
    const file = s.input('messages.1.gz');
    const first = gzipSync('first part\n');
    first.writeUInt32LE(1_700_000_000, 4);
    writeFileSync(file, Buffer.concat([first, gzipSync('second part\n')]));
    const item = await intakeOne(s, file);
    expect(item.container).toBe('gzip');
    expect(item.children).toHaveLength(1);
    expect(item.children[0]).toMatchObject({ displayPath: `${file}!/messages.1`, sha256: sha256('first part\nsecond part\n'), mtimeMs: 1_700_000_000_000 });
  });

  it('names a nested gzip member after its own last name component, even with invalid UTF-8', async () => {
    const s = sandbox();
    const file = writeTar(s.input('rot.tar'), [{ name: Buffer.from([0x64, 0x2f, 0xe9, 0x2e, 0x6c, 0x6f, 0x67, 0x2e, 0x67, 0x7a]), data: gzipSync('rotated\n') }]);
    const item = await intakeOne(s, file);
    expect(flatten(item).map((i) => i.displayPath.slice(file.length))).toEqual(['', '!/d/\\xE9.log.gz', '!/d/\\xE9.log.gz!/\\xE9.log']);
  });

  it('sniffs containers by content, not by name', async () => {
    const s = sandbox();
    const disguised = writeZip(s.input('report.txt'), [{ name: 'x.log', data: 'x' }]);
    const notAZip = s.input('fake.zip');
    writeFileSync(notAZip, 'just text\n');
    expect((await intakeOne(s, disguised)).container).toBe('zip');
    const plain = await intakeOne(s, notAZip);
    expect(plain).toMatchObject({ container: null, children: [], refused: null });
  });

  it('expands a zip inside a tar inside a gzip (three levels)', async () => {
    const s = sandbox();
    const innerZip = zipBuffer([{ name: 'deep/evidence.log', data: 'found it\n' }]);
    const file = s.input('case.tar.gz');
    writeFileSync(file, gzipSync(await packTar([{ name: 'readme.txt', data: 'r' }, { name: 'inner.zip', data: innerZip }])));
    const item = await intakeOne(s, file);
    const all = flatten(item).map((i) => [i.displayPath.slice(file.length), i.container]);
    expect(all).toEqual([
      ['', 'gzip'],
      ['!/case.tar', 'tar'],
      ['!/case.tar!/readme.txt', null],
      ['!/case.tar!/inner.zip', 'zip'],
      ['!/case.tar!/inner.zip!/deep/evidence.log', null],
    ]);
    expect(readFileSync(flatten(item)[4]!.storedPath, 'utf8')).toBe('found it\n');
    expectCleanStore(s);
  });

  it('stores identical members once (content addressing) and lists both', async () => {
    const s = sandbox();
    const file = writeZip(s.input('dup.zip'), [
      { name: 'a.log', data: 'same' },
      { name: 'b.log', data: 'same' },
    ]);
    const item = await intakeOne(s, file);
    expect(item.children.map((c) => c.storedPath)).toEqual([item.children[0]!.storedPath, item.children[0]!.storedPath]);
    expect(expectCleanStore(s)).toHaveLength(2);
  });

  it('shows invalid UTF-8 in member names as \\xNN escapes, losslessly, and accepts the archive', async () => {
    const s = sandbox();
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6c, 0x6f, 0x67]); // "café.log" in Latin-1
    const tarFile = writeTar(s.input('latin1.tar'), [
      { name: latin1, data: 'e-acute' },
      { name: Buffer.from([0x63, 0x61, 0x66, 0xe8, 0x2e, 0x6c, 0x6f, 0x67]), data: 'e-grave' },
    ]);
    const zipFile = writeZip(s.input('bad-utf8.zip'), [{ name: latin1, flags: 0x800, data: 'z' }]);
    const t = await intakeOne(s, tarFile);
    expect(t.refused).toBeNull();
    expect(t.children.map((c) => c.displayPath.slice(tarFile.length))).toEqual(['!/caf\\xE9.log', '!/caf\\xE8.log']);
    const z = await intakeOne(s, zipFile);
    expect(z.children.map((c) => c.displayPath.slice(zipFile.length))).toEqual(['!/caf\\xE9.log']);
  });

  it('reads unflagged zip names as UTF-8 when they are valid UTF-8, else as CP437', async () => {
    const s = sandbox();
    const file = writeZip(s.input('names.zip'), [
      { name: Buffer.from('résumé.log', 'utf8'), data: '1' },
      { name: Buffer.from([0x82, 0x2e, 0x6c, 0x6f, 0x67]), data: '2' },
    ]);
    const item = await intakeOne(s, file);
    expect(item.children.map((c) => c.displayPath.slice(file.length))).toEqual(['!/résumé.log', '!/é.log']);
  });
});
