import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeTar, type TarEntrySpec } from '../../helpers/tar-writer';
import { writeZip, zipBuffer, type ZipEntrySpec } from '../../helpers/zip-writer';
import { expectCleanStore, intakeOne, packTar, sandbox, sha256 } from './intake-harness';

/** Every refusal leaves exactly one evidence file: the archive as received. */
async function expectRefused(file: string, reason: RegExp, limits?: Parameters<typeof intakeOne>[2], s = sandbox()): Promise<string> {
  const item = await intakeOne(s, file.startsWith('/') ? file : s.input(file), limits);
  expect(item.refused).toMatch(reason);
  expect(item.children).toEqual([]);
  expect(expectCleanStore(s)).toEqual([item.sha256]);
  return item.refused!;
}

const ok = (name: string): ZipEntrySpec => ({ name, data: `content of ${name}` });

const zipCases: Array<[string, ZipEntrySpec[], RegExp]> = [
  ['parent traversal', [ok('fine.log'), ok('../evil.log')], /entry ".*!\/\.\.\/evil\.log": path traversal/],
  ['traversal in the middle', [ok('a/../../evil.log')], /path traversal/],
  ['Windows dots traversal', [ok('a/.. /evil.log')], /path traversal/],
  ['absolute path', [ok('/etc/cron.d/evil')], /"[^"]*!\/\/etc\/cron\.d\/evil": absolute path/],
  ['drive letter', [{ name: Buffer.from('C:\\Windows\\evil.dll'), data: 'x' }], /absolute path \(drive letter\)/],
  ['UNC path', [{ name: Buffer.from('\\\\server\\share\\evil'), data: 'x' }], /network share/],
  ['backslash traversal', [{ name: Buffer.from('logs\\..\\..\\evil.log'), data: 'x' }], /path traversal \("\.\.", with backslash separators\)/],
  ['NUL byte', [ok('good.log\0.exe')], /NUL byte in name/],
  ['control character', [ok('a\nb.log')], /control character/],
  ['symlink', [ok('a.log'), { name: 'link', data: '/etc/passwd', unixMode: 0o120777, method: 'store' }], /entry "[^"]*!\/link": symbolic link/],
  ['character device', [{ name: 'tty', unixMode: 0o020666, method: 'store' }], /device entry/],
  ['fifo', [{ name: 'pipe', unixMode: 0o010644, method: 'store' }], /fifo/],
  ['duplicate name', [ok('a.log'), ok('a.log')], /duplicate name/],
  ['duplicate after ./', [ok('dir/a.log'), ok('./dir/a.log')], /duplicate name/],
  ['case collision', [ok('logs/a.log'), ok('LOGS/A.LOG')], /"[^"]*!\/LOGS\/A\.LOG": name collides with "logs\/a\.log"/],
  ['NFC collision', [ok('caf\u00e9.log'), ok('cafe\u0301.log')], /collides/],
  ['file used as folder', [ok('x'), ok('x/y.log')], /is a file but is also used as a folder/],
  ['overlong name', [ok(`${'d'.repeat(200)}/`.repeat(6) + 'f.log')], /name longer than 1024 bytes/],
  ['overlong component', [ok(`${'c'.repeat(300)}.log`)], /component is longer than 255 bytes/],
  ['encrypted entry', [{ name: 'secret.log', data: 'x', flags: 0x1 }], /entry "[^"]*secret\.log": encrypted entry/],
  ['unsupported compression', [{ name: 'b.log', data: 'x', declaredMethod: 12, method: 'store' }], /unsupported compression method 12/],
];

const tarCases: Array<[string, TarEntrySpec[], RegExp]> = [
  ['parent traversal', [{ name: '../../etc/passwd', data: 'x' }], /entry "[^"]*!\/\.\.\/\.\.\/etc\/passwd": path traversal/],
  ['absolute path', [{ name: '/etc/passwd', data: 'x' }], /absolute path/],
  ['backslash traversal', [{ name: '..\\evil', data: 'x' }], /path traversal/],
  ['traversal in a folder entry', [{ name: '../up/', type: '5' }], /path traversal/],
  ['symlink', [{ name: 'link', type: '2', linkname: '/etc/shadow' }], /symbolic link entry/],
  ['hard link', [{ name: 'a.log', data: 'x' }, { name: 'hard', type: '1', linkname: 'a.log' }], /entry "[^"]*!\/hard": hard link entry/],
  ['character device', [{ name: 'dev/null', type: '3' }], /device entry/],
  ['block device', [{ name: 'dev/sda', type: '4' }], /device entry/],
  ['fifo', [{ name: 'pipe', type: '6' }], /fifo/],
  ['unknown type (GNU sparse)', [{ name: 'sparse.img', type: 'S', data: 'x' }], /unsupported type/],
  ['duplicate name', [{ name: 'a.log', data: '1' }, { name: 'a.log', data: '2' }], /duplicate name/],
  ['case collision', [{ name: 'README', data: '1' }, { name: 'readme', data: '2' }], /collides/],
];

describe('hostile zip entries refuse the whole archive, naming the entry', () => {
  it.each(zipCases)('%s', async (_label, entries, reason) => {
    const s = sandbox();
    await expectRefused(writeZip(s.input('hostile.zip'), entries), reason, undefined, s);
  });
});

describe('hostile tar entries refuse the whole archive, naming the entry', () => {
  it.each(tarCases)('%s', async (_label, entries, reason) => {
    const s = sandbox();
    await expectRefused(writeTar(s.input('hostile.tar'), entries), reason, undefined, s);
  });

  it('refuses a symlink written by a real packer inside a tar.gz', async () => {
    const s = sandbox();
    const file = s.input('logs.tgz');
    writeFileSync(file, gzipSync(await packTar([{ name: 'ok.log', data: 'fine' }, { name: 'etc', type: 'symlink', linkname: '/etc' }])));
    await expectRefused(file, /entry "[^"]*logs\.tgz!\/logs\.tar!\/etc": symbolic link entry/, undefined, s);
  });
});

describe('nested archives', () => {
  it('refuses the top-level archive when a deeply nested member is hostile, leaving no member evidence', async () => {
    const s = sandbox();
    const inner = zipBuffer([ok('fine.log'), ok('../../escape.sh')]);
    const file = s.input('outer.tar.gz');
    writeFileSync(file, gzipSync(await packTar([{ name: 'first.log', data: 'a' }, { name: 'nested/inner.zip', data: inner }])));
    const reason = await expectRefused(file, /path traversal/, undefined, s);
    expect(reason).toContain('outer.tar.gz!/outer.tar!/nested/inner.zip!/../../escape.sh');
  });

  it('keeps evidence stored before, even when a refused archive held the same content', async () => {
    const s = sandbox();
    writeFileSync(s.input('a.log'), 'shared content');
    const first = await intakeOne(s, s.input('a.log'));
    const zip = writeZip(s.input('mixed.zip'), [{ name: 'copy.log', data: 'shared content' }, ok('new.log'), ok('../bad')]);
    const refused = await intakeOne(s, zip);
    expect(refused.refused).toMatch(/path traversal/);
    expect(expectCleanStore(s)).toEqual([first.sha256, refused.sha256].sort());
  });

  it('accepts nesting up to maxDepth and refuses one level more', async () => {
    const s = sandbox();
    let bytes: Buffer = Buffer.from('core\n');
    for (let i = 0; i < 4; i++) bytes = gzipSync(bytes);
    writeFileSync(s.input('four.gz'), bytes);
    writeFileSync(s.input('five.gz'), gzipSync(bytes));
    const four = await intakeOne(s, s.input('four.gz'));
    expect(four.refused).toBeNull();
    expect(four.children[0]!.children[0]!.children[0]!.children[0]!.sha256).toBe(sha256('core\n'));
    await expectRefused(s.input('five.gz'), /archives nested deeper than 4 levels/);
  });

  it('counts tar.gz as two levels', async () => {
    const s = sandbox();
    const file = s.input('a.tar.gz');
    writeFileSync(file, gzipSync(await packTar([{ name: 'in.zip', data: zipBuffer([ok('x.log')]) }])));
    await expectRefused(file, /archives nested deeper than 2 levels \("[^"]*a\.tar\.gz!\/a\.tar!\/in\.zip"\)/, { maxDepth: 2 }, s);
  });

  it('refuses a zip that contains itself (quine-like recursion) by depth', async () => {
    const s = sandbox();
    let bytes = zipBuffer([ok('seed.log')]);
    for (let i = 0; i < 6; i++) bytes = zipBuffer([{ name: 'again.zip', data: bytes, method: 'store' }]);
    writeFileSync(s.input('matryoshka.zip'), bytes);
    await expectRefused(s.input('matryoshka.zip'), /nested deeper than 4 levels/, undefined, s);
  });
});

describe('corrupt and truncated archives are refused, not crashed on', () => {
  it('zip with a garbage central directory', async () => {
    const s = sandbox();
    const good = zipBuffer([ok('a.log'), ok('b.log')]);
    const cdStart = good.length - 22 - 2 * (46 + 5);
    good.write('JUNK', cdStart, 'latin1');
    writeFileSync(s.input('corrupt.zip'), good);
    await expectRefused(s.input('corrupt.zip'), /"[^"]*corrupt\.zip" is not a readable zip archive \(corrupt or truncated\)/, undefined, s);
  });

  it('zip cut in half', async () => {
    const s = sandbox();
    const good = zipBuffer([{ name: 'big.log', data: 'x'.repeat(10_000) }]);
    writeFileSync(s.input('half.zip'), good.subarray(0, good.length >> 1));
    await expectRefused(s.input('half.zip'), /not a readable zip archive/, undefined, s);
  });

  it('zip whose deflate data is damaged', async () => {
    const s = sandbox();
    const good = zipBuffer([{ name: 'a.log', data: 'hello hello hello hello hello' }]);
    good.fill(0xff, 30 + 5, 30 + 5 + 4);
    writeFileSync(s.input('bad-data.zip'), good);
    await expectRefused(s.input('bad-data.zip'), /entry "[^"]*bad-data\.zip!\/a\.log" is unreadable \(corrupt or truncated zip data\)/, undefined, s);
  });

  it('truncated gzip', async () => {
    const s = sandbox();
    const gz = gzipSync('some log line\n'.repeat(1000));
    writeFileSync(s.input('cut.log.gz'), gz.subarray(0, gz.length - 20));
    await expectRefused(s.input('cut.log.gz'), /cut\.log" is unreadable \(corrupt or truncated gzip data\): unexpected end of file/, undefined, s);
  });

  it('gzip followed by garbage', async () => {
    const s = sandbox();
    writeFileSync(s.input('trail.gz'), Buffer.concat([gzipSync('a\n'), Buffer.from('this is not gzip')]));
    await expectRefused(s.input('trail.gz'), /gzip data/, undefined, s);
  });

  it('tar truncated inside a member', async () => {
    const s = sandbox();
    const tarBytes = await packTar([{ name: 'a.log', data: 'y'.repeat(5000) }]);
    writeFileSync(s.input('cut.tar'), tarBytes.subarray(0, 2048));
    await expectRefused(s.input('cut.tar'), /cut\.tar!\/a\.log" is unreadable \(corrupt or truncated tar data\)/, undefined, s);
  });

  it('tar whose second header has a bad checksum', async () => {
    const s = sandbox();
    const tarBytes = await packTar([{ name: 'a.log', data: 'a' }, { name: 'b.log', data: 'b' }]);
    tarBytes[1024 + 10] = 0x41;
    writeFileSync(s.input('badsum.tar'), tarBytes);
    await expectRefused(s.input('badsum.tar'), /not a readable tar archive.*Invalid tar header/, undefined, s);
  });
});
