import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzippedName } from '../../../electron/engine/ingest/intake/gzip-members';
import { gzipMtimeMs, sniffContainer } from '../../../electron/engine/ingest/intake/sniff';
import { tarBuffer } from '../../helpers/tar-writer';
import { zipBuffer } from '../../helpers/zip-writer';

describe('sniffContainer', () => {
  it.each([
    ['zip', zipBuffer([{ name: 'a', data: 'a' }]), 'zip'],
    ['empty zip', zipBuffer([]), 'zip'],
    ['gzip', gzipSync('x'), 'gzip'],
    ['ustar', tarBuffer([{ name: 'a', data: 'a' }]), 'tar'],
    ['legacy tar', tarBuffer([{ name: 'a', data: 'a' }], { legacy: true }), 'tar'],
    ['text', Buffer.from('Jan  1 00:00:00 host sshd: hello\n'.repeat(40)), null],
    ['zeros', Buffer.alloc(1024), null],
    ['empty', Buffer.alloc(0), null],
    ['gzip magic with another method', Buffer.from([0x1f, 0x8b, 0x07, 0, 0, 0, 0, 0, 0, 0]), null],
  ])('%s', (_label, head, expected) => {
    expect(sniffContainer(head.subarray(0, 512))).toBe(expected);
  });

  it('does not take a legacy header with a wrong checksum for a tar', () => {
    const head = tarBuffer([{ name: 'a', data: 'a' }], { legacy: true });
    head[0] = 0x62;
    expect(sniffContainer(head.subarray(0, 512))).toBeNull();
  });
});

describe('gzip details', () => {
  it('reads MTIME, treating 0 as unknown', () => {
    const gz = gzipSync('x');
    expect(gzipMtimeMs(gz)).toBeNull();
    gz.writeUInt32LE(1_600_000_000, 4);
    expect(gzipMtimeMs(gz)).toBe(1_600_000_000_000);
  });

  it.each([
    ['syslog.2.gz', 'syslog.2'],
    ['backup.tgz', 'backup.tar'],
    ['BACKUP.TGZ', 'BACKUP.tar'],
    ['data', 'data'],
    ['.gz', '.gz'],
  ])('names the content of %s %s', (name, expected) => {
    expect(gunzippedName(name)).toBe(expected);
  });
});
