/**
 * EVTX parser throughput next to libevtx's `evtxexport` on the same files. Prints records
 * per second for Sealdesk's parser (one thread, full event mapping, file reads included)
 * and for evtxexport (a process per file, as it is used), and the ratio.
 *
 * Three inputs: the sample .evtx files each parsed `repeat` times (default 200); one larger
 * file made of all the samples' chunks repeated (many chunks in one file, so the per-file
 * cost of starting evtxexport does not dominate its figure); and a generated dense
 * Sysmon-like log with full chunks, since the samples hold only about 3 records per chunk
 * and real logs about 50-100 (per-chunk costs such as template compilation dominate the
 * samples' figures).
 *
 * Run: npm run bench:evtx [-- repeat]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evtxParser } from '../../electron/engine/ingest/parsers/evtx/index';
import { testParseContext } from '../../electron/engine/ingest/run-parser';
import type { ParseSink } from '../../electron/engine/ingest/types';
import { hasTool, sampleEvtxFiles } from '../integration/evtx/reference';
import { denseLog, evtxFile } from '../unit/evtx/builder';

const REPEAT = Number(process.argv[2] ?? 200);
/** evtxexport runs per sample file (a process each: fewer runs give a stable figure). */
const EE_RUNS = Math.max(3, Math.round(REPEAT / 10));
const BIG_COPIES = 40;
const DENSE_CHUNKS = 100;

interface Figure {
  records: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds (user + system) of the parser, or of the evtxexport processes. */
  cpu: number;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function ours(files: string[], repeat: number): Promise<Figure & { skips: number }> {
  let records = 0;
  let skips = 0;
  const sink: ParseSink = { event: () => void records++, skip: () => void skips++, note: () => undefined };
  const ctx = testParseContext();
  const signal = new AbortController().signal;
  const started = performance.now();
  const cpu0 = cpuNow();
  for (let r = 0; r < repeat; r++) for (const f of files) await evtxParser.parse(f, ctx, sink, signal);
  return { records, seconds: (performance.now() - started) / 1000, cpu: cpuNow() - cpu0, skips };
}

/** evtxexport over the files `runs` times, from one shell whose `times` gives the CPU used. */
function evtxexport(files: string[], runs: number, recordsPerRun: number): Figure | null {
  if (!hasTool('evtxexport')) return null;
  const script = `for i in $(seq ${runs}); do for f in "$@"; do evtxexport "$f" >/dev/null 2>&1 || exit 1; done; done; times`;
  const started = performance.now();
  const res = spawnSync('bash', ['-c', script, 'bench', ...files], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 0) throw new Error(`evtxexport failed: ${res.stderr}`);
  // `times` prints the shell's own times, then its children's: "0m1.234s 0m0.056s".
  const children = res.stdout.trim().split('\n').pop() ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((t, m) => t + Number(m[1]) * 60 + Number(m[2]), 0);
  return { records: recordsPerRun * runs, seconds, cpu };
}

function line(label: string, f: Figure, ref: Figure | null): string {
  const cols = [label.padEnd(40), fmt(f.records).padStart(8), f.seconds.toFixed(2).padStart(7), fmt(f.records / f.seconds).padStart(10), f.cpu.toFixed(2).padStart(7), fmt(f.records / f.cpu).padStart(10)];
  if (ref) cols.push(`${((f.records / f.seconds) / (ref.records / ref.seconds)).toFixed(1)}x`.padStart(7), `${((f.records / f.cpu) / (ref.records / ref.cpu)).toFixed(1)}x`.padStart(7));
  return cols.join(' ');
}

async function main(): Promise<void> {
  const files = sampleEvtxFiles();
  if (files.length === 0) throw new Error('no sample .evtx files under ../shared/data');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-evtx-bench-'));
  try {
    const once = await ours(files, 1);
    // One large file: every sample chunk, BIG_COPIES times (record ids repeat; both tools read on).
    const chunks = files.flatMap((f) => {
      const b = readFileSync(f);
      const out: Buffer[] = [];
      for (let at = 4096; at + 65536 <= b.length; at += 65536) out.push(b.subarray(at, at + 65536));
      return out;
    });
    const big = path.join(dir, 'big.evtx');
    writeFileSync(big, evtxFile(Array.from({ length: BIG_COPIES }, () => chunks).flat()));
    const bigOnce = await ours([big], 1);

    console.log(`EVTX parser benchmark: ${files.length} sample files, ${once.records} records (${once.skips} skipped); one thread.`);
    console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (shared machines make figures noisy).`);
    console.log('');
    console.log(`${'run'.padEnd(40)} ${'records'.padStart(8)} ${'wall s'.padStart(7)} ${'rec/s'.padStart(10)} ${'cpu s'.padStart(7)} ${'rec/cpu-s'.padStart(10)} ${'wall/ee'.padStart(7)} ${'cpu/ee'.padStart(7)}`);

    await ours(files, Math.min(20, REPEAT)); // warm-up
    const a = await ours(files, REPEAT);
    const eeA = evtxexport(files, EE_RUNS, once.records);
    console.log(line(`sealdesk, samples x${REPEAT}`, a, eeA));
    // The samples hold ~3 records per file, so the row above mostly times V8 still compiling.
    // An import of many files runs long enough to be past that: the same files, once warm.
    await ours(files, 5 * REPEAT);
    const warm = await ours(files, REPEAT);
    console.log(line(`sealdesk, samples x${REPEAT}, warm`, warm, eeA));
    if (eeA) console.log(line(`evtxexport, samples x${EE_RUNS} (a process per file)`, eeA, null));

    const bigRuns = Math.max(3, Math.round(REPEAT / 20));
    const b = await ours(Array.from({ length: bigRuns }, () => big), 1);
    const eeB = evtxexport([big], bigRuns, bigOnce.records);
    console.log(line(`sealdesk, ${chunks.length * BIG_COPIES}-chunk file x${bigRuns}`, b, eeB));
    if (eeB) console.log(line(`evtxexport, ${chunks.length * BIG_COPIES}-chunk file x${bigRuns}`, eeB, null));
    // A dense log (full chunks, ~85 records each) as real logs are; generated, labelled so.
    const dense = path.join(dir, 'dense.evtx');
    writeFileSync(dense, denseLog(DENSE_CHUNKS));
    const denseOnce = await ours([dense], 1);
    const c = await ours(Array.from({ length: bigRuns }, () => dense), 1);
    const eeC = evtxexport([dense], bigRuns, denseOnce.records);
    console.log(line(`sealdesk, dense synthetic log x${bigRuns}`, c, eeC));
    if (eeC) console.log(line(`evtxexport, dense synthetic log x${bigRuns}`, eeC, null));
    if (!eeA) console.log('evtxexport is not installed (Debian: libevtx-utils): no reference figures.');
    console.log('');
    const target = 30_000;
    const perCpu = a.records / a.cpu;
    const warmPerCpu = warm.records / warm.cpu;
    const verdict = (x: number): string => (x >= target ? 'met' : 'NOT met');
    console.log(
      `Target ${fmt(target)} records/s on one core: ${verdict(perCpu)} on the samples (${fmt(perCpu)} records per CPU second, ${fmt(a.records / a.seconds)}/s wall); ` +
        `${verdict(warmPerCpu)} on the warm samples (${fmt(warmPerCpu)} per CPU second); ${verdict(c.records / c.cpu)} on the dense log (${fmt(c.records / c.cpu)} per CPU second).`,
    );
    console.log('evtxexport figures include starting a process per file, as it is used; the large file shows the per-record cost with that start-up spread over many chunks.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
