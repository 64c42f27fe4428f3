import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AuditEvent, LogTemplate } from '../../../shared/model';
import { EVIDENCE_DIR } from '../case/case-folder';
import type { Db } from '../db/open';
import { eventRowById, rowToEvent } from '../db/repos/events-read';
import { templatesRepo } from '../db/repos/templates';
import { recordXmlAt } from '../ingest/parsers/evtx/xml';

/** Raw bytes shown for one event are capped: a multi-megabyte line would flood the UI. */
export const RAW_CAP = 1024 * 1024;
/** When the length is unknown, read this much and stop at the first line break. */
const UNKNOWN_LENGTH_READ = 64 * 1024;

function readAt(file: string, offset: number, length: number): Buffer | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, offset);
    return buf.subarray(0, n);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The original bytes of an event, read from the stored evidence copy, decoded as UTF-8
 * (invalid sequences become U+FFFD). Events from record formats without byte offsets show
 * their parsed attributes as JSON; EVTX records show their XML, rebuilt from the record's bytes. A missing evidence copy gives an empty raw, not an error:
 * the parsed event is still worth showing.
 */
function rawOf(caseDir: string, ev: AuditEvent, sha256: string | null): { raw: string; rawTruncated: boolean } {
  const { offset, length } = ev.origin;
  if (offset === null) return { raw: JSON.stringify(ev.attrs, null, 2), rawTruncated: false };
  // The hash comes from the database; checking its shape keeps a tampered row from
  // pointing the read outside the evidence folder.
  if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) return { raw: '', rawTruncated: false };
  const file = path.join(caseDir, EVIDENCE_DIR, sha256);
  // A binary record reads as noise: show the record rebuilt as the XML Windows would show.
  if (ev.format === 'evtx') return { raw: recordXmlAt(file, offset) ?? '', rawTruncated: false };
  if (length === null) {
    const buf = readAt(file, offset, UNKNOWN_LENGTH_READ);
    if (!buf) return { raw: '', rawTruncated: false };
    const nl = buf.indexOf(0x0a);
    return { raw: buf.subarray(0, nl < 0 ? buf.length : nl + 1).toString('utf8'), rawTruncated: nl < 0 && buf.length === UNKNOWN_LENGTH_READ };
  }
  const want = Math.min(Math.max(0, length), RAW_CAP);
  const buf = readAt(file, offset, want);
  return { raw: buf ? buf.toString('utf8') : '', rawTruncated: length > RAW_CAP };
}

/** One event with its raw bytes and its log template. `caseDir` locates the evidence copies. */
export function getEvent(db: Db, caseDir: string, id: number): AuditEvent & { raw: string; rawTruncated: boolean; template: LogTemplate | null } {
  const row = eventRowById(db, id);
  if (!row) throw new AppError('not_found', `Event ${id} does not exist in this case.`, { id });
  const ev = rowToEvent(row);
  return { ...ev, ...rawOf(caseDir, ev, row.sha256), template: templatesRepo(db).ofEvent(id) };
}
