import type { Histogram } from '../../../shared/model';
import type { Db } from '../db/open';
import type { SqlCond } from './compiled';
import { countPlan } from './count';
import { pageIds } from './page';
import { eventsEstimate, matchingRows, planSearch, type Plan, type SearchOptions } from './plan';
import { nowUsOf, timeBounds } from './query-sql';
import { stmt } from './stmt-cache';
import { formatTs } from './time-parse';

const S = 1_000_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** Intervals a person reads at a glance. */
const NICE = [S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 14 * D, 30 * D, 90 * D, 365 * D];
/** 1970-01-05 was a Monday: weeks start on Mondays. */
const MONDAY = 4 * D;

function origin(interval: number): number {
  return interval === 7 * D || interval === 14 * D ? MONDAY : 0;
}

function alignDown(t: number, interval: number): number {
  const o = origin(interval);
  return Math.floor((t - o) / interval) * interval + o;
}

function bucketCount(from: number, to: number, interval: number): number {
  return Math.max(1, Math.ceil((to - alignDown(from, interval)) / interval));
}

/** The smallest nice interval giving at most `max` buckets over [from, to); whole years beyond. */
export function chooseInterval(from: number, to: number, max: number): number {
  for (const i of NICE) if (bucketCount(from, to, i) <= max) return i;
  let years = Math.ceil((to - from) / (max * 365 * D));
  while (bucketCount(from, to, years * 365 * D) > max) years++;
  return years * 365 * D;
}

export function intervalName(us: number): string {
  const units: [number, string][] = [[D, 'day'], [H, 'hour'], [M, 'minute'], [S, 'second']];
  for (const [size, name] of units) {
    if (us % size === 0) {
      const n = us / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${us} microseconds`;
}

function firstTs(db: Db, p: Plan, order: 'asc' | 'desc', est: { total: number; candidates: number; events: number }): number | null {
  const [id] = pageIds(db, p, { limit: 1, offset: 0, order }, est);
  if (id === undefined) return null;
  return (stmt(db, 'SELECT ts FROM events WHERE id = ?', 'pluck').get(id) as number | null) ?? null;
}

/** Per-bucket counts of rows matching `fts` (when given) and `where` within [lo, hi). */
function bucketRows(db: Db, fts: string | null, where: SqlCond | null, lo: number, hi: number, start: number, interval: number): Map<number, number> {
  const m = matchingRows(fts, where);
  // better-sqlite3 binds JS numbers as REAL: without the CASTs the division is fractional
  // and every row becomes its own group.
  const sql = `SELECT (e.ts - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS b, count(*) AS n
    FROM ${m.from} WHERE e.ts >= ? AND e.ts < ? AND ${m.where} GROUP BY b`;
  const params = [start, interval, lo, hi, ...m.params];
  return new Map((stmt(db, sql, 'raw').all(...params) as [number, number][]).map(([b, n]) => [b, n]));
}

/**
 * Whole-hour and whole-day event counts, kept per connection: a zoom asks again for most of
 * the spans the previous histogram already counted, and counting them means stepping through
 * every index entry (a million-event case: tens of ms), while summing cached spans is free.
 */
interface GranuleCache {
  /** The database's state the counts belong to; any write, here or elsewhere, drops them. */
  version: string;
  /** Count per granule, keyed by `${size}:${index}` (the span [index * size, (index + 1) * size)). */
  counts: Map<string, number>;
}

/** Granule sizes, largest first: a bucket uses the largest one its edges fall on. */
const GRANULES = [D, H];
/** More granules in one range than this and a direct count per bucket is cheaper. */
const MAX_GRANULES_PER_RANGE = 8192;
/** A bound on what the cache holds, whatever the user zooms through. */
const MAX_CACHED = 200_000;
const granuleCaches = new WeakMap<Db, GranuleCache>();

/**
 * The granule cache for `db`, emptied when the events may have changed: `data_version`
 * moves on commits by other connections (the import workers), `total_changes()` on writes
 * through this one.
 */
function granuleCache(db: Db): GranuleCache {
  const version = `${String(stmt(db, 'PRAGMA data_version', 'pluck').get())}:${String(stmt(db, 'SELECT total_changes()', 'pluck').get())}`;
  let c = granuleCaches.get(db);
  if (!c || c.version !== version || c.counts.size > MAX_CACHED) {
    c = { version, counts: new Map() };
    granuleCaches.set(db, c);
  }
  return c;
}

/**
 * Counts per bucket straight from the time index, one range count each: for the whole
 * case this is an index scan with no grouping (a GROUP BY would sort every row). Spans of
 * whole granules come from the cache; only the edges that are not whole granules are counted.
 */
function bucketRanges(db: Db, lo: number, hi: number, start: number, interval: number, n: number): Map<number, number> {
  const q = stmt(db, 'SELECT count(*) FROM events WHERE ts >= ? AND ts < ?', 'pluck');
  const direct = (a: number, b: number): number => (a < b ? (q.get(a, b) as number) : 0);
  const size = GRANULES.find((g) => interval % g === 0 && origin(interval) % g === 0 && (hi - lo) / g <= MAX_GRANULES_PER_RANGE);
  const cache = size === undefined ? null : granuleCache(db);
  const count = (a: number, b: number): number => {
    if (size === undefined || cache === null) return direct(a, b);
    const first = Math.ceil(a / size);
    const last = Math.floor(b / size);
    if (last <= first) return direct(a, b);
    let total = direct(a, first * size) + direct(last * size, b);
    for (let g = first; g < last; g++) {
      const key = `${size}:${g}`;
      let k = cache.counts.get(key);
      if (k === undefined) {
        k = direct(g * size, (g + 1) * size);
        cache.counts.set(key, k);
      }
      total += k;
    }
    return total;
  };
  const out = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const a = Math.max(lo, start + k * interval);
    const b = Math.min(hi, start + (k + 1) * interval);
    out.set(k, count(a, b));
  }
  return out;
}

/**
 * Match counts over time in equal buckets, empty buckets included so a timeline is
 * continuous. The range is from/to when given, else the first and last matching event.
 */
export function histogram(
  db: Db,
  input: { query?: string; from?: string; to?: string; buckets?: number },
  opts: SearchOptions = {},
): Histogram {
  const max = Math.max(1, Math.min(2000, input.buckets ?? 100));
  const p = planSearch(db, input, opts);
  const bounds = timeBounds({ from: input.from, to: input.to }, nowUsOf(opts));
  const fromUs = input.from ? (bounds[0]!.params[0] as number) : null;
  const toUs = input.to ? (bounds[bounds.length - 1]!.params[0] as number) : null;
  let lo = fromUs;
  let hi = toUs;
  if (lo === null || hi === null) {
    const c = countPlan(db, p);
    const est = { ...c, events: eventsEstimate(db) };
    if (lo === null) lo = firstTs(db, p, 'asc', est);
    if (hi === null) {
      const last = firstTs(db, p, 'desc', est);
      hi = last === null ? null : last + 1;
    }
  }
  if (lo === null || hi === null || hi <= lo) {
    return { intervalUs: S, interval: intervalName(S), from: fromUs === null ? null : formatTs(fromUs), to: toUs === null ? null : formatTs(toUs), buckets: [] };
  }
  const interval = chooseInterval(lo, hi, max);
  const start = alignDown(lo, interval);
  const n = bucketCount(lo, hi, interval);
  const counts =
    p.fts === null && (p.where === null || p.timeOnly)
      ? bucketRanges(db, lo, hi, start, interval, n)
      : bucketRows(db, p.fts, p.where, lo, hi, start, interval);
  if (p.fts === null && p.notFts !== null) {
    // Exclusion as a difference, like the count: never a NOT IN over a large set.
    for (const [b, k] of bucketRows(db, p.notFts, p.where, lo, hi, start, interval)) counts.set(b, (counts.get(b) ?? 0) - k);
  }
  const buckets = Array.from({ length: n }, (_, k) => ({ t: formatTs(start + k * interval)!, count: counts.get(k) ?? 0 }));
  return { intervalUs: interval, interval: intervalName(interval), from: formatTs(lo), to: formatTs(hi), buckets };
}
