/**
 * Template-mining accuracy and speed on the loghub 2k samples: grouping accuracy (GA)
 * per system against the corrected (ICSE'22) and the original ground truth, their
 * mean and min, and mining throughput (lines/s, mining alone, one core).
 * Run: node --import tsx test/bench/templates.bench.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { groupingAccuracy } from '../../electron/engine/detect/templates/accuracy';
import { createMiner } from '../../electron/engine/detect/templates/miner';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const SETS = [
  { name: 'corrected', dir: path.join(DATA, 'logparser/loghub_2k_corrected'), suffix: '_2k.log_structured_corrected.csv' },
  { name: 'original', dir: path.join(DATA, 'loghub'), suffix: '_2k.log_structured.csv' },
];

interface Row {
  Content: string;
  EventId: string;
}

function load(file: string): Row[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true, relax_quotes: true }) as Row[];
}

/** Mine contents in order, then label every line with its cluster's surviving id. */
export function mineLabels(contents: readonly string[]): number[] {
  const miner = createMiner();
  const ids = contents.map((c) => miner.add(c).templateId);
  return ids.map((id) => miner.resolve(id));
}

function throughput(contents: readonly string[]): number {
  const reps = Math.max(1, Math.ceil(200_000 / contents.length));
  const start = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) {
    const miner = createMiner();
    for (const c of contents) miner.add(c);
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  return (reps * contents.length) / secs;
}

const verbose = process.argv.includes('--verbose');
const all: string[] = [];
for (const set of SETS) {
  const gas: number[] = [];
  console.log(`\n${set.name} ground truth (${set.dir})`);
  for (const sys of readdirSync(set.dir).sort()) {
    const file = path.join(set.dir, sys, sys + set.suffix);
    if (!existsSync(file)) continue;
    const rows = load(file);
    const contents = rows.map((r) => r.Content);
    if (set.name === 'corrected') all.push(...contents);
    const pred = mineLabels(contents);
    const ga = groupingAccuracy(rows.map((r) => r.EventId), pred);
    gas.push(ga);
    console.log(`  ${sys.padEnd(10)} GA ${ga.toFixed(4)}  (${new Set(pred).size} groups, truth ${new Set(rows.map((r) => r.EventId)).size})`);
    if (verbose) report(rows, pred);
  }
  const mean = gas.reduce((a, b) => a + b, 0) / gas.length;
  console.log(`  mean GA ${mean.toFixed(4)}  min GA ${Math.min(...gas).toFixed(4)}`);
}
console.log(`\nmining throughput: ${Math.round(throughput(all)).toLocaleString('en-US')} lines/s (${all.length} mixed lines, repeated)`);

/** Print wrongly grouped lines per truth event, to see which events split or merge. */
function report(rows: Row[], pred: number[]): void {
  const byTruth = new Map<string, Set<number>>();
  const byPred = new Map<number, Set<string>>();
  rows.forEach((r, i) => {
    const p = pred[i] as number;
    (byTruth.get(r.EventId) ?? byTruth.set(r.EventId, new Set()).get(r.EventId))!.add(p);
    (byPred.get(p) ?? byPred.set(p, new Set()).get(p))!.add(r.EventId);
  });
  for (const [t, ps] of byTruth) {
    const mixed = [...ps].some((p) => (byPred.get(p)?.size ?? 0) > 1);
    if (ps.size === 1 && !mixed) continue;
    const ex = rows.filter((r) => r.EventId === t).slice(0, 1)[0]?.Content;
    console.log(`    ${t}: ${ps.size} groups${mixed ? ' (merged with others)' : ''}  e.g. ${ex?.slice(0, 120)}`);
  }
}
