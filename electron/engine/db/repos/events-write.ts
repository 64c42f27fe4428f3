import type { Db } from '../open';
import type { ParsedEvent } from '../../ingest/types';
import { eventLeaf, type EventContent } from '../../ledger/event-leaf';
import type { TemplateAssigner } from '../../detect/templates/case-templates';

/** The event's identity in the case: which import, intake and evidence file it came from. */
export interface EventOrigin {
  importId: number;
  intakeId: number;
  evidenceId: number;
  /** SHA-256 of the evidence file (part of every event's leaf hash). */
  sha256: string;
  format: string;
}

/** SQLite stores text as UTF-8: a lone surrogate would read back changed, so fix it first. */
const wf = (s: string | null | undefined): string | null => (s === null || s === undefined ? null : s.toWellFormed());

/** Characters of field values an event's `fields` full-text column holds (search/fts-safety reads it). */
export const FTS_FIELD_CAP = 4096;

/** Text indexed for free-text search besides the message: field values, so `root` finds user=root. */
export function ftsFieldsText(e: ParsedEvent): string {
  let s = '';
  const add = (v: unknown): void => {
    if (v === null || v === undefined || v === '') return;
    if (s.length >= FTS_FIELD_CAP) return;
    s += (s ? ' ' : '') + (typeof v === 'string' ? v : JSON.stringify(v));
  };
  add(e.host);
  add(e.user);
  add(e.action);
  add(e.outcome);
  add(e.src_ip);
  add(e.dst_ip);
  add(e.resource);
  add(e.severity);
  if (e.attrs) for (const k in e.attrs) add(e.attrs[k]);
  return s.length > FTS_FIELD_CAP ? s.slice(0, FTS_FIELD_CAP) : s;
}

export interface EventWriter {
  /** False when an event with the same origin already exists (re-import of the same bytes). */
  insert(origin: EventOrigin, e: ParsedEvent): boolean;
}

/**
 * Prepared statements that append events, their full-text rows and (when an assigner is
 * given, as every import does) their log template.
 */
export function eventWriter(db: Db, templates: TemplateAssigner | null): EventWriter {
  const ins = db.prepare(`INSERT OR IGNORE INTO events
    (import_id, intake_id, evidence_id, format, offset, length, record, ts, ts_desc, host, user, action, outcome,
     src_ip, dst_ip, resource, severity, message, attrs, flags, leaf)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const fts = db.prepare('INSERT INTO events_fts (rowid, message, fields) VALUES (?, ?, ?)');
  return {
    insert(o, e) {
      const attrs = e.attrs && Object.keys(e.attrs).length > 0 ? JSON.stringify(e.attrs) : null;
      const content: EventContent = [
        o.sha256,
        o.format,
        e.offset ?? null,
        e.length ?? null,
        e.record ?? null,
        e.ts === null || e.ts === undefined ? null : Math.trunc(e.ts),
        wf(e.ts_desc),
        wf(e.host),
        wf(e.user),
        wf(e.action),
        wf(e.outcome),
        wf(e.src_ip),
        wf(e.dst_ip),
        wf(e.resource),
        wf(e.severity),
        e.message.toWellFormed(),
        attrs,
        e.flags ?? 0,
      ];
      const [, format, ...fields] = content;
      const res = ins.run(o.importId, o.intakeId, o.evidenceId, format, ...fields, eventLeaf(content));
      if (res.changes === 0) return false;
      fts.run(res.lastInsertRowid, content[15], ftsFieldsText(e));
      templates?.assign(Number(res.lastInsertRowid), content[15]);
      return true;
    },
  };
}
