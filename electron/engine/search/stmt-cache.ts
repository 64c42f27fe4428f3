import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';

/** Generated SQL varies with IN-list sizes; a bound keeps the cache from growing without end. */
const MAX_STATEMENTS = 400;
const caches = new WeakMap<Db, Map<string, Statement>>();

/** How rows come back: objects, the first column only, or arrays. */
export type RowMode = 'object' | 'pluck' | 'raw';

/**
 * A prepared statement for `sql` on `db`, prepared once and reused. The row mode is part of
 * the key because better-sqlite3 keeps it on the statement object.
 */
export function stmt(db: Db, sql: string, mode: RowMode = 'object'): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${mode}\u0000${sql}`;
  let s = cache.get(key);
  if (!s) {
    s = db.prepare(sql);
    if (mode === 'pluck') s.pluck(true);
    else if (mode === 'raw') s.raw(true);
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(key, s);
  }
  return s;
}
