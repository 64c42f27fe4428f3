import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_FLAG_INVALID_UTF8, EVENT_FLAG_TIME_GUESSED, EVENT_FLAG_TRUNCATED } from '../../../electron/engine/ingest/types';
import { data } from '../../helpers/paths';
import { csvRows, isoOf, run, runData, runFile } from './helpers';

describe('syslog3164 lines', () => {
  it.each([
    [
      'tag with pid',
      'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
      { host: 'LabSZ', action: 'sshd', message: 'Invalid user webmaster from 173.234.31.186', attrs: { program: 'sshd', pid: '24200' } },
    ],
    [
      'tag without pid, space-padded day',
      'Jul  1 09:00:55 calvisitor-10-105-160-95 kernel: RTC: Only system time changed',
      { host: 'calvisitor-10-105-160-95', action: 'kernel', message: 'RTC: Only system time changed', attrs: { program: 'kernel' } },
    ],
    [
      'PAM tag with module in parentheses',
      'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown',
      { host: 'combo', action: 'sshd(pam_unix)', message: 'check pass; user unknown', attrs: { program: 'sshd(pam_unix)', pid: '19937' } },
    ],
    [
      'PRI and no host (RFC 3164 section 5.4 example)',
      "<34>Oct 11 22:14:15 su: 'su root' failed for lonvick on /dev/pts/8",
      { host: null, action: 'su', severity: 'crit', message: "'su root' failed for lonvick on /dev/pts/8", attrs: { program: 'su', facility: 'auth' } },
    ],
    [
      'no tag: the leading word is the program, the content is kept whole',
      'Jun 19 04:09:11 combo syslogd 1.4.1: restart.',
      { host: 'combo', action: 'syslogd', message: 'syslogd 1.4.1: restart.' },
    ],
    [
      'empty message after the tag',
      'Jun 19 04:09:11 combo cron:',
      { host: 'combo', action: 'cron', message: '' },
    ],
  ])('%s', (_name, line, want) => {
    const { events, skips } = run('syslog3164', [line]);
    expect(skips).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject(want);
  });

  it('reads RFC 3339 timestamps (rsyslog default) with their own offset, without guessing', () => {
    const { events } = run('syslog3164', ['2024-03-01T10:00:00.123456+01:00 web1 sshd[7]: Accepted publickey for alice from 2001:db8::7 port 50022 ssh2']);
    expect(events[0]).toMatchObject({ host: 'web1', user: 'alice', src_ip: '2001:db8::7', outcome: 'success', ts_desc: 'line time' });
    expect(isoOf(events[0])).toBe('2024-03-01T09:00:00.123456Z');
    expect((events[0]!.flags ?? 0) & EVENT_FLAG_TIME_GUESSED).toBe(0);
  });

  it('reads times as local time of the context zone and marks the year as inferred', () => {
    const { events } = run('syslog3164', ['Feb 10 12:00:00 h app: x', 'Feb 10 12:00:00.25 h app: x'], { timezone: 'Europe/Berlin' });
    expect(events.map(isoOf)).toEqual(['2024-02-10T11:00:00.000000Z', '2024-02-10T11:00:00.250000Z']);
    expect(events[0]).toMatchObject({ ts_desc: 'line time (year inferred)' });
    expect(events[0]!.flags! & EVENT_FLAG_TIME_GUESSED).toBe(EVENT_FLAG_TIME_GUESSED);
  });

  it('takes the previous year for dates after the file time and rolls over at New Year', () => {
    const { events } = run('syslog3164', ['Dec 31 23:59:59 h a: x', 'Jan  1 00:00:01 h a: y'], { fileMtimeMs: Date.UTC(2024, 0, 2) });
    expect(events.map(isoOf)).toEqual(['2023-12-31T23:59:59.000000Z', '2024-01-01T00:00:01.000000Z']);
  });

  it.each([
    ['Failed password for invalid user admin from 1.2.3.4 port 22 ssh2', { user: 'admin', src_ip: '1.2.3.4', outcome: 'failure', attrs: { src_port: '22' } }],
    ['Failed password for root from 1.2.3.4 port 22 ssh2', { user: 'root', src_ip: '1.2.3.4', outcome: 'failure' }],
    ['message repeated 5 times: [ Failed password for root from 5.6.7.8 port 1 ssh2]', { user: 'root', src_ip: '5.6.7.8', outcome: 'failure' }],
    ['Accepted password for bob from 10.0.0.1 port 5 ssh2', { user: 'bob', src_ip: '10.0.0.1', outcome: 'success' }],
    ['pam_unix(sshd:session): session opened for user carol by (uid=0)', { user: 'carol', outcome: 'success' }],
    ['pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=9.9.9.9  user=dave', { user: 'dave', src_ip: '9.9.9.9', outcome: 'failure' }],
    ['Received disconnect from 8.8.4.4: 11: Bye Bye [preauth]', { src_ip: '8.8.4.4' }],
    ['Failed password for root from not-an-ip port 22 ssh2', { user: 'root', src_ip: null, outcome: 'failure' }],
  ])('auth fields: %s', (msg, want) => {
    const { events } = run('syslog3164', [`Mar  1 00:00:00 host sshd[1]: ${msg}`]);
    expect(events[0]).toMatchObject(want);
  });

  it('skips lines without a syslog header, ignores blank lines, and goes on', () => {
    const input = [
      'Jan 01 00:00:00 h a: ok',
      '',
      '   ',
      'not syslog at all',
      'Foo 01 00:00:00 h a: bad month',
      'Jan 32 00:00:00 h a: bad day',
      'Jan 01 25:00:00 h a: bad hour',
      '<999>Jan 01 00:00:00 h a: bad pri',
      'Jan 01 00:00:00 h a: ok again',
    ];
    const { events, skips } = run('syslog3164', input);
    expect(events.map((e) => e.message)).toEqual(['ok', 'ok again']);
    expect(skips.map((s) => s.where)).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8']);
    expect(skips.every((s) => s.reason.length > 0)).toBe(true);
    const lastOffset = input.slice(0, -1).reduce((n, l) => n + l.length + 1, 0);
    expect(events[1]).toMatchObject({ offset: lastOffset, length: input[8]!.length + 1 });
  });

  it('keeps exact offsets and lengths on CRLF input and flags truncated and invalid lines', async () => {
    const long = `Jan 01 00:00:00 h a: ${'x'.repeat(2 * 1024 * 1024)}`;
    const bad = Buffer.concat([Buffer.from('Jan 01 00:00:01 h a: caf'), Buffer.from([0xe9]), Buffer.from('\r\n')]);
    const content = Buffer.concat([Buffer.from(`Jan 01 00:00:00 h a: one\r\n${long}\r\n`), bad, Buffer.from('Jan 01 00:00:02 h a: last')]);
    const { events, notes } = await runFile('syslog3164', content);
    expect(events.map((e) => e.offset)).toEqual([0, 26, 26 + long.length + 2, 26 + long.length + 2 + bad.length]);
    expect(events[1]!.flags! & EVENT_FLAG_TRUNCATED).toBe(EVENT_FLAG_TRUNCATED);
    expect(events[1]!.length).toBe(long.length + 2);
    expect(notes).toEqual([{ where: 'line 2', reason: 'line longer than limit; truncated' }]);
    expect(events[2]!.flags! & EVENT_FLAG_INVALID_UTF8).toBe(EVENT_FLAG_INVALID_UTF8);
    expect(events[2]!.message).toBe('caf\uFFFD');
    expect(events[3]!.message).toBe('last');
  });
});

describe('syslog3164 on loghub samples', () => {
  it.each([
    ['Linux', 'Level', 'Component', 'PID'],
    ['OpenSSH', 'Component', null, 'Pid'],
  ] as const)('%s: host, program, pid and message agree with the loghub ground truth', async (sys, hostCol, progCol, pidCol) => {
    const { events, skips } = await runData('syslog3164', data('loghub', sys, `${sys}_2k.log`));
    const rows = csvRows(data('loghub', sys, `${sys}_2k.log_structured.csv`));
    expect(skips).toEqual([]);
    expect(events).toHaveLength(rows.length);
    let compared = 0;
    rows.forEach((row, i) => {
      const e = events[i]!;
      // loghub's regex allows spaces in the tag ("syslogd 1.4.1"); RFC 3164 ends the tag at the first
      // non-alphanumeric character, so for those lines only the content is compared.
      if (progCol !== null && /\s/.test(row[progCol]!)) {
        expect(e.message).toContain(row.Content!.trim());
        return;
      }
      compared++;
      expect(e.host).toBe(row[hostCol]);
      if (progCol !== null) expect(e.attrs!.program).toBe(row[progCol]);
      expect(e.attrs!.pid ?? '').toBe(row[pidCol]);
      expect(e.message.trim()).toBe(row.Content!.trim());
    });
    expect(compared).toBeGreaterThan(rows.length * 0.99);
  });

  it('OpenSSH: every failed password attempt gets user, source address and failure', async () => {
    const file = data('loghub', 'OpenSSH', 'OpenSSH_2k.log');
    const { events } = await runData('syslog3164', file);
    const expected = readFileSync(file, 'utf8').split('\n').filter((l) => /sshd\[\d+\]: Failed password for/.test(l)).length;
    const failed = events.filter((e) => e.message.startsWith('Failed password for'));
    expect(failed).toHaveLength(expected);
    expect(failed.every((e) => e.outcome === 'failure' && e.user && e.src_ip && /^\d+\.\d+\.\d+\.\d+$/.test(e.src_ip))).toBe(true);
    expect(events[0]).toMatchObject({ host: 'LabSZ', src_ip: '173.234.31.186' });
    expect(isoOf(events[0])).toBe('2023-12-10T06:55:46.000000Z');
  });
});
