import { z } from 'zod';
import { eventSchema, originSchema, type AuditEvent } from '../../../../shared/model';
import type { Db } from '../../db/open';
import { rowToEvent, type EventRow } from '../../db/repos/events-read';
import type { EventContent } from '../../ledger/event-leaf';

/**
 * One line of events.jsonl: every normalized field, the evidence file's hash and the event's
 * place in it, and the analyst's work on it. With `ts_us`, `flags` and (when needed)
 * `attrs_json`, the line holds exactly what the event's Merkle leaf covers, so a verifier
 * can recompute the leaf from the line alone.
 */
export const exportedEventSchema = eventSchema
  .pick({ id: true, ts: true, ts_desc: true, host: true, user: true, action: true, outcome: true, src_ip: true, dst_ip: true, resource: true, severity: true, message: true, attrs: true, format: true })
  .extend({
    import: z.number().int(),
    ts_us: z.number().int().nullable(),
    /** The stored attrs text, present only when it is not JSON.stringify(attrs) (or null for {}). */
    attrs_json: z.string().nullable().optional(),
    flags: z.number().int(),
    source: originSchema,
    starred: z.boolean(),
    tags: z.array(z.string()),
    notes: z.array(z.object({ at: z.string(), actor: z.string(), text: z.string() })),
  });
export type ExportedEvent = z.infer<typeof exportedEventSchema>;

/** The attrs text the leaf covers, as the writer would have stored these attrs. */
function attrsText(attrs: Record<string, unknown>): string | null {
  return Object.keys(attrs).length > 0 ? JSON.stringify(attrs) : null;
}

/** The leaf content of an exported line (inverse of how the line was made from the row). */
export function contentOfExported(e: ExportedEvent): EventContent {
  const attrs = e.attrs_json !== undefined ? e.attrs_json : attrsText(e.attrs);
  return [e.source.sha256, e.format, e.source.offset, e.source.length, e.source.record, e.ts_us, e.ts_desc, e.host, e.user, e.action, e.outcome, e.src_ip, e.dst_ip, e.resource, e.severity, e.message, attrs, e.flags];
}

interface FullRow extends EventRow {
  import_id: number;
  flags: number;
  leaf: Buffer | null;
}

export interface SelectedEvent {
  row: FullRow;
  event: AuditEvent;
  starred: boolean;
  tags: string[];
  notes: { at: string; actor: string; text: string }[];
}

/** Reads the selected events in the given order, in chunks, with their annotations. */
export function* readSelected(db: Db, ids: number[], chunk = 2000): Generator<SelectedEvent> {
  const select = db.prepare(`SELECT e.id, e.ts, e.ts_desc, e.evidence_id, e.format, e.host, e.user, e.action, e.outcome, e.src_ip,
    e.dst_ip, e.resource, e.severity, e.message, e.attrs, e.offset, e.length, e.record, e.import_id, e.flags, e.leaf,
    i.path AS file, v.sha256
    FROM events e LEFT JOIN intake i ON i.id = e.intake_id LEFT JOIN evidence v ON v.id = e.evidence_id
    WHERE e.id IN (SELECT value FROM json_each(?))`);
  const stars = db.prepare('SELECT event_id FROM stars WHERE event_id IN (SELECT value FROM json_each(?))').pluck();
  const tags = db.prepare('SELECT event_id, tag FROM event_tags WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY at, tag');
  const notes = db.prepare('SELECT event_id, at, actor, text FROM notes WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id');
  for (let i = 0; i < ids.length; i += chunk) {
    const part = JSON.stringify(ids.slice(i, i + chunk));
    const rows = new Map((select.all(part) as FullRow[]).map((r) => [r.id, r]));
    const starred = new Set(stars.all(part) as number[]);
    const tagsOf = new Map<number, string[]>();
    for (const t of tags.all(part) as { event_id: number; tag: string }[]) tagsOf.set(t.event_id, [...(tagsOf.get(t.event_id) ?? []), t.tag]);
    const notesOf = new Map<number, SelectedEvent['notes']>();
    for (const n of notes.all(part) as { event_id: number; at: string; actor: string; text: string }[]) {
      notesOf.set(n.event_id, [...(notesOf.get(n.event_id) ?? []), { at: n.at, actor: n.actor, text: n.text }]);
    }
    for (const id of ids.slice(i, i + chunk)) {
      const row = rows.get(id);
      if (!row) continue;
      yield { row, event: rowToEvent(row), starred: starred.has(id), tags: tagsOf.get(id) ?? [], notes: notesOf.get(id) ?? [] };
    }
  }
}

/** The events.jsonl line for an event (already masked, when masking). */
export function exportedEvent(s: SelectedEvent, e: AuditEvent, notes: SelectedEvent['notes']): ExportedEvent {
  const out: ExportedEvent = {
    id: s.row.id,
    import: s.row.import_id,
    ts: e.ts,
    ts_us: s.row.ts,
    ts_desc: e.ts_desc,
    host: e.host,
    user: e.user,
    action: e.action,
    outcome: e.outcome,
    src_ip: e.src_ip,
    dst_ip: e.dst_ip,
    resource: e.resource,
    severity: e.severity,
    message: e.message,
    attrs: e.attrs,
    format: e.format,
    flags: s.row.flags,
    source: { file: e.origin.file, sha256: e.origin.sha256, offset: e.origin.offset, length: e.origin.length, record: e.origin.record },
    starred: s.starred,
    tags: s.tags,
    notes,
  };
  if (e === s.event && attrsText(e.attrs) !== s.row.attrs) out.attrs_json = s.row.attrs;
  return out;
}

const CSV_COLUMNS = ['id', 'ts', 'host', 'user', 'action', 'outcome', 'src_ip', 'dst_ip', 'resource', 'severity', 'message', 'format', 'source_file', 'source_sha256', 'offset', 'length', 'record', 'starred', 'tags', 'attrs'] as const;

/**
 * A spreadsheet opens a cell starting with = + - @ (or a tab/CR) as a formula: log content
 * must never run in the analyst's spreadsheet. Such cells get a leading apostrophe;
 * events.jsonl keeps the exact values.
 */
function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = CSV_COLUMNS.join(',') + '\r\n';

export function csvLine(e: ExportedEvent): string {
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: e.id,
    ts: e.ts,
    host: e.host,
    user: e.user,
    action: e.action,
    outcome: e.outcome,
    src_ip: e.src_ip,
    dst_ip: e.dst_ip,
    resource: e.resource,
    severity: e.severity,
    message: e.message,
    format: e.format,
    source_file: e.source.file,
    source_sha256: e.source.sha256,
    offset: e.source.offset,
    length: e.source.length,
    record: e.source.record,
    starred: e.starred,
    tags: e.tags.join(' '),
    attrs: Object.keys(e.attrs).length > 0 ? e.attrs : null,
  };
  return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',') + '\r\n';
}
