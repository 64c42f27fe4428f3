import { z } from 'zod';
import { SHA256_HEX } from './names';

/**
 * Sealdesk's predicate for an evidence bundle. in-toto Statement v1 (spec/v1/statement.md)
 * identifies the predicate by a TypeURI in `predicateType`; the version lives in the URI.
 */
export const EVIDENCE_BUNDLE_PREDICATE_TYPE = 'https://sealdesk.app/evidence-bundle/v1';

const isoTime = z.iso.datetime({ offset: true });
const nonEmpty = z.string().min(1);

/** The signed tree head of the case's custody ledger at export time (RFC 9162 style Merkle tree). */
export const treeHeadSchema = z.object({
  size: z.number().int().nonnegative(),
  rootHash: z.string().regex(SHA256_HEX, 'must be 64 lowercase hex characters'),
  signature: z.string().min(1).optional(),
  timestamp: isoTime,
});

export const evidenceBundlePredicateSchema = z.object({
  caseId: nonEmpty,
  caseName: z.string(),
  treeHead: treeHeadSchema,
  query: z.string().optional(),
  masking: z.unknown().optional(),
  tool: z.object({ name: nonEmpty, version: nonEmpty }),
  createdAt: isoTime,
  analyst: z.object({ name: z.string(), fingerprint: nonEmpty }),
  /** SHA-256 over the other files' names and digests (bundle/content-digest.ts), printed on every report page. */
  contentDigest: z.string().regex(SHA256_HEX).optional(),
  /** What was exported: the starred-only choice and how many events. */
  selection: z.object({ starredOnly: z.boolean(), events: z.number().int().nonnegative() }).optional(),
  /** Whether each exported event carries an inclusion proof (not for masked exports: see VERIFY.md). */
  eventProofs: z.boolean().optional(),
});

export type EvidenceBundlePredicate = z.infer<typeof evidenceBundlePredicateSchema>;
