import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseHandle } from '../../../electron/engine/case/case-folder';
import type { ParsedEvent } from '../../../electron/engine/ingest/types';
import { histogram } from '../../../electron/engine/search/histogram';
import { registerSearchFunctions } from '../../../electron/engine/search/sql-functions';
import { seedCase } from '../../helpers/seed';

const H = 3600e6;
const D = 24 * H;
const START = Date.parse('2024-03-01T00:00:00Z') * 1000;

/** Pseudo-random times over 20 days, plus some on hour and day edges, where off-by-ones would show. */
function events(): ParsedEvent[] {
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: ParsedEvent[] = [];
  for (let i = 0; i < 3000; i++) out.push({ ts: START + Math.floor(rnd() * 20 * D), message: `event ${i}` });
  for (let h = 0; h < 20 * 24; h += 7) out.push({ ts: START + h * H, message: 'on the hour' }, { ts: START + h * H - 1, message: 'just before' });
  return out;
}

/** UTC microseconds of an ISO time, keeping the microseconds Date.parse drops. */
function usOf(iso: string): number {
  const frac = /\.(\d+)Z$/.exec(iso)?.[1] ?? '';
  return Date.parse(iso.replace(/\.\d+Z$/, 'Z')) * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

/** Adds one event at `ts` through `db`, as an import would. */
function addEvent(db: Database.Database, ts: number, n: number): void {
  db.prepare(
    "INSERT INTO events (import_id, intake_id, evidence_id, format, offset, ts, message) SELECT import_id, intake_id, evidence_id, format, ?, ?, 'added' FROM events LIMIT 1",
  ).run(1_000_000 + n, ts);
}

/** What each bucket must hold: a plain count over its span, clamped to the histogram's range. */
function expected(c: CaseHandle, from: string, to: string, buckets: number): number[] {
  const h = histogram(c.db, { query: '', from, to, buckets });
  const lo = usOf(from);
  const hi = usOf(to);
  const q = c.db.prepare('SELECT count(*) FROM events WHERE ts >= ? AND ts < ?').pluck();
  return h.buckets.map((b) => {
    const t = usOf(b.t);
    return q.get(Math.max(lo, t), Math.min(hi, t + h.intervalUs)) as number;
  });
}

const counts = (c: CaseHandle, from: string, to: string, buckets: number): number[] =>
  histogram(c.db, { query: '', from, to, buckets }).buckets.map((b) => b.count);

/** Ranges whose intervals are whole hours or days (counted from cached granules) and finer ones. */
const RANGES: [string, string, number][] = [
  ['2024-03-01T00:00:00Z', '2024-03-21T00:00:00Z', 153],
  ['2024-03-02T05:17:31.123Z', '2024-03-19T22:48:00.5Z', 153],
  ['2024-03-03T13:00:00Z', '2024-03-09T01:30:00Z', 40],
  ['2024-02-20T00:00:00Z', '2024-04-10T00:00:00Z', 12],
  ['2024-03-05T10:59:59.999999Z', '2024-03-05T23:00:00.000001Z', 100],
  ['2024-03-05T10:20:00Z', '2024-03-05T10:40:00Z', 153],
];

let c: CaseHandle;
beforeAll(() => {
  c = seedCase(events());
  registerSearchFunctions(c.db);
});
afterAll(() => c.db.close());

describe('histogram from cached time granules', () => {
  it('gives each bucket the count of its own span, first call and cached alike', () => {
    for (const [from, to, n] of RANGES) {
      const want = expected(c, from, to, n);
      expect(counts(c, from, to, n)).toEqual(want);
      expect(counts(c, from, to, n)).toEqual(want);
    }
  });

  it('counts again after events change through this connection', () => {
    const [from, to, n] = RANGES[0]!;
    const before = counts(c, from, to, n);
    addEvent(c.db, START + 5 * D + 17, 1);
    const after = counts(c, from, to, n);
    expect(after).not.toEqual(before);
    expect(after).toEqual(expected(c, from, to, n));
  });

  it('counts again after another connection (an import worker) commits', () => {
    // A case of its own: the shared one's folder is removed after the first test (tmpDir).
    const own = seedCase(events());
    try {
      registerSearchFunctions(own.db);
      const [from, to, n] = RANGES[1]!;
      const before = counts(own, from, to, n);
      const other = new Database(own.db.name);
      try {
        registerSearchFunctions(other);
        addEvent(other, START + 6 * D + 3 * H, 2);
      } finally {
        other.close();
      }
      const after = counts(own, from, to, n);
      expect(after).not.toEqual(before);
      expect(after).toEqual(expected(own, from, to, n));
    } finally {
      own.db.close();
    }
  });
});
