import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evtxParser } from '../../../electron/engine/ingest/parsers/evtx/index';
import { parseFile, testParseContext, type ParseFileResult } from '../../../electron/engine/ingest/run-parser';
import { data } from '../../helpers/paths';
import { tmpDir } from '../../helpers/tmp';

/** Write bytes to a temporary .evtx file and parse it. */
export async function parseBytes(bytes: Buffer, signal?: AbortSignal): Promise<ParseFileResult> {
  const file = path.join(tmpDir('sealdesk-evtx-'), 'input.evtx');
  writeFileSync(file, bytes);
  return parseFile(file, evtxParser, testParseContext({ fileName: 'input.evtx' }), signal);
}

export const SAMPLES = {
  cleared: data('evtx-attack-samples', 'DE_104_system_log_cleared.evtx'),
  psexec: data('evtx-attack-samples', 'LM_sysmon_psexec_smb_meterpreter.evtx'),
  wmiexec: data('evtx-attack-samples', 'LM_wmiexec_impacket_sysmon_whoami.evtx'),
  uac: data('evtx-attack-samples', 'Sysmon_13_1_UAC_Bypass_EventVwrBypass.evtx'),
  comsvcs: data('evtx-attack-samples', 'sysmon_10_1_memdump_comsvcs_minidump.evtx'),
};

/** The chunks of a sample file (copies, safe to edit). */
export function chunksOf(file: string): Buffer[] {
  const b = readFileSync(file);
  const out: Buffer[] = [];
  for (let at = 4096; at + 65536 <= b.length; at += 65536) out.push(Buffer.from(b.subarray(at, at + 65536)));
  return out;
}

/** Offsets (chunk-relative) and sizes of the records in a chunk, by walking their frames. */
export function recordFrames(chunk: Buffer): { offset: number; size: number; id: number }[] {
  const out: { offset: number; size: number; id: number }[] = [];
  const free = chunk.readUInt32LE(48);
  for (let p = 512; p + 24 <= free && chunk.readUInt32LE(p) === 0x2a2a;) {
    const size = chunk.readUInt32LE(p + 4);
    out.push({ offset: p, size, id: Number(chunk.readBigUInt64LE(p + 8)) });
    p += size;
  }
  return out;
}
