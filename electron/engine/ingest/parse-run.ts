import type { FormatId } from '../../../shared/model';
import { prepareEvent, ROW, type PreparedEvent } from '../db/repos/events-write';
import { BATCH_CHARS, readLines } from './lines';
import { getParser } from './parsers/index';
import type { Line, ParseContext, Parser, ParseSink } from './types';

/** Events per batch from a parser that reads whole files (line parsers batch by lines). */
const BATCH = 1000;

/** One stored evidence file to parse, in a form that can be posted to another thread. */
export interface ParseJob {
  storedPath: string;
  size: number;
  /** SHA-256 of the evidence file: part of every event's leaf hash. */
  sha256: string;
  format: FormatId;
  ctx: ParseContext;
}

/** A line or record not imported (`skip`) or imported with a remark (`note`). */
export type ParseIssue = [kind: 'skip' | 'note', where: string, reason: string];

/** What a parser produced since the last batch, in file order. */
export interface ParseBatch {
  events: PreparedEvent[];
  issues: ParseIssue[];
  /** Bytes of the file parsed up to the end of this batch. */
  bytes: number;
}

/**
 * Run a parser over a file into a sink: a line parser through readLines (`afterLines` runs
 * after each batch of lines, before the next), a whole-file parser by itself.
 */
export async function feedParser(
  parser: Parser,
  file: string,
  ctx: ParseContext,
  sink: ParseSink,
  signal: AbortSignal,
  afterLines?: (lines: Line[]) => void,
): Promise<void> {
  if (parser.kind === 'lines') {
    const state = parser.create(ctx);
    await readLines(file, {
      signal,
      onBatch: (lines) => {
        for (const l of lines) state.line(l, sink);
        afterLines?.(lines);
      },
    });
    state.end(sink);
  } else {
    await parser.parse(file, ctx, sink, signal);
  }
}

/**
 * Parse one file and hand its events over in batches, each event already prepared for the
 * database (values, leaf hash, full-text fields, template shape). Needs no database, so it
 * runs on the import's thread or on a parse worker alike. The last batch has bytes = size.
 */
export async function runParse(job: ParseJob, emit: (b: ParseBatch) => void, signal: AbortSignal): Promise<void> {
  const parser = getParser(job.format);
  let events: PreparedEvent[] = [];
  let issues: ParseIssue[] = [];
  let bytes = 0;
  let chars = 0;
  const flush = (): void => {
    const b = { events, issues, bytes };
    events = [];
    issues = [];
    chars = 0;
    emit(b);
  };
  const sink: ParseSink = {
    event(e) {
      const p = prepareEvent(job.sha256, job.format, e);
      events.push(p);
      chars += p.row[ROW.message].length + (p.row[ROW.attrs]?.length ?? 0);
      if (e.offset !== null && e.offset !== undefined) bytes = Math.max(bytes, e.offset + (e.length ?? 0));
      if (parser.kind === 'stream' && (events.length >= BATCH || chars >= BATCH_CHARS)) flush();
    },
    skip: (where, reason) => issue(['skip', where, reason]),
    note: (where, reason) => issue(['note', where, reason]),
  };
  // A whole-file parser may report nothing but problems (a file of bad records): those
  // are batched by count too, so they are written as they come, not held to the end.
  function issue(i: ParseIssue): void {
    issues.push(i);
    if (parser.kind === 'stream' && issues.length >= BATCH) flush();
  }
  await feedParser(parser, job.storedPath, job.ctx, sink, signal, (lines) => {
    const last = lines[lines.length - 1];
    if (last) bytes = last.offset + last.length;
    flush();
  });
  bytes = job.size;
  flush();
}
