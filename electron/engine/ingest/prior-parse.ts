import type { Db } from '../db/open';

/**
 * The import that already parsed this evidence's content, if any. Like intakeRepo.priorImport,
 * but an inventory receipt does not count: an inventory records a file's metadata without
 * reading its content, so the same bytes imported later as logs must still be parsed.
 * (Kept here rather than in db/repos/intake.ts, which another change owns; it belongs there.)
 */
export function priorParse(db: Db, evidenceId: number): { importId: number; format: string } | undefined {
  return db
    .prepare(
      `SELECT r.import_id AS importId, r.format AS format FROM receipts r JOIN imports i ON i.id = r.import_id
       WHERE r.evidence_id = ? AND r.duplicate = 0 AND r.format <> 'inventory' AND i.status <> 'rolled_back' ORDER BY r.id LIMIT 1`,
    )
    .get(evidenceId) as { importId: number; format: string } | undefined;
}
