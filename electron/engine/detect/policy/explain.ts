import type { Agg } from './audit';
import type { LoadedPolicy } from './types';

const time = (ts: number | null): string => (ts === null ? 'an unknown time' : new Date(Math.floor(ts / 1000)).toISOString());

function sample(resources: string[]): string {
  const shown = resources.slice(0, 5).join(', ');
  return resources.length > 5 ? `${shown} and ${resources.length - 5} more` : shown;
}

/** The explanation, in plain words, of one aggregated event-based violation. */
export function explain(policy: LoadedPolicy, a: Agg, resources: string[]): string {
  const p = a.principal >= 0 ? policy.principals[a.principal]! : null;
  const d = a.dataset >= 0 ? policy.datasets[a.dataset]! : null;
  const when = a.count === 1 ? `once, at ${time(a.firstTs)}` : `${a.count} times between ${time(a.firstTs)} and ${time(a.lastTs)}`;
  const failed = a.failed > 0 ? ` ${a.failed} of these attempts failed (by their outcome), so some reads may have been blocked, but the module still tried.` : '';
  const owners = a.owners.map((o) => `'${policy.principals[o]!.name}'`).join(', ');
  switch (a.type) {
    case 'unauthorized_access':
      return `Principal '${p!.name}' accessed dataset '${d!.name}' ${when}, but '${d!.name}' is not on its whitelist (allowed: ${p!.datasets.length > 0 ? p!.datasets.join(', ') : 'none'}). Resources: ${sample(resources)}.${failed}`;
    case 'cache_contamination':
      return `Principal '${p!.name}' accessed the cache location of ${owners} ${when} (${sample(resources)}). A module reaching into another module's cache can read or poison what the other computed, so the two are not isolated.${failed}`;
    case 'unknown_dataset':
      return `${p ? `Principal '${p.name}'` : 'Events that match no principal'} accessed ${resources.length} resource(s) under the monitored roots (${policy.monitored.join(', ')}) that no declared dataset covers, ${when}: ${sample(resources)}. What was read there cannot be checked against any whitelist or checksum.`;
    case 'unknown_principal':
      return `Events that match no principal of the policy (seen as ${[...a.actors].join(', ')}) accessed ${d ? `dataset '${d.name}'` : `the cache location of ${owners}`} ${when}: ${sample(resources)}. The policy cannot say whether these accesses were allowed.`;
    default:
      return '';
  }
}
