import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { QueryNode } from '../../../electron/engine/search/query-ast';
import { parseQuery } from '../../../electron/engine/search/query-parse';

/** A compact rendering of the tree, so each table row reads like the query it checks. */
function show(n: QueryNode): string {
  switch (n.type) {
    case 'all':
      return '*';
    case 'and':
    case 'or':
      return `${n.type}(${n.children.map(show).join(', ')})`;
    case 'not':
      return `not(${show(n.child)})`;
    case 'match': {
      const v = n.quoted ? `"${n.value}"` : n.value;
      return n.field === null ? v : `${n.field}=${v}`;
    }
    case 'wildcard':
      return `${n.field ?? ''}~${n.segments.join('*')}`;
    case 'regex':
      return `${n.field ?? ''}/${n.pattern}/${n.flags}`;
    case 'compare':
      return `${n.field}${n.op}${n.value}`;
    case 'range':
      return `${n.field}${n.includeLower ? '[' : '{'}${n.lower ?? '*'},${n.upper ?? '*'}${n.includeUpper ? ']' : '}'}`;
    case 'exists':
      return `${n.field}:*`;
  }
}

const ok: [string, string][] = [
  ['', '*'],
  ['   ', '*'],
  ['*', '*'],
  ['sshd', 'sshd'],
  ['Failed password', 'and(Failed, password)'],
  ['"Failed password"', '"Failed password"'],
  ['"say \\"hi\\" \\\\ ok"', '"say "hi" \\ ok"'],
  ['a OR b c', 'or(a, and(b, c))'],
  ['a b OR c', 'or(and(a, b), c)'],
  ['a AND b OR c AND d', 'or(and(a, b), and(c, d))'],
  ['a && b || c', 'or(and(a, b), c)'],
  ['a&&b', 'and(a, b)'],
  ['(a OR b) c', 'and(or(a, b), c)'],
  ['NOT a', 'not(a)'],
  ['NOT NOT a', 'not(not(a))'],
  ['a NOT b', 'and(a, not(b))'],
  ['a AND NOT b', 'and(a, not(b))'],
  ['-cron', 'not(cron)'],
  ['sshd -Accepted', 'and(sshd, not(Accepted))'],
  ['!a', 'not(a)'],
  ['! a', 'not(a)'],
  ['-(a OR b)', 'not(or(a, b))'],
  ['NOT a OR b', 'or(not(a), b)'],
  ['and or not', 'and(and, or, not)'],
  ['ANDROID ORACLE NOTE', 'and(ANDROID, ORACLE, NOTE)'],
  ['host:web-01', 'host=web-01'],
  ['host:"web 01"', 'host="web 01"'],
  ['user.name:root', 'user.name=root'],
  ['@timestamp:2024', '@timestamp=2024'],
  ['ts:2024-03-01T10:00:00Z', 'ts=2024-03-01T10:00:00Z'],
  ['host:web*', 'host~web*'],
  ['host:*01', 'host~*01'],
  ['host:w*b*', 'host~w*b*'],
  ['host:web\\*', 'host=web*'],
  ['foo*', '~foo*'],
  ['"foo bar"*', '~foo bar*'],
  ['host:*', 'host:*'],
  ['src_ip:/^10\\./', 'src_ip/^10\\./'],
  ['user:/^adm/i', 'user/^adm/i'],
  ['user:/a\\/b/', 'user/a\\/b/'],
  ['/fail.*root/', '/fail.*root/'],
  ['/var/log/auth.log', '/var/log/auth.log'],
  ['resource:/etc/passwd', 'resource=/etc/passwd'],
  ['size:>=100', 'size>=100'],
  ['size:<5', 'size<5'],
  ['ts:>"2024-03-01 10:00"', 'ts>2024-03-01 10:00'],
  ['ts:[2024-01-01 TO 2024-02-01]', 'ts[2024-01-01,2024-02-01]'],
  ['ts:{2024-01-01 TO *]', 'ts{2024-01-01,*]'],
  ['ts:["2024-01-01 10:00" TO "2024-01-02 10:00"}', 'ts[2024-01-01 10:00,2024-01-02 10:00}'],
  ['host:(web-01 OR db*)', 'or(host=web-01, host~db*)'],
  ['user:(root NOT admin)', 'and(user=root, not(user=admin))'],
  ['pam_unix(sshd:session)', 'pam_unix(sshd:session)'],
  ['NEAR(a)', 'NEAR(a)'],
  ['10.0.0.1:22', '10.0.0.1:22'],
  ['fe80::1', 'fe80::1'],
  ['a\\ b', 'a b'],
  ['x:a:b', 'x=a:b'],
  ['((a))', 'a'],
];

describe('parseQuery builds the expected tree', () => {
  it.each(ok)('%s', (q, expected) => {
    expect(show(parseQuery(q))).toBe(expected);
  });

  it('records where each node came from', () => {
    const n = parseQuery('sshd AND host:web-01');
    expect(n.type).toBe('and');
    const [a, b] = (n as Extract<QueryNode, { type: 'and' }>).children;
    expect([a!.pos, a!.len, b!.pos, b!.len]).toEqual([0, 4, 9, 11]);
  });
});

/** Query, expected error position and length (the range the UI underlines). */
const bad: [string, number, number][] = [
  ['(a', 0, 1],
  ['a)', 1, 1],
  ['(a OR (b)', 0, 1],
  ['()', 0, 2],
  ['"abc', 0, 1],
  ['a "b', 2, 1],
  ['a AND', 2, 3],
  ['AND a', 0, 3],
  ['a OR OR b', 2, 2],
  ['a ||', 2, 2],
  ['NOT', 0, 3],
  ['a NOT', 2, 3],
  ['!', 0, 1],
  ['- a', 0, 1],
  ['host:', 0, 5],
  ['a host: b', 2, 5],
  ['size:>', 0, 6],
  ['size:>=*', 7, 1],
  ['x:/a(/', 2, 4],
  ['x:/[/', 2, 3],
  ['foo"bar', 3, 1],
  ['"a"b', 3, 1],
  ['*foo', 0, 4],
  ['a*b', 0, 3],
  ['NEAR(', 4, 1],
  ['NEAR(a b)', 4, 1],
  ['ts:[2024 2025]', 3, 11],
  ['ts:[2024 TO 2025', 3, 1],
  ['ts:[ TO 2025]', 3, 10],
];

describe('parseQuery reports errors with a position', () => {
  it.each(bad)('%s', (q, position, length) => {
    let err: unknown;
    try {
      parseQuery(q);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('query_syntax');
    expect((err as AppError).details).toEqual({ position, length });
    expect((err as AppError).message.length).toBeGreaterThan(5);
  });

  it('refuses nesting deeper than the limit', () => {
    const q = '('.repeat(100) + 'a' + ')'.repeat(100);
    expect(() => parseQuery(q)).toThrow(expect.objectContaining({ code: 'query_syntax' }));
  });

  it('refuses more than a thousand terms', () => {
    const q = Array.from({ length: 1001 }, (_, i) => `t${i}`).join(' OR ');
    expect(() => parseQuery(q)).toThrow(expect.objectContaining({ code: 'query_syntax' }));
  });

  it('accepts fifty levels of nesting', () => {
    const q = '('.repeat(50) + 'a' + ')'.repeat(50);
    expect(show(parseQuery(q))).toBe('a');
  });
});
