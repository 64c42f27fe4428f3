import { describe, expect, it } from 'vitest';
import { chooseInterval, intervalName } from '../../../electron/engine/search/histogram';

const S = 1_000_000;
const H = 3600 * S;
const D = 24 * H;
const at = (iso: string): number => Date.parse(iso) * 1000;

describe('histogram interval choice', () => {
  const cases: [string, number, number, number, number][] = [
    ['10 s in 100 buckets', at('2024-03-01T00:00:00Z'), at('2024-03-01T00:00:10Z'), 100, S],
    ['1 h in 100 buckets', at('2024-03-01T00:00:00Z'), at('2024-03-01T01:00:00Z'), 100, 60 * S],
    ['1 h in 10 buckets', at('2024-03-01T00:00:00Z'), at('2024-03-01T01:00:00Z'), 10, 10 * 60 * S],
    ['30 days in 100 buckets', at('2024-03-01T00:00:00Z'), at('2024-03-31T00:00:00Z'), 100, 12 * H],
    ['30 days in 1000 buckets', at('2024-03-01T00:00:00Z'), at('2024-03-31T00:00:00Z'), 1000, 1 * H],
    ['1 year in 20 buckets', at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'), 20, 30 * D],
    ['unaligned 1 min in 1 bucket', at('2024-03-01T00:00:30Z'), at('2024-03-01T00:01:30Z'), 1, 2 * 60 * S],
    ['50 years in 10 buckets', at('1990-01-01T00:00:00Z'), at('2040-01-01T00:00:00Z'), 10, 6 * 365 * D],
  ];
  it.each(cases)('%s', (_label, from, to, max, expected) => {
    const i = chooseInterval(from, to, max);
    expect(i).toBe(expected);
    const start = Math.floor(from / i) * i;
    expect(Math.ceil((to - start) / i)).toBeLessThanOrEqual(max);
  });

  it('names intervals', () => {
    expect(intervalName(S)).toBe('1 second');
    expect(intervalName(30 * S)).toBe('30 seconds');
    expect(intervalName(H)).toBe('1 hour');
    expect(intervalName(7 * D)).toBe('7 days');
  });
});
