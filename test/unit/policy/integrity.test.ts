import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditPolicy, loadPolicy, parsePolicy } from '../../../electron/engine/detect/policy/index';
import { cleanInventory, cleanRun, FIXTURES, resetIds, SHA_A, SHA_C } from './helpers';

beforeEach(() => resetIds());

const D = 'd'.repeat(64);

describe.each([
  ['sha256sum registry', 'pipeline.yml'],
  ['JSON registry', 'pipeline-json.yml'],
])('dataset checksums against a %s', (_label, fixture) => {
  it('reads the registry through the checksums parser', async () => {
    const policy = await loadPolicy(join(FIXTURES, fixture));
    expect(policy.registryEntries).toHaveLength(3);
    expect(policy.registryEntries.map((e) => e.sha256)).toContain(SHA_C);
  });

  it('finds nothing when the inventory holds the registered files', async () => {
    const policy = await loadPolicy(join(FIXTURES, fixture));
    expect(auditPolicy(policy, cleanRun(), cleanInventory()).verdict).toBe('isolated');
  });

  it('a file with another digest is a CRITICAL checksum_mismatch naming the file, both digests and its readers', async () => {
    const policy = await loadPolicy(join(FIXTURES, fixture));
    const inventory = cleanInventory().map((f) => (f.eventId === 9002 ? { ...f, sha256: D } : f));
    const audit = auditPolicy(policy, cleanRun(), inventory);
    expect(audit.verdict).toBe('violations');
    const v = audit.violations.find((x) => x.type === 'checksum_mismatch')!;
    expect(v).toMatchObject({ severity: 'CRITICAL', principal: null, dataset: 'raw-orders', eventIds: [9002], resources: ['/mnt/case/export/data/raw/orders/2024-02.csv'], related: ['ingest'] });
    expect(v.explanation).toContain(`has ${D}`);
    expect(v.explanation).toContain(`expects ${'b'.repeat(64)}`);
    expect(v.explanation).toMatch(/read by ingest/);
    expect(v.remediation).toMatch(/restore the registered version of 'raw-orders'.*update its digest in the registry 'registry\.(sha256|json)'/);
    expect(audit.summary).toMatch(/\(datasets\):\n {2}- CRITICAL checksum_mismatch on 'raw-orders'/);
  });

  it('a registered dataset absent from the inventory is a WARNING', async () => {
    const policy = await loadPolicy(join(FIXTURES, fixture));
    const inventory = cleanInventory().filter((f) => f.eventId !== 9003);
    const audit = auditPolicy(policy, cleanRun(), inventory);
    const v = audit.violations.find((x) => x.type === 'dataset_missing')!;
    expect(v).toMatchObject({ severity: 'WARNING', dataset: 'holdout', principal: null });
    expect(v.explanation).toMatch(/integrity cannot be confirmed/);
    expect(v.remediation).toMatch(/Import an inventory .* of the files of 'holdout'/);
    expect(audit.violations.filter((x) => x.type === 'checksum_mismatch')).toEqual([]);
  });
});

describe('inline sha256', () => {
  const text = `name: inline
principals:
  - name: p
    match: { user: p }
    datasets: [model]
datasets:
  - name: model
    paths: [/models/current.onnx]
    sha256: "sha256:${SHA_A.toUpperCase()}"
`;
  const policy = { ...parsePolicy(text, 'inline.yml'), registryEntries: [] };

  it('is checked against inventory files under the dataset paths (wherever the inventory was taken)', () => {
    expect(auditPolicy(policy, [], [{ eventId: 5, path: '/mnt/img/models/current.onnx', sha256: SHA_A }]).violations).toEqual([]);
    const v = auditPolicy(policy, [], [{ eventId: 5, path: '/mnt/img/models/current.onnx', sha256: D }]).violations;
    expect(v.map((x) => [x.type, x.dataset, x.eventIds])).toEqual([['checksum_mismatch', 'model', [5]]]);
    expect(v[0]!.remediation).toMatch(/the dataset's sha256: in the policy/);
  });

  it('is missing when no inventory file is under the dataset paths', () => {
    expect(auditPolicy(policy, [], [{ eventId: 5, path: '/mnt/img/models/old.onnx', sha256: SHA_A }]).violations.map((x) => x.type)).toEqual(['dataset_missing']);
  });
});

describe('the shipped example policy', () => {
  it('loads with its registry and audits realistic events', async () => {
    const policy = await loadPolicy(join(import.meta.dirname, '../../../resources/policies/example-isolation.yml'));
    expect(policy.principals.map((p) => p.name)).toEqual(['ingest', 'train', 'publisher']);
    expect(policy.registryEntries).toHaveLength(3);
    const events = cleanRun().map((e) => ({ ...e, resource: e.resource?.replace('s3://lake/', 's3://orders-lake/') ?? null }));
    const audit = auditPolicy(policy, events, []);
    expect(audit.principals.map((p) => [p.name, p.datasets])).toEqual([
      ['ingest', ['raw-orders']],
      ['train', ['features']],
      ['publisher', ['features']],
    ]);
    // No inventory was given: every registered dataset is reported as unverifiable.
    expect(audit.violations.map((v) => [v.type, v.dataset])).toEqual([
      ['dataset_missing', 'holdout'],
      ['dataset_missing', 'raw-orders'],
    ]);
  });
});
