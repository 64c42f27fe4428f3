import type { DetectResult, PolicyResult } from '../../engine/detect/detect.job';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { parse } from '../args';
import { UsageError, unwrap } from '../cli-error';
import { jobError, runJob } from '../run-job';

export const DETECT_USAGE = `Usage: sealdesk detect <case> [--rules PATH]... [--policy FILE]... [--no-bundled] [--anomaly] [--json]

Run Sigma rules over every event of the case: the rules bundled with Sealdesk, plus each
rule file or folder given with --rules (e.g. a checkout of SigmaHQ/sigma's rules/). Each match
becomes a finding (severity, rule, linked events, explanation, suggested remediation); running
again does not duplicate findings, and the analyst's verdicts are kept. A rule that cannot be
used is reported with its path and reason; the others still run. The CEL rules saved in the
case (cel.save) run in the same pass, each with matches giving one finding.

Options:
  --rules PATH    a Sigma rule file or folder (repeatable)
  --policy FILE   audit the case against an access-isolation policy (YAML; see
                  resources/policies/example-isolation.yml): which principal touched which
                  datasets, registered checksums, shared provenance, cache contamination,
                  unknown datasets; a verdict, and the change from the previous audit
  --no-bundled    skip the bundled rules
  --anomaly       also score per-user, per-host and per-address hourly windows with an
                  Isolation Forest; the most unusual become findings with their reasons
                  (windows like ones marked false positive are left out)
  --json          one finding per line: finding_id, rule_id, title, severity, event_ids

Examples:
  sealdesk detect ./case-acme
  sealdesk detect ./case-acme --rules ~/sigma/rules/windows --json
  sealdesk detect ./case-pipeline --policy isolation.yml --no-bundled`;

/** A policy audit: the verdict with the violations by principal, their findings, and the trend from the last audit. */
function printPolicy(p: PolicyResult): void {
  console.log(`\n${p.summary}`);
  console.log(`  Policy file: ${p.file}`);
  if (p.violations.length > 0) console.log(`  Findings: ${p.violations.map((v) => `#${v.findingId}`).join(' ')}`);
  if (p.previous) {
    const now = p.violations.length;
    const trend = now === p.previous.violations ? 'unchanged' : now < p.previous.violations ? 'fewer' : 'more';
    console.log(`  Trend: ${p.previous.violations} violation(s) at the previous audit (${p.previous.at}), ${now} now (${trend}).`);
  }
}

export async function detectCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { rules: { type: 'string', multiple: true }, policy: { type: 'string', multiple: true }, 'no-bundled': { type: 'boolean' }, anomaly: { type: 'boolean' }, json: { type: 'boolean' } },
    DETECT_USAGE,
  );
  if (values.help) {
    console.log(DETECT_USAGE);
    return 0;
  }
  const [caseDir, ...extra] = positionals;
  if (!caseDir) throw new UsageError(`detect needs a case folder.\n\n${DETECT_USAGE}`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".\n\n${DETECT_USAGE}`);
  unwrap(await dispatch(engine, 'case.open', { dir: caseDir }));
  const { end } = await runJob(engine, 'detect.start', { rules: values.rules ?? [], bundled: !values['no-bundled'], anomaly: values.anomaly ?? false, policies: values.policy ?? [] });
  if (end.status !== 'done') throw jobError(end, 'Detection did not finish.');
  const r = end.result as DetectResult;
  for (const e of r.errors) console.error(`sealdesk: rule not used: ${e.path}: ${e.reason}`);
  for (const e of r.celErrors ?? []) {
    if (e.compileError) console.error(`sealdesk: CEL rule not used: ${e.name}: ${e.compileError}`);
    else if (e.errors > 0) console.error(`sealdesk: CEL rule ${e.name}: ${e.errors} event(s) could not be evaluated (no match), first: ${e.firstError?.message ?? '?'}`);
  }
  if (values.json) {
    for (const f of r.findings) console.log(JSON.stringify({ finding_id: f.id, rule_id: f.ruleId, title: f.title, severity: f.severity, event_ids: f.eventIds, new: f.isNew }));
    return 0;
  }
  console.log(`Detection run #${r.runId}: ${r.rulesLoaded} rules over ${r.eventsScanned} events, ${r.findings.length} finding(s) (${r.findings.filter((f) => f.isNew).length} new), ${r.rulesFailed} rule(s) not usable.`);
  const policyFindings = new Set(r.policies.flatMap((p) => p.violations.map((v) => v.findingId)));
  for (const f of r.findings) if (!policyFindings.has(f.id)) console.log(`  #${f.id} ${f.severity.toUpperCase().padEnd(8)} ${f.title}  (${f.eventIds.length} events)`);
  for (const p of r.policies) printPolicy(p);
  return 0;
}
