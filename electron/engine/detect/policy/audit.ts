import { normalizeResource } from './glob';
import { checkIntegrity } from './integrity';
import { explain } from './explain';
import { sharedProvenance, summarize } from './report';
import type { AccessEvent, InventoryItem, LoadedPolicy, PolicyAudit, PolicyViolation, ViolationSeverity, ViolationType } from './types';
import { remediation } from './words';

/** What a resource is, worked out once per distinct resource. */
interface ResourceInfo {
  path: string;
  /** Principals whose cache location covers the path. */
  cacheOwners: number[];
  /** The dataset covering the path (the most specific pattern wins), or -1. */
  dataset: number;
  monitored: boolean;
}

/** A violation being aggregated while the events stream by. */
export interface Agg {
  type: ViolationType;
  principal: number;
  dataset: number;
  owners: number[];
  resources: Set<string>;
  eventIds: number[];
  count: number;
  firstTs: number | null;
  lastTs: number | null;
  /** Attempts whose outcome says they failed (denied, error). */
  failed: number;
  /** For unknown principals: who the events name (user@host), a few at most. */
  actors: Set<string>;
}

export interface Usage {
  count: number;
  /** Kept only for principals in an isolation group: only shared_provenance cites them. */
  eventIds: number[] | null;
  resources: Set<string>;
  firstTs: number | null;
  lastTs: number | null;
}

/** How an unrecognised actor shows in an explanation: user@host and the program or identity, when known. */
function actorOf(e: AccessEvent): string {
  const who = `${e.user ?? '(no user)'}${e.host !== null ? `@${e.host}` : ''}`;
  const prog = e.attrs.exe ?? e.attrs['userIdentity.arn'];
  return typeof prog === 'string' ? `${who} via ${prog}` : who;
}

const FAILED = /fail|denied|deny|error|refused|forbidden/i;
/** Distinct resources remembered; beyond this the cache starts again (bounded memory). */
const RESOURCE_CACHE_MAX = 200_000;
const SEVERITY_ORDER: Record<ViolationSeverity, number> = { CRITICAL: 0, WARNING: 1, INFO: 2 };

function touch(a: { count: number; eventIds: number[] | null; resources: Set<string>; firstTs: number | null; lastTs: number | null }, e: AccessEvent, path: string): void {
  a.count++;
  a.eventIds?.push(e.id);
  a.resources.add(path);
  if (e.ts !== null) {
    if (a.firstTs === null || e.ts < a.firstTs) a.firstTs = e.ts;
    if (a.lastTs === null || e.ts > a.lastTs) a.lastTs = e.ts;
  }
}

/** Takes a case's access events one at a time, then judges them with the file inventory. */
export interface PolicyAuditor {
  add(e: AccessEvent): void;
  finish(inventory: InventoryItem[]): PolicyAudit;
}

/**
 * Apply an isolation policy to a case's access events and file inventory. One pass over the
 * events (they may be a database cursor over millions of rows); per event: the principal
 * match, and a Map lookup of the resource (globs run once per distinct resource).
 */
export function auditPolicy(policy: LoadedPolicy, events: Iterable<AccessEvent>, inventory: InventoryItem[]): PolicyAudit {
  const auditor = createPolicyAuditor(policy);
  for (const e of events) auditor.add(e);
  return auditor.finish(inventory);
}

/**
 * The same audit fed event by event, so a detection run can share its single pass over the
 * events between Sigma, CEL, anomaly scoring and every policy.
 */
export function createPolicyAuditor(policy: LoadedPolicy): PolicyAuditor {
  const c = policy.compiled;
  const np = policy.principals.length;
  const seen = new Array<number>(np).fill(0);
  const usage: Map<number, Usage>[] = policy.principals.map(() => new Map());
  const aggs = new Map<string, Agg>();
  const resources = new Map<string, ResourceInfo>();

  const classify = (raw: string): ResourceInfo => {
    const path = normalizeResource(raw);
    const cacheOwners: number[] = [];
    c.principals.forEach((p, i) => {
      if (p.cache.some((g) => g.test(path))) cacheOwners.push(i);
    });
    let dataset = -1;
    let best = -1;
    c.datasets.forEach((d, i) => {
      d.paths.forEach((g, j) => {
        const len = policy.datasets[i]!.paths[j]!.length;
        if (len > best && g.test(path)) {
          dataset = i;
          best = len;
        }
      });
    });
    return { path, cacheOwners, dataset, monitored: c.monitored.some((g) => g.test(path)) };
  };

  const record = (type: ViolationType, pi: number, di: number, owners: number[], e: AccessEvent, path: string): void => {
    const key = `${type}\u0000${pi}\u0000${di}\u0000${owners.join(',')}`;
    let a = aggs.get(key);
    if (!a) {
      a = { type, principal: pi, dataset: di, owners, resources: new Set(), eventIds: [], count: 0, firstTs: null, lastTs: null, failed: 0, actors: new Set() };
      aggs.set(key, a);
    }
    touch(a, e, path);
    if (e.outcome !== null && FAILED.test(e.outcome)) a.failed++;
    if (pi < 0 && a.actors.size < 5) a.actors.add(actorOf(e));
  };

  const valueMatches = (cond: (typeof c.principals)[number]['conditions'][number], v: unknown): boolean => {
    if (v === null || v === undefined) return false;
    if (Array.isArray(v)) return v.some((x) => valueMatches(cond, x));
    const s = typeof v === 'string' ? v : String(v);
    if (cond.exact.has(s)) return true;
    for (const g of cond.globs) if (g.test(s)) return true;
    return false;
  };

  const principalOf = (e: AccessEvent): number => {
    // First principal in policy order wins; the policy author orders overlapping matches.
    outer: for (let i = 0; i < np; i++) {
      for (const cond of c.principals[i]!.conditions) if (!valueMatches(cond, cond.get(e))) continue outer;
      return i;
    }
    return -1;
  };

  const add = (e: AccessEvent): void => {
    const pi = principalOf(e);
    if (pi >= 0) seen[pi]!++;
    const raw = c.resourceOf(e);
    if (raw === null || raw === undefined || raw === '') return;
    const key = typeof raw === 'string' ? raw : String(raw);
    let info = resources.get(key);
    if (!info) {
      if (resources.size >= RESOURCE_CACHE_MAX) resources.clear();
      info = classify(key);
      resources.set(key, info);
    }
    if (info.cacheOwners.length > 0) {
      // A cache is private to its owners; anyone else reaching into it breaks isolation.
      if (pi < 0) record('unknown_principal', -1, -1, info.cacheOwners, e, info.path);
      else if (!info.cacheOwners.includes(pi)) record('cache_contamination', pi, -1, info.cacheOwners, e, info.path);
      return;
    }
    if (info.dataset >= 0) {
      if (pi < 0) {
        record('unknown_principal', -1, info.dataset, [], e, info.path);
        return;
      }
      let u = usage[pi]!.get(info.dataset);
      if (!u) {
        u = { count: 0, eventIds: policy.principals[pi]!.group !== null ? [] : null, resources: new Set(), firstTs: null, lastTs: null };
        usage[pi]!.set(info.dataset, u);
      }
      touch(u, e, info.path);
      if (!c.principals[pi]!.whitelist.has(info.dataset)) record('unauthorized_access', pi, info.dataset, [], e, info.path);
    } else if (info.monitored) {
      record('unknown_dataset', pi, -1, [], e, info.path);
    }
  };

  const finish = (inventory: InventoryItem[]): PolicyAudit => {
    const pName = (i: number): string | null => (i < 0 ? null : policy.principals[i]!.name);
    const dName = (i: number): string | null => (i < 0 ? null : policy.datasets[i]!.name);
    const violations: PolicyViolation[] = [];

    for (const a of aggs.values()) {
      const severity: ViolationSeverity =
        a.type === 'unauthorized_access' || a.type === 'cache_contamination' ? 'CRITICAL' : a.type === 'unknown_dataset' && a.principal >= 0 ? 'WARNING' : 'INFO';
      const resourcesList = [...a.resources].sort();
      const owners = a.owners.map((o) => policy.principals[o]!.name);
      const p = pName(a.principal);
      const d = dName(a.dataset);
      const rem =
        a.type === 'unauthorized_access'
          ? remediation.unauthorized_access(p!, d!)
          : a.type === 'cache_contamination'
            ? remediation.cache_contamination(p!, owners, resourcesList)
            : a.type === 'unknown_dataset'
              ? remediation.unknown_dataset(p, resourcesList)
              : remediation.unknown_principal(d);
      violations.push({
        type: a.type,
        severity,
        principal: p,
        dataset: d,
        related: owners,
        resources: resourcesList,
        eventIds: a.eventIds.sort((x, y) => x - y),
        count: a.count,
        firstTs: a.firstTs,
        lastTs: a.lastTs,
        explanation: explain(policy, a, resourcesList),
        remediation: rem,
      });
    }

    violations.push(...sharedProvenance(policy, usage));
    const readers = (di: number): string[] => policy.principals.filter((_, i) => usage[i]!.has(di)).map((p) => p.name);
    violations.push(...checkIntegrity(policy, inventory, readers));

    violations.sort(
      (x, y) =>
        SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] ||
        (x.principal ?? '\uffff').localeCompare(y.principal ?? '\uffff') ||
        x.type.localeCompare(y.type) ||
        (x.dataset ?? '').localeCompare(y.dataset ?? '') ||
        x.related.join(',').localeCompare(y.related.join(',')),
    );

    const principals = policy.principals.map((p, i) => ({
      name: p.name,
      events: seen[i]!,
      datasets: [...usage[i]!.keys()].map((di) => policy.datasets[di]!.name).sort(),
      violations: violations.filter((v) => v.principal === p.name).length,
    }));
    // INFO findings (unknown principals, undeclared data seen by no known module) do not break
    // the isolation of the declared principals; they are listed in the summary all the same.
    const breaking = violations.filter((v) => v.severity !== 'INFO');
    const verdict = breaking.length === 0 ? 'isolated' : 'violations';
    return { policy: policy.name, policySha256: policy.sha256, verdict, summary: summarize(policy.name, verdict, violations, principals), violations, principals };
  };

  return { add, finish };
}
