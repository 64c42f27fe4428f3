import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { writeTransaction, type Db } from '../db/open';
import type { EventRow } from '../db/repos/events-read';
import { celRulesRepo } from '../db/repos/cel-rules';
import { findingsRepo, type NewFinding } from '../db/repos/findings';
import { ledgerRepo } from '../db/repos/ledger';
import type { JobFn } from '../jobs/types';
import { AnomalyCollector } from './anomaly-findings';
import { knownChecksums, loadPolicies, policyRunsRepo, violationFinding } from './policy-run';
import { createPolicyAuditor } from './policy/index';
import { CelRunner, type CelRuleResult } from './cel/runner';
import { eventsEstimate } from '../search/plan';
import { formatTs } from '../search/time-parse';
import { loadRules, runRules, sigmaEventFromRecord, type CompiledRule, type IdentifiedSigmaEvent, type RuleMatches } from './sigma';

export interface DetectJobInput {
  /** Rule files or folders given by the user (--rules). */
  rulePaths: string[];
  /** The bundled rule pack folder (resources/rules), always run when present. */
  bundled: string | null;
  actor: string;
  /** Also score per-entity windows for anomalies (Isolation Forest). */
  anomaly?: boolean;
  /** Access-isolation policy files (--policy) to audit the case's events against. */
  policyPaths?: string[];
}

export interface DetectResult {
  runId: number;
  rulesLoaded: number;
  rulesFailed: number;
  errors: { path: string; reason: string }[];
  eventsScanned: number;
  findings: { id: number; isNew: boolean; ruleId: string | null; title: string; severity: string; eventIds: number[] }[];
  /** Saved, enabled CEL rules run in this pass. */
  celRulesRun: number;
  /**
   * Per CEL rule: events it could not judge (each counts as no match). `missing` = the
   * expression read a field the event lacks; `errors` = type mismatch, non-bool result, bad pattern.
   */
  celErrors: { ruleId: string; name: string; missing: number; errors: number; firstError: CelRuleResult['firstError']; compileError: string | null }[];
  /** Anomaly windows left out because the analyst marked the same pattern a false positive. */
  anomaliesSuppressed: number;
  /** One audit per policy: its verdict, and the previous audit of the same policy for the trend. */
  policies: PolicyResult[];
}

export interface PolicyResult {
  policy: string;
  file: string;
  verdict: 'isolated' | 'violations';
  summary: string;
  violations: { type: string; severity: string; principal: string | null; dataset: string | null; count: number; findingId: number }[];
  previous: { verdict: 'isolated' | 'violations'; violations: number; at: string } | null;
}

type EventRowLite = Pick<EventRow, 'id' | 'ts' | 'format' | 'host' | 'user' | 'action' | 'outcome' | 'src_ip' | 'dst_ip' | 'resource' | 'severity' | 'message' | 'attrs'> & {
  intake_id: number | null;
  /** The log template from import (read only when anomaly scoring needs it). */
  template: number | null;
};

const EVENT_COLUMNS = 'e.id, e.ts, e.intake_id, e.format, e.host, e.user, e.action, e.outcome, e.src_ip, e.dst_ip, e.resource, e.severity, e.message, e.attrs';
const EVENTS_SQL = `SELECT ${EVENT_COLUMNS}, NULL AS template FROM events e ORDER BY e.id`;
const EVENTS_WITH_TEMPLATES_SQL = `SELECT ${EVENT_COLUMNS}, ta.group_id AS template FROM events e
  LEFT JOIN event_atoms ea ON ea.event_id = e.id LEFT JOIN template_atoms ta ON ta.id = ea.atom ORDER BY e.id`;

/** Something else that reads each event in the detection pass (CEL rules, anomaly scoring, policies). */
type Observer = (row: EventRowLite, fields: Record<string, unknown>) => void;

/**
 * Every event as the Sigma engine sees it: its original fields (attrs) and the normalized ones.
 * The observers see each event in the same pass, so they cost no second read of the events.
 */
function* sigmaEvents(db: Db, observers: Observer[], withTemplates: boolean, onRow: (n: number) => void): Generator<IdentifiedSigmaEvent> {
  let n = 0;
  const rows = db.prepare(withTemplates ? EVENTS_WITH_TEMPLATES_SQL : EVENTS_SQL).iterate() as IterableIterator<EventRowLite>;
  for (const r of rows) {
    let fields: Record<string, unknown> = {};
    if (r.attrs) {
      try {
        fields = JSON.parse(r.attrs) as Record<string, unknown>;
      } catch {
        fields = {};
      }
    }
    const object = typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : {};
    for (const o of observers) o(r, object);
    const ev = sigmaEventFromRecord(fields, r) as IdentifiedSigmaEvent;
    ev.id = r.id;
    if (++n % 10_000 === 0) onRow(n);
    yield ev;
  }
  onRow(n);
}

const SEVERITY: Record<string, string> = { informational: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

function remediationOf(rule: CompiledRule): string {
  const fp = rule.falsepositives.filter((f) => f && f.toLowerCase() !== 'unknown');
  const techniques = rule.tags.filter((t) => /^attack\.t\d+/i.test(t)).map((t) => t.slice(7).toUpperCase());
  return [
    'Review the linked events on the timeline and confirm or dismiss the finding.',
    fp.length ? `Known false positives: ${fp.join('; ')}.` : '',
    techniques.length ? `ATT&CK ${techniques.join(', ')}: apply the mitigations listed for the technique.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function tsRange(db: Db, ids: number[]): { first: number | null; last: number | null } {
  const r = db.prepare('SELECT min(ts) AS first, max(ts) AS last FROM events WHERE id IN (SELECT value FROM json_each(?))').get(JSON.stringify(ids)) as { first: number | null; last: number | null };
  return r;
}

/** Findings of one rule's matches: one per plain rule, one per firing window of an aggregation. */
function findingsOf(db: Db, m: RuleMatches): NewFinding[] {
  const r = m.rule;
  const base = {
    kind: 'sigma' as const,
    ruleId: r.id,
    rulePath: r.path,
    title: r.title,
    severity: SEVERITY[r.level ?? ''] ?? 'medium',
    remediation: remediationOf(r),
  };
  const credit = `Sigma rule "${r.title}"${r.id ? ` (${r.id})` : ''}${r.author ? ` by ${r.author}` : ''}.`;
  if (r.aggregation === null) {
    if (m.eventIds.length === 0) return [];
    const { first, last } = tsRange(db, m.eventIds);
    const when = first !== null ? ` between ${formatTs(first)} and ${formatTs(last!)}` : '';
    return [{ ...base, eventIds: m.eventIds, firstTs: first, lastTs: last, details: { tags: r.tags, level: r.level }, explanation: `${r.description ?? r.title} ${m.eventIds.length} matching event(s)${when}. ${credit}` }];
  }
  const a = r.aggregation;
  // One finding per group (e.g. per source address): its firing windows together, so a
  // long-running attack reads as one finding rather than one per window.
  const byGroup = new Map<string, { group: Record<string, string | null>; value: number; firstTs: number | null; lastTs: number | null; ids: Set<number>; windows: number }>();
  for (const h of m.hits) {
    const key = JSON.stringify(h.group);
    const g = byGroup.get(key) ?? { group: h.group, value: 0, firstTs: null, lastTs: null, ids: new Set<number>(), windows: 0 };
    g.value = Math.max(g.value, h.value);
    g.firstTs = g.firstTs === null || (h.firstTs !== null && h.firstTs < g.firstTs) ? h.firstTs : g.firstTs;
    g.lastTs = g.lastTs === null || (h.lastTs !== null && h.lastTs > g.lastTs) ? h.lastTs : g.lastTs;
    for (const id of h.eventIds) g.ids.add(id);
    g.windows++;
    byGroup.set(key, g);
  }
  return [...byGroup.values()].map((g) => {
    const eventIds = [...g.ids].sort((x, y) => x - y);
    const group = Object.entries(g.group)
      .map(([k, v]) => `${k}=${v ?? '(none)'}`)
      .join(', ');
    const what = a.field ? `${g.value} distinct ${a.field} values` : `${g.value} events`;
    const window = a.timeframeUs ? ` within ${a.timeframeUs / 60_000_000} min at the peak` : '';
    const windows = g.windows > 1 ? ` in ${g.windows} firing windows` : '';
    const span = eventIds.length > g.value ? `; ${eventIds.length} events in all while the threshold was exceeded` : '';
    return {
      ...base,
      eventIds,
      firstTs: g.firstTs,
      lastTs: g.lastTs,
      details: { tags: r.tags, level: r.level, group: g.group, value: g.value, windows: g.windows },
      explanation: `${r.description ?? r.title} ${what}${group ? ` for ${group}` : ''}${window} (threshold ${a.op} ${a.value})${windows}${span}, from ${g.firstTs !== null ? formatTs(g.firstTs) : '?'} to ${g.lastTs !== null ? formatTs(g.lastTs) : '?'}. ${credit}`,
    };
  });
}

/** One finding per saved CEL rule with matching events. */
function celFindingOf(db: Db, r: CelRuleResult): NewFinding | null {
  if (r.eventIds.length === 0) return null;
  const { first, last } = tsRange(db, r.eventIds);
  const when = first !== null ? ` between ${formatTs(first)} and ${formatTs(last!)}` : '';
  return {
    kind: 'cel',
    ruleId: `cel:${r.rule.id}`,
    rulePath: null,
    title: r.rule.name,
    severity: r.rule.severity,
    eventIds: r.eventIds,
    firstTs: first,
    lastTs: last,
    details: { expression: r.rule.expression },
    explanation: `${r.rule.description ? `${r.rule.description} ` : ''}The CEL expression \`${r.rule.expression}\` matched ${r.eventIds.length} event(s)${when}.`,
    remediation: 'Review the linked events; refine the expression if they are expected.',
  };
}

/** Run Sigma rules and the case's saved CEL rules over every event of the case and store what they find. */
export const detectJob: JobFn<DetectJobInput, DetectResult> = async (input, ctx) => {
  for (const p of input.rulePaths) if (!existsSync(p)) throw new AppError('not_found', `No rules at ${p}.`);
  const sources = [...(input.bundled && existsSync(input.bundled) ? [input.bundled] : []), ...input.rulePaths.map((p) => path.resolve(p))];
  const cel = new CelRunner(ctx.db, celRulesRepo(ctx.db).enabled());
  const anomaly = input.anomaly ? new AnomalyCollector() : null;
  const policyPaths = input.policyPaths ?? [];
  if (sources.length === 0 && cel.size === 0 && !anomaly && policyPaths.length === 0) throw new AppError('invalid_input', 'No rules to run: give a rules folder with --rules or a policy with --policy.');
  // A malformed policy stops the run before any work, with its line and reason.
  const policies = await loadPolicies(policyPaths);
  ctx.emit({ done: 0, total: 0, phase: 'loading rules' });
  const { rules, errors } = sources.length > 0 ? loadRules(sources) : { rules: [], errors: [] };
  const total = eventsEstimate(ctx.db);
  const repo = findingsRepo(ctx.db);
  const runId = repo.startRun(input.actor, sources);
  let scanned = 0;
  const auditors = policies.map(({ file, policy }) => ({ file, auditor: createPolicyAuditor(policy) }));
  const observers: Observer[] = [(r, f) => cel.observe(r, f), ...auditors.map(({ auditor }): Observer => (r, f) => auditor.add({ ...r, attrs: f }))];
  if (anomaly) observers.push((r) => anomaly.observe(r));
  const what = `${rules.length + cel.size} rules${policies.length ? ` and ${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}` : ''}`;
  const matches = runRules(
    rules,
    sigmaEvents(ctx.db, observers, anomaly !== null, (n) => {
      scanned = n;
      if (ctx.signal.aborted) throw new AppError('cancelled', 'Detection was cancelled.');
      ctx.emit({ done: n, total, phase: `running ${what}` });
    }),
  );
  const celResults = cel.results();
  const celErrors: DetectResult['celErrors'] = celResults
    .filter((r) => r.missing > 0 || r.errors > 0 || r.compileError !== null)
    .map((r) => ({ ruleId: `cel:${r.rule.id}`, name: r.rule.name, missing: r.missing, errors: r.errors, firstError: r.firstError, compileError: r.compileError }));
  if (anomaly) ctx.emit({ done: scanned, total, phase: 'scoring anomalies' });
  const anomalies = anomaly ? anomaly.findings(ctx.db) : { findings: [], suppressed: 0 };
  const checksums = auditors.length > 0 ? knownChecksums(ctx.db) : [];
  const audits = auditors.map(({ file, auditor }) => ({ file, audit: auditor.finish(checksums) }));
  const stored: DetectResult['findings'] = [];
  const policyResults: PolicyResult[] = [];
  writeTransaction(ctx.db, () => {
    for (const f of anomalies.findings) {
      const { id, isNew } = repo.add(runId, f);
      stored.push({ id, isNew, ruleId: f.ruleId, title: f.title, severity: f.severity, eventIds: f.eventIds });
    }
    for (const m of matches) {
      for (const f of findingsOf(ctx.db, m)) {
        const { id, isNew } = repo.add(runId, f);
        stored.push({ id, isNew, ruleId: f.ruleId, title: f.title, severity: f.severity, eventIds: f.eventIds });
      }
    }
    for (const r of celResults) {
      const f = celFindingOf(ctx.db, r);
      if (f === null) continue;
      const { id, isNew } = repo.add(runId, f);
      stored.push({ id, isNew, ruleId: f.ruleId, title: f.title, severity: f.severity, eventIds: f.eventIds });
    }
    const runs = policyRunsRepo(ctx.db);
    for (const { file, audit } of audits) {
      const before = runs.list(audit.policy, 1)[0];
      const violations: PolicyResult['violations'] = [];
      for (const v of audit.violations) {
        const f = violationFinding(audit, file, v);
        const { id, isNew } = repo.add(runId, f);
        stored.push({ id, isNew, ruleId: f.ruleId, title: f.title, severity: f.severity, eventIds: f.eventIds });
        violations.push({ type: v.type, severity: v.severity, principal: v.principal, dataset: v.dataset, count: v.count, findingId: id });
      }
      runs.add(runId, file, audit);
      const previous = before ? { verdict: before.verdict, violations: before.critical + before.warning + before.info, at: before.createdAt } : null;
      policyResults.push({ policy: audit.policy, file, verdict: audit.verdict, summary: audit.summary, violations, previous });
    }
    repo.finishRun(runId, { rulesLoaded: rules.length, rulesFailed: errors.length, eventsScanned: scanned, errors });
    ledgerRepo(ctx.db).append({
      actor: input.actor,
      action: 'detect.run',
      subject: String(runId),
      details: {
        sources,
        rulesLoaded: rules.length,
        rulesFailed: errors.length,
        celRules: cel.size,
        anomaly: anomaly !== null,
        anomaliesSuppressed: anomalies.suppressed,
        policies: audits.map(({ file, audit }) => ({ policy: audit.policy, file, sha256: audit.policySha256, verdict: audit.verdict, violations: audit.violations.length })),
        events: scanned,
        findings: stored.length,
        newFindings: stored.filter((s) => s.isNew).length,
      },
    });
  })();
  return {
    runId,
    rulesLoaded: rules.length,
    rulesFailed: errors.length,
    errors,
    eventsScanned: scanned,
    findings: stored,
    celRulesRun: cel.size,
    celErrors,
    anomaliesSuppressed: anomalies.suppressed,
    policies: policyResults,
  };
};
