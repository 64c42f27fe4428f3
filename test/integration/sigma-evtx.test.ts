import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { DetectResult } from '../../electron/engine/detect/detect.job';
import { newEngineCase, type EngineCase } from '../helpers/engine-case';
import { data } from '../helpers/paths';

/**
 * Sigma over EVTX end to end: the real .evtx files imported into a case, the real rules run by
 * the detect job. Expected counts: SigmaHQ's regression info.yml (authoritative), and the
 * hand-checked table in ../shared/data/SOURCES.md for the attack samples.
 */
const SIGMA = data('sigmahq');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
const ruleFiles = readdirSync(SIGMA)
  .filter((d) => d.startsWith('rules'))
  .flatMap((d) => walk(path.join(SIGMA, d)))
  .filter((f) => f.endsWith('.yml'));
const ruleById = new Map<string, string>();
const ruleByName = new Map<string, string>();
for (const f of ruleFiles) {
  const id = /^id:\s*(\S+)/m.exec(readFileSync(f, 'utf8'))?.[1];
  if (id) ruleById.set(id, f);
  ruleByName.set(path.basename(f), f);
}

interface Info {
  rule_metadata: { id: string; title: string }[];
  regression_tests_info: { type: string; match_count: number; path: string }[];
}
const regression = walk(path.join(SIGMA, 'regression_data'))
  .filter((f) => f.endsWith('info.yml'))
  .map((f) => parseYaml(readFileSync(f, 'utf8')) as Info)
  .map((i) => ({ id: i.rule_metadata[0]!.id, title: i.rule_metadata[0]!.title, test: i.regression_tests_info.find((t) => t.type === 'evtx')! }));

const ATTACK_SAMPLES: [file: string, rule: string, expected: number][] = [
  ['DE_104_system_log_cleared.evtx', 'win_system_susp_eventlog_cleared.yml', 1],
  ['DE_104_system_log_cleared.evtx', 'win_system_eventlog_cleared.yml', 0],
  ['sysmon_10_1_memdump_comsvcs_minidump.evtx', 'proc_creation_win_rundll32_process_dump_via_comsvcs.yml', 1],
  ['LM_wmiexec_impacket_sysmon_whoami.evtx', 'proc_creation_win_hktl_impacket_lateral_movement.yml', 3],
  ['LM_wmiexec_impacket_sysmon_whoami.evtx', 'proc_creation_win_whoami_all_execution.yml', 1],
  ['LM_sysmon_psexec_smb_meterpreter.evtx', 'proc_creation_win_cmd_launched_with_hidden_start_flag.yml', 1],
  ['LM_sysmon_psexec_smb_meterpreter.evtx', 'proc_creation_win_powershell_decode_gzip.yml', 3],
  ['Sysmon_13_1_UAC_Bypass_EventVwrBypass.evtx', 'proc_creation_win_eventvwr_susp_child_process.yml', 1],
  ['Sysmon_13_1_UAC_Bypass_EventVwrBypass.evtx', 'registry_set_uac_bypass_eventvwr.yml', 0],
];

let c: EngineCase;
let result: DetectResult;

/** Events of one evidence file that a rule's findings name. */
async function matches(evtx: string, rule: string): Promise<number> {
  const ruleId = /^id:\s*(\S+)/m.exec(readFileSync(rule, 'utf8'))![1]!;
  const ofFile = await c.client.call('search.query', { query: `source:${JSON.stringify(path.basename(evtx))}`, limit: 10_000 });
  const inFile = new Set(ofFile.events.map((e) => e.id));
  expect(inFile.size).toBeGreaterThan(0);
  return new Set(result.findings.filter((f) => f.ruleId === ruleId).flatMap((f) => f.eventIds.filter((id) => inFile.has(id)))).size;
}

beforeAll(async () => {
  c = await newEngineCase('sigma-evtx', { persistent: true });
  const files = [...new Set([...regression.map((r) => path.join(SIGMA, r.test.path)), ...ATTACK_SAMPLES.map(([f]) => data('evtx-attack-samples', f))])];
  const receipt = await c.importFiles(files);
  expect(receipt.files.every((f) => f.format === 'evtx')).toBe(true);
  const rules = [...new Set([...regression.map((r) => ruleById.get(r.id)!), ...ATTACK_SAMPLES.map(([, r]) => ruleByName.get(r)!)])];
  result = await c.runJob<DetectResult>('detect.start', { rules, bundled: false });
  expect(result.errors).toEqual([]);
  expect(result.rulesLoaded).toBe(rules.length);
}, 120_000);

afterAll(() => c.close());

describe('Sigma rules over imported EVTX (import, then detect)', () => {
  it('has a rule for every regression case', () => {
    const evtxFiles = walk(path.join(SIGMA, 'regression_data')).filter((f) => f.endsWith('.evtx'));
    expect(regression.length).toBe(evtxFiles.length);
    for (const r of regression) expect(ruleById.has(r.id), r.title).toBe(true);
  });

  for (const r of regression) {
    it(`regression: ${r.title} matches ${r.test.match_count}`, async () => {
      expect(await matches(path.join(SIGMA, r.test.path), ruleById.get(r.id)!)).toBe(r.test.match_count);
    });
  }

  for (const [file, rule, expected] of ATTACK_SAMPLES) {
    it(`attack sample ${file}: ${rule} matches ${expected}`, async () => {
      expect(ruleByName.has(rule)).toBe(true);
      expect(await matches(data('evtx-attack-samples', file), ruleByName.get(rule)!)).toBe(expected);
    });
  }
});
