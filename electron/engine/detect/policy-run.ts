import type { Db } from '../db/open';
import type { NewFinding } from '../db/repos/findings';
import { formatTs } from '../search/time-parse';
import { manifestQueries } from './manifest/manifest-queries';
import { loadPolicy, type LoadedPolicy, type PolicyAudit, type PolicyViolation } from './policy/index';

/** A policy audit as stored per detection run (policy.runs). */
export interface PolicyRunRow {
  id: number;
  runId: number;
  policy: string;
  file: string;
  sha256: string;
  verdict: 'isolated' | 'violations';
  critical: number;
  warning: number;
  info: number;
  summary: string;
  createdAt: string;
}

const SEVERITY: Record<PolicyViolation['severity'], string> = { CRITICAL: 'critical', WARNING: 'medium', INFO: 'info' };

/**
 * The files whose real SHA-256 the case knows: every inventory entry, and every file received
 * as evidence under the name it came with (linked to one of its events).
 */
export function knownChecksums(db: Db): { eventId: number; path: string; sha256: string }[] {
  const q = manifestQueries(db);
  const out = q.inventory().map((f) => ({ eventId: f.eventId, path: f.path, sha256: f.sha256 }));
  for (const r of q.received()) {
    const eventId = q.anyEventOf(r.evidenceId);
    if (eventId !== null) out.push({ eventId, path: r.path, sha256: r.sha256 });
  }
  return out;
}

/** One finding per violation: the severity mapped to the findings scale, the rest as reported. */
export function violationFinding(audit: PolicyAudit, file: string, v: PolicyViolation): NewFinding {
  const who = v.principal ?? 'an unknown principal';
  const what = v.dataset ?? v.resources[0] ?? 'an undeclared resource';
  const when = v.firstTs !== null ? ` (${formatTs(v.firstTs)}${v.lastTs !== null && v.lastTs !== v.firstTs ? ` to ${formatTs(v.lastTs)}` : ''})` : '';
  return {
    kind: 'policy',
    ruleId: `policy:${audit.policy}:${v.type}`,
    rulePath: file,
    title: `${v.type.replace(/_/g, ' ')}: ${who} / ${what}`,
    severity: SEVERITY[v.severity],
    explanation: `${v.explanation}${when} Policy "${audit.policy}" (${v.severity}).`,
    remediation: v.remediation,
    eventIds: v.eventIds,
    firstTs: v.firstTs,
    lastTs: v.lastTs,
    details: { group: { principal: v.principal, dataset: v.dataset, type: v.type }, policy: audit.policy, policySha256: audit.policySha256, policySeverity: v.severity, resources: v.resources.slice(0, 50), count: v.count },
  };
}

/** Loads every policy first, so a malformed one stops the run before any work is done. */
export async function loadPolicies(files: string[]): Promise<{ file: string; policy: LoadedPolicy }[]> {
  const out: { file: string; policy: LoadedPolicy }[] = [];
  for (const file of files) out.push({ file, policy: await loadPolicy(file) });
  return out;
}

export function policyRunsRepo(db: Db) {
  return {
    add(runId: number, file: string, audit: PolicyAudit): number {
      const count = (s: PolicyViolation['severity']) => audit.violations.filter((v) => v.severity === s).length;
      const report = {
        principals: audit.principals,
        violations: audit.violations.map((v) => ({ type: v.type, severity: v.severity, principal: v.principal, dataset: v.dataset, count: v.count })),
      };
      return Number(
        db
          .prepare(
            `INSERT INTO policy_runs (run_id, policy, file, sha256, verdict, critical, warning, info, summary, report, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(runId, audit.policy, file, audit.policySha256, audit.verdict, count('CRITICAL'), count('WARNING'), count('INFO'), audit.summary, JSON.stringify(report), new Date().toISOString())
          .lastInsertRowid,
      );
    },
    /** Audits newest first, of one policy or of all. */
    list(policy: string | undefined, limit: number): PolicyRunRow[] {
      const where = policy ? 'WHERE policy = ?' : '';
      return db
        .prepare(
          `SELECT id, run_id AS runId, policy, file, sha256, verdict, critical, warning, info, summary, created_at AS createdAt FROM policy_runs ${where} ORDER BY id DESC LIMIT ?`,
        )
        .all(...(policy ? [policy, limit] : [limit])) as PolicyRunRow[];
    },
  };
}
