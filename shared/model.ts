import { z } from 'zod';

/** Formats the importer knows. `auto` lets the engine detect per file. */
export const FORMAT_IDS = [
  'syslog3164',
  'syslog5424',
  'jsonl',
  'csv',
  'access',
  'cloudtrail',
  'auditd',
  'evtx',
  'text',
  'git',
  'inventory',
  'checksums',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];
export const formatSchema = z.enum(FORMAT_IDS);

/** Where an event came from: the evidence file and the exact bytes or record in it. */
export const originSchema = z.object({
  /** SHA-256 of the evidence file (the stored copy under evidence/). */
  sha256: z.string(),
  /** Name of the file as it was received (archive members as `outer.tar.gz!/dir/file.log`). */
  file: z.string(),
  /** Byte offset of the first byte of the event in the evidence file, when line-based. */
  offset: z.number().int().nullable(),
  /** Length in bytes of the event's bytes, when known. */
  length: z.number().int().nullable(),
  /** Record index (0-based) for record-based formats such as JSON arrays. */
  record: z.number().int().nullable(),
});
export type Origin = z.infer<typeof originSchema>;

/** The normalized event model (names close to ECS). */
export const eventSchema = z.object({
  id: z.number().int(),
  /** UTC time, ISO 8601 with microseconds; null when the record carries no usable time. */
  ts: z.string().nullable(),
  /** What the time means (e.g. "Event Time", "Last Written", "line time (year inferred)"). */
  ts_desc: z.string().nullable(),
  source_id: z.number().int(),
  format: z.string(),
  host: z.string().nullable(),
  user: z.string().nullable(),
  action: z.string().nullable(),
  outcome: z.string().nullable(),
  src_ip: z.string().nullable(),
  dst_ip: z.string().nullable(),
  resource: z.string().nullable(),
  severity: z.string().nullable(),
  message: z.string(),
  /** All remaining parsed fields, flattened with dotted keys. */
  attrs: z.record(z.string(), z.unknown()),
  origin: originSchema,
});
export type AuditEvent = z.infer<typeof eventSchema>;

/** Normalized fields that can be searched as `field:value` and are indexed columns. */
export const EVENT_FIELDS = [
  'host',
  'user',
  'action',
  'outcome',
  'src_ip',
  'dst_ip',
  'resource',
  'severity',
  'ts_desc',
  'format',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export const caseInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  created: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  events: z.number().int(),
  evidenceFiles: z.number().int(),
  sample: z.boolean(),
});
export type CaseInfo = z.infer<typeof caseInfoSchema>;

export const skipSchema = z.object({
  /** Where in the file: "line 12", "record 3", "offset 4096", "member a/b.log". */
  where: z.string(),
  reason: z.string(),
});

/** One file's import receipt (the CLI's `--json` shape). */
export const fileReceiptSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  format: z.string(),
  events: z.number().int(),
  skipped: z.number().int(),
  /** Lines longer than the limit: imported truncated and flagged. */
  truncated: z.number().int(),
  /** Already imported before: no events were added again. */
  duplicate: z.boolean(),
  durationMs: z.number(),
  /** Individual problems (the first ones; `skipped` counts them all). */
  errors: z.array(skipSchema),
  /** Problems grouped by reason, complete even when `errors` is capped. */
  reasons: z.record(z.string(), z.number().int()),
});
export type FileReceipt = z.infer<typeof fileReceiptSchema>;

export const importStatusSchema = z.enum([
  'running',
  'complete',
  'cancelled',
  'failed',
  'interrupted',
  'rolled_back',
  'resumed',
]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importReceiptSchema = z.object({
  importId: z.number().int(),
  status: importStatusSchema,
  files: z.array(fileReceiptSchema),
  /** Inputs refused as a whole (hostile archive, unreadable path), with the reason. */
  refused: z.array(z.object({ path: z.string(), reason: z.string() })),
  events: z.number().int(),
  skipped: z.number().int(),
});
export type ImportReceipt = z.infer<typeof importReceiptSchema>;

export const importSummarySchema = z.object({
  id: z.number().int(),
  status: importStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  paths: z.array(z.string()),
  events: z.number().int(),
  files: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const countSchema = z.object({ value: z.string(), count: z.number().int() });

/** A log template of the case: constant words kept, variable parts as `<*>`. */
export const templateSchema = z.object({
  /** Search its events with `template:<id>`. */
  id: z.number().int(),
  template: z.string(),
  /** Events of the case with this template. */
  events: z.number().int(),
});
export type LogTemplate = z.infer<typeof templateSchema>;

export const templateListSchema = z.object({
  templates: z.array(templateSchema),
  /** Templates that have events. */
  total: z.number().int(),
  /** Events with a template, and events without one (see the import's issues for why). */
  assigned: z.number().int(),
  unassigned: z.number().int(),
});
export type TemplateList = z.infer<typeof templateListSchema>;
export const statsSchema = z.object({
  events: z.number().int(),
  withoutTime: z.number().int(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  bySource: z.array(z.object({ source_id: z.number().int(), file: z.string(), sha256: z.string(), format: z.string(), count: z.number().int() })),
  byFormat: z.array(countSchema),
  byHost: z.array(countSchema),
  byUser: z.array(countSchema),
  byAction: z.array(countSchema),
});
export type Stats = z.infer<typeof statsSchema>;

export const histogramSchema = z.object({
  /** Bucket width in microseconds. */
  intervalUs: z.number(),
  /** A human name for the interval ("1 hour"). */
  interval: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  buckets: z.array(z.object({ t: z.string(), count: z.number().int() })),
});
export type Histogram = z.infer<typeof histogramSchema>;

export const jobStateSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({ done: z.number(), total: z.number(), phase: z.string() }),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type JobState = z.infer<typeof jobStateSchema>;

/** One custody ledger entry: who did what to the case, when; its leaf hash in the Merkle tree. */
export const ledgerEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  /** Canonical JSON of the entry's details (exactly the text the leaf hash covers). */
  details: z.string(),
  leafHash: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerCheckSchema = z.object({
  ok: z.boolean(),
  size: z.number().int(),
  root: z.string(),
  problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
});
export type LedgerCheck = z.infer<typeof ledgerCheckSchema>;

/** The outcome of recomputing a case's integrity: every problem names what it concerns. */
export const caseCheckSchema = z.object({
  ok: z.boolean(),
  ledger: ledgerCheckSchema,
  events: z.number().int(),
  evidenceFiles: z.number().int(),
  problems: z.array(
    z.object({
      kind: z.enum(['ledger', 'event', 'import', 'evidence', 'tree-head']),
      /** Ledger seq, event id, import id, evidence SHA-256 or tree head size. */
      ref: z.string(),
      problem: z.string(),
    }),
  ),
});
export type CaseCheck = z.infer<typeof caseCheckSchema>;

export const trustSchema = z.enum(['self', 'trusted', 'known', 'unknown']);

/** A case check against its signed tree heads (`sealdesk verify <case>`). */
export const sealedCaseCheckSchema = caseCheckSchema.extend({
  sealed: z
    .object({ size: z.number().int(), rootHash: z.string(), timestamp: z.string(), signer: z.string(), keyid: z.string(), trust: trustSchema })
    .nullable(),
  treeHeads: z.number().int(),
  /** The custody entry that records this verification, when the case could be written. */
  recordedAs: z.number().int().nullable(),
  /** A tree head signed after the check passed (when a passphrase was given). */
  newTreeHead: z.object({ size: z.number().int(), rootHash: z.string(), timestamp: z.string() }).nullable(),
});
export type SealedCaseCheck = z.infer<typeof sealedCaseCheckSchema>;

/** A bundle check (`sealdesk verify <bundle.zip>`). */
export const bundleCheckSchema = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  signer: z.object({ name: z.string().nullable(), keyid: z.string().nullable(), trust: z.union([trustSchema, z.literal('none')]) }),
  treeHead: z.object({ size: z.number().int(), rootHash: z.string(), timestamp: z.string() }).nullable(),
  checked: z.object({
    files: z.number().int(),
    ledgerEntries: z.number().int(),
    events: z.number().int(),
    eventProofs: z.number().int(),
    earlierHeads: z.number().int(),
    report: z.boolean(),
  }),
});
export type BundleCheckOutput = z.infer<typeof bundleCheckSchema>;
