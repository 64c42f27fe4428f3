import type { Db } from '../../db/open';

/** One registered file: a checksums event. */
export interface ManifestEntry {
  eventId: number;
  sha256: string;
  path: string | null;
  name: string | null;
}

/** One file of an inventory: an inventory event. */
export interface InventoryFile {
  eventId: number;
  importId: number;
  intakeId: number;
  ts: number | null;
  path: string;
  root: string;
  relative: string;
  sha256: string;
  size: number;
}

interface AttrRow {
  id: number;
  attrs: string | null;
}

const parse = (s: string | null): Record<string, unknown> => {
  try {
    return s ? (JSON.parse(s) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Reads for manifest comparison; every query goes through an index (receipts are few, events by origin). */
export function manifestQueries(db: Db) {
  const entriesOf = db.prepare("SELECT id, attrs FROM events WHERE evidence_id = ? AND format = 'checksums' ORDER BY id");
  const inventoryEvent = db.prepare("SELECT id, ts, attrs FROM events WHERE evidence_id = ? AND ifnull(offset, -1) = 0 AND ifnull(record, -1) = ? AND format = 'inventory'");
  return {
    /** Evidence files imported as checksum manifests (by this import, or in the whole case). */
    manifestEvidence(importId?: number): number[] {
      const sql = `SELECT DISTINCT r.evidence_id FROM receipts r JOIN imports i ON i.id = r.import_id
        WHERE r.format = 'checksums' AND i.status IN ('complete', 'running')${importId !== undefined ? ' AND r.import_id = ?' : ''} ORDER BY r.evidence_id`;
      return db.prepare(sql).pluck().all(...(importId !== undefined ? [importId] : [])) as number[];
    },
    /** The name a manifest was received under, and its first intake record. */
    manifestSource(evidenceId: number): { intakeId: number; path: string; sha256: string } | undefined {
      return db
        .prepare('SELECT n.id AS intakeId, n.path AS path, v.sha256 AS sha256 FROM intake n JOIN evidence v ON v.id = n.evidence_id WHERE n.evidence_id = ? ORDER BY n.id LIMIT 1')
        .get(evidenceId) as { intakeId: number; path: string; sha256: string } | undefined;
    },
    entries(evidenceId: number): ManifestEntry[] {
      const out: ManifestEntry[] = [];
      for (const r of entriesOf.all(evidenceId) as AttrRow[]) {
        const a = parse(r.attrs);
        const sha = str(a.sha256);
        if (sha) out.push({ eventId: r.id, sha256: sha, path: str(a.path), name: str(a.name) });
      }
      return out;
    },
    /** Inventory files of finished imports (and the running one), optionally of one import only. */
    inventory(importId?: number): InventoryFile[] {
      const sql = `SELECT r.import_id AS importId, r.intake_id AS intakeId, r.evidence_id AS evidenceId FROM receipts r JOIN imports i ON i.id = r.import_id
        WHERE r.format = 'inventory' AND i.status IN ('complete', 'running')${importId !== undefined ? ' AND r.import_id = ?' : ''} ORDER BY r.id`;
      const rows = db.prepare(sql).all(...(importId !== undefined ? [importId] : [])) as { importId: number; intakeId: number; evidenceId: number }[];
      const out: InventoryFile[] = [];
      for (const r of rows) {
        const e = inventoryEvent.get(r.evidenceId, r.intakeId) as (AttrRow & { ts: number | null }) | undefined;
        if (!e) continue;
        const a = parse(e.attrs);
        const p = str(a.path);
        const root = str(a.root);
        const relative = str(a.relative);
        const sha = str(a.sha256);
        if (p === null || root === null || relative === null || sha === null) continue;
        out.push({ eventId: e.id, importId: r.importId, intakeId: r.intakeId, ts: e.ts, path: p, root, relative, sha256: sha, size: Number(a.size ?? 0) });
      }
      return out;
    },
    /** Files received anywhere in the case (any format), with the path they were received under. */
    received(): { intakeId: number; evidenceId: number; path: string; sha256: string }[] {
      return db
        .prepare(
          `SELECT n.id AS intakeId, n.evidence_id AS evidenceId, n.path AS path, v.sha256 AS sha256 FROM intake n JOIN evidence v ON v.id = n.evidence_id
           JOIN imports i ON i.id = n.import_id WHERE i.status IN ('complete', 'running') ORDER BY n.id`,
        )
        .all() as { intakeId: number; evidenceId: number; path: string; sha256: string }[];
    },
    /** The intake record an import's receipt for this evidence names. */
    receiptIntake(importId: number, evidenceId: number): number | undefined {
      return db.prepare('SELECT intake_id FROM receipts WHERE import_id = ? AND evidence_id = ? ORDER BY id LIMIT 1').pluck().get(importId, evidenceId) as number | undefined;
    },
    /** One event of an evidence file (to link a finding to what was received), if it has any. */
    anyEventOf(evidenceId: number): number | null {
      return (db.prepare('SELECT id FROM events WHERE evidence_id = ? ORDER BY id LIMIT 1').pluck().get(evidenceId) as number | undefined) ?? null;
    },
  };
}
