import type { Db } from '../db/open';
import { stmt } from './stmt-cache';

/**
 * Ids closer than this share one range query: the rows in between cost less to skip than a
 * new FTS5 query (which re-parses the expression and seeks every segment) costs to start.
 */
const GAP = 64;

/**
 * better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a rowid bound that is not an
 * INTEGER value while still telling SQLite it applied it: the query would silently return
 * every match. The CASTs are what make the range work (and be correct).
 */
const RANGE_SQL = 'SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid >= CAST(? AS INTEGER) AND rowid <= CAST(? AS INTEGER)';

/**
 * Which of `ids` match the FTS5 expression. Instead of one FTS probe per id (tens of
 * microseconds each), ids are grouped into runs of nearby rowids and each run is one
 * rowid-range query. Events of one file are stored in time order, so a stretch of the time
 * index maps to a few long runs and this costs a handful of queries.
 */
export function ftsMembers(db: Db, fts: string, ids: number[]): Set<number> {
  const out = new Set<number>();
  if (ids.length === 0) return out;
  const sorted = Float64Array.from(ids).sort();
  const wanted = new Set(ids);
  const q = stmt(db, RANGE_SQL, 'pluck');
  let lo = sorted[0]!;
  let prev = lo;
  const flush = (hi: number): void => {
    for (const id of q.iterate(fts, lo, hi) as Iterable<number>) if (wanted.has(id)) out.add(id);
  };
  for (let i = 1; i < sorted.length; i++) {
    const id = sorted[i]!;
    if (id - prev > GAP) {
      flush(prev);
      lo = id;
    }
    prev = id;
  }
  flush(prev);
  return out;
}

/** More runs than this and per-run FTS queries cost more than testing the ids themselves. */
const MAX_ISLANDS = 500;

const RANGE_COUNT_SQL =
  'SELECT count(*) FROM events_fts WHERE events_fts MATCH ? AND rowid >= CAST(? AS INTEGER) AND rowid <= CAST(? AS INTEGER)';

/**
 * How many of `ids` match the FTS5 expression. Runs of consecutive ids ("islands") are
 * counted by FTS5 over their rowid range without returning rows, since every rowid of an
 * island is wanted; a narrow time range over files imported in time order is a few
 * islands. With too many islands, falls back to testing the ids by nearby-rowid runs.
 */
export function ftsCountOf(db: Db, fts: string, ids: number[]): number {
  if (ids.length === 0) return 0;
  const sorted = Float64Array.from(ids).sort();
  const islands: [number, number][] = [];
  let lo = sorted[0]!;
  for (let i = 1; i <= sorted.length; i++) {
    const id = sorted[i];
    if (id === undefined || id !== sorted[i - 1]! + 1) {
      islands.push([lo, sorted[i - 1]!]);
      if (islands.length > MAX_ISLANDS) return ftsMembers(db, fts, ids).size;
      if (id !== undefined) lo = id;
    }
  }
  const q = stmt(db, RANGE_COUNT_SQL, 'pluck');
  let n = 0;
  for (const [a, b] of islands) n += q.get(fts, a, b) as number;
  return n;
}
