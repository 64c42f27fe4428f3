import type { Db } from '../db/open';
import { FTS_JOIN } from './count';
import { planSearch, type SearchOptions } from './plan';

/**
 * Every event matching a query and time bounds, as (id, ts) in search order: time
 * ascending, events without a time last, ties by id. For exports, which need the whole
 * selection rather than a page.
 */
export function matchingIds(db: Db, input: { query?: string; from?: string; to?: string }, opts: SearchOptions = {}): number[] {
  const p = planSearch(db, input, opts);
  if (p.empty) return [];
  const where = p.where ? ` AND (${p.where.sql})` : '';
  const params = p.where?.params ?? [];
  let sql: string;
  let args: unknown[];
  if (p.fts !== null) {
    sql = `SELECT e.id, e.ts ${FTS_JOIN}${where}`;
    args = [p.fts, ...params];
  } else if (p.notFts !== null) {
    sql = `SELECT e.id, e.ts FROM events e WHERE e.id NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)${where}`;
    args = [p.notFts, ...params];
  } else {
    sql = `SELECT e.id, e.ts FROM events e WHERE 1${where}`;
    args = params;
  }
  const rows = db.prepare(sql).raw().all(...args) as [number, number | null][];
  rows.sort((a, b) => (a[1] === b[1] ? a[0] - b[0] : a[1] === null ? 1 : b[1] === null ? -1 : a[1] - b[1]));
  return rows.map((r) => r[0]);
}
