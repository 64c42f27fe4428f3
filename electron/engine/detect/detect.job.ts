import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/open';
import type { EventRow } from '../db/repos/events-read';
import { findingsRepo, type NewFinding } from '../db/repos/findings';
import { ledgerRepo } from '../db/repos/ledger';
import type { JobFn } from '../jobs/types';
import { eventsEstimate } from '../search/plan';
import { formatTs } from '../search/time-parse';
import { loadRules, runRules, sigmaEventFromRecord, type CompiledRule, type IdentifiedSigmaEvent, type RuleMatches } from './sigma';

export interface DetectJobInput {
  /** Rule files or folders given by the user (--rules). */
  rulePaths: string[];
  /** The bundled rule pack folder (resources/rules), always run when present. */
  bundled: string | null;
  actor: string;
}

export interface DetectResult {
  runId: number;
  rulesLoaded: number;
  rulesFailed: number;
  errors: { path: string; reason: string }[];
  eventsScanned: number;
  findings: { id: number; isNew: boolean; ruleId: string | null; title: string; severity: string; eventIds: number[] }[];
}

type EventRowLite = Pick<EventRow, 'id' | 'ts' | 'format' | 'host' | 'user' | 'action' | 'outcome' | 'src_ip' | 'dst_ip' | 'resource' | 'severity' | 'message' | 'attrs'>;

/** Every event as the Sigma engine sees it: its original fields (attrs) and the normalized ones. */
function* sigmaEvents(db: Db, onRow: (n: number) => void): Generator<IdentifiedSigmaEvent> {
  let n = 0;
  const rows = db.prepare('SELECT id, ts, format, host, user, action, outcome, src_ip, dst_ip, resource, severity, message, attrs FROM events ORDER BY id').iterate() as IterableIterator<EventRowLite>;
  for (const r of rows) {
    let fields: Record<string, unknown> = {};
    if (r.attrs) {
      try {
        fields = JSON.parse(r.attrs) as Record<string, unknown>;
      } catch {
        fields = {};
      }
    }
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
  return m.hits.map((h) => {
    const group = Object.entries(h.group)
      .map(([k, v]) => `${k}=${v ?? '(none)'}`)
      .join(', ');
    const what = a.field ? `${h.value} distinct ${a.field} values` : `${h.value} events`;
    const window = a.timeframeUs ? ` within ${a.timeframeUs / 60_000_000} min at the peak` : '';
    const span = a.timeframeUs && h.eventIds.length > h.value ? `; ${h.eventIds.length} events in all while the threshold was exceeded` : '';
    return {
      ...base,
      eventIds: h.eventIds,
      firstTs: h.firstTs,
      lastTs: h.lastTs,
      details: { tags: r.tags, level: r.level, group: h.group, value: h.value },
      explanation: `${r.description ?? r.title} ${what}${group ? ` for ${group}` : ''}${window} (threshold ${a.op} ${a.value})${span}, from ${h.firstTs !== null ? formatTs(h.firstTs) : '?'} to ${h.lastTs !== null ? formatTs(h.lastTs) : '?'}. ${credit}`,
    };
  });
}

/** Run Sigma rules over every event of the case and store what they find. */
export const detectJob: JobFn<DetectJobInput, DetectResult> = async (input, ctx) => {
  for (const p of input.rulePaths) if (!existsSync(p)) throw new AppError('not_found', `No rules at ${p}.`);
  const sources = [...(input.bundled && existsSync(input.bundled) ? [input.bundled] : []), ...input.rulePaths.map((p) => path.resolve(p))];
  if (sources.length === 0) throw new AppError('invalid_input', 'No rules to run: give a rules folder with --rules.');
  ctx.emit({ done: 0, total: 0, phase: 'loading rules' });
  const { rules, errors } = loadRules(sources);
  const total = eventsEstimate(ctx.db);
  const repo = findingsRepo(ctx.db);
  const runId = repo.startRun(input.actor, sources);
  let scanned = 0;
  const matches = runRules(
    rules,
    sigmaEvents(ctx.db, (n) => {
      scanned = n;
      if (ctx.signal.aborted) throw new AppError('cancelled', 'Detection was cancelled.');
      ctx.emit({ done: n, total, phase: `running ${rules.length} rules` });
    }),
  );
  const stored: DetectResult['findings'] = [];
  ctx.db.transaction(() => {
    for (const m of matches) {
      for (const f of findingsOf(ctx.db, m)) {
        const { id, isNew } = repo.add(runId, f);
        stored.push({ id, isNew, ruleId: f.ruleId, title: f.title, severity: f.severity, eventIds: f.eventIds });
      }
    }
    repo.finishRun(runId, { rulesLoaded: rules.length, rulesFailed: errors.length, eventsScanned: scanned, errors });
    ledgerRepo(ctx.db).append({
      actor: input.actor,
      action: 'detect.run',
      subject: String(runId),
      details: { sources, rulesLoaded: rules.length, rulesFailed: errors.length, events: scanned, findings: stored.length, newFindings: stored.filter((s) => s.isNew).length },
    });
  })();
  return { runId, rulesLoaded: rules.length, rulesFailed: errors.length, errors, eventsScanned: scanned, findings: stored };
};
