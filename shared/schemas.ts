import { z } from 'zod';
import {
  bundleCheckSchema,
  caseCheckSchema,
  caseInfoSchema,
  eventSchema,
  formatSchema,
  histogramSchema,
  importReceiptSchema,
  importSummarySchema,
  jobStateSchema,
  ledgerCheckSchema,
  ledgerEntrySchema,
  sealedCaseCheckSchema,
  statsSchema,
  templateListSchema,
  templateSchema,
} from './model';

const timeBound = z.string().min(1).max(64).optional();
const query = z.string().max(10_000);

export const searchInputSchema = z.object({
  query: query.default(''),
  /** Inclusive lower time bound, ISO 8601 or a relative form understood by the engine. */
  from: timeBound,
  /** Exclusive upper time bound. */
  to: timeBound,
  limit: z.number().int().min(1).max(10_000).default(100),
  offset: z.number().int().min(0).max(100_000_000).default(0),
  order: z.enum(['asc', 'desc']).default('asc'),
  /**
   * `text` (default): every word must match, in time order. `semantic`: events ranked by how
   * close their text is in meaning to the query's words. `hybrid`: that ranking fused with
   * keyword (BM25) ranking. In both ranked modes field parts (`host:x`) and times filter.
   */
  mode: z.enum(['text', 'semantic', 'hybrid']).default('text'),
});
export type SearchInput = z.input<typeof searchInputSchema>;

/** Why an event is in ranked results: its text's similarity to the query, and a keyword hit. */
export const matchReasonSchema = z.object({ id: z.number().int(), semantic: z.number().nullable(), keyword: z.boolean() });
export type MatchReasonData = z.infer<typeof matchReasonSchema>;

const searchOutputSchema = z.object({
  events: z.array(eventSchema),
  total: z.number().int(),
  tookMs: z.number(),
  /** Ranked modes only: one entry per event, in the same order. */
  matches: z.array(matchReasonSchema).optional(),
  /** Ranked modes only: the model the index was built with and the events it covers. */
  index: z.object({ model: z.string(), indexedEvents: z.number().int() }).optional(),
});

export const embeddingModelSchema = z.object({ id: z.string(), name: z.string(), source: z.enum(['bundled', 'user']), dir: z.string() });
export const indexStatusSchema = z.object({
  model: z.string().nullable(),
  events: z.number().int(),
  indexedEvents: z.number().int(),
  texts: z.number().int(),
  embeddedTexts: z.number().int(),
  /** Models installed (bundled and in the user's models folder). */
  models: z.array(embeddingModelSchema),
  /** The model a new index run uses when none is named. */
  defaultModel: z.string().nullable(),
});
export type IndexStatus = z.infer<typeof indexStatusSchema>;

const eventId = z.number().int().min(1);
const passphrase = z.string().min(1, 'the passphrase is empty').max(10_000);
const tagName = z.string().trim().min(1, 'a tag needs a name').max(64).refine((t) => !/[\u0000-\u001f]/.test(t), 'a tag may not contain control characters');
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');

export const annotationSchema = z.object({
  eventId: z.number().int(),
  starred: z.boolean(),
  tags: z.array(z.object({ name: z.string(), color: z.string() })),
  notes: z.array(z.object({ id: z.number().int(), text: z.string(), at: z.string(), actor: z.string() })),
});
export type Annotation = z.infer<typeof annotationSchema>;

const findingStatus = z.enum(['open', 'confirmed', 'false_positive']);
export const findingSchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  kind: z.string(),
  ruleId: z.string().nullable(),
  rulePath: z.string().nullable(),
  title: z.string(),
  severity: z.string(),
  explanation: z.string(),
  remediation: z.string(),
  eventCount: z.number().int(),
  firstTs: z.string().nullable(),
  lastTs: z.string().nullable(),
  status: findingStatus,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

const savedSearchSchema = z.object({ id: z.number().int(), name: z.string(), query: z.string(), createdAt: z.string() });

/** Why a CEL expression is refused: position is a 0-based offset into it, line and column 1-based. */
export const celErrorSchema = z.object({ message: z.string(), position: z.number().int(), line: z.number().int(), column: z.number().int() });
const celSeverity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
/** A saved CEL detection rule. */
export const celRuleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  expression: z.string(),
  severity: celSeverity,
  description: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CelRule = z.infer<typeof celRuleSchema>;
const celExpression = z.string().max(10_000);

/** Every method: its input and output schema. The single source for all transports. */
export const schemas = {
  'app.info': {
    input: z.object({}).default({}),
    output: z.object({ version: z.string(), case: caseInfoSchema.nullable(), formats: z.array(z.string()) }),
  },
  'case.create': {
    input: z.object({ dir: z.string().min(1).max(4096), name: z.string().min(1).max(200).optional() }),
    output: caseInfoSchema,
  },
  'case.open': {
    input: z.object({ dir: z.string().min(1).max(4096) }),
    output: caseInfoSchema,
  },
  'case.openSample': {
    input: z.object({}).default({}),
    output: caseInfoSchema,
  },
  'case.info': {
    input: z.object({}).default({}),
    output: caseInfoSchema,
  },
  'import.start': {
    input: z.object({
      /** Files, folders or archives to receive; may be empty only when resuming. */
      paths: z.array(z.string().min(1).max(4096)).max(10_000).default([]),
      format: formatSchema.optional(),
      /** IANA time zone for formats whose times carry none (RFC 3164 syslog). */
      timezone: z.string().min(1).max(64).optional(),
      /** Resume an interrupted import instead of starting a new one. */
      resume: z.number().int().optional(),
    }).refine((i) => i.resume !== undefined || i.paths.length > 0, { message: 'give at least one path to import', path: ['paths'] }),
    output: z.object({ jobId: z.string(), importId: z.number().int() }),
  },
  'import.list': {
    input: z.object({}).default({}),
    output: z.array(importSummarySchema),
  },
  'import.receipt': {
    input: z.object({ importId: z.number().int() }),
    output: importReceiptSchema,
  },
  'import.rollback': {
    input: z.object({ importId: z.number().int() }),
    output: z.object({ importId: z.number().int(), eventsRemoved: z.number().int() }),
  },
  'job.get': {
    input: z.object({ jobId: z.string().min(1).max(100) }),
    output: jobStateSchema,
  },
  'job.cancel': {
    input: z.object({ jobId: z.string().min(1).max(100) }),
    output: z.object({ cancelled: z.boolean() }),
  },
  'search.query': {
    input: searchInputSchema,
    output: searchOutputSchema,
  },
  'search.count': {
    input: searchInputSchema.pick({ query: true, from: true, to: true }),
    output: z.object({ count: z.number().int() }),
  },
  'search.histogram': {
    input: searchInputSchema.pick({ query: true, from: true, to: true }).extend({
      buckets: z.number().int().min(1).max(2000).default(100),
    }),
    output: histogramSchema,
  },
  'stats.get': {
    input: z.object({ top: z.number().int().min(1).max(1000).default(20) }).default({ top: 20 }),
    output: statsSchema,
  },
  /**
   * The case's log templates, most common or rarest first (rare ones are what stands out).
   * With a query or a time range: the templates of the matching events, counted among them.
   */
  'templates.list': {
    input: searchInputSchema
      .pick({ query: true, from: true, to: true })
      .extend({ order: z.enum(['common', 'rare']).default('common'), limit: z.number().int().min(1).max(1000).default(50) })
      .default({ query: '', order: 'common', limit: 50 }),
    output: templateListSchema,
  },
  'ledger.list': {
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(10_000).default(1000) }).default({ offset: 0, limit: 1000 }),
    output: z.object({ entries: z.array(ledgerEntrySchema), total: z.number().int() }),
  },
  'ledger.check': {
    input: z.object({}).default({}),
    output: ledgerCheckSchema,
  },
  /** Recompute ledger, events and evidence files; names each one that differs. */
  'case.check': {
    input: z.object({}).default({}),
    output: caseCheckSchema,
  },
  'event.get': {
    input: z.object({ id: z.number().int() }),
    output: eventSchema.extend({ raw: z.string(), rawTruncated: z.boolean(), template: templateSchema.nullable() }),
  },
  /** The events just before and after one event in the same evidence file, in file order. */
  /**
   * Events whose text is closest in meaning to this event's ("find similar"). The query filters
   * as it reads in its mode: a whole text query, or the field parts of a ranked one.
   */
  'event.similar': {
    input: searchInputSchema.pick({ query: true, from: true, to: true, limit: true, offset: true, mode: true }).extend({ id: eventId }),
    output: searchOutputSchema,
  },
  /** Build or update the semantic index (a job); `model` is a model name or id from index.status. */
  'index.start': {
    input: z.object({ model: z.string().min(1).max(200).optional() }).default({}),
    output: z.object({ jobId: z.string() }),
  },
  'index.status': {
    input: z.object({}).default({}),
    output: indexStatusSchema,
  },
  'event.context': {
    input: z.object({ id: eventId, before: z.number().int().min(0).max(200).default(20), after: z.number().int().min(0).max(200).default(20) }),
    output: z.object({ before: z.array(eventSchema), event: eventSchema, after: z.array(eventSchema) }),
  },
  'annotation.get': {
    input: z.object({ eventId }),
    output: annotationSchema,
  },
  'annotation.star': {
    input: z.object({ eventId, starred: z.boolean() }),
    output: annotationSchema,
  },
  'annotation.tag': {
    input: z.object({ eventId, tag: tagName, remove: z.boolean().default(false) }),
    output: annotationSchema,
  },
  /** Notes are append-only: a note is never edited; add another. */
  'annotation.note': {
    input: z.object({ eventId, text: z.string().trim().min(1, 'the note is empty').max(20_000) }),
    output: annotationSchema,
  },
  'annotation.starred': {
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100_000).default(1000) }).default({ offset: 0, limit: 1000 }),
    output: z.object({ eventIds: z.array(z.number().int()), total: z.number().int() }),
  },
  'tag.list': {
    input: z.object({}).default({}),
    output: z.object({ tags: z.array(z.object({ name: z.string(), color: z.string(), count: z.number().int() })) }),
  },
  'tag.color': {
    input: z.object({ name: tagName, color: hexColor }),
    output: z.object({ name: z.string(), color: z.string() }),
  },
  'notebook.get': {
    input: z.object({}).default({}),
    output: z.object({ text: z.string(), updatedAt: z.string().nullable() }),
  },
  /** Each save adds a revision; earlier revisions are kept. */
  'notebook.save': {
    input: z.object({ text: z.string().max(1_000_000) }),
    output: z.object({ text: z.string(), updatedAt: z.string() }),
  },
  'search.saved.list': {
    input: z.object({}).default({}),
    output: z.object({ searches: z.array(savedSearchSchema) }),
  },
  /** Saving under an existing name replaces its query. */
  'search.saved.save': {
    input: z.object({ name: z.string().trim().min(1).max(200), query }),
    output: savedSearchSchema,
  },
  'search.saved.delete': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  },
  'search.history.add': {
    input: z.object({ query }),
    output: z.object({ ok: z.literal(true) }),
  },
  /** Most recent first, each query once. */
  'search.history.list': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 }),
    output: z.object({ entries: z.array(z.object({ query: z.string(), at: z.string() })) }),
  },
  /** Who signs exports and tree heads here (no secret): null before `sealdesk identity create`. */
  'identity.get': {
    input: z.object({}).default({}),
    output: z
      .object({ name: z.string(), fingerprint: z.string(), fingerprintDisplay: z.string(), shortId: z.string(), created: z.string() })
      .nullable(),
  },
  /**
   * Recompute the whole case and check it against every signed tree head; records the
   * verification in the custody ledger, and with the passphrase signs a new tree head when intact.
   */
  'case.verify': {
    input: z.object({ passphrase: passphrase.optional() }).default({}),
    output: sealedCaseCheckSchema,
  },
  /** Export a sealed bundle (a job: progress as job events, the result in job.finished). */
  'export.start': {
    input: z.object({
      out: z.string().min(1).max(4096),
      query: query.optional(),
      starredOnly: z.boolean().default(false),
      /** A masking policy (see export/mask/policy.ts); `{}` masks every kind of personal data with redaction. */
      mask: z.record(z.string(), z.unknown()).optional(),
      overwrite: z.boolean().default(false),
      tableLimit: z.number().int().min(0).max(1_000_000).optional(),
      passphrase,
    }),
    output: z.object({ jobId: z.string() }),
  },
  /** Verify a bundle file offline. */
  'bundle.verify': {
    input: z.object({ path: z.string().min(1).max(4096) }),
    output: bundleCheckSchema,
  },
  /** Run the bundled rules and any given rule files or folders over the case (a job). */
  'detect.start': {
    input: z
      .object({
        rules: z.array(z.string().min(1).max(4096)).max(100).default([]),
        bundled: z.boolean().default(true),
        anomaly: z.boolean().default(false),
        /** Access-isolation policy files (YAML) to audit the case against. */
        policies: z.array(z.string().min(1).max(4096)).max(20).default([]),
      })
      .default({ rules: [], bundled: true, anomaly: false, policies: [] }),
    output: z.object({ jobId: z.string() }),
  },
  /** Policy audits, newest first: verdicts and violation counts per run, for the trend. */
  'policy.runs': {
    input: z.object({ policy: z.string().max(500).optional(), limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 }),
    output: z.array(
      z.object({
        id: z.number().int(),
        runId: z.number().int(),
        policy: z.string(),
        file: z.string(),
        sha256: z.string(),
        verdict: z.enum(['isolated', 'violations']),
        critical: z.number().int(),
        warning: z.number().int(),
        info: z.number().int(),
        summary: z.string(),
        createdAt: z.string(),
      }),
    ),
  },
  'finding.list': {
    input: z
      .object({
        status: findingStatus.optional(),
        severity: z.string().max(20).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(10_000).default(500),
      })
      .default({ offset: 0, limit: 500 }),
    output: z.object({ findings: z.array(findingSchema), total: z.number().int() }),
  },
  'finding.get': {
    input: z.object({ id: z.number().int() }),
    output: findingSchema.extend({ eventIds: z.array(z.number().int()) }),
  },
  /** The analyst's verdict on a finding; recorded in the custody ledger. */
  'finding.setStatus': {
    input: z.object({ id: z.number().int(), status: findingStatus, note: z.string().max(20_000).optional() }),
    output: findingSchema,
  },
  /** Parse and type-check a CEL expression; a refusal names the position. */
  'cel.check': {
    input: z.object({ expression: celExpression }),
    output: z.object({ ok: z.boolean(), error: celErrorSchema.optional() }),
  },
  /** Save a CEL rule (same name replaces); refused with the positioned error when it does not compile. */
  'cel.save': {
    input: z.object({ name: z.string().trim().min(1).max(200), expression: celExpression, severity: celSeverity, description: z.string().max(5_000).optional(), enabled: z.boolean().default(true) }),
    output: celRuleSchema,
  },
  'cel.list': {
    input: z.object({}).default({}),
    output: z.object({ rules: z.array(celRuleSchema) }),
  },
  'cel.delete': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  },
} as const;

export type Schemas = typeof schemas;
