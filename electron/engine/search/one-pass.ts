import type { Db } from '../db/open';
import type { PageRequest } from './page';
import type { Plan } from './plan';
import { stmt } from './stmt-cache';

/**
 * Below this many FTS candidates, one statement finds, joins, counts and sorts them all
 * (the FTS expression is evaluated once). Above it, the probe costs the materialized rowids
 * (~2 ms for 10,000) and the caller counts and pages separately.
 */
export const ONE_PASS_MAX = 10_000;

/**
 * The page and the exact total in a single statement when the FTS side is small: the
 * candidate rowids are materialized once (capped); a constant condition on their number
 * skips the join altogether when the cap was reached. `count(*) OVER ()` carries the total
 * on every row. Returns null when the candidates are too many, or when the page is empty
 * (offset past the end), where the total must come from a count.
 */
export function onePassPage(db: Db, p: Plan, r: PageRequest): { ids: number[]; total: number } | null {
  if (p.fts === null || p.empty) return null;
  const dir = r.order === 'asc' ? 'ASC' : 'DESC';
  const where = p.where ? `(${p.where.sql})` : '1';
  const sql = `WITH m AS MATERIALIZED (SELECT rowid AS id FROM events_fts WHERE events_fts MATCH ? LIMIT ${ONE_PASS_MAX + 1})
    SELECT e.id, count(*) OVER () AS total FROM m CROSS JOIN events e ON e.id = m.id
    WHERE (SELECT count(*) FROM m) <= ${ONE_PASS_MAX} AND ${where}
    ORDER BY e.ts IS NULL, e.ts ${dir}, e.id ${dir} LIMIT ? OFFSET ?`;
  const rows = stmt(db, sql, 'raw').all(p.fts, ...(p.where?.params ?? []), r.limit, r.offset) as [number, number][];
  if (rows.length === 0) return null;
  return { ids: rows.map((row) => row[0]), total: rows[0]![1] };
}
