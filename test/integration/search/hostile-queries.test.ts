import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { CaseHandle } from '../../../electron/engine/case/case-folder';
import { countEvents, histogram, searchEvents } from '../../../electron/engine/search/search';
import { registerSearchFunctions } from '../../../electron/engine/search/sql-functions';
import { seedCase } from '../../helpers/seed';
import { fixtureCase } from './fixture';

let c: CaseHandle;
beforeAll(() => {
  c = fixtureCase();
});
afterAll(() => c.db.close());

/** Runs a query the three ways a client can; anything but success or query_syntax fails. */
function outcome(query: string): 'ok' | 'syntax' {
  try {
    const r = searchEvents(c.db, { query, limit: 5 });
    expect(r.total).toBeGreaterThanOrEqual(r.events.length);
    expect(countEvents(c.db, { query })).toBe(r.total);
    histogram(c.db, { query, buckets: 5 });
    return 'ok';
  } catch (err) {
    if (err instanceof AppError && err.code === 'query_syntax') {
      const d = err.details as { position: number; length: number };
      expect(d.position).toBeGreaterThanOrEqual(0);
      expect(d.position + d.length).toBeLessThanOrEqual(Math.max(1, query.length) + 1);
      return 'syntax';
    }
    throw err;
  }
}

const HOSTILE: [string, 'ok' | 'syntax'][] = [
  ['"', 'syntax'],
  ['""', 'ok'],
  ['NEAR(', 'syntax'],
  ['NEAR(a b)', 'syntax'],
  ['NEAR(a)', 'ok'],
  ['"a" NEAR "b"', 'ok'],
  ['*', 'ok'],
  ['**', 'ok'],
  ['* *', 'ok'],
  ['a*b*c', 'syntax'],
  [':', 'ok'],
  ['::', 'ok'],
  ['a:b:c', 'ok'],
  ['\\', 'ok'],
  ['"\\', 'syntax'],
  ['AND', 'syntax'],
  ['OR OR', 'syntax'],
  ['(((', 'syntax'],
  [')))', 'syntax'],
  ['(a))', 'syntax'],
  ['-', 'syntax'],
  ['!', 'syntax'],
  ['&&', 'syntax'],
  ['||', 'syntax'],
  ['a -', 'syntax'],
  ['^a', 'ok'],
  ['{a TO b}', 'ok'],
  ['ts:[a TO b]', 'syntax'],
  ['ts:>yesterday', 'syntax'],
  ['message:>5', 'syntax'],
  ['id:abc', 'syntax'],
  ['fields:x', 'ok'],
  ['rowid:1', 'ok'],
  ['events_fts:x', 'ok'],
  ['message:"x" OR events_fts:y', 'ok'],
  ["'; DROP TABLE events; --", 'syntax'],
  ["x' OR 1=1; DROP TABLE events; SELECT '", 'ok'],
  ["host:'x' OR '1'='1", 'ok'],
  ['x:/(a+)+$/', 'ok'],
  ['x:/[/', 'syntax'],
  ['"\u0000"', 'ok'],
  ['a\u0000b', 'ok'],
  ['host:"\u0000"', 'ok'],
  ['col"umn:x', 'syntax'],
  ['message:*', 'ok'],
  ['source:*', 'ok'],
  ['"foo" * bar', 'ok'],
  ['- -a', 'syntax'],
  ['--a', 'ok'],
  ['(a OR (b AND (c OR NOT d)))', 'ok'],
  ['ts:[* TO *]', 'ok'],
  ['size:[* TO 5]', 'ok'],
  ['size:[a TO 5]', 'ok'],
  ['host:/.*/', 'ok'],
  ['%', 'ok'],
  ['_', 'ok'],
  ['host:%', 'ok'],
  ['host:_', 'ok'],
  ['\u202e\ufeff', 'ok'],
  ['😀 host:😀*', 'ok'],
];

describe('hostile queries give results or query_syntax errors, never SQL errors', () => {
  it.each(HOSTILE)('%j', (q, expected) => {
    expect(outcome(q)).toBe(expected);
  });

  it('treats SQL and FTS5 syntax in values as text', () => {
    expect(searchEvents(c.db, { query: "x' OR 1=1; DROP TABLE events; SELECT '" }).total).toBe(0);
    expect(searchEvents(c.db, { query: "host:\"x'); DROP TABLE events; --\"" }).total).toBe(0);
    expect(searchEvents(c.db, { query: 'host:%' }).total).toBe(0);
    expect(searchEvents(c.db, { query: 'host:_' }).total).toBe(0);
    expect(searchEvents(c.db, { query: 'sshd OR "NOT sshd"' }).total).toBe(5);
    expect(c.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(13);
  });

  it('survives a very long query', () => {
    expect(outcome('x'.repeat(10_000))).toBe('ok');
    expect(outcome(`"${'word '.repeat(1999)}"`)).toBe('ok');
    expect(outcome(Array.from({ length: 900 }, (_, i) => `w${i}`).join(' OR '))).toBe('ok');
    expect(outcome(Array.from({ length: 900 }, (_, i) => `host:h${i}`).join(' OR '))).toBe('ok');
    expect(outcome(Array.from({ length: 900 }, (_, i) => `-w${i}`).join(' '))).toBe('ok');
    expect(outcome(Array.from({ length: 1200 }, (_, i) => `w${i}`).join(' '))).toBe('syntax');
  });

  it('survives deep nesting', () => {
    expect(outcome('('.repeat(60) + 'sshd' + ')'.repeat(60))).toBe('ok');
    expect(outcome('NOT '.repeat(60) + 'sshd')).toBe('ok');
    let alt = 'sshd';
    for (let i = 0; i < 60; i++) alt = i % 2 ? `(${alt} AND root)` : `(${alt} OR x${i})`;
    expect(outcome(alt)).toBe('ok');
    expect(outcome('('.repeat(5000) + 'a' + ')'.repeat(5000))).toBe('syntax');
    expect(outcome('-'.repeat(5000) + 'a')).toBe('syntax');
  });

  it('random junk never escapes as another error', () => {
    let seed = 42;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = ['a', 'b', ' ', '"', '\\', '(', ')', ':', '*', '/', '-', '!', '&', '|', '[', ']', '{', '}', '>', '<', '=', 'AND ', 'OR ', 'NOT ', 'TO ', 'host', 'ts', '2024', '.', '^', '$', '+', '?', '\u0000', 'é'];
    const counts = { ok: 0, syntax: 0 };
    for (let i = 0; i < 400; i++) {
      const len = 1 + Math.floor(rnd() * 14);
      const q = Array.from({ length: len }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      counts[outcome(q)]++;
    }
    expect(counts.ok).toBeGreaterThan(20);
    expect(counts.syntax).toBeGreaterThan(20);
  });
});

describe('field values that overflow the full-text field column are still found', () => {
  it('does not use the full-text index as a filter for values it may not hold', () => {
    const long = 'x'.repeat(5000);
    const k = seedCase([
      { ts: null, host: long, user: 'hidden', outcome: 'gone', message: 'first', attrs: { program: 'deep' } },
      { ts: null, host: 'h', user: 'seen', outcome: 'gone', message: 'second', attrs: { program: 'deep' } },
    ]);
    registerSearchFunctions(k.db);
    const ids = (q: string): number[] => searchEvents(k.db, { query: q }).events.map((e) => e.id);
    expect(ids('user:hidden')).toEqual([1]);
    expect(ids('outcome:gone')).toEqual([1, 2]);
    expect(ids('program:deep first')).toEqual([1]);
    expect(ids('outcome:gone second')).toEqual([2]);
    k.db.close();
  });
});
