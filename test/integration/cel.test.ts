import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DetectResult } from '../../electron/engine/detect/detect.job';
import { newEngineCase, type EngineCase } from '../helpers/engine-case';
import { data } from '../helpers/paths';

const open: EngineCase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function detect(c: EngineCase, input: { rules?: string[]; bundled?: boolean } = {}): Promise<DetectResult> {
  return c.runJob<DetectResult>('detect.start', { rules: input.rules ?? [], bundled: input.bundled ?? true });
}

const stratus = data('stratus-red-team', 'detonation-logs');
const stratusFiles = readdirSync(stratus)
  .filter((f) => f.endsWith('.json'))
  .map((f) => `${stratus}/${f}`);

/** Ids of every event a search matches, in id order. */
async function searchIds(c: EngineCase, query: string): Promise<number[]> {
  const { events, total } = await c.client.call('search.query', { query, limit: 10_000 });
  expect(events.length).toBe(total);
  return events.map((e) => e.id).sort((a, b) => a - b);
}

describe('CEL rules', () => {
  it('checks an expression and refuses to save one that does not compile, naming the position', async () => {
    const c = await newEngineCase('cel-check');
    open.push(c);
    expect(await c.client.call('cel.check', { expression: 'user == "root"' })).toEqual({ ok: true });
    const bad = await c.client.call('cel.check', { expression: 'user == "root" &&' });
    expect(bad).toMatchObject({ ok: false, error: { position: 17, line: 1, column: 18 } });
    await expect(c.client.call('cel.save', { name: 'broken', expression: 'user == "root" &&', severity: 'high' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { position: 17, line: 1, column: 18 },
    });
    await expect(c.client.call('cel.save', { name: 'not bool', expression: 'user', severity: 'high' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await c.client.call('cel.list')).rules).toEqual([]);
  });

  it('saves rules in the case, runs them with Sigma, and links the same events a search finds', async () => {
    const c = await newEngineCase('cel-run');
    open.push(c);
    await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), ...stratusFiles]);
    const root = await c.client.call('cel.save', { name: 'Failed root password', expression: 'user == "root" && message.contains("Failed password")', severity: 'medium' });
    const ec2 = await c.client.call('cel.save', {
      name: 'Denied EC2 calls',
      expression: 'has(attrs.errorCode) && attrs.eventSource == "ec2.amazonaws.com"',
      severity: 'low',
      description: 'EC2 API calls refused by IAM.',
    });
    // Saving under the same name replaces the rule and keeps its id.
    const again = await c.client.call('cel.save', { name: 'Denied EC2 calls', expression: 'has(attrs.errorCode) && attrs.eventSource == "ec2.amazonaws.com"', severity: 'high' });
    expect(again.id).toBe(ec2.id);
    await c.client.call('cel.save', { name: 'Disabled', expression: 'true', severity: 'info', enabled: false });
    expect((await c.client.call('cel.list')).rules.map((r) => r.name)).toEqual(['Denied EC2 calls', 'Disabled', 'Failed root password']);

    const r = await detect(c);
    expect(r.celRulesRun).toBe(2);
    expect(r.findings.some((f) => f.ruleId !== null && !f.ruleId.startsWith('cel:'))).toBe(true);

    const rootFinding = r.findings.find((f) => f.ruleId === `cel:${root.id}`)!;
    expect(rootFinding).toMatchObject({ title: 'Failed root password', severity: 'medium', isNew: true });
    const expected = await searchIds(c, 'user:root AND "Failed password"');
    expect(expected.length).toBeGreaterThan(0);
    expect([...rootFinding.eventIds].sort((a, b) => a - b)).toEqual(expected);

    const denied = r.findings.find((f) => f.ruleId === `cel:${ec2.id}`)!;
    expect(denied.severity).toBe('high');
    const want = stratusFiles.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>[]).filter((e) => e.errorCode !== undefined && e.eventSource === 'ec2.amazonaws.com').length;
    expect(denied.eventIds.length).toBe(want);
    for (const id of denied.eventIds.slice(0, 5)) {
      const e = await c.client.call('event.get', { id });
      expect(e.attrs).toMatchObject({ eventSource: 'ec2.amazonaws.com', errorCode: expect.any(String) });
    }
    const stored = await c.client.call('finding.get', { id: denied.id });
    expect(stored.kind).toBe('cel');
    expect(stored.explanation).toContain('attrs.eventSource == "ec2.amazonaws.com"');
    expect(stored.explanation).toContain(`${want} event(s)`);
    expect(stored.remediation).toBe('Review the linked events; refine the expression if they are expected.');

    // The SSH events have no errorCode: has() keeps them out without any error.
    expect(r.celErrors.find((e) => e.ruleId === `cel:${ec2.id}`)).toBeUndefined();

    const second = await detect(c);
    expect(second.findings.every((f) => !f.isNew)).toBe(true);
    expect((await c.client.call('finding.list', {})).total).toBe(r.findings.length);

    const { entries } = await c.client.call('ledger.list');
    const saves = entries.filter((e) => e.action === 'cel.save');
    expect(saves).toHaveLength(4);
    expect(JSON.parse(saves[0]!.details)).toMatchObject({ name: 'Failed root password', expression: root.expression, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), length: root.expression.length });
  }, 60_000);

  it('counts events a rule cannot judge instead of failing the run, and deletes rules with a ledger entry', async () => {
    const c = await newEngineCase('cel-errors');
    open.push(c);
    await c.importFiles([data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), ...stratusFiles.slice(0, 3)]);
    const rule = await c.client.call('cel.save', { name: 'Mixed', expression: 'attrs.eventSource == "ec2.amazonaws.com" || attrs.awsRegion.size() > 100', severity: 'low' });
    const r = await detect(c, { bundled: false });
    expect(r.rulesLoaded).toBe(0);
    expect(r.celRulesRun).toBe(1);
    const errs = r.celErrors.find((e) => e.ruleId === `cel:${rule.id}`)!;
    expect(errs.missing).toBeGreaterThan(1000);
    expect(r.eventsScanned).toBeGreaterThan(errs.missing);
    expect(await c.client.call('cel.delete', { id: rule.id })).toEqual({ deleted: true });
    expect(await c.client.call('cel.delete', { id: rule.id })).toEqual({ deleted: false });
    const { entries } = await c.client.call('ledger.list');
    expect(entries.map((e) => e.action)).toContain('cel.delete');
  }, 60_000);
});
