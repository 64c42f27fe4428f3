import { z } from 'zod';
import {
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
  statsSchema,
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
});
export type SearchInput = z.input<typeof searchInputSchema>;

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
    output: z.object({ events: z.array(eventSchema), total: z.number().int(), tookMs: z.number() }),
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
    output: eventSchema.extend({ raw: z.string(), rawTruncated: z.boolean() }),
  },
} as const;

export type Schemas = typeof schemas;
