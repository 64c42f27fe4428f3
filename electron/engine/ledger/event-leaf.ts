import type { EventRow } from '../db/repos/events-read';
import { leafHash } from './merkle';

/** An event's origin in its file and every normalized field, in the events table's column order. */
export type EventValues = [
  offset: number | null,
  length: number | null,
  record: number | null,
  ts: number | null,
  ts_desc: string | null,
  host: string | null,
  user: string | null,
  action: string | null,
  outcome: string | null,
  src_ip: string | null,
  dst_ip: string | null,
  resource: string | null,
  severity: string | null,
  message: string,
  attrs: string | null,
  flags: number,
];

/**
 * The stored values of an event that its leaf hash covers, in a fixed order: the evidence
 * file's SHA-256, the format, then the event's values. The writer hashes the exact values
 * it inserts; verification rebuilds the same array from the stored row.
 */
export type EventContent = [sha256: string, format: string, ...values: EventValues];

export function eventLeaf(content: EventContent): Buffer {
  return leafHash(JSON.stringify(content));
}

/** A stored events row (with its evidence hash joined in) as the leaf's content. */
export function contentOfRow(
  r: Omit<EventRow, 'id' | 'evidence_id' | 'file' | 'sha256'> & { sha256: string; flags: number },
): EventContent {
  return [r.sha256, r.format, r.offset, r.length, r.record, r.ts, r.ts_desc, r.host, r.user, r.action, r.outcome, r.src_ip, r.dst_ip, r.resource, r.severity, r.message, r.attrs, r.flags];
}
