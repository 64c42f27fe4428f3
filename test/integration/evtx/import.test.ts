import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evtxParser } from '../../../electron/engine/ingest/parsers/evtx/index';
import { parseFile, testParseContext } from '../../../electron/engine/ingest/run-parser';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { sampleEvtxFiles } from './reference';

/** EVTX through the real import pipeline: detection, receipt, search on EventData fields. */
describe('EVTX import into a case', () => {
  let c: EngineCase;
  const files = sampleEvtxFiles();

  beforeAll(async () => {
    c = await newEngineCase('evtx', { persistent: true });
  });
  afterAll(() => c.close());

  it('detects, imports and finds the sample logs by EventData fields', async () => {
    const expected = await Promise.all(files.map((f) => parseFile(f, evtxParser, testParseContext())));
    const all = expected.flatMap((r) => r.events);
    const receipt = await c.importFiles(files);
    expect(receipt.files.map((f) => f.format)).toEqual(files.map(() => 'evtx'));
    expect(receipt.events).toBe(all.length);
    expect(receipt.skipped).toBe(0);

    const sysmon1 = all.filter((e) => e.attrs!.EventID === 1).length;
    expect(sysmon1).toBeGreaterThan(0);
    expect((await c.client.call('search.query', { query: 'EventID:1' })).total).toBe(sysmon1);

    const withImage = all.filter((e) => typeof e.attrs!.Image === 'string' && /cmd\.exe$/i.test(e.attrs!.Image as string)).length;
    expect(withImage).toBeGreaterThan(0);
    expect((await c.client.call('search.query', { query: 'Image:*\\\\cmd.exe' })).total).toBe(withImage);

    const logon = await c.client.call('search.query', { query: 'EventID:4648 AND TargetUserName:testuser' });
    expect(logon.total).toBe(1);
    expect(logon.events[0]!).toMatchObject({ format: 'evtx', user: 'testuser', host: 'swachchhanda', action: 'Security-Auditing:4648' });
    expect(logon.events[0]!.attrs.SubjectLogonId).toBe('0x85527');
  });

  it('shows an event\'s original record as XML in the event detail', async () => {
    const logon = await c.client.call('search.query', { query: 'EventID:4648 AND TargetUserName:testuser' });
    const ev = await c.client.call('event.get', { id: logon.events[0]!.id });
    expect(ev.raw).toMatch(/<EventID[^>]*>4648<\/EventID>/);
    expect(ev.raw).toMatch(/<Data Name="TargetUserName">testuser<\/Data>/);
    expect(ev.raw).not.toContain('\ufffd');
  });

  it('lists the cleared-log finding in the receipt and keeps every event traceable to its record bytes', async () => {
    const file = files.find((f) => f.endsWith('DE_104_system_log_cleared.evtx'))!;
    const [first] = await c.client.call('import.list', {});
    const receipt = await c.client.call('import.receipt', { importId: first!.id });
    const cleared = receipt.files.find((f) => f.path === file)!;
    expect(cleared.events).toBe(1);
    expect(cleared.errors).toEqual([{ where: 'record 0', reason: expect.stringMatching(/^log cleared: System log cleared by EXAMPLE\\user01/) }]);
    const hits = await c.client.call('search.query', { query: 'EventID:104' });
    expect(hits.total).toBe(1);
    const ev = hits.events[0]!;
    expect(ev.attrs['LogFileCleared.SubjectUserName']).toBe('user01');
    const bytes = readFileSync(file);
    const { offset, length } = ev.origin;
    expect(bytes.readUInt32LE(offset!)).toBe(0x2a2a);
    expect(bytes.readUInt32LE(offset! + 4)).toBe(length);
    expect(ev.origin.record).toBe(0);
  });

  it('imports a damaged log: the good records, the damage in the receipt', async () => {
    const sample = readFileSync(files.find((f) => f.endsWith('LM_sysmon_psexec_smb_meterpreter.evtx'))!);
    const damaged = Buffer.from(sample);
    // Break the second record's frame (its size) inside the only chunk.
    const second = 4096 + 512 + damaged.readUInt32LE(4096 + 512 + 4);
    damaged.writeUInt32LE(0xffff, second + 4);
    const file = path.join(c.root, 'damaged.evtx');
    writeFileSync(file, damaged);
    const receipt = await c.importFiles([file]);
    const f = receipt.files[0]!;
    expect(f.format).toBe('evtx');
    expect(f.events).toBe(9);
    expect(f.skipped).toBe(1);
    expect(f.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ where: 'chunk 0', reason: expect.stringMatching(/record size 65535 out of bounds/) }),
      expect.objectContaining({ where: 'chunk 0', reason: expect.stringMatching(/event records CRC mismatch/) }),
    ]));
  });
});
