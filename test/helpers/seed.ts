import path from 'node:path';
import { createCase, type CaseHandle } from '../../electron/engine/case/case-folder';
import { eventWriter } from '../../electron/engine/db/repos/events-write';
import { regroup, templateAssigner } from '../../electron/engine/detect/templates/case-templates';
import type { ParsedEvent } from '../../electron/engine/ingest/types';
import { tmpDir } from './tmp';

/**
 * A case with the given events inserted directly (no parsing), for search and stats tests.
 * Each event's origin is a fake evidence file; offsets default to the event's index.
 */
export function seedCase(events: ParsedEvent[], opts: { format?: string; file?: string } = {}): CaseHandle {
  const c = createCase(path.join(tmpDir(), 'case'), 'seeded');
  const now = new Date().toISOString();
  const db = c.db;
  const importId = Number(
    db.prepare("INSERT INTO imports (status, started_at, paths, options) VALUES ('running', ?, '[]', '{}')").run(now).lastInsertRowid,
  );
  const evidenceId = Number(
    db.prepare('INSERT INTO evidence (sha256, size, received_at) VALUES (?, 0, ?)').run('0'.repeat(64), now).lastInsertRowid,
  );
  const intakeId = Number(
    db.prepare('INSERT INTO intake (import_id, evidence_id, path, received_at) VALUES (?, ?, ?, ?)').run(importId, evidenceId, opts.file ?? 'seed.log', now)
      .lastInsertRowid,
  );
  const templates = templateAssigner(db);
  const w = eventWriter(db, templates);
  db.transaction(() => {
    events.forEach((e, i) => {
      w.insert({ importId, intakeId, evidenceId, sha256: '0'.repeat(64), format: opts.format ?? 'text' }, { offset: i, ...e });
    });
  })();
  templates.commit();
  regroup(db);
  db.prepare("UPDATE imports SET status = 'complete', finished_at = ? WHERE id = ?").run(now, importId);
  return c;
}
