import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRules, runRules, sigmaEventFromRecord } from '../../../electron/engine/detect/sigma/index';
import { flattenEvtxJson, parseJsonStream } from './evtx-json';

/**
 * The official SigmaHQ regression cases: each info.yml names a rule id and the number of
 * events of the recorded log (rendered beside it as JSON) the rule must match.
 */
const ROOT = join(import.meta.dirname, '../../../../shared/data/sigmahq');

function infoFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...infoFiles(p));
    else if (e === 'info.yml') out.push(p);
  }
  return out.sort();
}

interface Case {
  name: string;
  ruleId: string;
  json: string;
  expected: number;
}

const cases: Case[] = infoFiles(join(ROOT, 'regression_data')).flatMap((info) => {
  const meta = parse(readFileSync(info, 'utf8')) as {
    rule_metadata: { id: string }[];
    regression_tests_info?: { name: string; path: string; match_count?: number }[];
  };
  return (meta.regression_tests_info ?? []).map((t) => ({
    name: `${basename(dirname(info))}: ${t.name}`,
    ruleId: meta.rule_metadata[0]!.id,
    json: join(dirname(info), basename(t.path).replace(/\.evtx$/i, '.json')),
    expected: t.match_count ?? 1,
  }));
});

const ruleDirs = readdirSync(ROOT).filter((d) => d.startsWith('rules')).map((d) => join(ROOT, d));
const { rules } = loadRules(ruleDirs);

describe('SigmaHQ regression cases', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases)('$name matches exactly match_count events', ({ ruleId, json, expected }) => {
    const rule = rules.find((r) => r.id === ruleId);
    expect(rule, `rule ${ruleId}`).toBeDefined();
    const events = parseJsonStream(readFileSync(json, 'utf8')).map((rec, id) => {
      const { fields, ts } = flattenEvtxJson(rec);
      return Object.assign(sigmaEventFromRecord(fields, { ts, format: 'evtx' }), { id });
    });
    const [res] = runRules([rule!], events);
    expect(res!.eventIds.length).toBe(expected);
  });

  it('the other rules of the pack do not fire on these events where their logsource differs', () => {
    // Every regression event is Sysmon or Security; an AWS or auditd rule must never match them.
    const foreign = rules.filter((r) => r.logsource.product === 'aws' || r.logsource.service === 'auditd');
    const events = cases.flatMap((c, i) =>
      parseJsonStream(readFileSync(c.json, 'utf8')).map((rec, j) => {
        const { fields, ts } = flattenEvtxJson(rec);
        return Object.assign(sigmaEventFromRecord(fields, { ts }), { id: i * 1000 + j });
      }),
    );
    expect(runRules(foreign, events).flatMap((r) => r.eventIds)).toEqual([]);
  });
});
