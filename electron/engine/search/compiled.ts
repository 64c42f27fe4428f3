import { ftsAnd, ftsAndNot, ftsOr } from './fts-text';

/** One SQL condition over `events e` with its positional parameters. */
export interface SqlCond {
  sql: string;
  params: unknown[];
  /** An index can list the rows that satisfy it (time range, IN list on an indexed column, id). */
  driver?: boolean;
  /** A bound on ts alone (the time index answers it). */
  time?: boolean;
}

/**
 * A query split by who evaluates what. A row matches when it is in the FTS result of every
 * `req` expression, in none of `neg`, and satisfies every `conds` entry. `hints` are FTS
 * expressions implied by `conds` (supersets): optional pre-filters that let FTS5 narrow a
 * field search before SQL checks it exactly.
 */
export interface Compiled {
  req: string[];
  hints: string[];
  neg: string[];
  conds: SqlCond[];
}

export const matchAll = (): Compiled => ({ req: [], hints: [], neg: [], conds: [] });
export const fromCond = (c: SqlCond, hints: string[] = []): Compiled => ({ req: [], hints, neg: [], conds: [c] });
export const fromFts = (expr: string): Compiled => ({ req: [expr], hints: [], neg: [], conds: [] });
export const matchNone = (): Compiled => fromCond({ sql: '0', params: [] });

function isAll(c: Compiled): boolean {
  return c.req.length === 0 && c.neg.length === 0 && c.conds.length === 0;
}

/**
 * Joins conditions as a balanced tree: SQLite limits expression depth to 1000, which a flat
 * chain of a thousand ORs would exceed.
 */
export function joinConds(conds: SqlCond[], op: 'AND' | 'OR'): SqlCond {
  if (conds.length === 0) return { sql: op === 'AND' ? '1' : '0', params: [] };
  if (conds.length === 1) return conds[0]!;
  const mid = conds.length >> 1;
  const l = joinConds(conds.slice(0, mid), op);
  const r = joinConds(conds.slice(mid), op);
  return { sql: `(${l.sql}) ${op} (${r.sql})`, params: [...l.params, ...r.params] };
}

export function andAll(parts: Compiled[]): Compiled {
  return {
    req: parts.flatMap((p) => p.req),
    hints: parts.flatMap((p) => p.hints),
    neg: parts.flatMap((p) => p.neg),
    conds: parts.flatMap((p) => p.conds),
  };
}

/** The node as one FTS5 expression, when FTS alone decides it. */
export function asFts(c: Compiled): string | null {
  return c.conds.length === 0 && c.req.length > 0 ? ftsAndNot(c.req, c.neg) : null;
}

/** An FTS5 expression every match satisfies, or null. */
function superset(c: Compiled): string | null {
  const all = [...c.req, ...c.hints];
  return all.length > 0 ? ftsAnd(all) : null;
}

const FTS_IN = 'e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)';
const FTS_NOT_IN = 'e.id NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)';

/** The node as a single SQL predicate (FTS parts as subqueries), for use inside OR and NOT. */
export function asCond(c: Compiled): SqlCond {
  const parts: SqlCond[] = [];
  if (c.req.length > 0) parts.push({ sql: FTS_IN, params: [ftsAndNot(c.req, c.neg)] });
  else if (c.neg.length > 0) parts.push({ sql: FTS_NOT_IN, params: [ftsOr(c.neg)] });
  parts.push(...c.conds);
  return joinConds(parts, 'AND');
}

export function orAll(parts: Compiled[]): Compiled {
  if (parts.some(isAll)) return matchAll();
  const fts = parts.map(asFts);
  if (fts.every((f): f is string => f !== null)) return fromFts(ftsOr(fts));
  const sup = parts.map(superset);
  const hints = sup.every((s): s is string => s !== null) ? [ftsOr(sup)] : [];
  return fromCond(joinConds(parts.map(asCond), 'OR'), hints);
}

export function negate(c: Compiled): Compiled {
  if (isAll(c)) return matchNone();
  const fts = asFts(c);
  if (fts !== null) return { req: [], hints: [], neg: [fts], conds: [] };
  // NOT (NOT a AND NOT b) is a OR b: keep it in FTS.
  if (c.req.length === 0 && c.conds.length === 0) return fromFts(ftsOr(c.neg));
  const inner = asCond(c);
  // A comparison with NULL is NULL, and NOT NULL would drop the row: events without the
  // field do not match `host:x`, so they must match `NOT host:x`.
  return fromCond({ sql: `NOT ifnull((${inner.sql}), 0)`, params: inner.params });
}
