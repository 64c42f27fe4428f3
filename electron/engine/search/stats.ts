import type { Stats } from '../../../shared/model';
import type { Db } from '../db/open';
import { stmt } from './stmt-cache';
import { formatTs } from './time-parse';

/**
 * Counting takes hundreds of milliseconds at a million events (index scans); stats are
 * cached until the events change. The
 * signature changes with any insert (max id, import count) or rollback (count, statuses).
 */
const cache = new WeakMap<Db, { sig: string; top: number; stats: Stats }>();

function signature(db: Db): string {
  const r = stmt(
    db,
    `SELECT (SELECT max(id) FROM events) AS hi, (SELECT count(*) FROM events) AS n,
      (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM imports WHERE status = 'rolled_back') AS rb`,
  ).get() as Record<string, number | null>;
  return `${r.hi}:${r.n}:${r.imports}:${r.rb}`;
}

type Count = { value: string; count: number };

/** Grouped through the column's (covering, partial) index. */
function counts(db: Db, col: 'host' | 'user' | 'action', top: number): Count[] {
  return stmt(db, `SELECT ${col} AS value, count(*) AS count FROM events WHERE ${col} IS NOT NULL GROUP BY ${col} ORDER BY count DESC, value LIMIT ?`).all(
    top,
  ) as Count[];
}

/**
 * Events per format without reading every row (format has no index, and a scan of a
 * million-event table took a second, holding up every other call). A complete import's
 * receipts say how many events each file added under which format; they are used for an
 * import only when they add up to the events the import holds (counted through the
 * events_import index). Any other import (running, interrupted, resumed, or with receipts
 * that do not add up) is counted from its own rows.
 */
function formatCounts(db: Db, top: number): Count[] {
  const perImport = stmt(db, 'SELECT import_id, count(*) FROM events GROUP BY import_id', 'raw').all() as [number, number][];
  const receipts = stmt(
    db,
    `SELECT r.import_id, r.format, sum(r.events) FROM receipts r JOIN imports i ON i.id = r.import_id
      WHERE i.status = 'complete' GROUP BY r.import_id, r.format`,
    'raw',
  ).all() as [number, string, number][];
  const byImport = new Map<number, [string, number][]>();
  for (const [id, format, n] of receipts) {
    let list = byImport.get(id);
    if (!list) byImport.set(id, (list = []));
    list.push([format, n]);
  }
  const totals = new Map<string, number>();
  const add = (format: string, n: number): void => {
    if (n > 0) totals.set(format, (totals.get(format) ?? 0) + n);
  };
  const ofImport = stmt(db, 'SELECT format, count(*) FROM events WHERE import_id = ? GROUP BY format', 'raw');
  for (const [id, n] of perImport) {
    const listed = byImport.get(id);
    const fromReceipts = listed?.reduce((k, [, m]) => k + m, 0);
    const rows = fromReceipts === n ? listed! : (ofImport.all(id) as [string, number][]);
    for (const [format, m] of rows) add(format, m);
  }
  return [...totals]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, top);
}

function compute(db: Db, top: number): Stats {
  const one = (sql: string): number | null => stmt(db, sql, 'pluck').get() as number | null;
  const first = one('SELECT min(ts) FROM events');
  const last = one('SELECT max(ts) FROM events');
  // Grouped through the events_origin index (evidence_id leads it); names and format per file after.
  const sources = stmt(db, 'SELECT evidence_id AS id, count(*) AS n FROM events GROUP BY evidence_id ORDER BY n DESC, id LIMIT ?').all(top) as {
    id: number;
    n: number;
  }[];
  const bySource = sources.map(({ id, n }) => {
    const info = stmt(
      db,
      `SELECT (SELECT path FROM intake WHERE evidence_id = ? ORDER BY id LIMIT 1) AS file,
        (SELECT sha256 FROM evidence WHERE id = ?) AS sha256,
        (SELECT format FROM events WHERE evidence_id = ? LIMIT 1) AS format`,
    ).get(id, id, id) as { file: string | null; sha256: string | null; format: string | null };
    return { source_id: id, file: info.file ?? '', sha256: info.sha256 ?? '', format: info.format ?? '', count: n };
  });
  return {
    events: one('SELECT count(*) FROM events') ?? 0,
    withoutTime: one('SELECT count(*) FROM events WHERE ts IS NULL') ?? 0,
    first: first === null ? null : formatTs(first),
    last: last === null ? null : formatTs(last),
    bySource,
    byFormat: formatCounts(db, top),
    byHost: counts(db, 'host', top),
    byUser: counts(db, 'user', top),
    byAction: counts(db, 'action', top),
  };
}

/** Case overview: totals, time span, and the top values per source, format, host, user, action. */
export function getStats(db: Db, top = 20): Stats {
  const sig = signature(db);
  const hit = cache.get(db);
  if (hit && hit.sig === sig && hit.top === top) return hit.stats;
  const stats = compute(db, top);
  cache.set(db, { sig, top, stats });
  return stats;
}
