import { describe, expect, it } from 'vitest';
import { DETECTORS, detectCard, detectIBAN, detectPhone, detectSSN } from '../../../electron/engine/export/mask';
import { found } from './helpers';

/** Log lines full of numbers none of which is personal data: every detector must stay silent. */
const NUMERIC_NOISE = [
  'Nov 23 10:22:33 web01 kernel: [12345.678901] eth0: rx 1048576 bytes, tx 2097152 bytes, pid 31337',
  '2024-01-15T10:22:33.123456+00:00 app[4242]: took 1234 ms, 200 OK, port 8443, uid 1000 gid 1000',
  '10.0.0.5 - - [15/Jan/2024:10:22:33 +0100] "GET /api/v1/items/1234567890123 HTTP/1.1" 200 5123 "-" "curl/8.4.0"',
  '{"eventTime":"2024-01-15T10:22:33Z","requestID":"8f3a2b1c-4d5e-6f70-8192-a3b4c5d6e7f8","recipientAccountId":"123456789012"}',
  'epoch=1700000000000 nanos=1700000000123456789 inode=9007199254740993 seq 0000000000000001',
  'type=SYSCALL msg=audit(1705314153.123:4567): arch=c000003e syscall=59 success=yes exit=0 a0=55d0c8a3e0 ppid=1234 pid=5678',
  'disk sda: 500107862016 bytes, 976773168 sectors; serial 2024-001-12345',
  'version 10.0.19045.3803 build 22631 KB5034123 date 2024-01-15 time 10:22:33 tz +05:30',
  'queue depth 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16',
  'hexdump 0000010 0000 0000 0000 0001 0002 0003',
];

describe('numeric noise', () => {
  it.each(NUMERIC_NOISE)('masks nothing in: %s', (line) => {
    for (const d of [detectCard, detectSSN, detectPhone, detectIBAN]) expect(found(d, line)).toEqual([]);
  });
});

describe('card detector', () => {
  it.each<[string, string[]]>([
    ['payment card=4111111111111111 amount=12.50', ['4111111111111111']],
    ['{"pan":"4111 1111 1111 1111","exp":"12/27"}', ['4111 1111 1111 1111']],
    ['amex 3782-822463-10005 mc 5555-5555-5555-4444', ['3782-822463-10005', '5555-5555-5555-4444']],
    ['discover 6011111111111117, jcb 3530111333300000.', ['6011111111111117', '3530111333300000']],
    ['200 2326 4111 1111 1111 1111 done', ['4111 1111 1111 1111']], // found after other numbers in one run
    ['4111111111111112 fails Luhn', []],
    ['1234567812345670 passes Luhn but no issuer starts with 1', []],
    ['4111 1111-1111 1111 mixed separators', []],
    ['41111 111 1111 1111 odd first group', []],
    ['41111111111111111111 twenty digits', []],
    ['ref 4111111111111111.5 decimal', []],
  ])('%s', (line, want) => {
    expect(found(detectCard, line)).toEqual(want);
  });
});

describe('SSN detector', () => {
  it.each<[string, string[]]>([
    ['applicant ssn=123-45-6789 ok', ['123-45-6789']],
    ['{"ssn":"078-05-1120"}', ['078-05-1120']],
    ['bad areas 000-12-3456 666-12-3456 900-12-3456 999-12-3456', []],
    ['bad group 123-00-4567, bad serial 123-45-0000', []],
    ['undashed 123456789 and spaced 123 45 6789', []],
    ['date 2024-01-15 and 123-45-67890 and 1123-45-6789', []],
  ])('%s', (line, want) => {
    expect(found(detectSSN, line)).toEqual(want);
  });
});

describe('phone detector', () => {
  it.each<[string, string[]]>([
    ['sms to +14155552671 queued', ['+14155552671']],
    ['call +1 (415) 555-2671 or +44 20 7946 0958', ['+1 (415) 555-2671', '+44 20 7946 0958']],
    ['{"phone":"+49-30-123456789"}', ['+49-30-123456789']],
    ['desk 415-555-2671, cell (415) 555-2671, fax 415.555.2671', ['415-555-2671', '(415) 555-2671', '415.555.2671']],
    ['uk 020 7946 0958 mobile 07700 900123 de 030-12345678', ['020 7946 0958', '07700 900123', '030-12345678']],
    ['too short +1234567 and offset +0530 and +00 44 20', []],
    ['exchange starts with 1: 415-155-2671, mixed 415-555.2671', []],
    ['undelimited 4155552671 and spaced 415 555 2671', []],
    ['ip 192.168.555.1234 and ver 212.555.1234.5', []],
  ])('%s', (line, want) => {
    expect(found(detectPhone, line)).toEqual(want);
  });
});

describe('IBAN detector', () => {
  it.each<[string, string[]]>([
    ['transfer to DE89 3704 0044 0532 0130 00 today', ['DE89 3704 0044 0532 0130 00']],
    ['{"iban":"GB29NWBK60161331926819"}', ['GB29NWBK60161331926819']],
    ['GB82 WEST 1234 5698 7654 32 USER', ['GB82 WEST 1234 5698 7654 32']], // trailing word not swallowed
    ['NO9386011117947 and FR14 2004 1010 0505 0001 3M02 606', ['NO9386011117947', 'FR14 2004 1010 0505 0001 3M02 606']],
    ['DE89 3704 0044 0532 0130 01 bad check', []],
    ['de89370400440532013000 lower case', []],
    ['AB12 3456 7890 1234 5678 unknown country', []],
    ['DE89 37040 04405 32013 000 wrong grouping', []],
  ])('%s', (line, want) => {
    expect(found(detectIBAN, line)).toEqual(want);
  });
});

describe('pathological input', () => {
  it.each([
    ['digit groups', Array.from({ length: 20_000 }, (_, i) => i % 10).join(' ') + 'x'],
    ['hex and colons', 'ab:'.repeat(30_000) + '.1'],
    ['iban-like groups', 'DE89' + ' ABCD'.repeat(20_000) + 'x'],
    ['phone-like groups', '+1' + ' 234'.repeat(20_000) + 'x'],
    ['dotted digits', '1.'.repeat(30_000) + 'x'],
  ])('stays fast on %s', (_name, text) => {
    const t0 = performance.now();
    for (const d of Object.values(DETECTORS)) d(text);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
