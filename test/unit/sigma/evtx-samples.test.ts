import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evtxParser } from '../../../electron/engine/ingest/parsers/evtx/index';
import type { ParsedEvent } from '../../../electron/engine/ingest/types';
import { loadRules, runRules, sigmaEventFromRecord } from '../../../electron/engine/detect/sigma/index';

/**
 * Real attack EVTX files through the project's EVTX parser and the Sigma engine, against
 * the hand-checked "expected Sigma matches" column of SOURCES.md (including the rules that
 * must NOT fire: one filters Channel=System on purpose, one trips on an old Sysmon quirk).
 */
const DATA = join(import.meta.dirname, '../../../../shared/data');
const SAMPLES = join(DATA, 'evtx-attack-samples');

const expected: Record<string, Record<string, number>> = {
  'DE_104_system_log_cleared.evtx': { 'win_system_susp_eventlog_cleared.yml': 1 },
  'sysmon_10_1_memdump_comsvcs_minidump.evtx': { 'proc_creation_win_rundll32_process_dump_via_comsvcs.yml': 1 },
  'LM_wmiexec_impacket_sysmon_whoami.evtx': { 'proc_creation_win_hktl_impacket_lateral_movement.yml': 3, 'proc_creation_win_whoami_all_execution.yml': 1 },
  'LM_sysmon_psexec_smb_meterpreter.evtx': { 'proc_creation_win_cmd_launched_with_hidden_start_flag.yml': 1, 'proc_creation_win_powershell_decode_gzip.yml': 3 },
  'Sysmon_13_1_UAC_Bypass_EventVwrBypass.evtx': { 'proc_creation_win_eventvwr_susp_child_process.yml': 1 },
};

async function parse(file: string): Promise<ParsedEvent[]> {
  const out: ParsedEvent[] = [];
  const ctx = { timezone: 'UTC', fileName: basename(file), fileMtimeMs: null, now: Date.now() };
  await evtxParser.parse(file, ctx, { event: (e) => out.push(e), skip: () => {}, note: () => {} }, new AbortController().signal);
  return out;
}

describe('EVTX attack samples', () => {
  const { rules } = loadRules([join(DATA, 'sigmahq/rules'), join(DATA, 'sigmahq/rules-threat-hunting')]);

  it('covers every sample', () => {
    expect(readdirSync(SAMPLES).filter((f) => f.endsWith('.evtx')).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s fires exactly the expected rules', async (file, want) => {
    const events = (await parse(join(SAMPLES, file))).map((e, id) => Object.assign(sigmaEventFromRecord(e.attrs ?? {}, { ...e, format: 'evtx' }), { id }));
    const got = Object.fromEntries(runRules(rules, events).filter((r) => r.eventIds.length > 0).map((r) => [basename(r.rule.path), r.eventIds.length]));
    expect(got).toEqual(want);
  });
});
