/**
 * Seal benchmark (npm run bench:seal): on a 1,000,000-event case (BENCH_EVENTS to change),
 * the time to verify the whole case (every event, ledger entry, evidence file and tree head),
 * to export a sealed bundle of 100,000 events with its PDF report, and to verify that bundle.
 * Targets (issue 4): case verify < 30 s, export < 20 s, on 2 cores. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import { createIdentity } from '../../electron/engine/identity';
import { writeSyslogFile } from '../../electron/engine/sample/syslog-gen';
import type { BundleCheckOutput, SealedCaseCheck } from '../../shared/model';
import { call, job } from './engine-calls';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const EXPORTED = Math.min(EVENTS, Number(process.env.BENCH_EXPORT ?? 100_000));
const PASS = 'bench passphrase';
const work = mkdtempSync(path.join(os.tmpdir(), 'sealdesk-seal-bench-'));
const secs = (t0: number) => (performance.now() - t0) / 1000;

async function main(): Promise<void> {
  const home = path.join(work, 'home');
  createIdentity(home, { name: 'Bench Analyst', passphrase: PASS });
  const engine = createEngine({ home });
  const log = path.join(work, 'syslog.log');
  console.log(`Building a case of ${EVENTS.toLocaleString('en')} events…`);
  await writeSyslogFile(log, EVENTS, 1);
  await call(engine, 'case.create', { dir: path.join(work, 'case') });
  let t0 = performance.now();
  await job(engine, 'import.start', { paths: [log] });
  console.log(`  import: ${secs(t0).toFixed(1)} s`);
  const sealed = await call<SealedCaseCheck>(engine, 'case.verify', { passphrase: PASS });
  if (!sealed.newTreeHead) throw new Error('the case was not sealed');

  t0 = performance.now();
  const check = await call<SealedCaseCheck>(engine, 'case.verify', {});
  const verifyS = secs(t0);
  if (!check.ok) throw new Error(`case verify found problems: ${JSON.stringify(check.problems.slice(0, 3))}`);

  const bundle = path.join(work, 'bench.sdx.zip');
  t0 = performance.now();
  await job(engine, 'export.start', { out: bundle, query: `id:[1 TO ${EXPORTED}]`, passphrase: PASS });
  const exportS = secs(t0);
  const size = statSync(bundle).size;

  t0 = performance.now();
  const v = await call<BundleCheckOutput>(engine, 'bundle.verify', { path: bundle });
  const bundleS = secs(t0);
  if (!v.ok) throw new Error(`bundle verify found problems: ${v.problems.slice(0, 3).join('; ')}`);
  await engine.close();

  console.log(`\nSeal benchmark, ${os.cpus().length} cores`);
  console.log(`  verify case (${EVENTS.toLocaleString('en')} events, ${check.ledger.size} custody entries): ${verifyS.toFixed(1)} s  (target < 30 s: ${verifyS < 30 ? 'met' : 'NOT met'})`);
  console.log(`  export ${EXPORTED.toLocaleString('en')} events with PDF: ${exportS.toFixed(1)} s  (target < 20 s: ${exportS < 20 ? 'met' : 'NOT met'}), bundle ${(size / 1024 / 1024).toFixed(1)} MiB`);
  console.log(`  verify bundle (${v.checked.eventProofs.toLocaleString('en')} event proofs, ${v.checked.ledgerEntries} custody entries): ${bundleS.toFixed(1)} s`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
