import type { Db } from '../db/open';
import { joinConds, type Compiled, type SqlCond } from './compiled';
import { ftsAndNot, ftsOr } from './fts-text';
import { syntaxError } from './query-lex';
import { compileSearch } from './query-sql';
import { stmt } from './stmt-cache';

/** Options that are not part of the API input: the clock, for relative times in tests. */
export interface SearchOptions {
  /** Current time in ms; defaults to Date.now(). */
  now?: number;
}

/** How a compiled query runs: one FTS5 expression (or an excluded one) plus a SQL residual. */
export interface Plan {
  /** FTS5 expression every match satisfies (negations folded in), or null. */
  fts: string | null;
  /** When `fts` is null: an FTS5 expression no match may satisfy. */
  notFts: string | null;
  /** Remaining SQL conditions over `events e`, or null. */
  where: SqlCond | null;
  /** The part of `where` an index can enumerate (time range, indexed IN list), or null. */
  driver: SqlCond | null;
  /** The conditions of `where` on ts alone (from/to, ts ranges), or null. */
  time: SqlCond | null;
  /** `where` has nothing but conditions on ts. */
  timeOnly: boolean;
  /** FTS supersets of `where` (field hints), to narrow the count of an exclusion. */
  hints: string[];
  /** A condition is false for every row (e.g. a host no event has): nothing can match. */
  empty: boolean;
}

/**
 * Merges every full-text part into one MATCH expression: FTS5 intersects posting lists far
 * faster than SQLite can combine several `IN (SELECT rowid ...)` subqueries. Field hints
 * join it when there is full text anyway; alone, they are used only when no index can
 * drive the query (an indexed IN list beats a full-text pre-filter).
 */
export function makePlan(c: Compiled): Plan {
  const drivers = c.conds.filter((x) => x.driver);
  const time = c.conds.filter((x) => x.time);
  let fts: string | null = null;
  if (c.req.length > 0) fts = ftsAndNot([...c.req, ...c.hints], c.neg);
  else if (c.hints.length > 0 && drivers.length === 0) fts = ftsAndNot(c.hints, c.neg);
  return {
    fts,
    notFts: fts === null && c.neg.length > 0 ? ftsOr(c.neg) : null,
    where: c.conds.length > 0 ? joinConds(c.conds, 'AND') : null,
    driver: drivers.length > 0 ? joinConds(drivers, 'AND') : null,
    hints: c.hints,
    empty: c.conds.some((x) => x.sql === '0'),
    time: time.length > 0 ? joinConds(time, 'AND') : null,
    timeOnly: time.length > 0 && time.length === c.conds.length,
  };
}

/** SQLite allows 32766 bound parameters; stay clear of it with a clear message instead. */
const MAX_PARAMS = 30_000;

function paramCount(c: Compiled): number {
  return c.req.length + c.hints.length + c.neg.length + c.conds.reduce((n, x) => n + x.params.length, 0);
}

/** Parse, compile and plan a query with its time bounds. */
export function planSearch(db: Db, input: { query?: string; from?: string; to?: string }, opts: SearchOptions = {}): Plan {
  const query = input.query ?? '';
  const c = compileSearch(db, query, { from: input.from, to: input.to, now: opts.now });
  if (paramCount(c) > MAX_PARAMS) throw syntaxError('The query expands to too many values; narrow the wildcards or regexes', 0, query.length);
  return makePlan(c);
}

/**
 * The FROM and WHERE that select the events matching `fts` (a MATCH expression, when given)
 * and `where`, as `events e`: for queries that aggregate over every match (histograms,
 * counts per template). Extra conditions on `e` can be appended to `where`.
 */
export function matchingRows(fts: string | null, where: SqlCond | null): { from: string; where: string; params: unknown[] } {
  const conds = [...(fts ? ['events_fts MATCH ?'] : []), ...(where ? [`(${where.sql})`] : [])];
  return {
    from: fts ? 'events_fts CROSS JOIN events e ON e.id = events_fts.rowid' : 'events e',
    where: conds.length > 0 ? conds.join(' AND ') : '1',
    params: [...(fts ? [fts] : []), ...(where?.params ?? [])],
  };
}

/** Rows in the events table, as an estimate for planning (max id is instant, count(*) is not). */
export function eventsEstimate(db: Db): number {
  return (stmt(db, 'SELECT max(id) FROM events', 'pluck').get() as number | null) ?? 0;
}
