import { describe, expect, it } from 'vitest';
import {
  civilToUs, epochToUs, isValidTimeZone, localToUs, monthAbbrevAt, parseEpochString, parseIso, parseIsoAt,
  parseMonthName, usToIso, YearInferrer, zoneOffsetMs,
} from '../../electron/engine/ingest/time';

const iso = (us: number | null): string | null => (us === null ? null : usToIso(us));

describe('usToIso', () => {
  it.each([
    [0, '1970-01-01T00:00:00.000000Z'],
    [1, '1970-01-01T00:00:00.000001Z'],
    [-1, '1969-12-31T23:59:59.999999Z'],
    [1_117_838_570_123_456, '2005-06-03T22:42:50.123456Z'],
    [-62_135_596_800_000_000, '0001-01-01T00:00:00.000000Z'],
  ])('%d -> %s', (us, want) => {
    expect(usToIso(us)).toBe(want);
  });
});

describe('parseIso', () => {
  it.each([
    ['2003-10-11T22:14:15.003Z', '2003-10-11T22:14:15.003000Z'],
    ['2003-08-24T05:14:15.000003-07:00', '2003-08-24T12:14:15.000003Z'],
    ['2024-01-02T03:04:05+0530', '2024-01-01T21:34:05.000000Z'],
    ['2024-01-02T03:04:05+05', '2024-01-01T22:04:05.000000Z'],
    ['2024-01-02 03:04:05,123', '2024-01-02T03:04:05.123000Z'],
    ['2024-01-02T03:04:05.123456789Z', '2024-01-02T03:04:05.123456Z'],
    ['2024-01-02t03:04:05z', '2024-01-02T03:04:05.000000Z'],
    ['2024-01-02 03:04:05 +0100', '2024-01-02T02:04:05.000000Z'],
    ['2024-01-02T03:04', '2024-01-02T03:04:00.000000Z'],
    ['2024-01-02', '2024-01-02T00:00:00.000000Z'],
    ['  2024-02-29T00:00:00Z ', '2024-02-29T00:00:00.000000Z'],
    ['1969-07-20T20:17:40Z', '1969-07-20T20:17:40.000000Z'],
  ])('%s', (text, want) => {
    expect(iso(parseIso(text))).toBe(want);
  });

  it.each([
    '2023-02-29T00:00:00Z', // not a leap year
    '2024-13-01T00:00:00Z',
    '2024-01-32',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:61:00Z',
    '2024-01-01T10:00:00Zjunk',
    'yesterday',
    '',
    '20240101',
  ])('refuses %j', (text) => {
    expect(parseIso(text)).toBeNull();
  });

  it('reads a time without offset as wall-clock time in the given zone', () => {
    expect(iso(parseIso('2024-07-01T12:00:00', 'Europe/Berlin'))).toBe('2024-07-01T10:00:00.000000Z');
    expect(iso(parseIso('2024-01-01T12:00:00', 'America/New_York'))).toBe('2024-01-01T17:00:00.000000Z');
  });

  it('in strict RFC 3339 mode wants the T, seconds and an offset', () => {
    expect(parseIsoAt('2024-01-02 03:04:05Z', 0, 'UTC', true)).toBeNull();
    expect(parseIsoAt('2024-01-02T03:04:05', 0, 'UTC', true)).toBeNull();
    expect(parseIsoAt('x 2024-01-02T03:04:05Z rest', 2, 'UTC', true)).toMatchObject({ end: 22, hasOffset: true });
  });
});

describe('time zones', () => {
  it.each([
    // [zone, local wall-clock, expected UTC]
    ['Europe/Berlin', [2021, 1, 15, 12, 0, 0], '2021-01-15T11:00:00.000000Z'],
    ['Europe/Berlin', [2021, 7, 15, 12, 0, 0], '2021-07-15T10:00:00.000000Z'],
    ['Europe/Berlin', [2021, 3, 28, 3, 30, 0], '2021-03-28T01:30:00.000000Z'],
    // 02:30 does not exist on the spring-forward day: read with the old offset, after the gap
    ['Europe/Berlin', [2021, 3, 28, 2, 30, 0], '2021-03-28T01:30:00.000000Z'],
    // 02:30 happens twice on the fall-back day: the earlier instant (still summer time)
    ['Europe/Berlin', [2021, 10, 31, 2, 30, 0], '2021-10-31T00:30:00.000000Z'],
    ['Europe/Berlin', [2021, 10, 31, 3, 30, 0], '2021-10-31T02:30:00.000000Z'],
    ['America/New_York', [2021, 11, 7, 1, 30, 0], '2021-11-07T05:30:00.000000Z'],
    ['Asia/Kolkata', [2021, 6, 1, 0, 0, 0], '2021-05-31T18:30:00.000000Z'],
    ['Australia/Lord_Howe', [2021, 1, 1, 12, 0, 0], '2021-01-01T01:00:00.000000Z'],
    ['UTC', [2021, 6, 1, 0, 0, 0], '2021-06-01T00:00:00.000000Z'],
  ] as const)('%s %j', (zone, [y, mo, d, h, mi, s], want) => {
    expect(iso(localToUs(y, mo, d, h, mi, s, 0, zone))).toBe(want);
  });

  it('reports offsets east-positive and treats an unknown zone as UTC', () => {
    expect(zoneOffsetMs(Date.UTC(2021, 6, 1), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2021, 6, 1), 'America/Los_Angeles')).toBe(-7 * 3_600_000);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(zoneOffsetMs(Date.UTC(2021, 6, 1), 'Mars/Olympus_Mons')).toBe(0);
  });

  it('keeps years below 100 (Date.UTC would move them to the 1900s)', () => {
    expect(iso(civilToUs(42, 3, 1, 0, 0, 0))).toBe('0042-03-01T00:00:00.000000Z');
  });
});

describe('month names', () => {
  it.each([
    ['Jan 1', 0, 1], ['dec', 0, 12], ['SEP', 0, 9], ['xxMay', 2, 5], ['Foo', 0, 0], ['Ju', 0, 0],
  ])('monthAbbrevAt(%j, %d) = %d', (s, i, want) => {
    expect(monthAbbrevAt(s, i)).toBe(want);
  });

  it.each([['September', 9], ['sept', 9], ['Feb.', 2], ['june', 6], ['Ju', 0], ['Smarch', 0]])('parseMonthName(%j) = %d', (s, want) => {
    expect(parseMonthName(s)).toBe(want);
  });
});

describe('epochs', () => {
  it.each([
    [1_117_838_570, '2005-06-03T22:42:50.000000Z'],
    [1_117_838_570_123, '2005-06-03T22:42:50.123000Z'],
    [1_117_838_570_123_456, '2005-06-03T22:42:50.123456Z'],
    [1_117_838_570_123_456_789, '2005-06-03T22:42:50.123457Z'],
    [-86_400, '1969-12-31T00:00:00.000000Z'],
  ])('epochToUs(%d)', (n, want) => {
    expect(iso(epochToUs(n))).toBe(want);
  });

  it('parses decimal strings without losing microseconds', () => {
    expect(iso(parseEpochString('1481076992.414'))).toBe('2016-12-07T02:16:32.414000Z');
    expect(iso(parseEpochString('1481076992.000001'))).toBe('2016-12-07T02:16:32.000001Z');
    expect(parseEpochString('12ab')).toBeNull();
    expect(parseEpochString('1e10')).toBeNull();
    expect(epochToUs(Number.NaN)).toBeNull();
  });
});

describe('YearInferrer', () => {
  const ref = Date.UTC(2024, 0, 5, 12); // a file last written on 5 Jan 2024

  it('puts a December start in the previous year and rolls over into January', () => {
    const y = new YearInferrer(ref, 'UTC');
    expect([y.yearFor(12, 30), y.yearFor(12, 31), y.yearFor(1, 1), y.yearFor(1, 4)]).toEqual([2023, 2023, 2024, 2024]);
  });

  it('keeps the reference year when the date is not after the reference', () => {
    const y = new YearInferrer(ref, 'UTC');
    expect(y.yearFor(1, 2)).toBe(2024);
  });

  it('accepts up to a day after the reference (clock skew), not more', () => {
    expect(new YearInferrer(ref, 'UTC').yearFor(1, 6)).toBe(2024);
    expect(new YearInferrer(ref, 'UTC').yearFor(1, 7)).toBe(2023);
  });

  it('does not start a new year when lines step back by one month', () => {
    const y = new YearInferrer(Date.UTC(2024, 11, 31), 'UTC');
    expect([y.yearFor(5, 31), y.yearFor(6, 1), y.yearFor(5, 31), y.yearFor(7, 1)]).toEqual([2024, 2024, 2024, 2024]);
  });

  it('starts a new year at each sharp step back of the month', () => {
    const y = new YearInferrer(Date.UTC(2030, 0, 1), 'UTC');
    expect([y.yearFor(11, 1), y.yearFor(2, 1), y.yearFor(12, 1), y.yearFor(1, 1)]).toEqual([2029, 2030, 2030, 2031]);
  });
});
