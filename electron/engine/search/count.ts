import type { Db } from '../db/open';
import type { SqlCond } from './compiled';
import { ftsCountOf } from './fts-membership';
import { ftsAnd } from './fts-text';
import type { Plan } from './plan';
import { stmt } from './stmt-cache';

/** Up to this many candidates, joining FTS matches to their rows is cheap (~1 µs each). */
const SMALL = 50_000;

export const FTS_JOIN = 'FROM events_fts CROSS JOIN events e ON e.id = events_fts.rowid WHERE events_fts MATCH ?';

function one(db: Db, sql: string, params: unknown[]): number {
  return (stmt(db, sql, 'pluck').get(...params) as number | null) ?? 0;
}

const vocabReady = new WeakSet<Db>();

/**
 * Rows containing one plain ASCII token, from the fts5vocab view of the index: it counts the
 * token's document list inside FTS5 (about twice as fast as counting rows through the
 * virtual table). Deleted rows (contentless_delete tombstones) are accounted for. Null when
 * the expression is not a single such token.
 */
export function tokenCount(db: Db, fts: string): number | null {
  const m = /^"([A-Za-z0-9_]+)"$/.exec(fts);
  if (!m) return null;
  if (!vocabReady.has(db)) {
    try {
      // A temp table: per connection, nothing is written to the case.
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.sealdesk_fts_vocab USING fts5vocab(main, events_fts, 'row')");
    } catch {
      return null;
    }
    vocabReady.add(db);
  }
  return one(db, 'SELECT doc FROM temp.sealdesk_fts_vocab WHERE term = ?', [m[1]!.toLowerCase()]);
}

export function ftsCount(db: Db, fts: string): number {
  return tokenCount(db, fts) ?? one(db, 'SELECT count(*) FROM events_fts WHERE events_fts MATCH ?', [fts]);
}

function boundedFtsCount(db: Db, fts: string, cap: number): number {
  return one(db, 'SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH ? LIMIT ?)', [fts, cap]);
}

export function sqlCount(db: Db, where: SqlCond | null): number {
  if (!where) return one(db, 'SELECT count(*) FROM events', []);
  return one(db, `SELECT count(*) FROM events e WHERE ${where.sql}`, where.params);
}

function boundedSqlCount(db: Db, where: SqlCond, cap: number): number {
  return one(db, `SELECT count(*) FROM (SELECT 1 FROM events e WHERE ${where.sql} LIMIT ?)`, [...where.params, cap]);
}

/** Rows matching both the FTS5 expression and `where`. */
export function ftsWhereCount(db: Db, fts: string, where: SqlCond | null, driver: SqlCond | null): { count: number; candidates: number } {
  if (!where) {
    const n = ftsCount(db, fts);
    return { count: n, candidates: n };
  }
  const f = boundedFtsCount(db, fts, SMALL);
  // A selective index (a narrow time range, a rare host) with many FTS matches: list the
  // index's rows and test them against FTS by rowid ranges instead of joining every match.
  if (f >= SMALL && driver && boundedSqlCount(db, driver, SMALL) < SMALL) {
    const ids = stmt(db, `SELECT e.id FROM events e WHERE ${where.sql}`, 'pluck').all(...where.params) as number[];
    return { count: ftsCountOf(db, fts, ids), candidates: f };
  }
  return { count: one(db, `SELECT count(*) ${FTS_JOIN} AND (${where.sql})`, [fts, ...where.params]), candidates: f };
}

/**
 * The exact number of matches, counted the cheapest way the plan allows: FTS5 alone when
 * there is no SQL condition; an exclusion as a difference of two counts (never a NOT IN
 * over a large set).
 */
export function countPlan(db: Db, p: Plan): { total: number; candidates: number } {
  if (p.empty) return { total: 0, candidates: 0 };
  if (p.fts !== null) {
    const r = ftsWhereCount(db, p.fts, p.where, p.driver);
    return { total: r.count, candidates: r.candidates };
  }
  const all = sqlCount(db, p.where);
  if (p.notFts === null) return { total: all, candidates: all };
  // The excluded rows also satisfy `where`, so the field hints may narrow them in FTS.
  const excluded = ftsWhereCount(db, ftsAnd([p.notFts, ...p.hints]), p.where, p.driver).count;
  return { total: all - excluded, candidates: all };
}
