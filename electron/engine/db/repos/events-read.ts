import type { AuditEvent } from '../../../../shared/model';
import { formatTs } from '../../search/time-parse';
import type { Db } from '../open';

/** An events row joined with its intake (file name) and evidence (hash). */
export interface EventRow {
  id: number;
  ts: number | null;
  ts_desc: string | null;
  evidence_id: number;
  format: string;
  host: string | null;
  user: string | null;
  action: string | null;
  outcome: string | null;
  src_ip: string | null;
  dst_ip: string | null;
  resource: string | null;
  severity: string | null;
  message: string;
  attrs: string | null;
  offset: number | null;
  length: number | null;
  record: number | null;
  file: string | null;
  sha256: string | null;
}

const SELECT = `SELECT e.id, e.ts, e.ts_desc, e.evidence_id, e.format, e.host, e.user, e.action, e.outcome, e.src_ip,
  e.dst_ip, e.resource, e.severity, e.message, e.attrs, e.offset, e.length, e.record, i.path AS file, v.sha256
  FROM events e LEFT JOIN intake i ON i.id = e.intake_id LEFT JOIN evidence v ON v.id = e.evidence_id`;

function parseAttrs(json: string | null): Record<string, unknown> {
  if (json === null) return {};
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    // attrs are written by JSON.stringify; a damaged value must still not hide the event.
    return { _attrs_unparsed: json };
  }
}

/** Row → the AuditEvent clients receive (ts as ISO with microseconds, attrs parsed, origin). */
export function rowToEvent(r: EventRow): AuditEvent {
  return {
    id: r.id,
    ts: r.ts === null ? null : formatTs(r.ts),
    ts_desc: r.ts_desc,
    source_id: r.evidence_id,
    format: r.format,
    host: r.host,
    user: r.user,
    action: r.action,
    outcome: r.outcome,
    src_ip: r.src_ip,
    dst_ip: r.dst_ip,
    resource: r.resource,
    severity: r.severity,
    message: r.message,
    attrs: parseAttrs(r.attrs),
    origin: { sha256: r.sha256 ?? '', file: r.file ?? '', offset: r.offset, length: r.length, record: r.record },
  };
}

/** Events by id, in the order of `ids` (missing ids are skipped). */
export function eventsByIds(db: Db, ids: number[]): AuditEvent[] {
  if (ids.length === 0) return [];
  const rows = db.prepare(`${SELECT} WHERE e.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as EventRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: AuditEvent[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (r) out.push(rowToEvent(r));
  }
  return out;
}

/** One event row by id, or null. */
export function eventRowById(db: Db, id: number): EventRow | null {
  return (db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as EventRow | undefined) ?? null;
}
