import type { FormatId } from '../../../shared/model';
import type { TemplateAssigner } from '../detect/templates/case-templates';
import { writeTransaction, type Db } from '../db/open';
import { eventWriter } from '../db/repos/events-write';
import { intakeRepo, type ReceiptFigures } from '../db/repos/intake';
import type { IntakeItem } from './intake/walk';
import { abortError } from './intake/errors';
import { readLines, sampleFile } from './lines';
import { detectFormat, getParser } from './parsers/index';
import { priorParse } from './prior-parse';
import type { ParsedEvent, ParseSink } from './types';

/** Issues stored individually per file; past this only the per-reason counts grow. */
const ISSUE_ROW_LIMIT = 100_000;
const BATCH = 1000;
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
  const parser = getParser(format);
  const writer = eventWriter(db, o.templates);
  const origin = { importId: o.importId, intakeId: o.intakeId, evidenceId: o.evidenceId, sha256: item.sha256, format };

  let pending: ParsedEvent[] = [];
  let pendingIssues: [string, string][] = [];
  let events = 0;
  let skipped = 0;
  let truncated = 0;
  let issueRows = 0;
  let bytes = 0;
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
  const flush = writeTransaction(db, () => {
    let added = 0;
    for (const e of pending) if (writer.insert(origin, e)) added++;
    for (const [where, reason] of pendingIssues) {
      if (issueRows++ < ISSUE_ROW_LIMIT) repo.addIssue(o.importId, o.intakeId, where, reason);
    }
    pending = [];
    pendingIssues = [];
    return added;
  });
  const commit = (): void => {
    const added = flush();
    events += added;
    o.onProgress(bytes, added);
    if (o.signal.aborted) throw abortError();
  };
  const sink: ParseSink = {
    event(e) {
      pending.push(e);
      if (e.offset !== null && e.offset !== undefined) bytes = Math.max(bytes, e.offset + (e.length ?? 0));
      if (parser.kind === 'stream' && pending.length >= BATCH) commit();
    },
    skip(where, reason) {
      skipped++;
      countReason(reason);
      pendingIssues.push([where, reason]);
    },
    note(where, reason) {
      if (/truncat/i.test(reason)) truncated++;
      countReason(reason);
      pendingIssues.push([where, reason]);
    },
  };
  const ctx = { timezone: o.timezone, fileName: item.displayPath, fileMtimeMs: item.mtimeMs, now: Date.now() };
  if (parser.kind === 'lines') {
    const state = parser.create(ctx);
    await readLines(item.storedPath, {
      signal: o.signal,
      onBatch: (lines) => {
        for (const l of lines) state.line(l, sink);
        const last = lines[lines.length - 1];
        if (last) bytes = last.offset + last.length;
        commit();
      },
    });
    state.end(sink);
  } else {
    await parser.parse(item.storedPath, ctx, sink, o.signal);
  }
  bytes = item.size;
  commit();
  if (issueRows > ISSUE_ROW_LIMIT) {
    repo.addIssue(o.importId, o.intakeId, 'file', `${issueRows - ISSUE_ROW_LIMIT} further problems counted in the receipt's reasons but not listed one by one`);
  }
  return { format, events, skipped, truncated, duplicate: false, durationMs: performance.now() - started, reasons };
}
