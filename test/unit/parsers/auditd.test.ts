import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../electron/engine/ingest/types';
import { data } from '../../helpers/paths';
import { isoOf, run, runData } from './helpers';

const AUPARSE = data('go-libaudit', 'auparse', 'testdata');
const FILEBEAT = data('elastic-beats', 'filebeat', 'module', 'auditd', 'log', 'test', 'test.log');

/** Fields go-libaudit rewrites (names for ids, split SELinux contexts, result codes): not comparable. */
const ENRICHED = new Set(['auid', 'ses', 'old-auid', 'result', 'exit', 'arch', 'syscall', 'sig', 'tags']);

interface Golden { '@timestamp': string; record_type: string; sequence: number; data: Record<string, string> }

describe('auditd on go-libaudit auparse test data', () => {
  const logs = readdirSync(AUPARSE).filter((f) => f.endsWith('.log'));

  it.each(logs)('%s: every record decodes to the same field values as go-libaudit (.golden)', async (f) => {
    const golden = (JSON.parse(readFileSync(`${AUPARSE}/${f}.golden`, 'utf8')) as (Golden | null)[]).filter((g): g is Golden => g !== null);
    const { events } = await runData('auditd', `${AUPARSE}/${f}`);
    const used = new Map<string, number>();
    let compared = 0;
    for (const g of golden) {
      const type = g.record_type.toUpperCase();
      const ev = events.find((e) => e.attrs!.sequence === g.sequence && (e.attrs!.records as string[]).includes(type) && e.ts === Date.parse(g['@timestamp']) * 1000);
      expect(ev, `${type} ${g.sequence}`).toBeDefined();
      // The n-th record of a type within one event is keyed TYPE, TYPE[1], TYPE[2]...
      const k = `${events.indexOf(ev!)}|${type}`;
      const n = used.get(k) ?? 0;
      used.set(k, n + 1);
      const prefix = n === 0 ? type : `${type}[${n}]`;
      for (const [key, value] of Object.entries(g.data)) {
        if (ENRICHED.has(key) || key.startsWith('subj_') || key.startsWith('obj_')) continue;
        expect(ev!.attrs![`${prefix}.${key}`], `${prefix}.${key}`).toBe(value);
        compared++;
      }
      if (g.data.result && (ev!.attrs!.records as string[]).length === 1) {
        expect(ev!.outcome).toBe(g.data.result === 'success' ? 'success' : 'failure');
      }
    }
    expect(compared).toBeGreaterThan(golden.length);
  });

  it('skips a line go-libaudit also cannot read, with its line number', async () => {
    const { skips } = await runData('auditd', `${AUPARSE}/audit-rhel7.log`);
    expect(skips).toEqual([{ where: 'line 31', reason: expect.stringMatching(/not an audit record/) }]);
  });

  it('decodes hex-encoded fields and rule keys (ubuntu17, test3)', async () => {
    const u17 = (await runData('auditd', `${AUPARSE}/audit-ubuntu17.log`)).events;
    const grep = u17.find((e) => e.attrs!['SYSCALL.comm'] === 'grep')!;
    expect(grep.attrs!.tags).toEqual(['exec', '64bit']);
    const t3 = (await runData('auditd', `${AUPARSE}/test3.log`)).events;
    expect(t3.find((e) => e.attrs!['PROCTITLE.proctitle'] === 'sshd: burn [priv]')).toBeDefined();
  });
});

describe('auditd event grouping', () => {
  const norm = (events: ParsedEvent[]): unknown[] => events.map((e) => [e.attrs!.sequence, e.attrs!.records, e.resource]);

  it('groups interleaved records like adjacent ones (go-libaudit reassembly streams)', async () => {
    const normal = await runData('auditd', data('go-libaudit', 'testdata', 'normal.log'));
    const shuffled = await runData('auditd', data('go-libaudit', 'testdata', 'out_of_order.log'));
    expect(norm(shuffled.events)).toEqual(norm(normal.events));
    expect(norm(normal.events)).toEqual([
      [58, ['SYSCALL', 'SOCKADDR'], '/usr/bin/python2.7;58d1ccfb (deleted)'],
      [59, ['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PATH'], '/usr/bin/grep'],
      [60, ['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PATH'], '/usr/bin/cat'],
      [61, ['SYSCALL', 'SOCKADDR', 'CWD', 'PATH'], 'public/pickup'],
      [62, ['SYSCALL'], '/usr/libexec/postfix/pickup'],
    ]);
    // Interleaved records: the origin covers the first line only, all lines are listed.
    const e60 = shuffled.events[2]!;
    const firstLine60 = readFileSync(data('go-libaudit', 'testdata', 'out_of_order.log'), 'utf8').split('\n').find((l) => l.includes(':60): arch='))!;
    expect(e60.length).toBe(firstLine60.length + 1);
    expect((e60.attrs!.lines as number[]).length).toBe(5);
    expect(normal.events[1]!.length).toBeGreaterThan(600);
  });

  it('keeps events apart when the serial number wraps around (rollover.log)', async () => {
    const { events } = await runData('auditd', data('go-libaudit', 'testdata', 'rollover.log'));
    expect(events.map((e) => e.attrs!.sequence)).toEqual([4294967294, 4294967295, 0, 1, 2]);
  });

  it('flushes an event at EOE, a user-space record at once, and the rest at the end', () => {
    const { events } = run('auditd', [
      'type=SYSCALL msg=audit(1700000000.001:10): arch=c000003e syscall=2 success=no exit=-13 auid=1000 uid=1000 comm="cat" exe="/usr/bin/cat"',
      'type=PATH msg=audit(1700000000.001:10): item=0 name="/etc/shadow" nametype=NORMAL',
      'type=EOE msg=audit(1700000000.001:10): ',
      "type=USER_LOGIN msg=audit(1700000001.000:11): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/sbin/sshd\" hostname=? addr=179.38.151.221 terminal=sshd res=failed'",
      'node=web-1 type=SYSCALL msg=audit(1700000002.000:12): arch=c000003e syscall=42 success=yes exit=0 auid=4294967295 uid=33 comm="curl" exe="/usr/bin/curl"',
      'node=web-1 type=SOCKADDR msg=audit(1700000002.000:12): saddr=02000050A9FEA9FE0000000000000000',
    ]);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ action: 'SYSCALL', outcome: 'failure', user: '1000', resource: '/etc/shadow', attrs: { records: ['SYSCALL', 'PATH'] } });
    expect(isoOf(events[0])).toBe('2023-11-14T22:13:20.001000Z');
    expect(events[1]).toMatchObject({ action: 'USER_LOGIN', outcome: 'failure', user: '(invalid user)', src_ip: '179.38.151.221', resource: '/usr/sbin/sshd' });
    expect(events[2]).toMatchObject({ host: 'web-1', user: '33', dst_ip: '169.254.169.254', src_ip: null, attrs: { 'SOCKADDR.port': '80', 'SOCKADDR.family': 'ipv4' } });
  });

  it('skips lines that are not audit records and goes on', () => {
    const { events, skips } = run('auditd', [
      'type=PROCTITLE msg=audit(1700000000.000:1): proctitle="bash"',
      'hello world',
      'type=SYSCALL msg=audit(notatime): x=1',
      '',
      'type=PROCTITLE msg=audit(1700000000.000:2): proctitle=6C73',
    ]);
    expect(events.map((e) => e.attrs!['PROCTITLE.proctitle'])).toEqual(['bash', 'ls']);
    expect(skips.map((s) => s.where)).toEqual(['line 2', 'line 3']);
  });
});

describe('auditd on the filebeat auditd module test log', () => {
  it('reads all 15 records with hex fields decoded and interpreted values used', async () => {
    const { events, skips } = await runData('auditd', FILEBEAT);
    expect(skips).toEqual([]);
    expect(events).toHaveLength(15);
    const byType = (t: string): ParsedEvent => events.find((e) => (e.attrs!.records as string[])[0] === t)!;
    expect(byType('SYSCALL').attrs!['SYSCALL.exe']).toBe('/usr/libexec/strongswan/charon (deleted)');
    expect(byType('USER_CMD')).toMatchObject({ user: '700', outcome: 'success', attrs: { 'USER_CMD.cmd': '/usr/lib64/nagios/plugins/check_asterisk_sip_peers -p 202', 'USER_CMD.cwd': '/' } });
    expect(byType('TTY').attrs!['TTY.data']).toContain('sudo su');
    expect(events.filter((e) => e.action === 'PROCTITLE').map((e) => e.attrs!['PROCTITLE.proctitle'])).toEqual(['bash', 'sshd: burn [priv]']);
    expect(events.find((e) => e.action === 'execve')).toMatchObject({ user: 'vagrant', outcome: 'success', resource: '/usr/bin/top' });
    expect(byType('CRYPTO_SESSION')).toMatchObject({ src_ip: '96.241.146.97', attrs: { 'CRYPTO_SESSION.laddr': '10.142.0.2', 'CRYPTO_SESSION.cipher': 'chacha20-poly1305@openssh.com' } });
    expect(byType('MAC_IPSEC_EVENT')).toMatchObject({ outcome: 'success', attrs: { 'MAC_IPSEC_EVENT.op': 'SPD-delete' } });
    expect(byType('VIRT_MACHINE_ID').attrs!['VIRT_MACHINE_ID.vm']).toBe('rhel-work3');
  });
});
