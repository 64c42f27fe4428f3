import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_FLAG_INVALID_UTF8 } from '../../../electron/engine/ingest/types';
import { data } from '../../helpers/paths';
import { isoOf, run, runData } from './helpers';

const NGINX = (f: string): string => data('elastic-beats', 'filebeat', 'module', 'nginx', 'access', 'test', f);

describe('access log lines', () => {
  it('reads the combined format (Apache docs example)', () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';
    const e = run('access', [line]).events[0]!;
    expect(e).toMatchObject({
      src_ip: '127.0.0.1', user: 'frank', action: 'GET', resource: '/apache_pb.gif', outcome: 'success', message: line,
      attrs: { status: 200, bytes: 2326, protocol: 'HTTP/1.0', referrer: 'http://www.example.com/start.html', user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)' },
    });
    expect(isoOf(e)).toBe('2000-10-10T20:55:36.000000Z');
  });

  it('reads the common format, "-" size, and an escaped quote in the request', () => {
    const { events } = run('access', [
      '10.1.1.1 - - [01/Jan/2020:00:00:00 +0000] "POST /login HTTP/1.1" 401 -',
      '10.1.1.1 - - [01/Jan/2020:00:00:01 +0000] "GET /a\\"b HTTP/1.1" 500 12',
    ]);
    expect(events[0]).toMatchObject({ action: 'POST', outcome: 'failure', attrs: { status: 401, bytes: 0 } });
    expect(events[0]!.attrs).not.toHaveProperty('referrer');
    expect(events[1]).toMatchObject({ resource: '/a\\"b', outcome: 'failure', attrs: { status: 500 } });
  });

  it('skips lines that are not access log lines and goes on', () => {
    const { events, skips } = run('access', [
      'garbage',
      '1.2.3.4 - - [99/Foo/2020:00:00:00 +0000] "GET / HTTP/1.1" 200 1',
      '1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] GET / HTTP/1.1 200 1',
      '1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET / HTTP/1.1" abc 1',
      '1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET / HTTP/1.1" 200 1',
    ]);
    expect(events).toHaveLength(1);
    expect(skips.map((s) => s.where)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
  });
});

describe('access logs from elastic/beats nginx tests', () => {
  it('test.log: client address, forwarded lists, IPv6, extra fields, empty request (filebeat expectations)', async () => {
    const { events, skips } = await runData('access', NGINX('test.log'));
    expect(skips).toEqual([]);
    // source.ip, method, url, status, bytes and @timestamp from filebeat's test.log-expected.json
    const want = [
      ['10.0.0.2', 'GET', '/ocelot', 200, 571, '2016-12-07T10:05:07.000000Z'],
      ['172.17.0.1', 'GET', '/stringpatch', 404, 612, '2017-05-29T19:02:48.000000Z'],
      ['85.181.35.98', 'GET', '/ocelot', 200, 571, '2016-12-07T10:05:07.000000Z'],
      ['85.181.35.98', 'GET', '/ocelot', 200, 571, '2016-12-07T10:05:07.000000Z'],
      ['199.96.1.1', 'GET', '/assets/xxxx?q=100', 200, 25507, '2016-01-22T13:18:29.000000Z'],
      ['2a03:0000:10ff:f00f:0000:0000:0:8000', 'GET', '/test.html', 404, 8571, '2016-12-30T06:47:09.000000Z'],
      ['127.0.0.1', null, null, 400, 0, '2018-04-12T07:48:40.000000Z'],
    ];
    expect(events.map((e) => [e.src_ip, e.action, e.resource, e.attrs!.status, e.attrs!.bytes, isoOf(e)])).toEqual(want);
    expect(events[0]!.attrs).toMatchObject({ remote_ip_list: ['10.0.0.2', '10.0.0.1', '127.0.0.1'], forwarded_for: ['10.0.0.2', '10.0.0.1'] });
    expect(events[1]!.attrs!.extra).toEqual(['-']);
    expect(events[4]!.attrs!.remote_ip_list).toEqual(['10.5.102.222', '199.96.1.1', '204.246.1.1', '10.2.1.185']);
    expect(events[6]!.attrs!.request).toBe('');
  });

  it('access.log: 13 events, the last with a leading virtual host', async () => {
    const { events } = await runData('access', NGINX('access.log'));
    expect(events).toHaveLength(13);
    expect(events[12]).toMatchObject({ src_ip: '192.168.0.1', action: 'GET', attrs: { vhost: 'lessons.example.com', status: 206, bytes: 7648063 } });
    expect(isoOf(events[12])).toBe('2020-06-09T19:10:39.000000Z');
  });

  it('apache_logs: all 10,000 lines, statuses as in the file', async () => {
    const file = data('elastic-examples', 'apache_logs', 'apache_logs');
    const { events, skips } = await runData('access', file);
    expect(skips).toEqual([]);
    expect(events).toHaveLength(10_000);
    const notFound = readFileSync(file, 'utf8').split('\n').filter((l) => /" 404 /.test(l)).length;
    expect(events.filter((e) => e.attrs!.status === 404 && e.outcome === 'failure')).toHaveLength(notFound);
    expect(events[0]).toMatchObject({ src_ip: '83.149.9.216', resource: '/presentations/logstash-monitorama-2013/images/kibana-search.png' });
  });

  it('Tomcat access log with attacks: unescaped quotes and binary requests are still read', async () => {
    const { events, skips } = await runData('access', data('evtx-attack-samples', 'web_attack_and_isp_webshell_localhost_access_log.txt'));
    expect(skips).toEqual([]);
    expect(events).toHaveLength(2661);
    const xss = events.find((e) => e.resource?.includes('"><script>'))!;
    expect(xss).toMatchObject({ action: 'GET', resource: '/WebID/IISWebAgentIF.dll?postdata="><script>foo</script>', attrs: { status: 404, bytes: 997 } });
    const binary = events.filter((e) => (e.flags ?? 0) & EVENT_FLAG_INVALID_UTF8);
    expect(binary.length).toBeGreaterThan(0);
    expect(binary.every((e) => e.attrs!.status === 400)).toBe(true);
    expect(events.filter((e) => e.attrs!.status === 404)).toHaveLength(1484);
    expect(events.filter((e) => e.user === 'admin').length).toBeGreaterThan(0);
  });
});
