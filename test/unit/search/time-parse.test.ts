import { describe, expect, it } from 'vitest';
import { formatTs, parseTime } from '../../../electron/engine/search/time-parse';

const us = (iso: string): number => Date.parse(iso) * 1000;
const NOW = us('2024-03-15T12:00:00Z');
const S = 1_000_000;

/** Text, expected [start, end) in µs. */
const cases: [string, number, number][] = [
  ['2024', us('2024-01-01T00:00:00Z'), us('2025-01-01T00:00:00Z')],
  ['2024-02', us('2024-02-01T00:00:00Z'), us('2024-03-01T00:00:00Z')],
  ['2024-03-01', us('2024-03-01T00:00:00Z'), us('2024-03-02T00:00:00Z')],
  ['2024-03-01T10', us('2024-03-01T10:00:00Z'), us('2024-03-01T11:00:00Z')],
  ['2024-03-01T10:15', us('2024-03-01T10:15:00Z'), us('2024-03-01T10:16:00Z')],
  ['2024-03-01 10:15:30', us('2024-03-01T10:15:30Z'), us('2024-03-01T10:15:31Z')],
  ['2024-03-01T10:15:30Z', us('2024-03-01T10:15:30Z'), us('2024-03-01T10:15:31Z')],
  ['2024-03-01T10:15:30.5Z', us('2024-03-01T10:15:30.500Z'), us('2024-03-01T10:15:30.600Z')],
  ['2024-03-01T10:15:30.123456Z', us('2024-03-01T10:15:30.123Z') + 456, us('2024-03-01T10:15:30.123Z') + 457],
  ['2024-03-01T12:00:00+02:00', us('2024-03-01T10:00:00Z'), us('2024-03-01T10:00:01Z')],
  ['2024-03-01T12:00:00-0130', us('2024-03-01T13:30:00Z'), us('2024-03-01T13:30:01Z')],
  ['1709287200', us('2024-03-01T10:00:00Z'), us('2024-03-01T10:00:01Z')],
  ['1709287200.25', us('2024-03-01T10:00:00.250Z'), us('2024-03-01T10:00:00.260Z')],
  ['1709287200000', us('2024-03-01T10:00:00Z'), us('2024-03-01T10:00:00.001Z')],
  ['now', NOW, NOW + 1],
  ['now-24h', NOW - 86400 * S, NOW - 86400 * S + 1],
  ['-7d', NOW - 7 * 86400 * S, NOW - 7 * 86400 * S + 1],
  ['now-30m', NOW - 1800 * S, NOW - 1800 * S + 1],
  ['now+1w', NOW + 7 * 86400 * S, NOW + 7 * 86400 * S + 1],
  ['now-1M', us('2024-02-15T12:00:00Z'), us('2024-02-15T12:00:00Z') + 1],
  ['now-1y', us('2023-03-15T12:00:00Z'), us('2023-03-15T12:00:00Z') + 1],
];

describe('parseTime', () => {
  it.each(cases)('%s', (text, start, end) => {
    expect(parseTime(text, NOW)).toEqual({ start, end });
  });

  it.each(['', 'yesterday', '2024-13-01', '2024-02-30', '2024-03-01T25:00', '2024-03-01T10:61', '12:00', 'now-5x', '2024Z', '123', '2024-03-01T10:00+25:00'])(
    'rejects %j',
    (text) => {
      expect(parseTime(text, NOW)).toBeNull();
    },
  );

  it('clamps month arithmetic to the end of the month', () => {
    expect(parseTime('now-1M', us('2024-03-31T00:00:00Z'))!.start).toBe(us('2024-02-29T00:00:00Z'));
  });
});

describe('formatTs', () => {
  it('gives six fraction digits and Z', () => {
    expect(formatTs(us('2024-03-01T10:15:30.123Z') + 456)).toBe('2024-03-01T10:15:30.123456Z');
    expect(formatTs(0)).toBe('1970-01-01T00:00:00.000000Z');
    expect(formatTs(-1)).toBe('1969-12-31T23:59:59.999999Z');
  });

  it('returns null for times JavaScript cannot represent', () => {
    expect(formatTs(9e18)).toBeNull();
  });
});
