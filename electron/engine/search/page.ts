import type { Db } from '../db/open';
import type { SqlCond } from './compiled';
import { ftsMembers } from './fts-membership';
import type { Plan } from './plan';
import { stmt } from './stmt-cache';

export interface PageRequest {
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

/**
 * Rough costs in µs, measured at 1M events: walking one time-index row (more when SQL
 * conditions read the row), one FTS range query, sorting one candidate.
 */
const WALK_COST = 0.4;
const WALK_WHERE_COST = 1.2;
const FTS_QUERY_COST = 40;
const SORT_COST = 0.8;
const FIRST_CHUNK_MIN = 256;
const CHUNK_MAX = 65_536;

const FTS_NOT_IN = 'e.id NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)';

function andWhere(where: SqlCond | null, extra: string[] = []): { sql: string; params: unknown[] } {
  const parts = [...extra, ...(where ? [`(${where.sql})`] : [])];
  return { sql: parts.length ? parts.join(' AND ') : '1', params: where ? where.params : [] };
}

/**
 * Sort every candidate (top-N): best when there are few. NULL times sort last in both
 * directions; equal times are ordered by id so pages are stable.
 */
export function sortedPage(db: Db, p: Plan, r: PageRequest): number[] {
  const dir = r.order === 'asc' ? 'ASC' : 'DESC';
  const order = `ORDER BY e.ts IS NULL, e.ts ${dir}, e.id ${dir} LIMIT ? OFFSET ?`;
  if (p.fts !== null) {
    const w = andWhere(p.where);
    // CROSS JOIN keeps FTS5 as the outer loop: SQLite would otherwise walk the ts index and
    // build the whole FTS result as a temporary table first.
    const sql = `SELECT e.id FROM events_fts CROSS JOIN events e ON e.id = events_fts.rowid
      WHERE events_fts MATCH ? AND ${w.sql} ${order}`;
    return stmt(db, sql, 'pluck').all(p.fts, ...w.params, r.limit, r.offset) as number[];
  }
  const w = andWhere(p.where, p.notFts !== null ? [FTS_NOT_IN] : []);
  const params = p.notFts !== null ? [p.notFts, ...w.params] : w.params;
  return stmt(db, `SELECT e.id FROM events e WHERE ${w.sql} ${order}`, 'pluck').all(...params, r.limit, r.offset) as number[];
}

/**
 * Walk the time index in order, in growing chunks, keeping rows that pass `where` (SQL) and
 * the full-text test (by rowid ranges), until the page is full: best when matches are
 * frequent, as the first page is found after a few hundred rows.
 */
export function walkedPage(db: Db, p: Plan, r: PageRequest, firstChunk: number): number[] {
  const fts = p.fts ?? p.notFts;
  const exclude = p.fts === null;
  const asc = r.order === 'asc';
  const dir = asc ? 'ASC' : 'DESC';
  const gt = asc ? '>' : '<';
  const out: number[] = [];
  let skipped = 0;
  const phases: { start: string; next: string; order: string; key: (row: number[]) => unknown[] }[] = [
    {
      start: 'e.ts IS NOT NULL',
      next: `e.ts ${gt}= ? AND (e.ts ${gt} ? OR e.id ${gt} ?)`,
      order: `ORDER BY e.ts ${dir}, e.id ${dir}`,
      key: (row) => [row[1], row[1], row[0]],
    },
    { start: 'e.ts IS NULL', next: `e.ts IS NULL AND e.id ${gt} ?`, order: `ORDER BY e.id ${dir}`, key: (row) => [row[0]] },
  ];
  for (const ph of phases) {
    if (ph.start === 'e.ts IS NULL' && p.time) break;
    let chunk = firstChunk;
    let key: unknown[] | null = null;
    for (;;) {
      const w = andWhere(p.where, [key ? ph.next : ph.start]);
      const sql = `SELECT e.id, e.ts FROM events e INDEXED BY events_ts WHERE ${w.sql} ${ph.order} LIMIT ?`;
      const rows = stmt(db, sql, 'raw').all(...(key ?? []), ...w.params, chunk) as number[][];
      if (rows.length === 0) break;
      const members = fts === null ? null : ftsMembers(db, fts, rows.map((row) => row[0]!));
      for (const row of rows) {
        const id = row[0]!;
        if (members && members.has(id) === exclude) continue;
        if (skipped < r.offset) skipped++;
        else if (out.push(id) >= r.limit) return out;
      }
      if (rows.length < chunk) break;
      key = ph.key(rows[rows.length - 1]!);
      chunk = Math.min(chunk * 2, CHUNK_MAX);
    }
  }
  return out;
}

/** Beyond this many rows in the time range, the walk estimate uses the whole table. */
const RANGE_COUNT_CAP = 200_000;

/** Rows the time walk covers: those in the query's time range, else every event. */
function walkDomain(db: Db, p: Plan, events: number): number {
  if (!p.time) return events;
  const n = stmt(db, `SELECT count(*) FROM (SELECT 1 FROM events e WHERE ${p.time.sql} LIMIT ?)`, 'pluck').get(...p.time.params, RANGE_COUNT_CAP) as number;
  return n >= RANGE_COUNT_CAP ? events : n;
}

/**
 * The ids of one page of matches in time order, choosing between walking the time index
 * (cost grows with rows passed over: (offset+limit) / match density) and sorting all
 * candidates (cost grows with their number; `candidates` may be a lower bound).
 */
export function pageIds(db: Db, p: Plan, r: PageRequest, est: { total: number; candidates: number; events: number }): number[] {
  if (est.total === 0 || r.offset >= est.total) return [];
  const need = r.offset + r.limit;
  const walked = (Math.min(need, est.total) * walkDomain(db, p, est.events)) / est.total;
  // Rows of one file sit in time order, so an unfiltered stretch of the time index maps to
  // a few rowid runs; SQL conditions thin the rows out and scatter them into many runs.
  const filtered = p.where !== null && !p.timeOnly;
  const runs = p.fts === null && p.notFts === null ? 0 : filtered ? walked / 4 : walked / 50;
  const walkCost = walked * (filtered ? WALK_WHERE_COST : WALK_COST) + runs * FTS_QUERY_COST;
  if (walkCost < est.candidates * SORT_COST) {
    const first = Math.min(CHUNK_MAX, Math.max(FIRST_CHUNK_MIN, Math.ceil(walked * 1.2)));
    return walkedPage(db, p, r, first);
  }
  return sortedPage(db, p, r);
}
