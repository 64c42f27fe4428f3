/** Event fields a principal can be matched on without going through `attrs`. */
export const NORMALIZED_FIELDS = ['user', 'host', 'action', 'outcome', 'src_ip', 'dst_ip', 'resource', 'severity', 'format', 'message'] as const;
export type NormalizedField = (typeof NORMALIZED_FIELDS)[number];

/** Where a policy element is written: 1-based line and column. */
export interface PolicyPosition {
  line: number;
  column: number;
}

/** One condition of a principal's `match:`: the field (normalized name or `attrs.<dotted>`) and the accepted values. */
export interface MatchCondition {
  field: string;
  values: string[];
}

/** A module (principal) as declared in the policy. */
export interface PrincipalDecl {
  name: string;
  description: string | null;
  match: MatchCondition[];
  /** Isolation group: principals in one group must not share datasets, provenance or caches. */
  group: string | null;
  /** The datasets the principal may access (whitelist). */
  datasets: string[];
  /** Path globs of the principal's own cache locations. */
  cache: string[];
}

/** A dataset as declared in the policy. */
export interface DatasetDecl {
  name: string;
  description: string | null;
  /** Path / resource globs that make up the dataset. */
  paths: string[];
  /** Upstream source id the dataset derives from. */
  provenance: string | null;
  /** Inline expected SHA-256 (lower-case), or null. */
  sha256: string | null;
  /** Registry entries (by path or name) that belong to the dataset, besides those found by name or path glob. */
  registryEntries: string[];
}

/** An access event as the audit reads it (a row of the case's events table). */
export interface AccessEvent {
  id: number;
  /** Microseconds since the epoch, or null. */
  ts: number | null;
  user: string | null;
  host: string | null;
  action: string | null;
  outcome: string | null;
  src_ip: string | null;
  dst_ip: string | null;
  resource: string | null;
  severity: string | null;
  format: string;
  message: string;
  attrs: Record<string, unknown>;
}

/** Compiled form of the policy, built once by parsePolicy and used per event. */
export interface CompiledPolicy {
  principals: {
    conditions: { get: (e: AccessEvent) => unknown; exact: Set<string>; globs: RegExp[] }[];
    whitelist: Set<number>;
    cache: RegExp[];
  }[];
  datasets: { paths: RegExp[] }[];
  monitored: RegExp[];
  resourceOf: (e: AccessEvent) => unknown;
}

/** A parsed, validated policy (without its registry). */
export interface Policy {
  file: string;
  name: string;
  description: string | null;
  /** SHA-256 of the policy text, so a report names exactly the policy it applied. */
  sha256: string;
  /** The `registry:` value as written, its resolved path and where it is written. */
  registry: { written: string; path: string; at: PolicyPosition } | null;
  resourceField: string;
  monitored: string[];
  principals: PrincipalDecl[];
  datasets: DatasetDecl[];
  compiled: CompiledPolicy;
}

/** One expected digest from the registry file. */
export interface RegistryEntry {
  path: string | null;
  name: string | null;
  sha256: string;
}

/** A policy with its registry read. */
export interface LoadedPolicy extends Policy {
  registryEntries: RegistryEntry[];
}

/** One file of the case's inventory: the actual digest of a file. */
export interface InventoryItem {
  eventId: number;
  path: string;
  sha256: string;
}

export type ViolationType =
  | 'unauthorized_access'
  | 'checksum_mismatch'
  | 'dataset_missing'
  | 'shared_provenance'
  | 'cache_contamination'
  | 'unknown_dataset'
  | 'unknown_principal';

export type ViolationSeverity = 'CRITICAL' | 'WARNING' | 'INFO';

/** One aggregated violation: one per principal + type + dataset (and other principal, where one is involved). */
export interface PolicyViolation {
  type: ViolationType;
  severity: ViolationSeverity;
  principal: string | null;
  dataset: string | null;
  /** Other principals involved: the cache owner, the principals sharing provenance, the readers of a mismatched dataset. */
  related: string[];
  /** Distinct resources (normalized paths) involved, sorted. */
  resources: string[];
  /** Every event that proves the violation (access events; inventory events for checksums), ascending. */
  eventIds: number[];
  count: number;
  firstTs: number | null;
  lastTs: number | null;
  explanation: string;
  remediation: string;
}

/** The outcome of applying a policy to a case's access events. */
export interface PolicyAudit {
  policy: string;
  policySha256: string;
  verdict: 'isolated' | 'violations';
  summary: string;
  violations: PolicyViolation[];
  principals: { name: string; events: number; datasets: string[]; violations: number }[];
}
