/**
 * Access-isolation policies: did each pipeline module (principal) touch only the datasets it
 * was allowed to, were those datasets the registered ones, and did modules of one isolation
 * group keep their caches and data sources apart? A pure module: parse a YAML policy, then
 * audit a stream of access events and the case's file inventory against it.
 *
 * Policy schema (YAML; resources/policies/example-isolation.yml is a commented example):
 *
 * ```yaml
 * version: 1                 # optional; the only format so far
 * name: pipeline-isolation   # required; names the policy in reports (no spaces)
 * description: ...           # optional
 * registry: registry.sha256  # optional; expected SHA-256s, path relative to this file:
 *                            #   sha256sum / BSD-tag lines, or a JSON registry
 * resource_field: resource   # optional; the event field holding the accessed path:
 *                            #   a normalized field or attrs.<dotted name>
 * monitored: [/data/**]      # optional; path globs under which an access matching no
 *                            #   dataset is reported as unknown_dataset
 * principals:                # required, at least one; the first whose match fits wins
 *   - name: ingest
 *     description: ...       # optional
 *     match:                 # all fields must match; a list = any of its values; `*` = any text
 *       user: svc-ingest     #   normalized: user host action outcome src_ip dst_ip resource
 *                            #   severity format message
 *       attrs:               #   original fields by dotted name (flattened or nested attrs)
 *         exe: /opt/pipeline/bin/ingest*
 *         userIdentity.arn: [arn:aws:sts::1:assumed-role/ingest/*]
 *     group: etl             # optional isolation group
 *     datasets: [raw-orders] # whitelist; every name must be declared under datasets
 *     cache: [/var/cache/ingest/**]  # path globs of the principal's own caches
 * datasets:
 *   - name: raw-orders
 *     description: ...       # optional
 *     paths: [/data/raw/orders/**, s3://lake/raw/orders/**]  # at least one
 *     provenance: crm-export # optional upstream source id
 *     sha256: <64 hex>       # optional inline expected digest (single-file datasets)
 *     registry_entries: [orders.csv]  # optional registry entries (path or name) of this dataset
 * ```
 *
 * Path globs: `*`/`?` within a name, `**` as a whole segment for any depth, `[a-z]`, `{a,b}`;
 * a pattern also covers everything beneath it. When several datasets cover a path, the one
 * with the longest matching pattern wins. A registry entry belongs to a dataset when its
 * name equals the dataset's name, when the dataset lists it in `registry_entries`, or when
 * its path falls under the dataset's `paths`; registered paths are found in the inventory by
 * path suffix at a folder boundary.
 *
 * Per event: the first principal (in policy order) whose `match` fits is the actor; then the
 * resource is classified once per distinct value: under a principal's cache location (caches
 * take precedence over datasets: only the owners may touch them), else covered by a dataset,
 * else under a monitored root. Events with no resource are counted for their principal
 * (`principals[].events` counts every matched event) and otherwise ignored.
 *
 * Violations and severities: unauthorized_access and cache_contamination are CRITICAL;
 * checksum_mismatch is CRITICAL; dataset_missing (a dataset with an expected digest and no
 * file in the inventory) and shared_provenance are WARNING; unknown_dataset is WARNING when a
 * declared principal did it (a module reading undeclared data is a policy gap its owner must
 * explain) and INFO when an unknown actor did; unknown_principal is INFO. The verdict is
 * 'isolated' when nothing above INFO was found. Each violation aggregates every event of one
 * principal + type + dataset (+ the other principal involved, in `related`); checksum and
 * missing-dataset violations have no principal and cite the inventory's event ids.
 */
export { auditPolicy, createPolicyAuditor, type PolicyAuditor } from './audit';
export { compilePathGlob, compileValueGlob, GlobError, normalizeResource } from './glob';
export { loadPolicy } from './load';
export { parsePolicy } from './parse';
export type {
  AccessEvent,
  DatasetDecl,
  InventoryItem,
  LoadedPolicy,
  MatchCondition,
  Policy,
  PolicyAudit,
  PolicyPosition,
  PolicyViolation,
  PrincipalDecl,
  RegistryEntry,
  ViolationSeverity,
  ViolationType,
} from './types';
