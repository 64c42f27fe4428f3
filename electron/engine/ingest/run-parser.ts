import type { ParseContext, ParsedEvent, Parser, ParseSink } from './types';
import { feedParser } from './parse-run';

/**
 * For tests and tools only: run one parser over a whole file and collect everything in
 * memory. The import pipeline streams batches into the database instead (parse-run.ts).
 */
export interface ParseFileResult {
  events: ParsedEvent[];
  skips: { where: string; reason: string }[];
  notes: { where: string; reason: string }[];
}

/** A parse context for tests and tools: UTC unless told otherwise, no file mtime. */
export function testParseContext(over: Partial<ParseContext> = {}): ParseContext {
  return { timezone: 'UTC', fileName: 'input', fileMtimeMs: null, now: Date.now(), ...over };
}

/** Collect a parser's output for a file (lines through readLines, or the stream parser). */
export async function parseFile(file: string, parser: Parser, ctx: ParseContext, signal?: AbortSignal): Promise<ParseFileResult> {
  const out: ParseFileResult = { events: [], skips: [], notes: [] };
  const sink: ParseSink = {
    event: (e) => out.events.push(e),
    skip: (where, reason) => out.skips.push({ where, reason }),
    note: (where, reason) => out.notes.push({ where, reason }),
  };
  await feedParser(parser, file, ctx, sink, signal ?? new AbortController().signal);
  return out;
}

/** Run a line parser over in-memory text lines (unit tests of parsers without files). */
export function parseLines(texts: string[], parser: Parser, ctx: ParseContext): ParseFileResult {
  if (parser.kind !== 'lines') throw new Error(`${parser.id} reads whole files; use parseFile`);
  const out: ParseFileResult = { events: [], skips: [], notes: [] };
  const sink: ParseSink = {
    event: (e) => out.events.push(e),
    skip: (where, reason) => out.skips.push({ where, reason }),
    note: (where, reason) => out.notes.push({ where, reason }),
  };
  const state = parser.create(ctx);
  let offset = 0;
  texts.forEach((text, i) => {
    const length = Buffer.byteLength(text) + 1;
    state.line({ text, offset, length, lineNo: i + 1, truncated: false, invalidUtf8: false }, sink);
    offset += length;
  });
  state.end(sink);
  return out;
}
