import { EVENT_FLAG_TRUNCATED } from '../../../electron/engine/ingest/types';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getParser } from '../../../electron/engine/ingest/parsers/index';
import { data } from '../../helpers/paths';
import { ctx, isoOf, run, runFile } from './helpers';

describe('jsonl', () => {
  it('maps an ECS document and keeps every field flattened', () => {
    const doc = {
      '@timestamp': '2024-05-01T10:00:00.123456Z',
      event: { action: 'user-login', outcome: 'failure' },
      host: { name: 'web-1' },
      user: { name: 'alice' },
      source: { ip: '198.51.100.7', port: 5555 },
      destination: { ip: '10.0.0.5' },
      log: { level: 'warn' },
      url: { path: '/login' },
      tags: ['a', 'b'],
      message: 'login failed',
    };
    const e = run('jsonl', [JSON.stringify(doc)]).events[0]!;
    expect(e).toMatchObject({
      host: 'web-1', user: 'alice', action: 'user-login', outcome: 'failure', src_ip: '198.51.100.7', dst_ip: '10.0.0.5',
      severity: 'warn', resource: '/login', message: 'login failed', ts_desc: '@timestamp',
    });
    expect(isoOf(e)).toBe('2024-05-01T10:00:00.123456Z');
    expect(e.attrs).toMatchObject({ 'source.port': 5555, 'event.action': 'user-login', tags: ['a', 'b'] });
    expect(e.attrs).not.toHaveProperty('message');
  });

  it('accepts dotted keys as written and case-insensitive common names', () => {
    const e = run('jsonl', ['{"Timestamp":"2024-05-01 10:00:00","Hostname":"db","event.action":"query","Level":"ERROR","msg":"slow"}']).events[0]!;
    expect(e).toMatchObject({ host: 'db', action: 'query', severity: 'ERROR', message: 'slow' });
    expect(isoOf(e)).toBe('2024-05-01T10:00:00.000000Z');
  });

  it.each([
    ['{"ts":1714557600,"m":1}', '2024-05-01T10:00:00.000000Z'],
    ['{"ts":1714557600123,"m":1}', '2024-05-01T10:00:00.123000Z'],
    ['{"time":"1714557600.5","m":1}', '2024-05-01T10:00:00.500000Z'],
    ['{"date":"Wed, 01 May 2024 10:00:00 +0000","m":1}', '2024-05-01T10:00:00.000000Z'],
    ['{"time":"not a time","m":1}', null],
    ['{"m":1}', null],
  ])('time from %s', (line, want) => {
    expect(isoOf(run('jsonl', [line]).events[0])).toBe(want);
  });

  it('applies the context zone to times without offset', () => {
    const e = run('jsonl', ['{"timestamp":"2024-07-01T12:00:00"}'], { timezone: 'America/New_York' }).events[0]!;
    expect(isoOf(e)).toBe('2024-07-01T16:00:00.000000Z');
  });

  it('renders objects without a message compactly', () => {
    const e = run('jsonl', ['{"a":1,"b":{"c":"two words"},"d":[1,2]}']).events[0]!;
    expect(e.message).toBe('a=1 b.c="two words" d=[1,2]');
  });

  it('maps CloudTrail records on JSON lines like the cloudtrail parser does', () => {
    const rec = JSON.parse(readFileSync(data('stratus-red-team', 'detonation-logs', 'aws.defense-evasion.vpc-remove-flow-logs.json'), 'utf8'))[0];
    const e = run('jsonl', [JSON.stringify(rec)]).events[0]!;
    expect(e).toMatchObject({ action: 'DeleteFlowLogs', host: 'ec2.amazonaws.com', user: 'arn:aws:iam::498376118699:user/christophe', src_ip: '206.90.1.223', outcome: 'success' });
    expect(e.attrs!['requestParameters.DeleteFlowLogsRequest.FlowLogId.content']).toBe('fl-0e17aa62a21d4bbfe');
  });

  it('skips lines that are not JSON objects, with the reason, and goes on', () => {
    const { events, skips } = run('jsonl', ['{"ok":1}', '[1,2]', '"str"', '42', 'null', '{"broken":', '', '{"ok":2}']);
    expect(events).toHaveLength(2);
    expect(skips.map((s) => s.where)).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    expect(skips[0]!.reason).toMatch(/not a JSON object \(array\)/);
    expect(skips[4]!.reason).toMatch(/not valid JSON/);
  });

  it('does not let a "__proto__" key change the attrs object', () => {
    const e = run('jsonl', ['{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"m":"x"}']).events[0]!;
    expect(Object.getPrototypeOf(e.attrs)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(e.attrs!['__proto__.polluted']).toBe(true);
  });

  it('survives very deep nesting', () => {
    const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const deepArray = `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const { events, skips } = run('jsonl', [deepObject, deepArray, '{"after":1}']);
    expect(events.length + skips.length).toBe(3);
    expect(events[events.length - 1]!.attrs).toEqual({ after: 1 });
    // Whatever was kept can still be serialized (the database stores attrs as JSON).
    for (const e of events) expect(() => JSON.stringify(e)).not.toThrow();
  });

  it('reads a file with CRLF and a last line without newline, with exact offsets', async () => {
    const content = '{"message":"one"}\r\n\r\n{"message":"two"}';
    const { events } = await runFile('jsonl', content);
    expect(events.map((e) => [e.message, e.offset, e.length])).toEqual([['one', 0, 19], ['two', 21, 17]]);
  });

  it('keeps a line too long to parse as a flagged, truncated event', async () => {
    const p = getParser('jsonl');
    expect(p.kind).toBe('lines');
    const { events, skips, notes } = await runFile('jsonl', `{"message":"${'x'.repeat(1_100_000)}"}\n{"message":"next"}\n`, ctx());
    expect(skips).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]!.flags! & EVENT_FLAG_TRUNCATED).toBe(EVENT_FLAG_TRUNCATED);
    expect(events[0]!.message.startsWith('{"message":"xxx')).toBe(true);
    expect(events[0]!.message.length).toBeLessThan(1_100_000);
    expect(events[1]!.message).toBe('next');
    expect(notes[0]!.reason).toMatch(/truncated/);
  });
});
