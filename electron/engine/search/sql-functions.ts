import type { Db } from '../db/open';

const CACHE_MAX = 256;
const cache = new Map<string, RegExp>();

/** Compiles once per (flags, pattern); queries call the SQL function once per row. */
function compiled(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = cache.get(key);
  if (re) return re;
  // g and y make RegExp.test stateful (lastIndex), which would make results depend on row order.
  re = new RegExp(pattern, flags.replace(/[gy]/g, ''));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, re);
  return re;
}

/**
 * `regexp(pattern, value [, flags])`: 1 when the JavaScript regex finds a match anywhere in
 * `value` (unanchored, like RegExp.test), 0 when not, NULL when `value` is NULL. Flags are
 * JavaScript's (`i`, `m`, `s`, `u`) and default to none, so `X REGEXP Y` is case-sensitive as
 * in other SQL engines; the query language passes `i` unless the query gave its own flags.
 */
export function regexpSql(pattern: unknown, value: unknown, flags: unknown = ''): number | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  return compiled(String(pattern), typeof flags === 'string' ? flags : '').test(text) ? 1 : 0;
}

const registered = new WeakSet<Db>();

/** Registers the SQL functions search needs on a connection. Safe to call more than once. */
export function registerSearchFunctions(db: Db): void {
  if (registered.has(db)) return;
  db.function('regexp', { deterministic: true, varargs: true }, (...args: unknown[]) => regexpSql(args[0], args[1], args[2]));
  registered.add(db);
}
