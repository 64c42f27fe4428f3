import os from 'node:os';
import { AppError } from '../../../../shared/errors';
import type { FileReceipt, ImportReceipt, ImportStatus, ImportSummary } from '../../../../shared/model';
import { writeTransaction, type Db } from '../open';
import { ledgerRepo } from './ledger';
import { importEventsRoot } from '../../ledger/events-root';
import type { RootBuilder } from '../../ledger/merkle-stream';

/** The first problems of a file listed in a receipt; `skipped` and `reasons` stay complete. */
export const RECEIPT_ERROR_LIMIT = 1000;

interface ImportRow {
  id: number;
  status: ImportStatus;
  started_at: string;
  finished_at: string | null;
  paths: string;
  options: string;
  pid: number | null;
  host: string | null;
  resume_of: number | null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function importsRepo(db: Db) {
  return {
    create(paths: string[], options: unknown, resumeOf: number | null, actor: string): number {
      return writeTransaction(db, () => {
        const id = Number(
          db
            .prepare('INSERT INTO imports (status, started_at, paths, options, pid, host, resume_of) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run('running', new Date().toISOString(), JSON.stringify(paths), JSON.stringify(options), process.pid, os.hostname(), resumeOf)
            .lastInsertRowid,
        );
        ledgerRepo(db).append({ actor, action: 'import.start', subject: String(id), details: { paths, options: options as Record<string, unknown>, resumeOf } });
        return id;
      })();
    },
    get(id: number): ImportRow {
      const row = db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportRow | undefined;
      if (!row) throw new AppError('not_found', `No import #${id} in this case.`);
      return row;
    },
    /**
     * Record an import's end (status, totals) and its custody entry in one transaction.
     * `written`: the leaves of every event the import added, in order, when the caller saw
     * them all (a completed import job); otherwise they are read back from the events.
     */
    finish(id: number, status: ImportStatus, actor: string, error?: string, written?: RootBuilder): void {
      writeTransaction(db, () => {
        db.prepare('UPDATE imports SET status = ?, finished_at = ?, error = ? WHERE id = ?').run(status, new Date().toISOString(), error ?? null, id);
        const totals = db
          .prepare('SELECT count(*) AS files, ifnull(sum(events), 0) AS events, ifnull(sum(skipped), 0) AS skipped FROM receipts WHERE import_id = ?')
          .get(id) as { files: number; events: number; skipped: number };
        // The root over this import's event leaves binds every event it wrote into the ledger.
        // The count check (from the import_id index) guards against a writer that missed one.
        const stored = () => db.prepare('SELECT count(*) FROM events WHERE import_id = ?').pluck().get(id) as number;
        const tree = written && written.size === stored() ? { count: written.size, root: written.root().toString('hex') } : importEventsRoot(db, id);
        ledgerRepo(db).append({
          actor,
          action: 'import.finish',
          subject: String(id),
          details: { status, ...totals, eventCount: tree.count, eventsRoot: tree.root, ...(error ? { error } : {}) },
        });
      })();
    },
    /** Only moves an import that is still 'running' (the worker may already have recorded its end). */
    finishIfRunning(id: number, status: ImportStatus, actor: string, error?: string): void {
      if ((db.prepare('SELECT status FROM imports WHERE id = ?').get(id) as { status?: string } | undefined)?.status !== 'running') return;
      this.finish(id, status, actor, error);
    },
    /**
     * Imports marked running whose process on this host is gone were killed mid-way: say so,
     * so the user can resume or roll them back. Returns their ids.
     */
    markInterrupted(isLocalJob: (importId: number) => boolean, actor: string): number[] {
      const rows = db.prepare("SELECT id, pid, host FROM imports WHERE status = 'running'").all() as ImportRow[];
      const ids: number[] = [];
      for (const r of rows) {
        if (r.host !== os.hostname()) continue;
        const mine = r.pid === process.pid;
        if ((mine && !isLocalJob(r.id)) || (!mine && (r.pid === null || !pidAlive(r.pid)))) {
          this.finishIfRunning(r.id, 'interrupted', actor, 'The import stopped before it finished (process ended).');
          ids.push(r.id);
        }
      }
      return ids;
    },
    list(): ImportSummary[] {
      const rows = db
        .prepare(`SELECT i.*, (SELECT count(*) FROM receipts r WHERE r.import_id = i.id) AS files,
                  (SELECT ifnull(sum(events), 0) FROM receipts r WHERE r.import_id = i.id) AS events
                  FROM imports i ORDER BY i.id`)
        .all() as (ImportRow & { files: number; events: number })[];
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        paths: JSON.parse(r.paths) as string[],
        events: r.events,
        files: r.files,
      }));
    },
    receipt(id: number): ImportReceipt {
      const imp = this.get(id);
      const rows = db
        .prepare(`SELECT r.*, n.path, e.sha256, e.size FROM receipts r JOIN intake n ON n.id = r.intake_id
                  JOIN evidence e ON e.id = r.evidence_id WHERE r.import_id = ? ORDER BY r.id`)
        .all(id) as {
        intake_id: number;
        path: string;
        sha256: string;
        size: number;
        format: string;
        events: number;
        skipped: number;
        truncated: number;
        duplicate: number;
        duration_ms: number;
        reasons: string;
      }[];
      const issues = db.prepare('SELECT location, reason FROM parse_issues WHERE intake_id = ? ORDER BY id LIMIT ?');
      const files: FileReceipt[] = rows.map((r) => ({
        path: r.path,
        sha256: r.sha256,
        size: r.size,
        format: r.format,
        events: r.events,
        skipped: r.skipped,
        truncated: r.truncated,
        duplicate: r.duplicate === 1,
        durationMs: r.duration_ms,
        errors: (issues.all(r.intake_id, RECEIPT_ERROR_LIMIT) as { location: string; reason: string }[]).map((i) => ({
          where: i.location,
          reason: i.reason,
        })),
        reasons: JSON.parse(r.reasons) as Record<string, number>,
      }));
      const refused = db.prepare('SELECT path, reason FROM refusals WHERE import_id = ? ORDER BY id').all(id) as { path: string; reason: string }[];
      return {
        importId: id,
        status: imp.status,
        files,
        refused,
        events: files.reduce((a, f) => a + f.events, 0),
        skipped: files.reduce((a, f) => a + f.skipped, 0),
      };
    },
    /** Remove the events an unfinished import wrote; its intake and receipts stay as history. */
    rollback(id: number, actor: string): number {
      const imp = this.get(id);
      if (!['interrupted', 'cancelled', 'failed'].includes(imp.status)) {
        throw new AppError('conflict', `Import #${id} is ${imp.status}; only an interrupted, cancelled or failed import can be rolled back.`);
      }
      return writeTransaction(db, () => {
        db.prepare('DELETE FROM events_fts WHERE rowid IN (SELECT id FROM events WHERE import_id = ?)').run(id);
        const n = db.prepare('DELETE FROM events WHERE import_id = ?').run(id).changes;
        db.prepare("UPDATE imports SET status = 'rolled_back', finished_at = ? WHERE id = ?").run(new Date().toISOString(), id);
        ledgerRepo(db).append({ actor, action: 'import.rollback', subject: String(id), details: { eventsRemoved: n, previousStatus: imp.status } });
        return n;
      })();
    },
  };
}
export type ImportsRepo = ReturnType<typeof importsRepo>;
