import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseHandle } from '../../../electron/engine/case/case-folder';
import { countEvents, searchEvents } from '../../../electron/engine/search/search';
import { fixtureCase, NOW_MS } from './fixture';

let c: CaseHandle;
let indexed: CaseHandle;
beforeAll(() => {
  c = fixtureCase();
  // The same events with indexes on every other normalized field, so the index-driven paths
  // (case-variant walks, prefix ranges, distinct-value lists) run for those fields too.
  indexed = fixtureCase();
  for (const col of ['outcome', 'src_ip', 'dst_ip', 'resource', 'severity', 'ts_desc']) {
    indexed.db.exec(`CREATE INDEX test_${col} ON events(${col}) WHERE ${col} IS NOT NULL`);
  }
  indexed.db.exec('CREATE INDEX test_format ON events(format)');
});
afterAll(() => {
  c.db.close();
  indexed.db.close();
});

function ids(query: string, extra: { from?: string; to?: string } = {}, k: CaseHandle = c): number[] {
  const r = searchEvents(k.db, { query, limit: 1000, offset: 0, order: 'asc', ...extra }, { now: NOW_MS });
  expect(r.total).toBe(r.events.length);
  expect(countEvents(k.db, { query, ...extra }, { now: NOW_MS })).toBe(r.total);
  return r.events.map((e) => e.id).sort((a, b) => a - b);
}

/** Query, ids of the events it must return (ids are positions in EVENTS; 13 is the other file). */
const table: [string, number[]][] = [
  // full text: both columns, case and diacritics folded, phrases, prefixes
  ['sshd', [1, 2, 3, 8, 9]],
  ['SSHD', [1, 2, 3, 8, 9]],
  ['"Failed password"', [1, 2]],
  ['"password failed"', []],
  ['failed', [1, 2, 12]],
  ['fail*', [1, 2, 12]],
  ['"failed pass"*', [1, 2]],
  ['10.0.0.1', [1, 9]],
  ['alice', [3]],
  ['warning', [1]],
  ['cafe', [7]],
  ['pam_unix(sshd:session)', [8]],
  ['/var/log/auth.log', [11]],
  ['"no time at all \\"quoted\\""', [10]],
  ['"->"', []],
  ['->', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]],
  // message only
  ['message:warning', []],
  ['message:sshd', [1, 2, 3, 8, 9]],
  ['message:"Connection closed"', [9]],
  ['message:start*', [12, 13]],
  ['message:*rotated', [11]],
  ['message:/segfault at \\d/', [6]],
  ['/segfault/', [6]],
  // normalized fields: case-insensitive equality, wildcards, regexes
  ['host:web-01', [1, 2, 8]],
  ['host:WEB-01', [1, 2, 8]],
  ['host:"web-01"', [1, 2, 8]],
  ['host:web', []],
  ['user:root', [1, 2]],
  ['user:jürgen', [7]],
  ['user:JÜRGEN', [7]],
  ['host:web*', [1, 2, 3, 6, 8, 9]],
  ['host:*01', [1, 2, 4, 5, 8, 13]],
  ['host:W*-0*', [1, 2, 3, 6, 8, 9]],
  ['host:/^WEB-0[12]$/', [1, 2, 3, 6, 8]],
  ['host:/^WEB/u', [2]],
  ['src_ip:/^10\\.0\\./', [1, 2, 9]],
  ['src_ip:10.0.0.1', [1, 9]],
  ['outcome:FAILURE', [1, 2, 12]],
  ['outcome:fail*', [1, 2, 12]],
  ['resource:/usr*', [4]],
  ['severity:err', [6]],
  ['format:TEXT', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['format:jsonl', [13]],
  ['user:(root OR alice)', [1, 2, 3]],
  ['host:(web* AND NOT web-01)', [3, 6, 9]],
  // attributes (flattened dotted keys)
  ['program:sshd', [1, 2, 3, 8]],
  ['program:SSHD', [1, 2, 3, 8]],
  ['program:ss*', [1, 2, 3, 8]],
  ['program:/^(cron|sudo)$/', [4, 5]],
  ['event.code:4625', [4]],
  ['pid:100', [1]],
  ['flag:true', [5]],
  ['source.port:22', [1]],
  ['http.status:>=400', [8, 11]],
  ['http.status:[400 TO 450]', [8]],
  ['http.status:{404 TO *]', [11]],
  ['size:>1000', [11]],
  ['source.port:<1024', [1]],
  ['program:*', [1, 2, 3, 4, 5, 6, 7, 8, 12, 13]],
  ['resource:*', [4, 11]],
  ['nosuchfield:x', []],
  ['nosuchfield:*', []],
  // boolean logic and precedence
  ['sshd AND NOT failed', [3, 8, 9]],
  ['sshd -failed', [3, 8, 9]],
  ['sshd !failed', [3, 8, 9]],
  ['NOT sshd', [4, 5, 6, 7, 10, 11, 12, 13]],
  ['NOT host:web-01', [3, 4, 5, 6, 7, 9, 10, 11, 12, 13]],
  ['NOT NOT sshd', [1, 2, 3, 8, 9]],
  ['NOT (sshd OR cron OR app)', [4, 6, 7, 10, 11, 12]],
  ['sshd OR cron', [1, 2, 3, 5, 8, 9]],
  ['failed password OR alice', [1, 2, 3]],
  ['(failed OR accepted) AND host:web-02', [3]],
  ['failed OR accepted AND host:web-02', [1, 2, 3, 12]],
  ['host:web-01 OR program:sudo', [1, 2, 4, 8]],
  ['(host:web-01 OR program:sudo) -root', [4]],
  ['sshd AND (host:web-03 OR user:alice)', [3, 9]],
  ['*', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]],
  ['', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]],
  ['NOT *', []],
  // time: written times are intervals; ranges and comparisons
  ['ts:2024-03-01', [1, 2, 3, 4, 9, 13]],
  ['ts:"2024-03-01 10:00"', [1, 9]],
  ['ts:[2024-03-01 TO 2024-03-02]', [1, 2, 3, 4, 5, 7, 9, 13]],
  ['ts:{2024-03-01 TO 2024-03-03}', [5, 7]],
  ['ts:<2024-03-01', [8]],
  ['ts:<=2024-02-29', [8]],
  ['ts:>2024-03-02', [11, 12]],
  ['ts:>=2024-03-03T00:30', [12]],
  ['ts:>now-2h', [12]],
  ['ts:>=now-2h', [11, 12]],
  ['@timestamp:>=1709424000', [11, 12]],
  ['ts:*', [1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13]],
  ['NOT ts:*', [6, 10]],
  // ids and sources
  ['id:3', [3]],
  ['id:>11', [12, 13]],
  ['id:[2 TO 4]', [2, 3, 4]],
  ['source_id:2', [13]],
  ['source:seed.log', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['file:var/log/SEED.log', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['source:app.log', [13]],
  ['source:*.zip*', [13]],
  ['source:/app\\.log$/', [13]],
  ['source:seed', []],
  [`sha256:${'AB'.repeat(32)}`, [13]],
  ['sha256:abab*', [13]],
];

describe('query semantics on a seeded case', () => {
  it.each(table)('%s', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each(table)('%s (every field indexed)', (query, expected) => {
    expect(ids(query, {}, indexed)).toEqual(expected);
  });

  it.each<[{ from?: string; to?: string }, number[]]>([
    [{ from: '2024-03-01T10:05:00Z', to: '2024-03-02' }, [2, 3, 4]],
    [{ from: '2024-03-02' }, [5, 7, 11, 12]],
    [{ to: '2024-03-01' }, [8]],
    [{ from: '-1d' }, [7, 11, 12]],
    [{ from: 'now-26h', to: 'now' }, [5, 7, 11, 12]],
    [{ from: '1709424000000' }, [11, 12]],
  ])('time bounds %j', (bounds, expected) => {
    expect(ids('', bounds)).toEqual(expected);
  });

  it('combines time bounds with the query', () => {
    expect(ids('sshd', { from: '2024-03-01T10:01:00Z' })).toEqual([2, 3]);
    expect(ids('NOT sshd', { to: '2024-03-02' })).toEqual([4, 13]);
  });

  it('rejects a bad time bound as invalid input', () => {
    expect(() => searchEvents(c.db, { query: '', from: 'yesterday' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it.each([
    ['ts:>tomorrow', 4, 8],
    ['ts:[2024 TO soon]', 0, 17],
    ['message:>5', 0, 10],
    ['source:<x', 0, 9],
    ['id:abc', 0, 6],
    ['id:12*', 0, 6],
    ['ts:/2024/', 0, 9],
  ])('%s is a query_syntax error at %i+%i', (query, position, length) => {
    expect(() => searchEvents(c.db, { query })).toThrow(expect.objectContaining({ code: 'query_syntax', details: { position, length } }));
  });
});
