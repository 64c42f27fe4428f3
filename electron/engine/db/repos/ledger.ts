import { leafHash } from '../../ledger/merkle';
import type { Db } from '../open';

/** What the ledger records about one action. `details` is stored as canonical JSON text. */
export interface LedgerInput {
  actor: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

/** A ledger row as stored. */
export interface LedgerRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  leaf_hash: string;
}

/** JSON with object keys sorted at every level, so the same details always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The bytes a ledger entry's leaf hash covers: every column but the hash, in a fixed order. */
export function entryBytes(e: Omit<LedgerRow, 'leaf_hash'>): string {
  return JSON.stringify([e.seq, e.at, e.actor, e.action, e.subject, e.details]);
}

export function ledgerRepo(db: Db) {
  const next = db.prepare('SELECT ifnull(max(seq), 0) + 1 AS seq FROM ledger');
  const insert = db.prepare('INSERT INTO ledger (seq, at, actor, action, subject, details, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    /**
     * Append one entry. Call inside the transaction that performs the recorded action, so
     * the action and its record commit or fail together.
     */
    append(input: LedgerInput): LedgerRow {
      const row = {
        seq: (next.get() as { seq: number }).seq,
        at: new Date().toISOString(),
        actor: input.actor,
        action: input.action,
        subject: input.subject ?? null,
        details: canonicalJson(input.details ?? {}),
      };
      const hash = leafHash(entryBytes(row)).toString('hex');
      insert.run(row.seq, row.at, row.actor, row.action, row.subject, row.details, hash);
      return { ...row, leaf_hash: hash };
    },
    list(offset = 0, limit = 1000): LedgerRow[] {
      return db.prepare('SELECT * FROM ledger ORDER BY seq LIMIT ? OFFSET ?').all(limit, offset) as LedgerRow[];
    },
    all(): LedgerRow[] {
      return db.prepare('SELECT * FROM ledger ORDER BY seq').all() as LedgerRow[];
    },
  };
}
export type LedgerRepo = ReturnType<typeof ledgerRepo>;
