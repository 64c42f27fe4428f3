import { AppError } from '../../../shared/errors';
import type { AuditEvent } from '../../../shared/model';
import type { Db } from '../db/open';
import { eventRowById, eventsByIds, rowToEvent } from '../db/repos/events-read';

/**
 * "Show context": the events just before and after one event in the same evidence file, in
 * file order. A file's events are written by one import in file order, so id order within
 * (import, evidence file) is file order; the import index bounds the scan.
 */
export function eventContext(db: Db, id: number, before: number, after: number): { before: AuditEvent[]; event: AuditEvent; after: AuditEvent[] } {
  const row = eventRowById(db, id);
  if (!row) throw new AppError('not_found', `There is no event ${id} in this case.`, { eventId: id });
  const importId = db.prepare('SELECT import_id FROM events WHERE id = ?').pluck().get(id) as number;
  const near = (op: '<' | '>', n: number) =>
    n === 0
      ? []
      : (db
          .prepare(`SELECT id FROM events WHERE import_id = ? AND evidence_id = ? AND id ${op} ? ORDER BY id ${op === '<' ? 'DESC' : 'ASC'} LIMIT ?`)
          .pluck()
          .all(importId, row.evidence_id, id, n) as number[]);
  return { before: eventsByIds(db, near('<', before).reverse()), event: rowToEvent(row), after: eventsByIds(db, near('>', after)) };
}
