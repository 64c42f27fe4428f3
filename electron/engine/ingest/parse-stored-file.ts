import type { FormatId } from '../../../shared/model';
import type { TemplateAssigner } from '../detect/templates/case-templates';
import { writeTransaction, type Db } from '../db/open';
import { eventWriter } from '../db/repos/events-write';
import { intakeRepo, type ReceiptFigures } from '../db/repos/intake';
import type { IntakeItem } from './intake/walk';
import { abortError } from './intake/errors';
import { sampleFile } from './lines';
import { detectFormat } from './parsers/index';
import { priorParse } from './prior-parse';
import { runParse, type ParseBatch, type ParseJob } from './parse-run';
import type { ParseThread } from './parse-thread';
import type { RootBuilder } from '../ledger/merkle-stream';

/** Issues stored individually per file; past this only the per-reason counts grow. */
const ISSUE_ROW_LIMIT = 100_000;
/** Distinct problem kinds counted per file; the rest are counted together. */
const REASON_KEY_LIMIT = 100;

export type FileOutcome = ReceiptFigures;

export interface ParseFileOptions {
  db: Db;
  importId: number;
  intakeId: number;
  evidenceId: number;
  format?: FormatId;
  timezone: string;
  signal: AbortSignal;
  /** Gives each new event its log template (one per import, shared by its files). */
  templates: TemplateAssigner;
  /** Takes the leaf of every event written (the import's events root). */
  written: RootBuilder;
  /** Where big files are parsed while this thread writes (one per import); none: all here. */
  parseThread?: ParseThread;
  /** Bytes of this file parsed so far, and events added since the last call. */
  onProgress: (bytes: number, newEvents: number) => void;
}

/**
 * Parse one stored evidence file into events. A file whose events were already imported
 * (same bytes, by hash) is not parsed again; a file an interrupted import left half done is
 * parsed again and only the missing events are added (events are unique by origin).
 */
export async function parseStoredFile(item: IntakeItem, o: ParseFileOptions): Promise<FileOutcome> {
  const started = performance.now();
  const { db } = o;
  const repo = intakeRepo(db);
  const prior = priorParse(db, o.evidenceId);
  if (prior) {
    return {
      format: prior.format,
      events: 0,
      skipped: 0,
      truncated: 0,
      duplicate: true,
      durationMs: performance.now() - started,
      reasons: { [`already imported by import #${prior.importId}`]: 1 },
    };
  }
  const sample = await sampleFile(item.storedPath, item.displayPath);
  const format: FormatId = o.format ?? detectFormat(sample).id;
  const writer = eventWriter(db, o.templates, o.written);
  const origin = { importId: o.importId, intakeId: o.intakeId, evidenceId: o.evidenceId, sha256: item.sha256, format };

  let events = 0;
  let skipped = 0;
  let truncated = 0;
  let issueRows = 0;
  const reasons: Record<string, number> = {};
  let reasonKeys = 0;
  const countReason = (reason: string): void => {
    // Group by the kind of problem, not its particulars (quoted text, numbers), and keep the
    // map bounded: the individual issues keep the full text.
    let key = reason.replace(/"[^"]*"|'[^']*'/g, '"…"').replace(/\d+/g, 'N').slice(0, 160);
    if (!(key in reasons) && reasonKeys >= REASON_KEY_LIMIT) key = 'other problems (listed one by one)';
    if (!(key in reasons)) reasonKeys++;
    reasons[key] = (reasons[key] ?? 0) + 1;
  };
  // One transaction per batch: a killed import leaves whole batches behind.
  const write = writeTransaction(db, (b: ParseBatch): number => {
    let added = 0;
    for (const e of b.events) if (writer.insertPrepared(origin, e)) added++;
    for (const [kind, where, reason] of b.issues) {
      if (kind === 'skip') skipped++;
      else if (/truncat/i.test(reason)) truncated++;
      countReason(reason);
      if (issueRows++ < ISSUE_ROW_LIMIT) repo.addIssue(o.importId, o.intakeId, where, reason);
    }
    return added;
  });
  const onBatch = (b: ParseBatch): void => {
    const added = write(b);
    events += added;
    o.onProgress(b.bytes, added);
    if (o.signal.aborted) throw abortError();
  };
  const job: ParseJob = {
    storedPath: item.storedPath,
    size: item.size,
    sha256: item.sha256,
    format,
    ctx: { timezone: o.timezone, fileName: item.displayPath, fileMtimeMs: item.mtimeMs, now: Date.now() },
  };
  if (o.parseThread?.wants(item.size)) await o.parseThread.run(job, onBatch, o.signal);
  else await runParse(job, onBatch, o.signal);
  if (issueRows > ISSUE_ROW_LIMIT) {
    repo.addIssue(o.importId, o.intakeId, 'file', `${issueRows - ISSUE_ROW_LIMIT} further problems counted in the receipt's reasons but not listed one by one`);
  }
  return { format, events, skipped, truncated, duplicate: false, durationMs: performance.now() - started, reasons };
}
