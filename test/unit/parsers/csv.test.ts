import { describe, expect, it } from 'vitest';
import { data } from '../../helpers/paths';
import { csvRows, isoOf, runData, runFile } from './helpers';

describe('csv', () => {
  it('reads a Timesketch CSV: datetime, timestamp_desc, message, extra columns into attrs', async () => {
    const content = [
      'message,timestamp,datetime,timestamp_desc,extra_field,host',
      'User alice logged in,1714557600123456,2024-05-01T10:00:00.123456+00:00,Logon Time,x1,ws-01',
      '"Quoted, with comma",1714557601000000,,Event Recorded,x2,ws-02',
    ].join('\n');
    const { events, skips } = await runFile('csv', content);
    expect(skips).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ message: 'User alice logged in', ts_desc: 'Logon Time', host: 'ws-01', record: 0, attrs: { extra_field: 'x1', timestamp: '1714557600123456' } });
    expect(isoOf(events[0])).toBe('2024-05-01T10:00:00.123456Z');
    // No datetime: the microsecond epoch column is used.
    expect(events[1]).toMatchObject({ message: 'Quoted, with comma', ts_desc: 'Event Recorded', record: 1 });
    expect(isoOf(events[1])).toBe('2024-05-01T10:00:01.000000Z');
    expect(events[0]!.attrs).not.toHaveProperty('message');
  });

  it('maps common column names case-insensitively', async () => {
    const content = 'Time,HostName,UserName,Event,Result,Source_IP,dst_ip,Level,Path,Other\n2024-05-01 10:00:00,h1,bob,open,failure,192.0.2.1,192.0.2.2,high,/etc/passwd,o\n';
    const e = (await runFile('csv', content)).events[0]!;
    expect(e).toMatchObject({ host: 'h1', user: 'bob', action: 'open', outcome: 'failure', src_ip: '192.0.2.1', dst_ip: '192.0.2.2', severity: 'high', resource: '/etc/passwd' });
    expect(e.message).toContain('Other=o');
  });

  it('reads quoted fields across lines and gives the record its full byte range and line span', async () => {
    const content = 'id,message\r\n1,"first line\r\nsecond ""quoted"" line"\r\n2,plain\r\n';
    const { events } = await runFile('csv', content);
    expect(events.map((e) => e.message)).toEqual(['first line\nsecond "quoted" line', 'plain']);
    expect(events[0]).toMatchObject({ offset: 12, length: 40, record: 0 });
    expect(events[1]).toMatchObject({ offset: 52, length: 9, record: 1 });
  });

  it('skips rows with the wrong number of columns, naming line and record, and goes on', async () => {
    const content = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n"x\ny",10,11\n12,"unterminated,13\n';
    const { events, skips } = await runFile('csv', content);
    expect(events.map((e) => e.attrs!.a)).toEqual(['1', 'x\ny']);
    expect(skips).toEqual([
      { where: 'line 3', reason: 'record 1 has 2 columns, the header has 3' },
      { where: 'line 4', reason: 'record 2 has 4 columns, the header has 3' },
      { where: 'line 7', reason: 'record 4: quoted field not closed at end of file' },
    ]);
  });

  it('recovers after a stray quote that never closes: later records are still read', async () => {
    const rows = ['a,b', '1,"oops', ...Array.from({ length: 1500 }, (_, i) => `${i},v${i}`)];
    const { events, skips } = await runFile('csv', `${rows.join('\n')}\n`);
    expect(skips).toHaveLength(1);
    expect(skips[0]!.where).toBe('line 2');
    expect(events).toHaveLength(1500);
    expect(events[0]!.attrs).toEqual({ a: '0', b: 'v0' });
  });

  it.each([
    ['semicolon', 'time;host;msg\n2024-05-01T00:00:00Z;h;"a;b"\n'],
    ['tab', 'time\thost\tmsg\n2024-05-01T00:00:00Z\th\ta;b\n'],
  ])('sniffs the %s delimiter from the header', async (_n, content) => {
    const e = (await runFile('csv', content)).events[0]!;
    expect(e).toMatchObject({ host: 'h', message: 'a;b' });
    expect(isoOf(e)).toBe('2024-05-01T00:00:00.000000Z');
  });

  it('strips a BOM, names empty and duplicate headers, and tolerates a header-only file', async () => {
    const e = (await runFile('csv', '\uFEFFx,,x\n1,2,3\n')).events[0]!;
    expect(e.attrs).toEqual({ x: '1', column_2: '2', x_2: '3' });
    expect((await runFile('csv', 'a,b\n')).events).toEqual([]);
  });

  it('does not let a "__proto__" header change the attrs object', async () => {
    const e = (await runFile('csv', '__proto__,b\n{},2\n')).events[0]!;
    expect(Object.getPrototypeOf(e.attrs)).toBe(Object.prototype);
    expect(e.attrs!.__proto__).toBe('{}');
  });

  it('reads the loghub structured CSVs: one event per row, quoted commas intact', async () => {
    const file = data('loghub', 'Spark', 'Spark_2k.log_structured.csv');
    const { events, skips } = await runData('csv', file);
    const rows = csvRows(file);
    expect(skips).toEqual([]);
    expect(events).toHaveLength(rows.length);
    expect(events[0]!.message).toBe('Registered signal handlers for [TERM, HUP, INT]');
    events.forEach((e, i) => expect(e.message).toBe(rows[i]!.Content));
  });

  it('joins separate date and time columns (HDFS structured CSV)', async () => {
    const { events } = await runData('csv', data('loghub', 'HDFS', 'HDFS_2k.log_structured.csv'));
    expect(isoOf(events[0])).toBe('2008-11-09T20:36:15.000000Z');
    expect(events[0]).toMatchObject({ ts_desc: 'Date Time', severity: 'INFO' });
    expect(events.every((e) => e.ts !== null)).toBe(true);
  });
});
