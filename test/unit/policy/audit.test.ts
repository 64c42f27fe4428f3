import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditPolicy, loadPolicy, parsePolicy, type LoadedPolicy, type PolicyViolation } from '../../../electron/engine/detect/policy/index';
import { at, auditdOpen, cleanInventory, cleanRun, FIXTURES, INGEST, resetIds, s3Get, TRAIN } from './helpers';

let policy: LoadedPolicy;
beforeEach(async () => {
  resetIds();
  policy = await loadPolicy(join(FIXTURES, 'pipeline.yml'));
});

const only = (vs: PolicyViolation[], type: PolicyViolation['type']): PolicyViolation => {
  const hits = vs.filter((v) => v.type === type);
  expect(hits, `${type}: ${JSON.stringify(vs.map((v) => [v.type, v.principal, v.dataset]))}`).toHaveLength(1);
  return hits[0]!;
};

describe('policy audit: a compliant pipeline', () => {
  it('confirms every principal isolated, with per-principal counts', () => {
    const audit = auditPolicy(policy, cleanRun(), cleanInventory());
    expect(audit.violations).toEqual([]);
    expect(audit.verdict).toBe('isolated');
    expect(audit.summary).toMatch(/all principals confirmed isolated/);
    expect(audit.policy).toBe('orders-pipeline');
    expect(audit.policySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.principals).toEqual([
      { name: 'ingest', events: 4, datasets: ['raw-orders'], violations: 0 },
      { name: 'train', events: 2, datasets: ['features'], violations: 0 },
      { name: 'publisher', events: 2, datasets: ['features'], violations: 0 },
    ]);
  });

  it('reads the events once, as a stream (a generator is enough)', () => {
    function* gen(): Generator<ReturnType<typeof cleanRun>[number]> {
      yield* cleanRun();
    }
    expect(auditPolicy(policy, gen(), cleanInventory()).verdict).toBe('isolated');
  });
});

describe('policy audit: violations', () => {
  it('unauthorized access: one CRITICAL violation per principal and dataset, with every event id', () => {
    const events = [...cleanRun(), auditdOpen(INGEST, 1001, '/data/holdout/holdout.parquet', 100), auditdOpen(INGEST, 1001, '/data/holdout/holdout.parquet', 160, false), auditdOpen(INGEST, 1001, '/data/holdout/labels.csv', 220)];
    const audit = auditPolicy(policy, events, cleanInventory());
    expect(audit.verdict).toBe('violations');
    const v = only(audit.violations, 'unauthorized_access');
    expect(v).toMatchObject({ severity: 'CRITICAL', principal: 'ingest', dataset: 'holdout', count: 3, eventIds: [9, 10, 11], firstTs: at(100), lastTs: at(220) });
    expect(v.resources).toEqual(['/data/holdout/holdout.parquet', '/data/holdout/labels.csv']);
    expect(v.explanation).toMatch(/'ingest' accessed dataset 'holdout' 3 times .*not on its whitelist \(allowed: raw-orders\)/);
    expect(v.explanation).toMatch(/1 of these attempts failed/);
    expect(v.remediation).toMatch(/add 'holdout' to principal 'ingest's datasets: whitelist/);
    expect(v.remediation).toMatch(/otherwise remove the read of 'holdout' from module 'ingest'/);
    expect(audit.principals.find((p) => p.name === 'ingest')).toMatchObject({ events: 7, datasets: ['holdout', 'raw-orders'], violations: 1 });
    expect(audit.summary).toMatch(/ingest:\n {2}- CRITICAL unauthorized_access on 'holdout': 3 event\(s\)/);
  });

  it('cache contamination: a principal reading another principal\'s cache is CRITICAL and names the owner', () => {
    const events = [...cleanRun(), auditdOpen(TRAIN, 1002, '/var/cache/pipeline/ingest/orders.idx', 50), auditdOpen(TRAIN, 1002, '/var/cache/pipeline/ingest/orders.idx', 51)];
    const v = only(auditPolicy(policy, events, cleanInventory()).violations, 'cache_contamination');
    expect(v).toMatchObject({ severity: 'CRITICAL', principal: 'train', dataset: null, related: ['ingest'], eventIds: [9, 10], count: 2, resources: ['/var/cache/pipeline/ingest/orders.idx'] });
    expect(v.explanation).toMatch(/'train' accessed the cache location of 'ingest'/);
    expect(v.remediation).toMatch(/Point module 'train's cache at its own cache location/);
  });

  it('shared provenance: two principals of one isolation group using data of the same upstream source', () => {
    // holdout is whitelisted for train, but derives from crm-export like ingest's raw-orders.
    const events = [...cleanRun(), auditdOpen(TRAIN, 1002, '/data/holdout/holdout.parquet', 30)];
    const audit = auditPolicy(policy, events, cleanInventory());
    const shared = audit.violations.filter((v) => v.type === 'shared_provenance');
    expect(shared.map((v) => [v.principal, v.dataset, v.related, v.severity])).toEqual([
      ['ingest', 'raw-orders', ['train'], 'WARNING'],
      ['train', 'holdout', ['ingest'], 'WARNING'],
    ]);
    expect(shared[1]!.eventIds).toEqual([9]);
    expect(shared[1]!.explanation).toMatch(/group 'etl'.*'train' used 'holdout' \(provenance 'crm-export'\).*'ingest' used 'raw-orders'/);
    expect(shared[1]!.remediation).toMatch(/own copy of 'holdout'.*isolation group 'etl'/);
    expect(audit.verdict).toBe('violations');
  });

  it('shared provenance: the same dataset used by two principals of one group', () => {
    const events = [...cleanRun(), auditdOpen(TRAIN, 1002, '/data/raw/orders/2024-01.csv', 30)];
    const audit = auditPolicy(policy, events, cleanInventory());
    const v = audit.violations.find((x) => x.type === 'shared_provenance' && x.principal === 'ingest')!;
    expect(v.explanation).toMatch(/'train' also used 'raw-orders'/);
    // train's read of raw-orders is also not whitelisted.
    expect(only(audit.violations, 'unauthorized_access')).toMatchObject({ principal: 'train', dataset: 'raw-orders' });
  });

  it('unknown dataset: WARNING for a known principal, INFO for an unknown actor, only under monitored roots', () => {
    const events = [
      ...cleanRun(),
      s3Get('publisher/run-17', 'lake', 'models/m-3.bin', 40),
      s3Get('publisher/run-17', 'lake', 'models/m-4.bin', 41),
      auditdOpen('/usr/bin/rsync', 0, '/data/tmp/dump.sql', 42),
      auditdOpen('/usr/bin/rsync', 0, '/srv/other/file', 43),
    ];
    const vs = auditPolicy(policy, events, cleanInventory()).violations.filter((v) => v.type === 'unknown_dataset');
    expect(vs.map((v) => [v.principal, v.severity, v.resources, v.count])).toEqual([
      ['publisher', 'WARNING', ['s3://lake/models/m-3.bin', 's3://lake/models/m-4.bin'], 2],
      [null, 'INFO', ['/data/tmp/dump.sql'], 1],
    ]);
    expect(vs[0]!.remediation).toMatch(/Declare a dataset covering s3:\/\/lake\/models\/m-3.bin.*principal 'publisher'/);
  });

  it('unknown principal: INFO per dataset, naming who the events say; the verdict stays isolated', () => {
    const events = [...cleanRun(), auditdOpen('/usr/bin/cat', 0, '/data/raw/orders/2024-01.csv', 60), auditdOpen(INGEST, 0, '/data/raw/orders/2024-02.csv', 61)];
    const audit = auditPolicy(policy, events, cleanInventory());
    const v = only(audit.violations, 'unknown_principal');
    // ingest run as root (uid 0) is not the ingest principal (uid 1001): all fields must match.
    expect(v).toMatchObject({ severity: 'INFO', principal: null, dataset: 'raw-orders', eventIds: [9, 10], count: 2 });
    expect(v.explanation).toMatch(/^Events that match no principal of the policy \(seen as 0@etl-01 via \/usr\/bin\/cat, 0@etl-01 via \/opt\/pipeline\/bin\/ingest\) accessed dataset .raw-orders. 2 times/);
    expect(audit.verdict).toBe('isolated');
    expect(audit.summary).toMatch(/all principals confirmed isolated.*1 informational note/);
  });

  it('an unknown actor in a principal\'s cache is an INFO unknown_principal naming the cache owner', () => {
    const events = [...cleanRun(), auditdOpen('/usr/bin/find', 0, '/var/cache/pipeline/train/model.ckpt', 70)];
    const v = only(auditPolicy(policy, events, cleanInventory()).violations, 'unknown_principal');
    expect(v).toMatchObject({ severity: 'INFO', principal: null, dataset: null, related: ['train'], eventIds: [9] });
    expect(v.explanation).toMatch(/accessed the cache location of 'train' once/);
  });

  it('reads Windows-style and doubled-slash resources as the same paths', () => {
    const events = [...cleanRun(), { ...auditdOpen(INGEST, 1001, '', 80), resource: '\\data\\holdout\\x.csv' }, auditdOpen(INGEST, 1001, '//data//holdout/x.csv', 81)];
    const v = only(auditPolicy(policy, events, cleanInventory()).violations, 'unauthorized_access');
    expect(v).toMatchObject({ dataset: 'holdout', count: 2, resources: ['/data/holdout/x.csv'] });
  });

  it('matches principals on nested attrs and list values as well as flattened ones', () => {
    const p: LoadedPolicy = {
      ...parsePolicy(
        `name: nested
principals:
  - name: reader
    match:
      user: [alice, bob]
      attrs: { userIdentity.arn: "arn:aws:iam::1:user/*" }
    datasets: [d]
datasets:
  - name: d
    paths: ["s3://b/d/**"]
`,
        'inline.yml',
      ),
      registryEntries: [],
    };
    const ev = { ...s3Get('x/y', 'b', 'd/k', 0), user: 'bob', attrs: { userIdentity: { arn: 'arn:aws:iam::1:user/bob' } } };
    const audit = auditPolicy(p, [ev, { ...ev, id: 2, user: 'carol' }], []);
    expect(audit.principals[0]).toMatchObject({ events: 1, datasets: ['d'] });
    expect(only(audit.violations, 'unknown_principal').eventIds).toEqual([2]);
  });

  it('takes the accessed path from a configured field (resource_field)', () => {
    const p: LoadedPolicy = {
      ...parsePolicy(
        `name: keyed
resource_field: attrs.requestParameters.key
principals:
  - name: publisher
    match: { user: publisher }
    datasets: []
datasets:
  - name: features
    paths: ["features/**"]
`,
        'inline.yml',
      ),
      registryEntries: [],
    };
    const v = only(auditPolicy(p, [s3Get('publisher/s', 'lake', 'features/a.parquet', 0)], []).violations, 'unauthorized_access');
    expect(v).toMatchObject({ principal: 'publisher', dataset: 'features', resources: ['features/a.parquet'] });
  });
});
