/**
 * Speed of the policy audit over a synthetic stream (not a test; run by hand):
 *   npm run bench:policy [-- events]
 * Events are generated lazily, as a database cursor would yield them. About 1 in 1,000 is a
 * violation, so every aggregation path is exercised without the report dominating.
 */
import { join } from 'node:path';
import { auditPolicy, loadPolicy, type AccessEvent } from '../../electron/engine/detect/policy/index';
import { auditdOpen, cleanInventory, FIXTURES, INGEST, s3Get, TRAIN } from '../unit/policy/helpers';

const N = Number(process.argv[2] ?? 1_000_000);

function* stream(n: number): Generator<AccessEvent> {
  for (let i = 0; i < n; i++) {
    const f = i % 10_000;
    const sec = Math.floor(i / 10);
    let e: AccessEvent;
    if (i % 1000 === 999) e = auditdOpen(INGEST, 1001, `/data/holdout/part-${f % 50}.parquet`, sec); // unauthorized
    else if (i % 1000 === 998) e = auditdOpen('/usr/bin/cat', 0, `/data/raw/orders/2024-${f % 12}.csv`, sec); // unknown principal
    else if (i % 3 === 0) e = auditdOpen(INGEST, 1001, `/data/raw/orders/shard-${f}.csv`, sec);
    else if (i % 3 === 1) e = auditdOpen(TRAIN, 1002, `/data/features/part-${f}.parquet`, sec);
    else e = s3Get('publisher/run-17', 'lake', `features/part-${f}.parquet`, sec);
    e.id = i + 1;
    yield e;
  }
}

const policy = await loadPolicy(join(FIXTURES, 'pipeline.yml'));
// Generation cost alone, so the audit's own cost can be read off.
let t = performance.now();
let count = 0;
for (const _e of stream(N)) count++;
const genMs = performance.now() - t;

t = performance.now();
const audit = auditPolicy(policy, stream(N), cleanInventory());
const totalMs = performance.now() - t;
const auditMs = totalMs - genMs;
console.log(`events: ${count.toLocaleString('en')}`);
console.log(`generate only: ${genMs.toFixed(0)} ms`);
console.log(`generate + audit: ${totalMs.toFixed(0)} ms  (audit ≈ ${auditMs.toFixed(0)} ms, ${((count / Math.max(auditMs, 1)) * 1000).toFixed(0)} events/s)`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
console.log(`verdict: ${audit.verdict}; violations: ${audit.violations.map((v) => `${v.type}/${v.principal ?? '-'}/${v.dataset ?? '-'}×${v.count}`).join(', ')}`);
