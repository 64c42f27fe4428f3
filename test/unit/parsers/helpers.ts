import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sampleFile } from '../../../electron/engine/ingest/lines';
import { getParser } from '../../../electron/engine/ingest/parsers/index';
import { parseFile, parseLines, testParseContext, type ParseFileResult } from '../../../electron/engine/ingest/run-parser';
import { usToIso } from '../../../electron/engine/ingest/time';
import type { DetectSample, ParseContext, ParsedEvent } from '../../../electron/engine/ingest/types';
import type { FormatId } from '../../../shared/model';
import { tmpDir } from '../../helpers/tmp';

/** A fixed reference time so year inference is deterministic: 2024-03-01T00:00:00Z. */
export const REF_MS = Date.UTC(2024, 2, 1);

export const ctx = (over: Partial<ParseContext> = {}): ParseContext =>
  testParseContext({ now: REF_MS, fileMtimeMs: REF_MS, ...over });

/** Parse in-memory lines with a line parser. */
export function run(id: FormatId, texts: string[], over: Partial<ParseContext> = {}): ParseFileResult {
  return parseLines(texts, getParser(id), ctx(over));
}

/** Write content to a temp file and parse it from disk (through readLines for line parsers). */
export async function runFile(id: FormatId, content: string | Buffer, over: Partial<ParseContext> = {}): Promise<ParseFileResult> {
  const p = path.join(tmpDir(), 'input');
  writeFileSync(p, content);
  return parseFile(p, getParser(id), ctx(over));
}

export async function runData(id: FormatId, file: string, over: Partial<ParseContext> = {}): Promise<ParseFileResult> {
  return parseFile(file, getParser(id), ctx(over));
}

/** ISO text of an event's time (null stays null). */
export const isoOf = (e: ParsedEvent | undefined): string | null => (e?.ts === null || e?.ts === undefined ? null : usToIso(e.ts));

/** Rows of a CSV file with a header, as objects. */
export const csvRows = (file: string): Record<string, string>[] =>
  parseCsv(readFileSync(file), { columns: true }) as Record<string, string>[];

export async function sampleOf(file: string): Promise<DetectSample> {
  return sampleFile(file, path.basename(file));
}

export function sampleText(text: string, name = 'sample.log'): DetectSample {
  const head = Buffer.from(text);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (!text.endsWith('\n')) return { name, head, lines };
  return { name, head, lines: lines.slice(0, -1) };
}
