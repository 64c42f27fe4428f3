import type { Db } from '../open';

/** What parsing one file produced, as its receipt records it. */
export interface ReceiptFigures {
  format: string;
  events: number;
  skipped: number;
  truncated: number;
  duplicate: boolean;
  durationMs: number;
  /** Problems counted by reason (complete even when the listed issues are capped). */
  reasons: Record<string, number>;
}

/** Append-only records of what was received and what became of it. */
export function intakeRepo(db: Db) {
  const findEvidence = db.prepare('SELECT id FROM evidence WHERE sha256 = ?');
  const addEvidence = db.prepare('INSERT INTO evidence (sha256, size, received_at) VALUES (?, ?, ?)');
  const addIntake = db.prepare('INSERT INTO intake (import_id, evidence_id, path, parent_id, received_at) VALUES (?, ?, ?, ?, ?)');
  const addIssue = db.prepare('INSERT INTO parse_issues (import_id, intake_id, location, reason) VALUES (?, ?, ?, ?)');
  const addRefusal = db.prepare('INSERT INTO refusals (import_id, path, reason, created_at) VALUES (?, ?, ?, ?)');
  const addReceipt = db.prepare(`INSERT INTO receipts
    (import_id, intake_id, evidence_id, format, options, events, skipped, truncated, duplicate, duration_ms, reasons, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // A file counts as imported once a receipt exists for it in an import that was not rolled back.
  const priorReceipt = db.prepare(`SELECT r.import_id AS importId, r.format AS format FROM receipts r
    JOIN imports i ON i.id = r.import_id
    WHERE r.evidence_id = ? AND r.duplicate = 0 AND i.status <> 'rolled_back' ORDER BY r.id LIMIT 1`);
  const countEvents = db.prepare('SELECT count(*) AS n FROM events WHERE evidence_id = ?');

  return {
    /** The evidence row for a hash, created on first receipt. */
    ensureEvidence(sha256: string, size: number): number {
      const row = findEvidence.get(sha256) as { id: number } | undefined;
      if (row) return row.id;
      return Number(addEvidence.run(sha256, size, new Date().toISOString()).lastInsertRowid);
    },
    addIntake(importId: number, evidenceId: number, displayPath: string, parentId: number | null): number {
      return Number(addIntake.run(importId, evidenceId, displayPath, parentId, new Date().toISOString()).lastInsertRowid);
    },
    addIssue(importId: number, intakeId: number, location: string, reason: string): void {
      addIssue.run(importId, intakeId, location, reason);
    },
    addRefusal(importId: number, path: string, reason: string): void {
      addRefusal.run(importId, path, reason, new Date().toISOString());
    },
    addReceipt(r: ReceiptFigures & { importId: number; intakeId: number; evidenceId: number; options: unknown }): void {
      addReceipt.run(
        r.importId,
        r.intakeId,
        r.evidenceId,
        r.format,
        JSON.stringify(r.options),
        r.events,
        r.skipped,
        r.truncated,
        r.duplicate ? 1 : 0,
        r.durationMs,
        JSON.stringify(r.reasons),
        new Date().toISOString(),
      );
    },
    priorImport(evidenceId: number): { importId: number; format: string } | undefined {
      return priorReceipt.get(evidenceId) as { importId: number; format: string } | undefined;
    },
    eventsOf(evidenceId: number): number {
      return (countEvents.get(evidenceId) as { n: number }).n;
    },
  };
}
export type IntakeRepo = ReturnType<typeof intakeRepo>;
