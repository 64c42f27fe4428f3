/**
 * Retrieval quality of text, semantic and hybrid search on loghub samples with ground-truth
 * templates. Each query is plain words; an event is relevant when its line's ground-truth
 * template id is listed for the query. All datasets go into one case, so a query must find
 * its events among the others too.
 *
 * recall@10 = relevant events in the top 10 / min(10, relevant events in the case);
 * MRR = mean of 1 / rank of the first relevant event in the top 100 (0 when none).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { AuditEvent } from '../../shared/model';
import type { EngineCase } from '../helpers/engine-case';
import { data } from '../helpers/paths';

export interface EvalQuery {
  dataset: string;
  query: string;
  relevant: string[];
}

export type Mode = 'text' | 'semantic' | 'hybrid';
export const MODES: Mode[] = ['text', 'semantic', 'hybrid'];

export interface ModeScore {
  recallAt10: number;
  mrr: number;
}

export function evalQueries(): EvalQuery[] {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'semantic-queries.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: EvalQuery[] }).queries;
}

const logFile = (dataset: string): string => data('loghub', dataset, `${dataset}_2k.log`);

/** Line start offsets of a file, to turn an event's byte offset into its 1-based line number. */
function lineStarts(file: string): number[] {
  const bytes = readFileSync(file);
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a && i + 1 < bytes.length) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Ground truth of every event of the case: "<dataset>/<template id>". */
export async function importEvalDatasets(c: EngineCase, datasets: string[]): Promise<Map<number, string>> {
  await c.importFiles(datasets.map(logFile));
  const truth = new Map<number, string>();
  const byFile = new Map<string, { dataset: string; starts: number[]; template: Map<number, string> }>();
  for (const d of datasets) {
    const rows = parse(readFileSync(data('loghub', d, `${d}_2k.log_structured.csv`)), { columns: true }) as { LineId: string; EventId: string }[];
    byFile.set(path.basename(logFile(d)), { dataset: d, starts: lineStarts(logFile(d)), template: new Map(rows.map((r) => [Number(r.LineId), r.EventId])) });
  }
  for (let offset = 0; ; offset += 10_000) {
    const page = await c.client.call('search.query', { query: '', limit: 10_000, offset });
    for (const e of page.events) {
      const f = byFile.get(path.basename(e.origin.file));
      if (!f || e.origin.offset === null) continue;
      const t = f.template.get(lineOf(f.starts, e.origin.offset));
      if (t) truth.set(e.id, `${f.dataset}/${t}`);
    }
    if (page.events.length < 10_000) break;
  }
  return truth;
}

/** Scores one mode over the queries; `perQuery` gets each query's figures (for printing). */
export async function scoreMode(
  c: EngineCase,
  mode: Mode,
  queries: EvalQuery[],
  truth: Map<number, string>,
  perQuery?: (q: EvalQuery, s: ModeScore) => void,
): Promise<ModeScore> {
  let recall = 0;
  let rr = 0;
  for (const q of queries) {
    const relevant = new Set(q.relevant.map((t) => `${q.dataset}/${t}`));
    const inCase = [...truth.values()].filter((t) => relevant.has(t)).length;
    let events: AuditEvent[] = [];
    try {
      events = (await c.client.call('search.query', { query: q.query, mode, limit: 100 })).events;
    } catch {
      // A plain-words query may not parse as a text query: that mode finds nothing for it.
    }
    const hit = events.map((e) => relevant.has(truth.get(e.id) ?? ''));
    const r = inCase === 0 ? 0 : hit.slice(0, 10).filter(Boolean).length / Math.min(10, inCase);
    const first = hit.indexOf(true);
    const s = { recallAt10: r, mrr: first < 0 ? 0 : 1 / (first + 1) };
    perQuery?.(q, s);
    recall += s.recallAt10;
    rr += s.mrr;
  }
  return { recallAt10: recall / queries.length, mrr: rr / queries.length };
}

export const EVAL_DATASETS = ['OpenSSH', 'Linux', 'Spark', 'HDFS', 'Zookeeper'];
