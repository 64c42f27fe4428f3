import { createHash } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { writeTransaction, type Db } from '../open';
import { ledgerRepo } from './ledger';

export type FindingStatus = 'open' | 'confirmed' | 'false_positive';

/** What a detector reports; the repo adds ids, the run, and the de-duplication key. */
export interface NewFinding {
  kind: 'sigma' | 'policy' | 'cel' | 'anomaly' | 'integrity';
  ruleId: string | null;
  rulePath: string | null;
  title: string;
  severity: string;
  explanation: string;
  remediation: string;
  eventIds: number[];
  firstTs: number | null;
  lastTs: number | null;
  details: Record<string, unknown>;
}

export interface FindingRow {
  id: number;
  run_id: number;
  kind: string;
  rule_id: string | null;
  rule_path: string | null;
  title: string;
  severity: string;
  explanation: string;
  remediation: string;
  event_count: number;
  first_ts: number | null;
  last_ts: number | null;
  details: string;
  status: FindingStatus;
  note: string | null;
  created_at: string;
}

/** Same detector, same rule, same events: the same finding (its status survives re-runs). */
function findingKey(f: NewFinding): string {
  const ids = [...f.eventIds].sort((a, b) => a - b);
  return createHash('sha256').update(JSON.stringify([f.kind, f.ruleId ?? f.rulePath, f.details.group ?? null, ids])).digest('hex');
}

export function findingsRepo(db: Db) {
  return {
    startRun(actor: string, sources: string[]): number {
      return Number(db.prepare('INSERT INTO detection_runs (started_at, actor, sources) VALUES (?, ?, ?)').run(new Date().toISOString(), actor, JSON.stringify(sources)).lastInsertRowid);
    },

    finishRun(runId: number, o: { rulesLoaded: number; rulesFailed: number; eventsScanned: number; errors: unknown[] }): void {
      db.prepare('UPDATE detection_runs SET finished_at = ?, rules_loaded = ?, rules_failed = ?, events_scanned = ?, errors = ? WHERE id = ?').run(
        new Date().toISOString(),
        o.rulesLoaded,
        o.rulesFailed,
        o.eventsScanned,
        JSON.stringify(o.errors),
        runId,
      );
    },

    /** Stores a finding unless the same one exists; returns its id and whether it is new. */
    add(runId: number, f: NewFinding): { id: number; isNew: boolean } {
      const key = findingKey(f);
      const existing = db.prepare("SELECT id FROM findings WHERE json_extract(details, '$.key') = ?").pluck().get(key) as number | undefined;
      if (existing !== undefined) return { id: existing, isNew: false };
      const id = Number(
        db
          .prepare(
            `INSERT INTO findings (run_id, kind, rule_id, rule_path, title, severity, explanation, remediation, event_count, first_ts, last_ts, details, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(runId, f.kind, f.ruleId, f.rulePath, f.title, f.severity, f.explanation, f.remediation, f.eventIds.length, f.firstTs, f.lastTs, JSON.stringify({ ...f.details, key }), new Date().toISOString())
          .lastInsertRowid,
      );
      const link = db.prepare('INSERT OR IGNORE INTO finding_events (finding_id, event_id) VALUES (?, ?)');
      for (const e of f.eventIds) link.run(id, e);
      return { id, isNew: true };
    },

    get(id: number): FindingRow {
      const row = db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
      if (!row) throw new AppError('not_found', `There is no finding ${id} in this case.`);
      return row;
    },

    eventIds(id: number, limit = 100_000): number[] {
      return db.prepare('SELECT event_id FROM finding_events WHERE finding_id = ? ORDER BY event_id LIMIT ?').pluck().all(id, limit) as number[];
    },

    list(o: { status?: FindingStatus; severity?: string; offset: number; limit: number }): { rows: FindingRow[]; total: number } {
      const where: string[] = [];
      const params: unknown[] = [];
      if (o.status) {
        where.push('status = ?');
        params.push(o.status);
      }
      if (o.severity) {
        where.push('severity = ?');
        params.push(o.severity);
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = db.prepare(`SELECT count(*) FROM findings ${w}`).pluck().get(...params) as number;
      const rows = db
        .prepare(
          `SELECT * FROM findings ${w} ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, id LIMIT ? OFFSET ?`,
        )
        .all(...params, o.limit, o.offset) as FindingRow[];
      return { rows, total };
    },

    /** The analyst's verdict, recorded in the custody ledger with the finding. */
    setStatus(id: number, status: FindingStatus, note: string | null, actor: string): FindingRow {
      const before = this.get(id);
      writeTransaction(db, () => {
        db.prepare('UPDATE findings SET status = ?, note = ? WHERE id = ?').run(status, note, id);
        ledgerRepo(db).append({ actor, action: 'finding.status', subject: String(id), details: { from: before.status, to: status, rule: before.rule_id, ...(note ? { note: createHash('sha256').update(note).digest('hex') } : {}) } });
      })();
      return this.get(id);
    },
  };
}
