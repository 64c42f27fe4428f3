import { normalizeManifestPath } from '../manifest/match';
import { normalizeResource } from './glob';
import type { InventoryItem, LoadedPolicy, PolicyViolation, RegistryEntry } from './types';
import { remediation } from './words';

interface Expectation {
  /** Registered path (normalized, relative form), or null: look the files up by the dataset's paths. */
  path: string | null;
  sha256: string;
  source: string;
}

const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/**
 * Whether a path, or any tail of it at a folder boundary, falls under the globs: inventories
 * and registries hold files where they were copied (`/mnt/case/data/raw/a.csv`) or relative
 * to a folder (`data/raw/a.csv`), while the policy names them as the pipeline saw them
 * (`/data/raw/**`).
 */
function underGlobs(globs: RegExp[], path: string): boolean {
  const p = path.startsWith('/') || path.includes('://') ? path : `/${path}`;
  if (globs.some((g) => g.test(p))) return true;
  for (let i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) {
    const tail = p.slice(i);
    if (globs.some((g) => g.test(tail))) return true;
  }
  return false;
}

/**
 * Which registry entries state a dataset's content: those named like the dataset, those the
 * dataset lists in `registry_entries`, and those whose path falls under the dataset's paths.
 */
function expectationsOf(policy: LoadedPolicy, di: number): Expectation[] {
  const d = policy.datasets[di]!;
  const globs = policy.compiled.datasets[di]!.paths;
  const out: Expectation[] = [];
  const src = policy.registry?.written ?? 'registry';
  const belongs = (e: RegistryEntry): boolean =>
    e.name === d.name ||
    d.registryEntries.some((r) => r === e.path || r === e.name) ||
    (e.path !== null && underGlobs(globs, normalizeResource(e.path)));
  for (const e of policy.registryEntries) {
    if (belongs(e)) out.push({ path: e.path === null ? null : normalizeManifestPath(e.path), sha256: e.sha256.toLowerCase(), source: `${src} entry '${e.path ?? e.name}'` });
  }
  if (d.sha256 !== null) out.push({ path: null, sha256: d.sha256, source: `sha256: of dataset '${d.name}' in the policy` });
  return out;
}

/**
 * Compare each dataset's expected SHA-256 with the case's inventory: a file with another
 * digest is a checksum_mismatch (CRITICAL: the module may have read other data than the
 * one audited), a registered file absent from the inventory is dataset_missing (WARNING:
 * its integrity cannot be shown either way).
 */
export function checkIntegrity(policy: LoadedPolicy, inventory: InventoryItem[], readers: (di: number) => string[]): PolicyViolation[] {
  const files = inventory.map((f) => ({ f, norm: normalizeResource(f.path), rel: normalizeManifestPath(normalizeResource(f.path)) }));
  const byBase = new Map<string, typeof files>();
  for (const x of files) {
    const b = baseOf(x.rel);
    const list = byBase.get(b);
    if (list) list.push(x);
    else byBase.set(b, [x]);
  }
  const out: PolicyViolation[] = [];
  policy.datasets.forEach((d, di) => {
    const globs = policy.compiled.datasets[di]!.paths;
    const mismatched: { f: InventoryItem; expected: string; source: string }[] = [];
    const missing: Expectation[] = [];
    for (const x of expectationsOf(policy, di)) {
      const hits =
        x.path !== null
          ? (byBase.get(baseOf(x.path)) ?? []).filter((y) => y.rel === x.path || y.rel.endsWith(`/${x.path}`))
          : files.filter((y) => underGlobs(globs, y.norm));
      if (hits.length === 0) missing.push(x);
      for (const y of hits) if (y.f.sha256.toLowerCase() !== x.sha256) mismatched.push({ f: y.f, expected: x.sha256, source: x.source });
    }
    const who = readers(di);
    const readBy = who.length > 0 ? ` It was read by ${who.join(', ')} in these events.` : ' No principal read it in these events.';
    if (mismatched.length > 0) {
      const shown = mismatched
        .slice(0, 5)
        .map((m) => `${m.f.path} has ${m.f.sha256.toLowerCase()}, ${m.source} expects ${m.expected}`)
        .join('; ');
      out.push({
        type: 'checksum_mismatch',
        severity: 'CRITICAL',
        principal: null,
        dataset: d.name,
        related: who,
        resources: [...new Set(mismatched.map((m) => m.f.path))].sort(),
        eventIds: [...new Set(mismatched.map((m) => m.f.eventId))].sort((a, b) => a - b),
        count: mismatched.length,
        firstTs: null,
        lastTs: null,
        explanation: `Dataset '${d.name}' is not the registered one: ${shown}${mismatched.length > 5 ? ` (and ${mismatched.length - 5} more)` : ''}.${readBy}`,
        remediation: remediation.checksum_mismatch(d.name, policy.registry?.written ?? null, who),
      });
    }
    if (missing.length > 0) {
      out.push({
        type: 'dataset_missing',
        severity: 'WARNING',
        principal: null,
        dataset: d.name,
        related: who,
        resources: [...new Set(missing.map((m) => m.path ?? d.paths.join(', ')))].sort(),
        eventIds: [],
        count: missing.length,
        firstTs: null,
        lastTs: null,
        explanation: `Dataset '${d.name}' has an expected SHA-256 but no file of the case's inventory matches it (${missing.map((m) => m.source).join('; ')}), so its integrity cannot be confirmed.${readBy}`,
        remediation: remediation.dataset_missing(d.name, policy.registry?.written ?? null),
      });
    }
  });
  return out;
}
