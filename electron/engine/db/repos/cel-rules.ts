import { createHash } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { writeTransaction, type Db } from '../open';
import { ledgerRepo } from './ledger';

export type CelSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface CelRuleRow {
  id: number;
  name: string;
  expression: string;
  severity: CelSeverity;
  description: string | null;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** What the ledger records of a rule: the expression itself (rules are not secret), its hash and length. */
const ledgerDetails = (r: CelRuleRow): Record<string, unknown> => ({
  name: r.name,
  expression: r.expression,
  sha256: createHash('sha256').update(r.expression).digest('hex'),
  length: r.expression.length,
  severity: r.severity,
  enabled: r.enabled === 1,
});

export function celRulesRepo(db: Db) {
  const byName = db.prepare('SELECT * FROM cel_rules WHERE name = ?');
  const byId = db.prepare('SELECT * FROM cel_rules WHERE id = ?');
  return {
    list(): CelRuleRow[] {
      return db.prepare('SELECT * FROM cel_rules ORDER BY name').all() as CelRuleRow[];
    },

    enabled(): CelRuleRow[] {
      return db.prepare('SELECT * FROM cel_rules WHERE enabled = 1 ORDER BY id').all() as CelRuleRow[];
    },

    /**
     * Saving under an existing name replaces that rule (same id); recorded in the custody ledger.
     * Save and delete read before they write, so they take the write lock first (IMMEDIATE).
     */
    save(r: { name: string; expression: string; severity: CelSeverity; description: string | null; enabled: boolean }, actor: string): CelRuleRow {
      const now = new Date().toISOString();
      return writeTransaction(db, () => {
        const before = byName.get(r.name) as CelRuleRow | undefined;
        if (before) {
          db.prepare('UPDATE cel_rules SET expression = ?, severity = ?, description = ?, enabled = ?, updated_at = ? WHERE id = ?').run(r.expression, r.severity, r.description, r.enabled ? 1 : 0, now, before.id);
        } else {
          db.prepare('INSERT INTO cel_rules (name, expression, severity, description, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(r.name, r.expression, r.severity, r.description, r.enabled ? 1 : 0, now, now);
        }
        const row = byName.get(r.name) as CelRuleRow;
        ledgerRepo(db).append({ actor, action: 'cel.save', subject: String(row.id), details: { ...ledgerDetails(row), replaced: before !== undefined } });
        return row;
      })();
    },

    delete(id: number, actor: string): boolean {
      return writeTransaction(db, () => {
        const row = byId.get(id) as CelRuleRow | undefined;
        if (!row) return false;
        db.prepare('DELETE FROM cel_rules WHERE id = ?').run(id);
        ledgerRepo(db).append({ actor, action: 'cel.delete', subject: String(id), details: ledgerDetails(row) });
        return true;
      })();
    },

    get(id: number): CelRuleRow {
      const row = byId.get(id) as CelRuleRow | undefined;
      if (!row) throw new AppError('not_found', `There is no CEL rule ${id} in this case.`);
      return row;
    },
  };
}
