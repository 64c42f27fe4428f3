/**
 * Semantic search benchmark (npm run bench:semantic). Prints, asserts nothing:
 * - embedding throughput of the default model (texts/s) on real log lines (loghub samples);
 * - indexing time of a 1,000,000-event case (BENCH_EVENTS to change): generated syslog with a
 *   tenth of the lines carrying an extra made-up word, so the case holds many distinct texts
 *   (about 100,000) as real cases do, not only the generator's few dozen templates;
 * - semantic and hybrid query latency, p50 and p95 over plain-language queries, through the
 *   engine's dispatch (query embedding included); targets p95 < 150 ms and < 200 ms;
 * - the process's resident memory (the index job runs in a worker thread of this process).
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import { loadEmbedder } from '../../electron/engine/search/embed/index';
import type { IndexResult } from '../../electron/engine/search/semantic/index.job';
import { SemanticRuntime } from '../../electron/engine/search/semantic/runtime';
import { defaultResourcesDir } from '../../electron/engine/resources';
import { prng } from '../../electron/engine/sample/prng';
import { syslogLines } from '../../electron/engine/sample/syslog-gen';
import { data } from '../helpers/paths';
import { call, job } from './engine-calls';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const work = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-semantic-bench-'));
const secs = (t0: number) => (performance.now() - t0) / 1000;
const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

const QUERIES = [
  'someone guessing passwords',
  'disk filling up',
  'service restarted',
  'network link went down',
  'privileged command run by a user',
  'mail connection dropped',
  'scheduled job ran a backup',
  'firewall blocked a connection',
  'out of memory',
  'user logged in with a key',
  'login session closed',
  'file system mounted again',
  'too many connection attempts',
  'certificate renewal',
  'package update',
  'system log rotation',
  'access denied by security policy',
  'unknown account',
  'remote host lost connection',
  'kernel message about a network card',
];

/** Made-up words (letters only, so the masking keeps them): each one a new distinct text. */
function word(r: ReturnType<typeof prng>): string {
  const syl = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'zu', 'pel', 'dri', 'ong', 'sha', 'tek', 'bri', 'nal'];
  return Array.from({ length: 2 + r.int(3) }, () => r.pick(syl)).join('');
}

async function writeCase(file: string): Promise<void> {
  const r = prng(7);
  const out = createWriteStream(file);
  let block: string[] = [];
  for (const line of syslogLines(EVENTS, { seed: 3 })) {
    block.push(r.int(10) === 0 ? `${line} ticket ${word(r)}` : line);
    if (block.length === 10_000) {
      if (!out.write(block.join('\n') + '\n')) await once(out, 'drain');
      block = [];
    }
  }
  if (block.length) out.write(block.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function throughput(): Promise<{ perSec: number; texts: number }> {
  const runtime = new SemanticRuntime(defaultResourcesDir(), path.join(work, 'home'));
  const model = await runtime.pick();
  const lines = ['OpenSSH', 'Linux', 'HDFS', 'Spark', 'Zookeeper'].flatMap((d) => readFileSync(data('loghub', d, `${d}_2k.log`), 'utf8').split('\n').filter(Boolean));
  const embedder = await loadEmbedder(model);
  await embedder.embed(lines.slice(0, 64));
  const t0 = performance.now();
  for (let i = 0; i < lines.length; i += 256) await embedder.embed(lines.slice(i, i + 256));
  const s = secs(t0);
  await embedder.dispose();
  return { perSec: lines.length / s, texts: lines.length };
}

async function main(): Promise<void> {
  const tp = await throughput();
  console.log(`Embedding throughput: ${Math.round(tp.perSec).toLocaleString('en')} texts/s (${tp.texts} loghub lines, batches of 256, one thread)`);

  const engine = createEngine({ home: path.join(work, 'home') });
  const log = path.join(work, 'bench.log');
  console.log(`Building a case of ${EVENTS.toLocaleString('en')} events…`);
  await writeCase(log);
  await call(engine, 'case.create', { dir: path.join(work, 'case') });
  let t0 = performance.now();
  await job(engine, 'import.start', { paths: [log] });
  console.log(`  import: ${secs(t0).toFixed(1)} s`);

  t0 = performance.now();
  const idx = await job<IndexResult>(engine, 'index.start', {});
  const indexS = secs(t0);
  console.log(`  index: ${indexS.toFixed(1)} s for ${idx.indexedEvents.toLocaleString('en')} events, ${idx.texts.toLocaleString('en')} distinct texts`);

  const lat: Record<'semantic' | 'hybrid', number[]> = { semantic: [], hybrid: [] };
  // Warm-up: the first ranked query loads the model into the engine.
  t0 = performance.now();
  await call(engine, 'search.query', { query: QUERIES[0], mode: 'semantic', limit: 100 });
  const coldMs = performance.now() - t0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      for (const mode of ['semantic', 'hybrid'] as const) {
        const t = performance.now();
        await call(engine, 'search.query', { query: q, mode, limit: 100 });
        lat[mode].push(performance.now() - t);
      }
    }
  }
  const rss = process.memoryUsage().rss;
  await engine.close();

  console.log(`\nSemantic benchmark, ${os.cpus().length} cores, ${EVENTS.toLocaleString('en')} events`);
  console.log(`  embedding throughput: ${Math.round(tp.perSec).toLocaleString('en')} texts/s`);
  console.log(`  index build: ${indexS.toFixed(1)} s (${idx.texts.toLocaleString('en')} distinct texts embedded, ${Math.round(idx.texts / indexS).toLocaleString('en')} texts/s overall)`);
  console.log(`  first ranked query (loads the model): ${coldMs.toFixed(0)} ms`);
  for (const mode of ['semantic', 'hybrid'] as const) {
    const target = mode === 'semantic' ? 150 : 200;
    const p95 = percentile(lat[mode], 95);
    console.log(
      `  ${mode.padEnd(8)} query: p50 ${percentile(lat[mode], 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${lat[mode].length} queries (target p95 < ${target} ms: ${p95 < target ? 'met' : 'NOT met'})`,
    );
  }
  console.log(`  resident memory: ${mib(rss)}`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
