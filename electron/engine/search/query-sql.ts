import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import { andAll, asCond, fromCond, joinConds, matchAll, negate, orAll, type Compiled, type SqlCond } from './compiled';
import { ftsHoldsField } from './fts-safety';
import { indexedColumns } from './index-values';
import { compileLeaf, type LeafContext } from './leaf-sql';
import type { QueryNode } from './query-ast';
import { parseQuery } from './query-parse';
import { registerSearchFunctions } from './sql-functions';
import { parseTime } from './time-parse';

export type { Compiled, SqlCond } from './compiled';

/** Time bounds and the clock for relative times (`now-24h`). */
export interface QueryOptions {
  /** Inclusive lower bound on ts (ISO 8601, epoch, or relative). */
  from?: string;
  /** Exclusive upper bound on ts. */
  to?: string;
  /** The current time in ms (tests pin it); defaults to Date.now(). */
  now?: number;
}

function compileNode(ctx: LeafContext, node: QueryNode): Compiled {
  switch (node.type) {
    case 'all':
      return matchAll();
    case 'and':
      return andAll(node.children.map((c) => compileNode(ctx, c)));
    case 'or':
      return orAll(node.children.map((c) => compileNode(ctx, c)));
    case 'not':
      return negate(compileNode(ctx, node.child));
    default:
      return compileLeaf(ctx, node);
  }
}

/**
 * Compiles a parsed query against a case database. The database is consulted for index
 * walks (case variants and distinct values of indexed fields) and for whether field values
 * are completely in the full-text index.
 */
export function compileQuery(db: Db, ast: QueryNode, nowUs: number): Compiled {
  const holds = new Map<string, boolean>();
  const ctx: LeafContext = {
    db,
    nowUs,
    indexed: indexedColumns(db),
    ftsHolds: (field) => {
      let v = holds.get(field);
      if (v === undefined) holds.set(field, (v = ftsHoldsField(db, field)));
      return v;
    },
  };
  return compileNode(ctx, ast);
}

/** from/to as conditions on ts; a bad bound is invalid input (it is not part of the query text). */
export function timeBounds(opts: QueryOptions, nowUs: number): SqlCond[] {
  const out: SqlCond[] = [];
  for (const [name, op] of [['from', '>='], ['to', '<']] as const) {
    const text = opts[name];
    if (text === undefined || text === '') continue;
    const t = parseTime(text, nowUs);
    if (!t) {
      throw new AppError(
        'invalid_input',
        `"${name}" is not a time: "${text}". Use ISO 8601 (2024-03-01 or 2024-03-01T10:00:00Z), epoch seconds or milliseconds, or now-24h.`,
        { field: name },
      );
    }
    out.push({ sql: `e.ts ${op} ?`, params: [t.start], driver: true, time: true });
  }
  return out;
}

export function nowUsOf(opts: QueryOptions): number {
  return Math.trunc((opts.now ?? Date.now()) * 1000);
}

/** Parses and compiles a query with its time bounds into one Compiled. */
export function compileSearch(db: Db, query: string, opts: QueryOptions = {}): Compiled {
  registerSearchFunctions(db);
  const nowUs = nowUsOf(opts);
  const ast = parseQuery(query);
  const bounds = timeBounds(opts, nowUs);
  return andAll([compileQuery(db, ast, nowUs), ...bounds.map((b) => fromCond(b))]);
}

/**
 * The query as a self-contained SQL condition over `events e` (full-text parts as
 * subqueries), for callers that build their own statements (exports, detections):
 * `SELECT ... FROM events e WHERE ${sql}`.
 */
export function buildWhere(db: Db, query: string, opts: QueryOptions = {}): { sql: string; params: unknown[] } {
  const c = asCond(compileSearch(db, query, opts));
  return { sql: c.sql, params: c.params };
}

export { joinConds };
