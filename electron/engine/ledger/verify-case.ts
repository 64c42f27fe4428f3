import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open';
import { ledgerRepo } from '../db/repos/ledger';
import { contentOfRow, eventLeaf } from './event-leaf';
import { importEventsRoot } from './events-root';
import { checkLedger, type LedgerCheck } from './verify-ledger';

export interface CaseProblem {
  kind: 'ledger' | 'event' | 'import' | 'evidence' | 'tree-head';
  /** What is affected: ledger seq, event id, import id, evidence SHA-256 or tree head size. */
  ref: string;
  problem: string;
}

export interface CaseCheck {
  ok: boolean;
  ledger: LedgerCheck;
  events: number;
  evidenceFiles: number;
  problems: CaseProblem[];
}

const EVENT_PROBLEM_LIMIT = 1000;

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/** The ledger's last word on each import: the events it must hold (count and root). */
function expectedImports(db: Db): Map<number, { count: number; root: string | null; seq: number }> {
  const out = new Map<number, { count: number; root: string | null; seq: number }>();
  for (const e of ledgerRepo(db).all()) {
    if (e.action !== 'import.finish' && e.action !== 'import.rollback') continue;
    const d = JSON.parse(e.details) as { eventCount?: number; eventsRoot?: string };
    const id = Number(e.subject);
    if (e.action === 'import.rollback') out.set(id, { count: 0, root: null, seq: e.seq });
    else out.set(id, { count: d.eventCount ?? 0, root: d.eventsRoot ?? null, seq: e.seq });
  }
  return out;
}

/**
 * Recompute everything the case's integrity rests on and name what differs: each ledger
 * entry (content against its leaf hash, no gaps), each event (content against its stored
 * leaf, and each finished import's events against the root its ledger entry recorded), and
 * each evidence file (its bytes against its SHA-256).
 */
export async function checkCase(db: Db, caseDir: string): Promise<CaseCheck> {
  const problems: CaseProblem[] = [];
  const ledger = checkLedger(db);
  for (const p of ledger.problems) problems.push({ kind: 'ledger', ref: String(p.seq), problem: p.problem });

  let eventProblems = 0;
  let events = 0;
  const rows = db
    .prepare('SELECT e.*, v.sha256 FROM events e JOIN evidence v ON v.id = e.evidence_id ORDER BY e.id')
    .iterate() as IterableIterator<Parameters<typeof contentOfRow>[0] & { id: number; import_id: number; leaf: Buffer | null }>;
  for (const r of rows) {
    events++;
    if (r.leaf && eventLeaf(contentOfRow(r)).equals(r.leaf)) continue;
    if (eventProblems++ < EVENT_PROBLEM_LIMIT) {
      problems.push({ kind: 'event', ref: String(r.id), problem: `event ${r.id} (import #${r.import_id}) differs from what was imported` });
    }
  }
  if (eventProblems > EVENT_PROBLEM_LIMIT) {
    problems.push({ kind: 'event', ref: '*', problem: `${eventProblems - EVENT_PROBLEM_LIMIT} more changed events not listed` });
  }

  for (const [importId, want] of expectedImports(db)) {
    const have = importEventsRoot(db, importId);
    if (have.count !== want.count) {
      const what = have.count < want.count ? `${want.count - have.count} removed` : `${have.count - want.count} inserted`;
      problems.push({ kind: 'import', ref: String(importId), problem: `import #${importId} recorded ${want.count} events (ledger entry ${want.seq}); ${have.count} are there: ${what}` });
    } else if (want.root !== null && have.root !== want.root) {
      problems.push({ kind: 'import', ref: String(importId), problem: `the events of import #${importId} were changed or reordered since ledger entry ${want.seq}` });
    }
  }

  const evidence = db.prepare('SELECT sha256 FROM evidence ORDER BY id').pluck().all() as string[];
  for (const sha of evidence) {
    const file = path.join(caseDir, 'evidence', sha);
    if (!existsSync(file)) {
      problems.push({ kind: 'evidence', ref: sha, problem: `evidence file ${sha} is missing from evidence/` });
      continue;
    }
    const actual = await sha256File(file);
    if (actual !== sha) problems.push({ kind: 'evidence', ref: sha, problem: `evidence file ${sha} was changed (its SHA-256 is now ${actual})` });
  }
  const known = new Set(evidence);
  for (const e of ledgerRepo(db).all()) {
    if (e.action === 'evidence.receive' && e.subject && !known.has(e.subject)) {
      problems.push({ kind: 'evidence', ref: e.subject, problem: `ledger entry ${e.seq} received ${e.subject}, which the case no longer lists` });
    }
  }
  return { ok: problems.length === 0, ledger, events, evidenceFiles: evidence.length, problems };
}
