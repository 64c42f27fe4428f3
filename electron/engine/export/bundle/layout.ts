import { createHash } from 'node:crypto';

/** The files of a sealed bundle (zip entry names). */
export const BUNDLE_FILES = {
  report: 'report.pdf',
  eventsCsv: 'events.csv',
  eventsJsonl: 'events.jsonl',
  manifest: 'evidence-manifest.json',
  ledger: 'ledger.jsonl',
  treeHead: 'proofs/tree-head.json',
  ledgerProofs: 'proofs/ledger-proofs.jsonl',
  eventProofs: 'proofs/event-proofs.jsonl',
  consistency: 'proofs/consistency.json',
  verifyGuide: 'VERIFY.md',
  statement: 'statement.dsse.json',
} as const;

/** Sealdesk bundles are named like this by default; any .zip name works. */
export const BUNDLE_SUFFIX = '.sdx.zip';

/** The PDF metadata keyword that carries the content digest (Keywords and Subject). */
export const CONTENT_DIGEST_KEYWORD = 'sealdesk-content-digest:';

/**
 * The digest printed on every report page: SHA-256 over `name  sha256\n` lines (sorted by name)
 * of every bundle file except the report itself and the statement. The report cannot carry
 * its own digest, so it carries the digest of everything it describes; the signed statement
 * then covers the report. Same form as `sha256sum` output, so it can be checked by hand.
 */
export function contentDigest(files: Map<string, string>): string {
  const lines = [...files]
    .filter(([name]) => name !== BUNDLE_FILES.report && name !== BUNDLE_FILES.statement)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, sha]) => `${sha}  ${name}\n`)
    .join('');
  return createHash('sha256').update(lines, 'utf8').digest('hex');
}
