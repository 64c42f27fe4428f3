/**
 * Mine the templates of one log file: every line is read once through readLines, its
 * message taken from the file's line parser where that parser yields one event per
 * line, otherwise the whole line. Labels are resolved after the pass (two-phase), so
 * every line gets the final group of its template.
 */
import path from 'node:path';
import type { FormatId } from '../../../../shared/model';
import { readLines, sampleFile } from '../../ingest/lines';
import { detectFormat, getParser } from '../../ingest/parsers/index';
import type { Line, LineParseState, ParsedEvent, ParseSink } from '../../ingest/types';
import { createMiner } from './miner';
import { messageTokens } from './tokenize';

export interface MinedFile {
  format: FormatId;
  /** Per line (index = line number - 1): a dense template number, 1-based, by first appearance. */
  labels: Int32Array;
  /** Template text by dense number (index 0 unused). */
  templates: string[];
  /** Lines per dense number (index 0 unused). */
  counts: number[];
}

export async function mineFile(file: string, opts: { format?: FormatId; signal?: AbortSignal } = {}): Promise<MinedFile> {
  const format = opts.format ?? detectFormat(await sampleFile(file, path.basename(file))).id;
  const parser = getParser(format);
  // Plain text keeps the whole line; multi-line or whole-file formats fall back to it too.
  const state: LineParseState | null =
    format !== 'text' && parser.kind === 'lines'
      ? parser.create({ timezone: 'UTC', fileName: path.basename(file), fileMtimeMs: null, now: Date.now() })
      : null;
  let emitted: ParsedEvent[] = [];
  const sink: ParseSink = { event: (e) => emitted.push(e), skip: () => undefined };

  const miner = createMiner();
  let ids = new Int32Array(1 << 16);
  let n = 0;
  const message = (l: Line): string => {
    if (!state) return l.text;
    emitted = [];
    state.line(l, sink);
    const e = emitted.length === 1 ? emitted[0] : undefined;
    return e && (e.offset === undefined || e.offset === null || e.offset === l.offset) ? e.message : l.text;
  };
  await readLines(file, {
    signal: opts.signal,
    onBatch: (lines) => {
      for (const l of lines) {
        if (n === ids.length) {
          const grown = new Int32Array(ids.length * 2);
          grown.set(ids);
          ids = grown;
        }
        ids[n++] = miner.observe(messageTokens(message(l)));
      }
    },
  });

  // Dense numbering by first appearance reads better than the miner's internal ids.
  const dense = new Map<number, number>();
  const templates = [''];
  const counts = [0];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = miner.resolve(ids[i] as number);
    let d = dense.get(g);
    if (d === undefined) {
      d = templates.length;
      dense.set(g, d);
      templates.push(miner.template(g));
      counts.push(0);
    }
    labels[i] = d;
    counts[d] = (counts[d] as number) + 1;
  }
  return { format, labels, templates, counts };
}
