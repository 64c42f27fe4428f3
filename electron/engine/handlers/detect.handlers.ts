import path from 'node:path';
import type { Finding } from '../../../shared/schemas';
import { findingsRepo, type FindingRow } from '../db/repos/findings';
import type { DetectJobInput } from '../detect/detect.job';
import { policyRunsRepo } from '../detect/policy-run';
import { formatTs } from '../search/time-parse';
import type { HandlerMap } from './types';

export function findingOut(r: FindingRow): Finding {
  return {
    id: r.id,
    runId: r.run_id,
    kind: r.kind,
    ruleId: r.rule_id,
    rulePath: r.rule_path,
    title: r.title,
    severity: r.severity,
    explanation: r.explanation,
    remediation: r.remediation,
    eventCount: r.event_count,
    firstTs: r.first_ts === null ? null : formatTs(r.first_ts),
    lastTs: r.last_ts === null ? null : formatTs(r.last_ts),
    status: r.status,
    note: r.note,
    createdAt: r.created_at,
  };
}

export const detectHandlers: HandlerMap<'detect.start' | 'finding.list' | 'finding.get' | 'finding.setStatus' | 'policy.runs'> = {
  'policy.runs': (engine, input) => policyRunsRepo(engine.case.db).list(input.policy, input.limit),
  'detect.start': (engine, input) => {
    const c = engine.case;
    const job: DetectJobInput = {
      rulePaths: input.rules.map((p) => path.resolve(p)),
      bundled: input.bundled ? path.join(engine.resources, 'rules') : null,
      actor: engine.actor(),
      anomaly: input.anomaly,
      policyPaths: input.policies.map((p) => path.resolve(p)),
    };
    return { jobId: engine.jobs.start('detect', job, c.dir, () => engine.emit({ type: 'case.changed', path: c.dir })) };
  },
  'finding.list': (engine, input) => {
    const { rows, total } = findingsRepo(engine.case.db).list(input);
    return { findings: rows.map(findingOut), total };
  },
  'finding.get': (engine, input) => {
    const repo = findingsRepo(engine.case.db);
    return { ...findingOut(repo.get(input.id)), eventIds: repo.eventIds(input.id) };
  },
  'finding.setStatus': (engine, input) => findingOut(findingsRepo(engine.case.db).setStatus(input.id, input.status, input.note ?? null, engine.actor())),
};
