import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenInto } from '../../../electron/engine/ingest/parsers/flatten';
import { loadRules, runRules, sigmaEventFromRecord, type IdentifiedSigmaEvent } from '../../../electron/engine/detect/sigma/index';

/**
 * Recorded Stratus Red Team attack runs (real CloudTrail) against the CloudTrail rules; the
 * expected matches are the hand-checked table in SOURCES.md.
 */
const DATA = join(import.meta.dirname, '../../../../shared/data');
const LOGS = join(DATA, 'stratus-red-team/detonation-logs');

interface Expectation {
  file: string;
  rule: string;
  matches: number;
  records: number;
}

const expectations: Expectation[] = [...readFileSync(join(DATA, 'SOURCES.md'), 'utf8').matchAll(/^\| (aws\.[\w.-]+\.json) \| (aws_[\w]+\.yml) \| (\d+)\/(\d+)/gm)].map((m) => ({
  file: m[1]!,
  rule: m[2]!,
  matches: Number(m[3]),
  records: Number(m[4]),
}));

const { rules } = loadRules([join(DATA, 'sigmahq/rules'), join(DATA, 'sigmahq/rules-threat-hunting')]);
const files = readdirSync(LOGS).filter((f) => f.endsWith('.json')).sort();

function records(file: string): Record<string, unknown>[] {
  const j = JSON.parse(readFileSync(join(LOGS, file), 'utf8')) as unknown;
  return (Array.isArray(j) ? j : (j as { Records: Record<string, unknown>[] }).Records) as Record<string, unknown>[];
}

/** Each record as it is (nested), or flattened to dotted keys the way the CloudTrail importer stores attrs. */
function events(file: string, shape: 'nested' | 'flat'): IdentifiedSigmaEvent[] {
  return records(file).map((rec, id) => {
    let fields = rec;
    if (shape === 'flat') {
      fields = {};
      flattenInto(fields, rec);
    }
    const ts = Date.parse(String(rec.eventTime)) * 1000;
    return Object.assign(sigmaEventFromRecord(fields, { ts, format: 'cloudtrail' }), { id });
  });
}

/** Every (file, rule) pair that fired, with its count. */
function firing(shape: 'nested' | 'flat'): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    for (const r of runRules(rules, events(f, shape))) {
      if (r.eventIds.length > 0) out.set(`${f} ${basename(r.rule.path)}`, r.eventIds.length);
    }
  }
  return out;
}

describe('CloudTrail rules on Stratus Red Team runs', () => {
  it('reads the expectation table from SOURCES.md', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(6);
  });

  for (const shape of ['nested', 'flat'] as const) {
    it(`fires exactly the expected rules with the expected counts (${shape} records)`, () => {
      const got = firing(shape);
      const want = new Map(expectations.map((e) => [`${e.file} ${e.rule}`, e.matches]));
      console.log(`CloudTrail (${shape}):`, Object.fromEntries(got));
      for (const e of expectations) expect(records(e.file)).toHaveLength(e.records);
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    });
  }

  it('the login-profile rule is silenced when the caller changes their own profile (fieldref)', () => {
    const rule = rules.find((r) => basename(r.path) === 'aws_update_login_profile.yml')!;
    const rec = records('aws.privilege-escalation.iam-update-user-login-profile.json')[0]!;
    const self = structuredClone(rec) as { requestParameters: { userName: string }; userIdentity: { arn: string } };
    self.requestParameters.userName = self.userIdentity.arn.toUpperCase();
    const [res] = runRules([rule], [Object.assign(sigmaEventFromRecord(self as Record<string, unknown>), { id: 0 })]);
    expect(res!.eventIds).toEqual([]);
  });

  it('an errorCode other than Success or null stops the SSM rule', () => {
    const rule = rules.find((r) => basename(r.path) === 'aws_cloudtrail_ssm_malicious_usage.yml')!;
    const hitRec = records('aws.execution.ssm-send-command.json').find((r) => r.eventName === 'SendCommand')!;
    const denied = { ...hitRec, errorCode: 'AccessDenied' };
    const evs = [hitRec, denied].map((r, id) => Object.assign(sigmaEventFromRecord(r), { id }));
    expect(runRules([rule], evs)[0]!.eventIds).toEqual([0]);
  });
});
