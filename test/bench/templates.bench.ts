/**
 * Template-mining accuracy and speed on the loghub 2k samples: grouping accuracy (GA)
 * per system against the corrected (ICSE'22) and the original ground truth, their mean
 * and min; then the raw `*_2k.log` files read through readLines with the loghub header
 * regexes (agreement of the cut content with the CSV, GA from raw lines); and mining
 * throughput (lines/s, mining alone, one core).
 * Run: node --import tsx test/bench/templates.bench.ts [--verbose]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { groupingAccuracy } from '../../electron/engine/detect/templates/accuracy';
import { LOGHUB_FORMATS, formatToRegex, loghubContent } from '../../electron/engine/detect/templates/loghub-formats';
import { mineLabels } from '../../electron/engine/detect/templates/label';
import { createMiner } from '../../electron/engine/detect/templates/miner';
import { readLines } from '../../electron/engine/ingest/lines';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const RAW = path.join(DATA, 'loghub');
const SETS = [
  { name: 'corrected', dir: path.join(DATA, 'logparser/loghub_2k_corrected'), suffix: '_2k.log_structured_corrected.csv' },
  { name: 'original', dir: RAW, suffix: '_2k.log_structured.csv' },
];
const verbose = process.argv.includes('--verbose');

interface Row {
  Content: string;
  EventId: string;
}

function load(file: string): Row[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Row[];
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Print each truth event that was split or merged, with one example line. */
function report(rows: Row[], pred: number[]): void {
  const byTruth = new Map<string, Set<number>>();
  const byPred = new Map<number, Set<string>>();
  rows.forEach((r, i) => {
    const p = pred[i] as number;
    const t = byTruth.get(r.EventId) ?? new Set<number>();
    t.add(p);
    byTruth.set(r.EventId, t);
    const q = byPred.get(p) ?? new Set<string>();
    q.add(r.EventId);
    byPred.set(p, q);
  });
  for (const [t, ps] of byTruth) {
    const mixed = [...ps].some((p) => (byPred.get(p)?.size ?? 0) > 1);
    if (ps.size === 1 && !mixed) continue;
    const ex = rows.find((r) => r.EventId === t)?.Content ?? '';
    console.log(`      ${t}: ${ps.size} group(s)${mixed ? ', shared with other events' : ''}; e.g. ${ex.slice(0, 110)}`);
  }
}

const corrected = new Map<string, Row[]>();
for (const set of SETS) {
  const gas: number[] = [];
  console.log(`\n${set.name} ground truth (${path.relative(DATA, set.dir)})`);
  for (const sys of readdirSync(set.dir).sort()) {
    const file = path.join(set.dir, sys, sys + set.suffix);
    if (!existsSync(file)) continue;
    const rows = load(file);
    if (set.name === 'corrected') corrected.set(sys, rows);
    const pred = mineLabels(rows.map((r) => r.Content));
    const ga = groupingAccuracy(rows.map((r) => r.EventId), pred);
    gas.push(ga);
    const truthN = new Set(rows.map((r) => r.EventId)).size;
    console.log(`  ${sys.padEnd(10)} GA ${ga.toFixed(4)}  (${new Set(pred).size} groups, truth ${truthN})`);
    if (verbose) report(rows, pred);
  }
  console.log(`  mean GA ${mean(gas).toFixed(4)}  min GA ${Math.min(...gas).toFixed(4)}  (${gas.length} systems)`);
}

// Raw logs through the product's line reader and the benchmark header regexes.
console.log('\nraw *_2k.log via readLines + loghub header regex (corrected GT)');
for (const [sys, rows] of corrected) {
  const format = LOGHUB_FORMATS[sys];
  const file = path.join(RAW, sys, `${sys}_2k.log`);
  if (format === undefined || !existsSync(file)) continue;
  const re = formatToRegex(format);
  const contents: string[] = [];
  let unmatched = 0;
  await readLines(file, {
    onBatch: (lines) => {
      for (const l of lines) {
        const c = loghubContent(re, l.text);
        if (c === null) unmatched++;
        contents.push(c ?? l.text);
      }
    },
  });
  // The CSVs strip surrounding spaces of the content; compare likewise.
  const same = contents.filter((c, i) => c.trim() === rows[i]?.Content.trim()).length;
  const ga = contents.length === rows.length ? groupingAccuracy(rows.map((r) => r.EventId), mineLabels(contents)).toFixed(4) : 'n/a';
  console.log(`  ${sys.padEnd(10)} lines ${contents.length}, header unmatched ${unmatched}, content = CSV ${same}, GA ${ga}`);
}

// Throughput: all corrected contents mixed, mined repeatedly by fresh miners.
const all = [...corrected.values()].flatMap((rows) => rows.map((r) => r.Content));
const runOnce = (): void => {
  const miner = createMiner();
  for (const c of all) miner.add(c);
};
for (let i = 0; i < 5; i++) runOnce();
const reps = 20;
const start = process.hrtime.bigint();
for (let i = 0; i < reps; i++) runOnce();
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`\nmining throughput: ${Math.round((reps * all.length) / secs).toLocaleString('en-US')} lines/s (${all.length} lines x ${reps}, fresh miner each run)`);
