import type { Db } from '../open';
import type { ParsedEvent } from '../../ingest/types';

/** The event's identity in the case: which import, intake and evidence file it came from. */
export interface EventOrigin {
  importId: number;
  intakeId: number;
  evidenceId: number;
  format: string;
}

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

/**
 * Prepared statements that append events and their full-text rows. `insert` returns false
 * when an event with the same origin already exists (re-import of the same bytes).
 */
export function eventWriter(db: Db): { insert(origin: EventOrigin, e: ParsedEvent): boolean } {
  const ins = db.prepare(`INSERT OR IGNORE INTO events
    (import_id, intake_id, evidence_id, format, offset, length, record, ts, ts_desc, host, user, action, outcome,
     src_ip, dst_ip, resource, severity, message, attrs, flags)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const fts = db.prepare('INSERT INTO events_fts (rowid, message, fields) VALUES (?, ?, ?)');
  return {
    insert(o, e) {
      const attrs = e.attrs && Object.keys(e.attrs).length > 0 ? JSON.stringify(e.attrs) : null;
      const res = ins.run(
        o.importId,
        o.intakeId,
        o.evidenceId,
        o.format,
        e.offset ?? null,
        e.length ?? null,
        e.record ?? null,
        e.ts === null || e.ts === undefined ? null : Math.trunc(e.ts),
        e.ts_desc ?? null,
        e.host ?? null,
        e.user ?? null,
        e.action ?? null,
        e.outcome ?? null,
        e.src_ip ?? null,
        e.dst_ip ?? null,
        e.resource ?? null,
        e.severity ?? null,
        e.message,
        attrs,
        e.flags ?? 0,
      );
      if (res.changes === 0) return false;
      fts.run(res.lastInsertRowid, e.message, ftsFieldsText(e));
      return true;
    },
  };
}
