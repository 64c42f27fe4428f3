import { describe, expect, it } from 'vitest';
import { detectEmail, detectIPv4, detectIPv6 } from '../../../electron/engine/export/mask';
import { expandIPv6, ipv4Category, ipv6Category } from '../../../electron/engine/export/mask/detect-net';
import { found } from './helpers';

describe('email detector', () => {
  it.each<[string, string[]]>([
    ['Nov 23 10:22:33 mail postfix/smtp[311]: to=<john.doe@example.com>, relay=mx.example.com[203.0.113.5]:25', ['john.doe@example.com']],
    ['{"userIdentity":{"principalId":"AIDA:ops+alerts@corp.example.co.uk"}}', ['ops+alerts@corp.example.co.uk']],
    ['From: "J" <J_Smith-99@Sub.Example.ORG>; cc a@b.io', ['J_Smith-99@Sub.Example.ORG', 'a@b.io']],
    ['user alice@localhost logged in', []], // no dot-TLD: a local mailbox, not an address
    ['git@github.com:org/repo.git', ['git@github.com']],
    ['scp file user@10.0.0.1:/tmp', []], // the host part is an IP, handled by the IPv4 detector
    ['version 1.2.3@beta', []],
    ['@mention and foo@ and @bar.com', []],
  ])('%s', (line, want) => {
    expect(found(detectEmail, line)).toEqual(want);
  });
});

describe('IPv4 detector', () => {
  it.each<[string, string[]]>([
    ['Nov 23 10:22:33 web01 sshd[1234]: Accepted password for alice from 192.168.1.10 port 52144 ssh2', ['192.168.1.10']],
    ['127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326', ['127.0.0.1']],
    ['{"sourceIPAddress":"203.0.113.254","eventVersion":"1.08"}', ['203.0.113.254']],
    ['listen 0.0.0.0:8080 and [10.1.2.3]:443, peer=255.255.255.255.', ['0.0.0.0', '10.1.2.3', '255.255.255.255']],
    ['openssl 1.1.1 kernel 5.15.0-91 nginx/1.24.0', []], // three-part versions
    ['snmp oid 1.3.6.1.4.1.2021 and 10.0.0.1.5', []], // longer dotted numbers
    ['256.1.1.1 and 1.2.3.999 and 01.2.3.4', []], // octet out of range or leading zero
    ['build v10.0.0.1 and host-10.0.0.2x', []], // glued to words
    ['ratio 3.14 and 2024.01.15', []],
  ])('%s', (line, want) => {
    expect(found(detectIPv4, line)).toEqual(want);
  });
});

describe('IPv6 detector', () => {
  it.each<[string, string[]]>([
    ['conn from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 port 22', ['2001:0db8:85a3:0000:0000:8a2e:0370:7334']],
    ['sshd: Accepted publickey for bob from 2001:db8::1 port 50022', ['2001:db8::1']],
    ['GET http://[::1]:8080/ and fe80::1ff:fe23:4567:890a%eth0', ['::1', 'fe80::1ff:fe23:4567:890a']],
    ['client ::ffff:192.168.1.1 mapped', ['::ffff:192.168.1.1']],
    ['"sourceIPAddress": "2600:1f18:4a3:6902::a"', ['2600:1f18:4a3:6902::a']],
    ['Nov 23 10:22:33 host cron[1]: at 23:59:59.999', []], // times
    ['mac 00:1a:2b:3c:4d:5e', []], // six groups, no ::
    ['std::vector<int> and Foo::Bar and ::', []],
    ['1:2:3:4:5:6:7:8:9', []], // too many groups: no valid prefix is taken
    ['2001:db8::g', []],
  ])('%s', (line, want) => {
    expect(found(detectIPv6, line)).toEqual(want);
  });

  it('expands compressed, full and mapped spellings to one form', () => {
    expect(expandIPv6('2001:DB8::1')).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
    expect(expandIPv6('2001:db8:0:0:0:0:0:1')).toBe(expandIPv6('2001:db8::1'));
    expect(expandIPv6('::ffff:192.168.1.1')).toBe('0000:0000:0000:0000:0000:ffff:c0a8:0101');
    expect(expandIPv6('::')).toBe('0000:0000:0000:0000:0000:0000:0000:0000');
  });

  it('classifies addresses for pseudonym tokens', () => {
    expect(['10.1.1.1', '172.20.0.1', '192.168.0.1', '127.0.0.1', '169.254.1.1', '8.8.8.8'].map(ipv4Category)).toEqual([
      'private', 'private', 'private', 'loopback', 'linklocal', 'public',
    ]);
    expect(['::1', 'fe80::1', 'fd00::1', '::ffff:1.2.3.4', '2600::1'].map(ipv6Category)).toEqual(['loopback', 'linklocal', 'ula', 'mapped', 'global']);
  });
});
