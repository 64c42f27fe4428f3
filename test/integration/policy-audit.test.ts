import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectResult } from '../../electron/engine/detect/detect.job';
import { sealdesk } from '../helpers/cli';
import { newEngineCase, type EngineCase } from '../helpers/engine-case';

const INGEST = '/opt/pipeline/bin/ingest';
const TRAIN = '/opt/pipeline/bin/train';

/** One auditd openat event (SYSCALL, CWD, PATH, PROCTITLE records), as auditd writes it. */
function open(serial: number, exe: string, uid: number, file: string, success = true): string {
  const t = `1700000000.${String(serial).padStart(3, '0')}:${serial}`;
  return [
    `type=SYSCALL msg=audit(${t}): arch=c000003e syscall=257 success=${success ? 'yes' : 'no'} exit=${success ? 3 : -13} a0=ffffff9c a1=7ffd1 a2=0 a3=0 items=1 ppid=1 pid=${4000 + serial} auid=${uid} uid=${uid} gid=${uid} euid=${uid} suid=${uid} fsuid=${uid} egid=${uid} sgid=${uid} fsgid=${uid} tty=(none) ses=1 comm="${path.basename(exe)}" exe="${exe}" key="pipeline"`,
    `type=CWD msg=audit(${t}): cwd="/srv/pipeline"`,
    `type=PATH msg=audit(${t}): item=0 name="${file}" inode=${serial} dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL`,
    `type=PROCTITLE msg=audit(${t}): proctitle=7069706531`,
  ].join('\n');
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function policyText(registry: string): string {
  return `version: 1
name: orders-isolation
registry: ${registry}
monitored: [/srv/pipeline/data/**]
principals:
  - name: ingest
    match:
      attrs:
        SYSCALL.exe: ${INGEST}
    group: etl
    datasets: [raw]
    cache: [/var/cache/ingest]
  - name: train
    match:
      attrs:
        SYSCALL.exe: ${TRAIN}
    group: etl
    datasets: [features]
datasets:
  - name: raw
    paths: [/srv/pipeline/data/raw]
    registry_entries: [data/raw/orders.csv]
  - name: features
    paths: [/srv/pipeline/data/features]
    registry_entries: [data/features/f.parquet]
`;
}

/**
 * An isolation audit end to end: auditd file opens and a file inventory imported into a case,
 * a policy with a checksum registry, detection with --policy: violations as findings, the
 * verdict, the audit history with its trend, and a malformed policy refused with its line.
 */
describe('access-isolation policy audit', () => {
  let c: EngineCase;
  let dir: string;
  let first: DetectResult;

  beforeAll(async () => {
    c = await newEngineCase('pipeline', { persistent: true });
    dir = path.join(c.root, 'evidence');
    // The datasets as received (inventory), one of them not what the registry says.
    mkdirSync(path.join(dir, 'data', 'raw'), { recursive: true });
    mkdirSync(path.join(dir, 'data', 'features'), { recursive: true });
    writeFileSync(path.join(dir, 'data', 'raw', 'orders.csv'), 'id,total\n1,10\n');
    writeFileSync(path.join(dir, 'data', 'features', 'f.parquet'), 'features v2');
    writeFileSync(path.join(c.root, 'registry.sha256'), `${sha('id,total\n1,10\n')}  data/raw/orders.csv\n${sha('features v1')}  data/features/f.parquet\n`);
    writeFileSync(path.join(c.root, 'policy.yml'), policyText('registry.sha256'));
    writeFileSync(
      path.join(c.root, 'audit.log'),
      [
        open(1, INGEST, 1001, '/srv/pipeline/data/raw/orders.csv'),
        open(2, TRAIN, 1002, '/srv/pipeline/data/features/f.parquet'),
        open(3, TRAIN, 1002, '/srv/pipeline/data/raw/orders.csv'),
        open(4, TRAIN, 1002, '/srv/pipeline/data/raw/orders.csv', false),
        open(5, TRAIN, 1002, '/var/cache/ingest/batch.bin'),
        open(6, INGEST, 1001, '/srv/pipeline/data/scratch/tmp.csv'),
      ].join('\n') + '\n',
    );
    await c.importFiles([dir], { format: 'inventory' });
    await c.importFiles([path.join(c.root, 'audit.log')]);
    first = await c.runJob<DetectResult>('detect.start', { bundled: false, policies: [path.join(c.root, 'policy.yml')] });
  }, 120_000);
  afterAll(() => c.close());

  it('reports each violation as a finding, by principal, with its events and a remediation', async () => {
    expect(first.policies).toHaveLength(1);
    const audit = first.policies[0]!;
    expect(audit.verdict).toBe('violations');
    const byType = new Map(audit.violations.map((v) => [v.type, v]));
    expect(byType.get('unauthorized_access')).toMatchObject({ principal: 'train', dataset: 'raw', severity: 'CRITICAL', count: 2 });
    expect(byType.get('cache_contamination')).toMatchObject({ principal: 'train', severity: 'CRITICAL' });
    expect(byType.get('checksum_mismatch')).toMatchObject({ dataset: 'features', severity: 'CRITICAL' });
    expect(byType.get('unknown_dataset')).toMatchObject({ principal: 'ingest' });
    const unauthorized = await c.client.call('finding.get', { id: byType.get('unauthorized_access')!.findingId });
    expect(unauthorized).toMatchObject({ kind: 'policy', severity: 'critical', eventCount: 2 });
    expect(unauthorized.remediation).toMatch(/train/);
    const events = await c.client.call('search.query', { query: unauthorized.eventIds.map((id) => `id:${id}`).join(' OR ') });
    expect(events.events.every((e) => e.resource === '/srv/pipeline/data/raw/orders.csv')).toBe(true);
  });

  it('keeps a history of audits, with the trend, and does not duplicate findings on a re-run', async () => {
    const again = await c.runJob<DetectResult>('detect.start', { bundled: false, policies: [path.join(c.root, 'policy.yml')] });
    expect(again.policies[0]!.previous).toMatchObject({ verdict: 'violations', violations: first.policies[0]!.violations.length });
    expect(again.findings.every((f) => !f.isNew)).toBe(true);
    const runs = await c.client.call('policy.runs', { policy: 'orders-isolation' });
    expect(runs).toHaveLength(2);
    expect(runs[0]!.runId).toBe(again.runId);
    expect(runs[0]!.critical).toBeGreaterThanOrEqual(3);
  });

  it('refuses a malformed policy with its line and reason, before any work', async () => {
    const bad = path.join(c.root, 'bad.yml');
    writeFileSync(bad, policyText('registry.sha256').replace('    datasets: [features]\n', '    datasets: [features, models]\n'));
    const err = await c.runJob('detect.start', { bundled: false, policies: [bad] }).catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/bad\.yml:1[0-9]:\d+: .*models/);
    const runs = await c.client.call('policy.runs', {});
    expect(runs).toHaveLength(2);
  });

  it('prints the verdict by principal and the trend from the command line', () => {
    const env = { SEALDESK_HOME: c.home };
    const r = sealdesk(['detect', c.caseDir, '--no-bundled', '--policy', path.join(c.root, 'policy.yml')], env);
    // The engine of this test holds the case open; the CLI opens it alongside (SQLite WAL).
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Policy 'orders-isolation': isolation violations found \(3 critical/);
    expect(r.stdout).toMatch(/^train:\n(.*\n)*?.*CRITICAL unauthorized_access on 'raw': 2 event/m);
    expect(r.stdout).toMatch(/Findings: (#\d+ ?){6}/);
    expect(r.stdout).toMatch(/Trend: \d+ violation\(s\) at the previous audit/);
  }, 60_000);
});
