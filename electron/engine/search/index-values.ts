import type { Db } from '../db/open';
import { stmt } from './stmt-cache';

const indexCache = new WeakMap<Db, { version: number; cols: Set<string> }>();

/**
 * Columns of `events` that lead a plain BINARY index usable for any value: a full index, or
 * a partial one whose only condition is `col IS NOT NULL` (every lookup here implies it).
 * Read from the schema, so an index added by a later migration is used without code changes.
 */
export function indexedColumns(db: Db): Set<string> {
  const version = db.pragma('schema_version', { simple: true }) as number;
  const hit = indexCache.get(db);
  if (hit && hit.version === version) return hit.cols;
  const cols = new Set<string>();
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all() as { name: string; sql: string | null }[];
  for (const ix of indexes) {
    const first = db.prepare('SELECT name, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno LIMIT 1').get(ix.name) as
      | { name: string | null; coll: string }
      | undefined;
    if (!first?.name || first.coll !== 'BINARY') continue;
    const where = ix.sql ? /\bWHERE\b([\s\S]*)$/i.exec(ix.sql)?.[1]?.trim() : undefined;
    if (where === undefined || new RegExp(`^"?${first.name}"?\\s+IS\\s+NOT\\s+NULL$`, 'i').test(where)) cols.add(first.name);
  }
  indexCache.set(db, { version, cols });
  return cols;
}

/** Past this many candidate values an index walk costs more than it saves. */
const MAX_VALUES = 2000;

/** Every string that starts with `p` sorts (BINARY, i.e. UTF-8 bytes) below p + U+10FFFF. */
const TOP = '\u{10FFFF}';

function existsPrefix(db: Db, col: string, lo: string): boolean {
  return stmt(db, `SELECT 1 FROM events WHERE ${col} >= ? AND ${col} < ? LIMIT 1`).get(lo, lo + TOP) !== undefined;
}

function existsExact(db: Db, col: string, v: string): boolean {
  return stmt(db, `SELECT 1 FROM events WHERE ${col} = ? LIMIT 1`).get(v) !== undefined;
}

/**
 * The stored values of an indexed column equal to `value` ignoring ASCII case, found by
 * walking the BINARY index one character at a time and keeping only prefixes that exist
 * (a few index seeks per letter instead of a scan, since the index cannot answer NOCASE).
 * With `prefix`, the existing case variants of `value` as a prefix of stored values.
 * Null when `value` is not ASCII or there are too many variants.
 */
export function caseVariants(db: Db, col: string, value: string, opts: { prefix?: boolean } = {}): string[] | null {
  if (!/^[\x00-\x7f]*$/.test(value)) return null;
  let prefixes = [''];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const options = c.toLowerCase() === c.toUpperCase() ? [c] : [c.toUpperCase(), c.toLowerCase()];
    const next: string[] = [];
    const last = i === value.length - 1 && !opts.prefix;
    for (const p of prefixes) {
      for (const o of options) {
        const cand = p + o;
        if (last ? existsExact(db, col, cand) : existsPrefix(db, col, cand)) next.push(cand);
      }
    }
    if (next.length > MAX_VALUES) return null;
    prefixes = next;
    if (prefixes.length === 0) return [];
  }
  return value === '' ? (existsExact(db, col, '') ? [''] : []) : prefixes;
}

/**
 * Distinct values of an indexed column, optionally only those starting with one of
 * `prefixes`, by skipping from value to value through the index. Null when there are more
 * than the limit (the caller then filters rows instead).
 */
export function distinctValues(db: Db, col: string, prefixes: string[] | null): string[] | null {
  const out: string[] = [];
  const ranges: [string, boolean][] = prefixes ? prefixes.map((p) => [p, true]) : [['', false]];
  const first = stmt(db, `SELECT ${col} AS v FROM events WHERE ${col} >= ? ORDER BY ${col} LIMIT 1`);
  const after = stmt(db, `SELECT ${col} AS v FROM events WHERE ${col} > ? ORDER BY ${col} LIMIT 1`);
  for (const [lo, bounded] of ranges) {
    let row = first.get(lo) as { v: unknown } | undefined;
    // Values sharing a prefix are contiguous in the index; startsWith ends the run (comparing
    // with `hi` in JS would not do: JS orders UTF-16 units, SQLite UTF-8 bytes).
    while (row && typeof row.v === 'string' && (!bounded || row.v.startsWith(lo))) {
      out.push(row.v);
      if (out.length > MAX_VALUES) return null;
      row = after.get(row.v) as { v: unknown } | undefined;
    }
  }
  return out;
}
