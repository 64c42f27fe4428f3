import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evtxParser } from '../../../electron/engine/ingest/parsers/evtx/index';
import { parseFile, testParseContext, type ParseFileResult } from '../../../electron/engine/ingest/run-parser';
import { tmpDirPersistent } from '../../helpers/tmp';
import { denseLog } from '../../unit/evtx/builder';
import { hasTool, refEvents, runTool, sampleEvtxFiles, type RefEvent } from './reference';

/**
 * Differential check against two independent EVTX readers on every sample .evtx: the same
 * number of records, and per record the same EventID, EventRecordID, TimeCreated and every
 * EventData / UserData value. Known rendering differences are normalised, never ignored:
 *  - hexadecimal integers: Sealdesk renders `0x3e7` as Windows does (Sigma rules use that
 *    form); both tools zero-pad (`0x00000000000003e7`). Compared as numbers.
 *  - GUIDs: python-evtx prints them in lower case. Compared without case.
 *  - booleans: python-evtx prints Python's True/False; Windows and Sealdesk write true/false.
 *  - times: evtxexport keeps FILETIME's 100 ns, compared exactly; python-evtx converts
 *    through a float (`float(ft) * 1e-7`), which is off by up to about 2.5 µs, so
 *    its times are compared to within 3 µs (the float's step alone is 1.6 µs at today's FILETIMEs).
 */

const PY = 'evtx_dump.py';
const EE = 'evtxexport';
/** The samples, plus a generated dense log (many chunks, three templates, varied value types). */
const dense = path.join(tmpDirPersistent('sealdesk-evtx-diff-'), 'dense-synthetic.evtx');
writeFileSync(dense, denseLog(3));
const files = [...sampleEvtxFiles(), dense];
/** python-evtx's float time error bound, in 100 ns ticks. */
const PY_TOLERANCE = 30;

/** Times as [seconds text, 100 ns fraction] from any of the three renderings. */
function timeParts(s: string): [string, number] | null {
  const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(s);
  if (!m) return null;
  return [`${m[1]}T${m[2]}`, Number(((m[3] ?? '') + '0000000').slice(0, 7))];
}

function sameTime(ours: string, theirs: string, tolerance100ns: number): boolean {
  const a = timeParts(ours);
  const b = timeParts(theirs);
  if (!a || !b) return false;
  const sec = (x: string): number => Date.parse(`${x}Z`) / 1000;
  const diff = Math.abs((sec(a[0]) - sec(b[0])) * 1e7 + a[1] - b[1]);
  return diff <= tolerance100ns;
}

function sameValue(ours: unknown, theirs: string, tool: string): boolean {
  const o = Array.isArray(ours) ? ours.join(tool === EE ? ', ' : ',') : String(ours ?? '');
  if (o === theirs) return true;
  // python-evtx prints booleans as Python does (True/False); Windows writes true/false.
  if (tool === PY && /^(true|false)$/.test(o)) return o === theirs.toLowerCase();
  if (/^0x[0-9a-f]+$/i.test(o) && /^0x[0-9a-f]+$/i.test(theirs)) return BigInt(o) === BigInt(theirs);
  if (/^\{[0-9a-f-]{36}\}$/i.test(o)) return o.toLowerCase() === theirs.toLowerCase();
  if (timeParts(o) && timeParts(theirs)) return sameTime(o, theirs, tool === PY ? PY_TOLERANCE : 0);
  return false;
}

/** Every difference between our events and a tool's, as readable lines. */
function differences(ours: ParseFileResult, ref: RefEvent[], tool: string): string[] {
  const out: string[] = [];
  if (ours.events.length !== ref.length) out.push(`record count: ours ${ours.events.length}, ${tool} ${ref.length}`);
  ref.forEach((r, i) => {
    const a = ours.events[i]?.attrs ?? {};
    const at = `record ${i}`;
    if (String(a.EventID) !== r.eventId) out.push(`${at} EventID: ours ${String(a.EventID)}, ${tool} ${r.eventId}`);
    if (String(a.EventRecordID) !== r.recordId) out.push(`${at} EventRecordID: ours ${String(a.EventRecordID)}, ${tool} ${r.recordId}`);
    if (!sameTime(String(a.TimeCreated), r.systemTime, tool === PY ? PY_TOLERANCE : 0)) out.push(`${at} TimeCreated: ours ${String(a.TimeCreated)}, ${tool} ${r.systemTime}`);
    for (const [k, v] of r.data) {
      if (!Object.hasOwn(a, k)) out.push(`${at} ${k}: missing in ours (${tool}: ${JSON.stringify(v)})`);
      else if (!sameValue(a[k], v, tool)) out.push(`${at} ${k}: ours ${JSON.stringify(a[k])}, ${tool} ${JSON.stringify(v)}`);
    }
  });
  return out;
}

/** evtxexport's text mode: per record the event identifier and the strings (which may span lines). */
function textModeRecords(text: string): { id: number; strings: string[] }[] {
  const recs: { id: number; strings: string[] }[] = [];
  for (const block of text.split(/^Event number\s*:/m).slice(1)) {
    const id = /^Event identifier\s*:\s*0x[0-9a-f]+ \((\d+)\)/m.exec(block);
    const count = Number(/^Number of strings\s*:\s*(\d+)/m.exec(block)?.[1] ?? 0);
    const strings: string[] = [];
    for (let j = 1; j <= count; j++) {
      const start = new RegExp(`^String: ${j}\\s*: ?`, 'm').exec(block);
      if (!start) break;
      const from = start.index + start[0].length;
      const next = j < count ? new RegExp(`^String: ${j + 1}\\s*:`, 'm').exec(block.slice(from)) : null;
      strings.push(block.slice(from, next ? from + next.index : block.length).replace(/\n+$/, ''));
    }
    recs.push({ id: Number(id?.[1] ?? -1), strings });
  }
  return recs;
}

describe('EVTX differential check against reference tools', () => {
  it('has sample files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const tool of [PY, EE]) {
    describe.skipIf(!hasTool(tool))(`${tool} (skipped when not installed; .ci/run installs it)`, () => {
      it.each(files.map((f) => [path.relative(path.dirname(path.dirname(f)), f), f]))('%s', async (_name, file) => {
        const ours = await parseFile(file, evtxParser, testParseContext());
        const ref = refEvents(runTool(tool, tool === EE ? ['-f', 'xml', file] : [file]));
        expect(ref.length).toBeGreaterThan(0);
        expect(ours.skips).toEqual([]);
        expect(differences(ours, ref, tool)).toEqual([]);
      });
    });
  }

  describe.skipIf(!hasTool(EE))('evtxexport text mode: event identifiers and strings', () => {
    it.each(files.map((f) => [path.basename(f), f]))('%s', async (_name, file) => {
      const ours = await parseFile(file, evtxParser, testParseContext());
      const recs = textModeRecords(runTool(EE, [file]));
      const refs = refEvents(runTool(EE, ['-f', 'xml', file]));
      expect(ours.events.length).toBe(recs.length);
      recs.forEach((r, i) => {
        const ev = ours.events[i]!;
        // The text mode prints the full 32-bit identifier; the low 16 bits are the EventID.
        expect(r.id & 0xffff).toBe(ev.attrs!.EventID);
        const attrs = ev.attrs as Record<string, unknown>;
        const ref = refs[i]!;
        const values = ref.data.map(([k]) => attrs[k]);
        expect(values.length).toBe(r.strings.length);
        values.forEach((v, j) => expect(sameValue(v, r.strings[j]!, EE), `${ref.data[j]![0]}: ${JSON.stringify(v)} vs ${r.strings[j]}`).toBe(true));
      });
    });
  });
});
