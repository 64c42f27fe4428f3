import { describe, expect, it } from 'vitest';
import { TimeSniffer } from '../../../electron/engine/ingest/parsers/text-time';
import { usToIso, YearInferrer } from '../../../electron/engine/ingest/time';
import { EVENT_FLAG_TIME_GUESSED } from '../../../electron/engine/ingest/types';
import { data } from '../../helpers/paths';
import { csvRows, isoOf, REF_MS, run, runData } from './helpers';

const sniff = (line: string, zone = 'UTC'): string | null => {
  const us = new TimeSniffer(zone, new YearInferrer(REF_MS, zone)).find(line);
  return us === null ? null : usToIso(us);
};

describe('timestamp shapes in free text', () => {
  it.each([
    ['2015-10-18 18:01:47,978 INFO [main] x', '2015-10-18T18:01:47.978000Z'],
    ['2024-03-01T10:00:00+02:00 started', '2024-03-01T08:00:00.000000Z'],
    ['[2024-03-01T10:00:00.5Z] started', '2024-03-01T10:00:00.500000Z'],
    ['2016-09-28 04:30:30, Info   CBS  Loaded', '2016-09-28T04:30:30.000000Z'],
    ['2005-06-03-15.42.50.675872 R02 RAS KERNEL', '2005-06-03T15:42:50.675872Z'],
    ['2024/03/01 10:00:00 job done', '2024-03-01T10:00:00.000000Z'],
    ['17/06/09 20:10:40 INFO executor.Backend', '2017-06-09T20:10:40.000000Z'],
    ['081109 203615 148 INFO dfs.DataNode', '2008-11-09T20:36:15.000000Z'],
    ['- 1117838570 2005.06.03 R02-M1-N0 RAS', '2005-06-03T22:42:50.000000Z'],
    ['KERNDTLB 1118536327 2005.06.11 R30-M0', '2005-06-12T00:32:07.000000Z'],
    ['1700000000123 event', '2023-11-14T22:13:20.123000Z'],
    ['[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok', '2005-12-04T04:47:44.000000Z'],
    ['[Wed Oct 11 14:32:52.123456 2000] [core:error] x', '2000-10-11T14:32:52.123456Z'],
    ['Sun Jul 17 23:21:50 UTC 2005 login', '2005-07-17T23:21:50.000000Z'],
    ['Wed, 11 Oct 2000 13:55:36 -0700 mail', '2000-10-11T20:55:36.000000Z'],
    ['Wed, 11 Oct 2000 13:55:36.5 +0100 mail', '2000-10-11T12:55:36.500000Z'],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /"', '2000-10-10T20:55:36.000000Z'],
    ['04-Jul-2018 10:20:30.123 INFO [main] Tomcat', '2018-07-04T10:20:30.123000Z'],
    ['04 Dec 2005 04:47:44 thing', '2005-12-04T04:47:44.000000Z'],
    ['Jul 4, 2018 1:02:03 PM org.apache.Foo bar', '2018-07-04T13:02:03.000000Z'],
    ['20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', '2017-12-23T22:15:29.606000Z'],
    ['nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO', '2017-05-16T00:00:00.008000Z'],
    // No year in the line: inferred from the reference time (2024-03-01).
    ['Feb 27 10:00:00 host app: x', '2024-02-27T10:00:00.000000Z'],
    ['Jun 14 15:16:01 combo sshd: x', '2023-06-14T15:16:01.000000Z'],
    ['03-17 16:13:38.811  1702  2395 D WindowManager: x', '2023-03-17T16:13:38.811000Z'],
    ['[10.30 16:49:06] chrome.exe - proxy open', '2023-10-30T16:49:06.000000Z'],
  ])('%s', (line, want) => {
    expect(sniff(line)).toBe(want);
  });

  it.each([
    'user 1234 logged in at step 12',
    'version 2.3.4 released',
    'connect from 10.0.0.1:8080',
    'order 12345678901 shipped',
    'id=1117838570x was rejected',
    'Marker 12 12:00 done',
    'phone 555-1234 call',
    'no digits here at all',
    '',
    '2024-13-45 10:00:00 impossible date',
    'padding padding padding padding padding padding padding padding 2024-03-01 10:00:00',
  ])('finds no time in %j', (line) => {
    expect(sniff(line)).toBeNull();
  });

  it('reads offset-less times in the context zone', () => {
    expect(sniff('2024-07-01 12:00:00 x', 'Europe/Berlin')).toBe('2024-07-01T10:00:00.000000Z');
  });
});

describe('text parser', () => {
  it('makes one event per non-blank line with the line as message and marks inferred years', () => {
    const { events, skips } = run('text', ['Feb 27 10:00:00 host app: x', '', '  ', 'no time here', '2024-03-01 10:00:00 y']);
    expect(skips).toEqual([]);
    expect(events.map((e) => [e.message, isoOf(e), e.ts_desc])).toEqual([
      ['Feb 27 10:00:00 host app: x', '2024-02-27T10:00:00.000000Z', 'line time (year inferred)'],
      ['no time here', null, null],
      ['2024-03-01 10:00:00 y', '2024-03-01T10:00:00.000000Z', 'line time'],
    ]);
    expect(events[0]!.flags! & EVENT_FLAG_TIME_GUESSED).toBe(EVENT_FLAG_TIME_GUESSED);
    expect(events[2]!.flags! & EVENT_FLAG_TIME_GUESSED).toBe(0);
  });

  it.each([
    ['HDFS', (r: Record<string, string>) => `20${r.Date!.slice(0, 2)}-${r.Date!.slice(2, 4)}-${r.Date!.slice(4)}T${r.Time!.slice(0, 2)}:${r.Time!.slice(2, 4)}:${r.Time!.slice(4)}.000000Z`],
    ['Spark', (r: Record<string, string>) => `20${r.Date!.replaceAll('/', '-')}T${r.Time}.000000Z`],
    ['Zookeeper', (r: Record<string, string>) => `${r.Date}T${r.Time!.replace(',', '.')}000Z`],
    ['Hadoop', (r: Record<string, string>) => `${r.Date}T${r.Time!.replace(',', '.')}000Z`],
    ['Windows', (r: Record<string, string>) => `${r.Date}T${r.Time}.000000Z`],
    ['BGL', (r: Record<string, string>) => usToIso(Number(r.Timestamp) * 1e6)],
  ] as const)('loghub %s: every line gets the time the ground truth gives it', async (sys, expected) => {
    const { events, skips } = await runData('text', data('loghub', sys, `${sys}_2k.log`));
    const rows = csvRows(data('loghub', sys, `${sys}_2k.log_structured.csv`));
    expect(skips).toEqual([]);
    expect(events).toHaveLength(rows.length);
    expect(events.map(isoOf)).toEqual(rows.map(expected));
  });

  it('reads the IIS W3C log: time on every data line, none on the # header lines', async () => {
    const { events } = await runData('text', data('evtx-attack-samples', 'Tunna_rdp_tunnel_IIS.log'));
    const untimed = events.filter((e) => e.ts === null);
    expect(untimed.every((e) => e.message.startsWith('#'))).toBe(true);
    expect(events.filter((e) => !e.message.startsWith('#')).every((e) => e.ts !== null)).toBe(true);
    expect(isoOf(events.find((e) => e.message.includes('proxy&port=3389')))).toBe('2019-09-03T10:13:36.000000Z');
  });
});
