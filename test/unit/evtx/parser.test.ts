import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../electron/engine/ingest/parsers/index';
import { ChunkWriter, el, eventTemplate, evtxFile, filetimeOf, systemValues, v } from './builder';
import { parseBytes, SAMPLES } from './helpers';

const T = filetimeOf('2024-05-06T07:08:09.123Z', 4567);

describe('EVTX detection', () => {
  it('claims files with the ElfFile magic, bare chunks a little less, nothing else', () => {
    const head = readFileSync(SAMPLES.psexec).subarray(0, 4096);
    expect(detectFormat({ name: 'x.evtx', head, lines: [] })).toEqual({ id: 'evtx', confidence: 1 });
    const chunk = readFileSync(SAMPLES.psexec).subarray(4096, 8192);
    expect(detectFormat({ name: 'x.bin', head: chunk, lines: [] }).id).toBe('evtx');
    expect(detectFormat({ name: 'a.log', head: Buffer.from('ElfFile is a word\n'), lines: ['ElfFile is a word'] }).id).not.toBe('evtx');
  });
});

describe('EVTX records to events', () => {
  it('maps System fields, named EventData and the derived columns', async () => {
    const t = eventTemplate(['SubjectUserName', 'TargetUserName', 'NewProcessName', 'CommandLine', 'LogonType', 'RuleName']);
    const c = new ChunkWriter().record(100, t, [
      ...systemValues({ eventId: 4688, time: T, recordId: 100, keywords: 0x8020000000000000n }),
      v.str('alice'), v.str('-'), v.str('C:\\Windows\\System32\\cmd.exe'), v.str('cmd.exe /c "whoami /all"'), v.u32(3), v.null(),
    ]);
    const { events, skips, notes } = await parseBytes(evtxFile([c.finish()]));
    expect(skips).toEqual([]);
    expect(notes).toEqual([]);
    const e = events[0]!;
    expect(e.ts).toBe(Date.parse('2024-05-06T07:08:09.123Z') * 1000 + 456);
    expect(e.ts_desc).toBe('event time (TimeCreated)');
    expect(e.host).toBe('WS01.example.corp');
    expect(e.user).toBe('alice');
    expect(e.action).toBe('Security-Auditing:4688');
    expect(e.outcome).toBe('success');
    expect(e.severity).toBe('information');
    expect(e.record).toBe(0);
    expect(e.offset).toBe(4096 + 512);
    expect(e.attrs).toMatchObject({
      EventID: 4688, Level: 0, Channel: 'Security', Computer: 'WS01.example.corp', EventRecordID: 100,
      Provider_Name: 'Microsoft-Windows-Security-Auditing', Provider_Guid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
      Keywords: '0x8020000000000000', TimeCreated: '2024-05-06T07:08:09.1234567Z',
      SubjectUserName: 'alice', TargetUserName: '-', NewProcessName: 'C:\\Windows\\System32\\cmd.exe',
      CommandLine: 'cmd.exe /c "whoami /all"', LogonType: '3', RuleName: '',
    });
    // A null optional substitution in an attribute leaves the attribute out.
    expect(e.attrs).not.toHaveProperty('EventID_Qualifiers');
    expect(e.message).toBe('EventID 4688 · Microsoft-Windows-Security-Auditing · SubjectUserName=alice TargetUserName=- NewProcessName=C:\\Windows\\System32\\cmd.exe CommandLine="cmd.exe /c \\"whoami /all\\"" LogonType=3');
  });

  it('names unnamed Data as Data, Data_1, ... and keeps a Data name that repeats a System field apart', async () => {
    const t = eventTemplate(['', '', 'Channel']);
    const c = new ChunkWriter().record(1, t, [...systemValues({ eventId: 7, time: T, recordId: 1 }), v.str('first'), v.str('second'), v.str('from data')]);
    const e = (await parseBytes(evtxFile([c.finish()]))).events[0]!;
    expect(e.attrs).toMatchObject({ Data: 'first', Data_1: 'second', Channel: 'Security', Channel_1: 'from data' });
  });

  it('reuses a template defined by an earlier record and renders arrays, SIDs, GUIDs, times', async () => {
    const t = eventTemplate(['Sids', 'Guid', 'When', 'Flags', 'Ok', 'Names']);
    const vals = (id: number) => [
      ...systemValues({ eventId: 5, time: T, recordId: id, level: 2 }),
      v.sid('S-1-5-18'), v.guid('{365ABB72-2584-5CC9-0000-0010EA030000}'), v.systime(2024, 5, 6, 7, 8, 9, 10), v.hex32(0x1f), v.bool(true), v.strs(['x', 'y']),
    ];
    const c = new ChunkWriter().record(1, t, vals(1)).record(2, t, vals(2)).record(3, t, vals(3));
    const r = await parseBytes(evtxFile([c.finish()]));
    expect(r.events.map((e) => e.attrs!.EventRecordID)).toEqual([1, 2, 3]);
    expect(r.events.map((e) => e.record)).toEqual([0, 1, 2]);
    expect(r.events[2]!.attrs).toMatchObject({
      Sids: 'S-1-5-18', Guid: '{365ABB72-2584-5CC9-0000-0010EA030000}', When: '2024-05-06T07:08:09.010Z', Flags: '0x1f', Ok: 'true', Names: ['x', 'y'],
    });
    expect(r.events[0]!.severity).toBe('error');
    // Offsets and lengths tile the chunk: every event traces to its own bytes.
    const [a, b] = r.events;
    expect(a!.offset! + a!.length!).toBe(b!.offset);
  });

  it('flattens UserData given as a nested template instance, with unambiguous leaf names', async () => {
    const inner = el('LogFileCleared', [['xmlns', 'http://manifests.microsoft.com/win/2004/08/windows/eventlog']], [
      el('SubjectUserName', [], [{ sub: 0 }]), el('SubjectDomainName', [], [{ sub: 1 }]), el('Channel', [], [{ sub: 2 }]),
    ]);
    const t = el('Event', [], [
      el('System', [], [
        el('Provider', [['Name', { sub: 0 }]]), el('EventID', [], [{ sub: 1 }]), el('TimeCreated', [['SystemTime', { sub: 2 }]]),
        el('EventRecordID', [], [{ sub: 3 }]), el('Channel', [], ['Security']),
      ]),
      el('UserData', [], [{ sub: 4 }]),
    ]);
    const c = new ChunkWriter().record(9, t, [v.str('Microsoft-Windows-Eventlog'), v.u16(1102), v.filetime(T), v.u64(9n), v.xml(inner, [v.str('mallory'), v.str('CORP'), v.str('Security')])]);
    const r = await parseBytes(evtxFile([c.finish()]));
    expect(r.skips).toEqual([]);
    expect(r.events[0]!.attrs).toMatchObject({
      'LogFileCleared.SubjectUserName': 'mallory', 'LogFileCleared.SubjectDomainName': 'CORP', 'LogFileCleared.Channel': 'Security',
      SubjectUserName: 'mallory', SubjectDomainName: 'CORP', Channel: 'Security',
    });
    expect(r.events[0]!.attrs).not.toHaveProperty('LogFileCleared.xmlns');
    expect(r.notes).toEqual([{ where: 'record 0', reason: 'log cleared: Security log cleared by CORP\\mallory at 2024-05-06T07:08:09.1234567Z (Security event 1102)' }]);
  });

  it('reads a binary XML value that is a plain element without dependency ids', async () => {
    const t = el('Event', [], [el('System', [], [el('EventID', [], [{ sub: 0 }])]), el('UserData', [], [{ sub: 1 }])]);
    const plain = el('Op', [['Kind', 'write']], [el('Path', [], ['C:\\x.txt'])]);
    const r = await parseBytes(evtxFile([new ChunkWriter().record(1, t, [v.u16(11), v.plain(plain)]).finish()]));
    expect(r.skips).toEqual([]);
    expect(r.events[0]!.attrs).toMatchObject({ EventID: 11, 'Op.Kind': 'write', 'Op.Path': 'C:\\x.txt', Path: 'C:\\x.txt' });
    expect(r.events[0]!.ts).toBeNull();
  });

  it('maps the sample log-cleared event and flags it', async () => {
    const r = await parseBytes(readFileSync(SAMPLES.cleared));
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.attrs).toMatchObject({ EventID: 104, 'LogFileCleared.SubjectUserName': 'user01', Security_UserID: 'S-1-5-21-1587066498-1489273250-1035260531-1106' });
    expect(r.notes.map((n) => n.reason)).toEqual([expect.stringMatching(/^log cleared: System log cleared by EXAMPLE\\user01/)]);
  });

  it('maps Sysmon fields under their own names, as Sigma rules use them', async () => {
    const r = await parseBytes(readFileSync(SAMPLES.uac));
    const proc = r.events.find((e) => e.attrs!.EventID === 1)!;
    expect(proc.attrs).toHaveProperty('Image');
    expect(proc.attrs).toHaveProperty('CommandLine');
    expect(proc.attrs).toHaveProperty('ParentImage');
    expect(proc.host).toBe(proc.attrs!.Computer);
    expect(proc.action).toBe('Sysmon:1');
    expect(proc.message.length).toBeLessThanOrEqual(1002);
  });
});
