import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DetectResult } from '../../electron/engine/detect/detect.job';
import { sealdesk } from '../helpers/cli';
import { newEngineCase, type EngineCase } from '../helpers/engine-case';
import { data } from '../helpers/paths';
import { makeIdentity, TEST_PASSPHRASE } from '../helpers/identity';
import { tmpDir } from '../helpers/tmp';
import { readBundle } from './seal/bundle-files';

const hasPdftotext = () => spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;

const open: EngineCase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function detect(c: EngineCase, input: { rules?: string[]; bundled?: boolean; anomaly?: boolean } = {}): Promise<DetectResult> {
  return c.runJob<DetectResult>('detect.start', { rules: input.rules ?? [], bundled: input.bundled ?? true, anomaly: input.anomaly ?? false });
}

describe('detection with the bundled Sigma rules', () => {
  it('finds SSH password guessing per source address, with the events that prove it', async () => {
    const c = await newEngineCase('ssh');
    open.push(c);
    await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log')]);
    const r = await detect(c);
    expect(r.errors).toEqual([]);
    expect(r.rulesLoaded).toBeGreaterThanOrEqual(4);
    const guessing = r.findings.filter((f) => f.title === 'SSH password guessing from one address');
    expect(guessing.length).toBeGreaterThan(0);
    for (const f of guessing) {
      expect(f.eventIds.length).toBeGreaterThan(10);
      const events = await Promise.all(f.eventIds.slice(0, 20).map((id) => c.client.call('event.get', { id })));
      expect(new Set(events.map((e) => e.src_ip)).size).toBe(1);
      expect(events.every((e) => e.message.includes('Failed password for'))).toBe(true);
    }
    const listed = await c.client.call('finding.list', {});
    expect(listed.total).toBe(r.findings.length);
    const one = await c.client.call('finding.get', { id: guessing[0]!.id });
    expect(one.explanation).toMatch(/threshold > 10/);
    expect(one.remediation).toMatch(/T1110\.001/);
    expect(one.eventIds).toEqual([...guessing[0]!.eventIds].sort((a, b) => a - b));
  });

  it('does not duplicate findings on a second run and keeps the analyst verdict, recorded in the ledger', async () => {
    const c = await newEngineCase('rerun');
    open.push(c);
    await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log')]);
    const first = await detect(c);
    const f = first.findings[0]!;
    await c.client.call('finding.setStatus', { id: f.id, status: 'false_positive', note: 'our own pentest' });
    const second = await detect(c);
    expect(second.findings.every((x) => !x.isNew)).toBe(true);
    expect((await c.client.call('finding.list', {})).total).toBe(first.findings.length);
    expect((await c.client.call('finding.get', { id: f.id })).status).toBe('false_positive');
    const { entries } = await c.client.call('ledger.list');
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['detect.run', 'finding.status']));
    expect(JSON.stringify(entries)).not.toContain('our own pentest');
  });

  it('reports a broken rule file with its path and reason and still runs the others', async () => {
    const c = await newEngineCase('broken');
    open.push(c);
    await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log')]);
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'broken.yml'), 'title: broken\ndetection:\n  sel: [unclosed\n');
    writeFileSync(
      path.join(dir, 'root.yml'),
      'title: Failed root password\nid: 0d4c1d7c-6d8e-4b53-9d0b-1f4c7a2f1e01\nlogsource: {product: linux, service: sshd}\ndetection:\n  sel:\n    message|contains|all: [Failed password, root]\n  condition: sel\nlevel: low\n',
    );
    const r = await detect(c, { rules: [dir], bundled: false });
    expect(r.rulesLoaded).toBe(1);
    expect(r.errors).toEqual([expect.objectContaining({ path: expect.stringContaining('broken.yml'), reason: expect.any(String) })]);
    const root = r.findings.find((f) => f.title === 'Failed root password')!;
    const count = (await c.client.call('search.count', { query: '"Failed password" AND root' })).count;
    expect(root.eventIds.length).toBe(count);
    expect(root.severity).toBe('low');
  });
});

describe('anomaly findings', () => {
  it('reports unusual entity windows with their reasons, and leaves out a pattern marked false positive', async () => {
    const c = await newEngineCase('anomaly');
    open.push(c);
    await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log')]);
    const first = await detect(c, { bundled: false, anomaly: true });
    const anomalies = first.findings.filter((f) => f.ruleId === 'anomaly:isolation-forest');
    expect(anomalies.length).toBeGreaterThan(0);
    const top = await c.client.call('finding.get', { id: anomalies[0]!.id });
    expect(top.kind).toBe('anomaly');
    expect(top.explanation).toMatch(/scored 0\.\d\d on an Isolation Forest/);
    expect(top.explanation).toMatch(/ vs /);
    expect(top.eventIds.length).toBeGreaterThan(0);

    await c.client.call('finding.setStatus', { id: top.id, status: 'false_positive', note: 'scheduled scan' });
    const second = await detect(c, { bundled: false, anomaly: true });
    expect(second.anomaliesSuppressed).toBeGreaterThanOrEqual(1);
    expect(second.findings.map((f) => f.id)).not.toContain(top.id);
    const { entries } = await c.client.call('ledger.list');
    expect(entries.filter((e) => e.action === 'finding.status')).toHaveLength(1);
  });
});

describe('findings in the sealed report', () => {
  it.skipIf(!hasPdftotext())('lists the findings linked to exported events in report.pdf', async () => {
    const c = await newEngineCase('report');
    open.push(c);
    makeIdentity(c.home);
    await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log')]);
    await detect(c);
    const out = path.join(c.root, 'r.sdx.zip');
    await c.runJob('export.start', { out, query: '"Failed password"', passphrase: TEST_PASSPHRASE });
    const pdf = path.join(c.root, 'r.pdf');
    writeFileSync(pdf, (await readBundle(out)).get('report.pdf')!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/SSH password guessing from one address/);
  }, 60_000);
});

describe('sealdesk detect', () => {
  it('prints one finding per line with --json', () => {
    const root = tmpDir();
    const env = { SEALDESK_HOME: path.join(root, 'home') };
    const caseDir = path.join(root, 'case');
    expect(sealdesk(['case', 'create', caseDir], env).code).toBe(0);
    expect(sealdesk(['import', caseDir, data('loghub', 'OpenSSH', 'OpenSSH_2k.log')], env).code).toBe(0);
    const r = sealdesk(['detect', caseDir, '--json'], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatchObject({ rule_id: expect.any(String), title: expect.any(String), severity: expect.any(String), event_ids: expect.any(Array) });
    expect(sealdesk(['detect', caseDir, '--rules', path.join(root, 'nope')], env).code).toBe(1);
  }, 60_000);
});
