import type { Db } from '../db/open';
import { FTS_FIELD_CAP } from '../db/repos/events-write';
import { distinctValues, indexedColumns } from './index-values';
import { stmt } from './stmt-cache';


/** The order in which events-write puts values into the `fields` column; attrs come last. */
const ORDER = ['host', 'user', 'action', 'outcome', 'src_ip', 'dst_ip', 'resource', 'severity'];
/** The columns that lead the `fields` text. */
const LEAD = ['host', 'user', 'action'];
/** Separators between values, plus one: the bound must stay below the cap with room to spare. */
const LIMIT = FTS_FIELD_CAP - ORDER.length - 2;

const bytes = (cols: string[]): string => cols.map((c) => `ifnull(octet_length(${c}), 0)`).join(' + ');
const SCANS = {
  normalized: `max(${bytes(ORDER)})`,
  attrs: `max(${bytes(ORDER)} + ifnull(octet_length(attrs), 0))`,
};
type ScanKind = keyof typeof SCANS;

interface ScanState {
  upTo: number;
  max: number;
}
const scans = new WeakMap<Db, { sig: number; kinds: Partial<Record<ScanKind, ScanState>>; lead?: { key: string; max: number | null } }>();

function state(db: Db) {
  // Ids are reused only after a rollback deleted the newest events: a new rollback resets.
  const sig = stmt(db, "SELECT count(*) FROM imports WHERE status = 'rolled_back'", 'pluck').get() as number;
  let s = scans.get(db);
  if (!s || s.sig !== sig) {
    s = { sig, kinds: {} };
    scans.set(db, s);
  }
  return s;
}

/** Largest bound over all events, scanning only events added since the last call. */
function scanMax(db: Db, kind: ScanKind): number {
  const s = state(db);
  const prev = s.kinds[kind] ?? { upTo: 0, max: 0 };
  const r = stmt(db, `SELECT max(id) AS hi, ${SCANS[kind]} AS m FROM events WHERE id > ?`).get(prev.upTo) as { hi: number | null; m: number | null };
  const next = r.hi === null ? prev : { upTo: r.hi, max: Math.max(prev.max, r.m ?? 0) };
  s.kinds[kind] = next;
  return next.max;
}

/**
 * host, user and action lead the `fields` text and have indexes: the longest distinct value
 * of each, read by skipping through the index, bounds them without a table scan.
 */
function leadMax(db: Db): number | null {
  const s = state(db);
  const key = String(stmt(db, 'SELECT max(id) FROM events', 'pluck').get());
  if (s.lead?.key === key) return s.lead.max;
  let total: number | null = 0;
  for (const col of LEAD) {
    const values = distinctValues(db, col, null);
    if (values === null) {
      total = null;
      break;
    }
    total += values.reduce((m, v) => Math.max(m, Buffer.byteLength(v)), 0);
  }
  s.lead = { key, max: total };
  return total;
}

/**
 * Whether every event's value of `field` (a normalized column, or `attrs` for any attribute)
 * is completely in the `fields` full-text column, so that an FTS match can pre-filter a
 * field search without losing events. Values past the cap are not indexed; using the index
 * for them would silently drop matches, which an audit tool must not do. The bounds are
 * conservative (UTF-8 bytes >= UTF-16 length; attrs JSON is longer than its values plus
 * separators). A table scan is needed for the later columns and attrs: it runs once per
 * connection, then only over new events.
 */
export function ftsHoldsField(db: Db, field: string): boolean {
  if (LEAD.includes(field) && LEAD.every((c) => indexedColumns(db).has(c))) {
    const lead = leadMax(db);
    if (lead !== null) return lead <= LIMIT;
  }
  return scanMax(db, ORDER.includes(field) ? 'normalized' : 'attrs') <= LIMIT;
}
