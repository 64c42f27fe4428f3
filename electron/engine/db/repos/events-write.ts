import type { Db } from '../open';
import type { ParsedEvent } from '../../ingest/types';
import { eventLeaf, type EventContent, type EventValues } from '../../ledger/event-leaf';
import type { TemplateAssigner } from '../../detect/templates/case-templates';
import type { RootBuilder } from '../../ledger/merkle-stream';
import { templateShape } from '../../detect/templates/tokenize';

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

/**
 * An event made ready to store, by work that needs no database (so it can run on another
 * thread): the events row's values after `format` (the leaf hash covers exactly these),
 * then the full-text field values and the message's template shape. Plain JSON values.
 */
export type PreparedRow = [...values: EventValues, ftsFields: string, shape: string];

/** Positions in a PreparedRow. */
export const ROW = { message: 13, attrs: 14, ftsFields: 16, shape: 17 } as const;

export interface PreparedEvent {
  row: PreparedRow;
  /** The event's Merkle leaf hash (32 bytes) over the evidence hash, the format and the values. */
  leaf: Buffer;
}

/** Normalize one parsed event into its stored values, leaf hash, full-text fields and shape. */
export function prepareEvent(sha256: string, format: string, e: ParsedEvent): PreparedEvent {
  const message = e.message.toWellFormed();
  const content: EventContent = [
    sha256,
    format,
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
    message,
    e.attrs && Object.keys(e.attrs).length > 0 ? JSON.stringify(e.attrs) : null,
    e.flags ?? 0,
  ];
  const leaf = eventLeaf(content);
  const [, , ...values] = content;
  return { row: [...values, ftsFieldsText(e), templateShape(message)], leaf };
}

export interface EventWriter {
  /** False when an event with the same origin already exists (re-import of the same bytes). */
  insert(origin: EventOrigin, e: ParsedEvent): boolean;
  /** The same for an event prepared beforehand (see prepareEvent) with this origin's hash and format. */
  insertPrepared(origin: EventOrigin, p: PreparedEvent): boolean;
}

/**
 * Prepared statements that append events, their full-text rows and (when an assigner is
 * given, as every import does) their log template. `written`, when given, takes the leaf of
 * every event added, in the order added (which is id order): an import's events root.
 */
export function eventWriter(db: Db, templates: TemplateAssigner | null, written: RootBuilder | null = null): EventWriter {
  const ins = db.prepare(`INSERT OR IGNORE INTO events
    (import_id, intake_id, evidence_id, format, offset, length, record, ts, ts_desc, host, user, action, outcome,
     src_ip, dst_ip, resource, severity, message, attrs, flags, leaf)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const fts = db.prepare('INSERT INTO events_fts (rowid, message, fields) VALUES (?, ?, ?)');
  const insertPrepared = (o: EventOrigin, { row: r, leaf }: PreparedEvent): boolean => {
    const res = ins.run(o.importId, o.intakeId, o.evidenceId, o.format, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15], leaf);
    if (res.changes === 0) return false;
    const id = Number(res.lastInsertRowid);
    fts.run(id, r[ROW.message], r[ROW.ftsFields]);
    templates?.assignShape(id, r[ROW.shape]);
    written?.add(leaf);
    return true;
  };
  return {
    insert: (o, e) => insertPrepared(o, prepareEvent(o.sha256, o.format, e)),
    insertPrepared,
  };
}
