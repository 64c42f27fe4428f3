import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter } from '../../../electron/engine/ingest/parsers/json-splitter';
import { data } from '../../helpers/paths';
import { isoOf, runData, runFile } from './helpers';

const STRATUS = data('stratus-red-team', 'detonation-logs');
const stratus = (f: string): string => data('stratus-red-team', 'detonation-logs', f);

/** Split text fed in pieces of `step` bytes; returns [text, offset, isObject] per record and the problems. */
function split(text: string, step = 1 << 20): { recs: [string | null, number, boolean][]; problems: string[] } {
  const recs: [string | null, number, boolean][] = [];
  const problems: string[] = [];
  const s = new JsonRecordSplitter({
    record: (b, off, len, isObject) => {
      expect(b === null || b.length === len).toBe(true);
      recs.push([b?.toString() ?? null, off, isObject]);
    },
    problem: (off, reason) => problems.push(`${off}: ${reason}`),
  });
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += step) s.push(buf.subarray(i, i + step));
  s.end();
  return { recs, problems };
}

describe('JsonRecordSplitter', () => {
  const tricky = '{"Records":[{"a":"} ] {","b":"\\"}"}, {"c":[1,{"d":2}]} ,{"e":"\\\\"}], "x":1}';

  it.each([1, 2, 3, 7, 1 << 20])('finds the records of {"Records":[...]} whatever the chunking (step %d)', (step) => {
    const { recs, problems } = split(tricky, step);
    expect(problems).toEqual([]);
    expect(recs.map((r) => r[0])).toEqual(['{"a":"} ] {","b":"\\"}"}', '{"c":[1,{"d":2}]}', '{"e":"\\\\"}']);
    expect(recs.map((r) => r[1])).toEqual([12, 37, 56]);
  });

  it('takes the elements of a top-level array and reports non-object elements', () => {
    const { recs } = split('[ {"a":1}, 42, "s", null, [1], {"b":2} ]');
    expect(recs.map((r) => [r[0], r[2]])).toEqual([['{"a":1}', true], ['42', false], ['"s"', false], ['null', false], ['[1]', false], ['{"b":2}', true]]);
  });

  it('takes whole top-level objects without "Records" (one record, or several one after another)', () => {
    const { recs } = split('{"a":{"Records":[1]}}\n{"b":"Records"}\n');
    expect(recs.map((r) => r[0])).toEqual(['{"a":{"Records":[1]}}', '{"b":"Records"}']);
  });

  it('does not mistake a "Records" string value for the key', () => {
    const { recs } = split('{"k":"Records","v":[{"a":1}]}');
    expect(recs).toHaveLength(1);
    expect(recs[0]![0]).toBe('{"k":"Records","v":[{"a":1}]}');
  });

  it('reports garbage and a file cut off inside a record', () => {
    expect(split('garbage [{"a":1}]').problems).toEqual(['0: not part of a JSON array or object']);
    const cut = split('{"Records":[{"a":1},{"b":');
    expect(cut.recs.map((r) => r[0])).toEqual(['{"a":1}']);
    expect(cut.problems).toEqual(['20: record incomplete at end of file']);
  });

  it('refuses a record larger than the limit without holding it', () => {
    const recs: (Buffer | null)[] = [];
    const s = new JsonRecordSplitter({ record: (b) => recs.push(b), problem: () => {} }, 16);
    s.push(Buffer.from('[{"a":"0123456789abcdef"},{"b":1}]'));
    s.end();
    expect(recs.map((b) => b?.toString() ?? null)).toEqual([null, '{"b":1}']);
  });
});

describe('cloudtrail parser on Stratus Red Team detonation logs', () => {
  const files = readdirSync(STRATUS).filter((f) => f.endsWith('.json'));

  it.each(files)('%s: one event per record, each traceable to its exact bytes', async (f) => {
    const raw = readFileSync(stratus(f));
    const records = JSON.parse(raw.toString()) as Record<string, unknown>[];
    const { events, skips } = await runData('cloudtrail', stratus(f));
    expect(skips).toEqual([]);
    expect(events).toHaveLength(records.length);
    events.forEach((e, i) => {
      expect(e.record).toBe(i);
      expect(JSON.parse(raw.subarray(e.offset!, e.offset! + e.length!).toString())).toEqual(records[i]);
      expect(e.action).toBe(records[i]!.eventName);
      expect(e.ts).not.toBeNull();
      expect(e.outcome).toBe(records[i]!.errorCode ? 'failure' : 'success');
    });
  });

  it('maps the fields of a record and keeps the original names in attrs', async () => {
    const e = (await runData('cloudtrail', stratus('aws.defense-evasion.vpc-remove-flow-logs.json'))).events[0]!;
    expect(e).toMatchObject({
      action: 'DeleteFlowLogs', host: 'ec2.amazonaws.com', user: 'arn:aws:iam::498376118699:user/christophe', src_ip: '206.90.1.223',
      outcome: 'success', message: 'DeleteFlowLogs by christophe from 206.90.1.223', ts_desc: 'Event Time',
    });
    expect(isoOf(e)).toBe('2024-07-31T15:07:49.000000Z');
    expect(e.attrs).toMatchObject({
      eventName: 'DeleteFlowLogs', 'userIdentity.type': 'IAMUser', 'requestParameters.DeleteFlowLogsRequest.FlowLogId.content': 'fl-0e17aa62a21d4bbfe',
      'tlsDetails.tlsVersion': 'TLSv1.3', recipientAccountId: '498376118699',
    });
  });

  it('marks failed calls and names the error in the message', async () => {
    const { events } = await runData('cloudtrail', stratus('aws.credential-access.ec2-get-password-data.json'));
    const failed = events.filter((e) => e.outcome === 'failure');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.message).toMatch(/^GetPasswordData by .+ \(Client\.UnauthorizedOperation\)$/);
    expect(failed[0]!.resource).toMatch(/^i-/);
  });

  it('reads the S3 delivery shape {"Records":[...]} across chunk boundaries with a BOM', async () => {
    const records = readdirSync(STRATUS).flatMap((f) => JSON.parse(readFileSync(stratus(f), 'utf8')) as unknown[]);
    const many = Array.from({ length: 12 }, () => records).flat();
    const text = `\uFEFF{"Records": ${JSON.stringify(many, null, 2)}}`;
    const { events, skips } = await runFile('cloudtrail', text);
    expect(skips).toEqual([]);
    expect(events).toHaveLength(many.length);
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 << 20);
    const buf = Buffer.from(text);
    const last = events[events.length - 1]!;
    expect(JSON.parse(buf.subarray(last.offset!, last.offset! + last.length!).toString())).toEqual(many[many.length - 1]);
  });

  it('skips bad records with their index and keeps the rest', async () => {
    const { events, skips } = await runFile('cloudtrail', '[{"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2024-01-01T00:00:00Z","requestParameters":{"bucketName":"b","key":"k"}}, 7, {"x":1}, {"bad": tru}]');
    expect(events.map((e) => e.record)).toEqual([0, 2]);
    expect(events[0]).toMatchObject({ resource: 'b/k', outcome: 'success' });
    expect(skips).toEqual([
      { where: 'record 1', reason: 'not a JSON object' },
      { where: 'record 3', reason: expect.stringMatching(/^not valid JSON/) },
    ]);
  });
});
