import type { Usage } from './audit';
import type { LoadedPolicy, PolicyAudit, PolicyViolation, ViolationSeverity } from './types';
import { remediation } from './words';

/** Principals of one isolation group that used the same dataset, or datasets of the same provenance. */
export function sharedProvenance(policy: LoadedPolicy, usage: Map<number, Usage>[]): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const provOf = (di: number): string | null => policy.datasets[di]!.provenance;
  policy.principals.forEach((p, pi) => {
    if (p.group === null) return;
    for (const [di, u] of usage[pi]!) {
      const d = policy.datasets[di]!;
      const others: { name: string; datasets: string[] }[] = [];
      policy.principals.forEach((q, qi) => {
        if (qi === pi || q.group !== p.group) return;
        const shared = [...usage[qi]!.keys()].filter((dj) => dj === di || (provOf(di) !== null && provOf(dj) === provOf(di)));
        if (shared.length > 0) others.push({ name: q.name, datasets: shared.map((dj) => policy.datasets[dj]!.name).sort() });
      });
      if (others.length === 0) continue;
      const how = others
        .map((o) => (o.datasets.length === 1 && o.datasets[0] === d.name ? `'${o.name}' also used '${d.name}'` : `'${o.name}' used ${o.datasets.map((x) => `'${x}'`).join(', ')}`))
        .join('; ');
      out.push({
        type: 'shared_provenance',
        severity: 'WARNING',
        principal: p.name,
        dataset: d.name,
        related: others.map((o) => o.name),
        resources: [...u.resources].sort(),
        eventIds: [...(u.eventIds ?? [])].sort((x, y) => x - y),
        count: u.count,
        firstTs: u.firstTs,
        lastTs: u.lastTs,
        explanation: `Principals of isolation group '${p.group}' must not share data, but '${p.name}' used '${d.name}'${d.provenance !== null ? ` (provenance '${d.provenance}')` : ''} in ${u.count} event(s) and ${how}${d.provenance !== null ? ' — the same dataset or the same upstream source' : ''}.`,
        remediation: remediation.shared_provenance(p.name, others.map((o) => o.name), d.name, p.group),
      });
    }
  });
  return out;
}

export function summarize(name: string, verdict: 'isolated' | 'violations', violations: PolicyViolation[], principals: PolicyAudit['principals']): string {
  const info = violations.filter((v) => v.severity === 'INFO');
  const events = principals.reduce((n, p) => n + p.events, 0);
  if (verdict === 'isolated') {
    const notes = info.length > 0 ? ` ${info.length} informational note(s) (accesses by unknown principals or to undeclared data) are listed among the violations.` : '';
    return `Policy '${name}': all principals confirmed isolated (${principals.length} principal(s), ${events} recognised event(s), no violations).${notes}`;
  }
  const n = (s: ViolationSeverity): number => violations.filter((v) => v.severity === s).length;
  const lines = [`Policy '${name}': isolation violations found (${n('CRITICAL')} critical, ${n('WARNING')} warning, ${n('INFO')} info).`];
  const byPrincipal = new Map<string, PolicyViolation[]>();
  for (const v of violations) {
    const k = v.principal ?? (v.type === 'checksum_mismatch' || v.type === 'dataset_missing' ? '(datasets)' : '(unknown principals)');
    byPrincipal.set(k, [...(byPrincipal.get(k) ?? []), v]);
  }
  for (const [k, vs] of byPrincipal) {
    lines.push(`${k}:`);
    for (const v of vs) lines.push(`  - ${v.severity} ${v.type}${v.dataset !== null ? ` on '${v.dataset}'` : ''}${v.related.length > 0 ? ` (with ${v.related.join(', ')})` : ''}: ${v.count} event(s)`);
  }
  return lines.join('\n');
}
