import { describe, expect, it } from 'vitest';
import { evtxParser } from '../../../electron/engine/ingest/parsers/evtx/index';
import { recordXmlAt, toXml } from '../../../electron/engine/ingest/parsers/evtx/xml';
import { parseFile, testParseContext } from '../../../electron/engine/ingest/run-parser';
import { SAMPLES } from './helpers';

describe('EVTX record XML from the evidence bytes', () => {
  it('re-renders each record at its event offset as event XML', async () => {
    const { events } = await parseFile(SAMPLES.cleared, evtxParser, testParseContext());
    const xml = recordXmlAt(SAMPLES.cleared, events[0]!.offset!)!;
    expect(xml.split('\n')[0]).toBe('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">');
    expect(xml).toContain('    <EventID>104</EventID>');
    expect(xml).toContain('<TimeCreated SystemTime="2019-03-19T23:34:25.8943413Z"/>');
    expect(xml).toContain('      <SubjectUserName>user01</SubjectUserName>');
    expect(xml).toContain('      <BackupPath/>');
  });

  it('escapes text and attribute values', () => {
    const xml = toXml({ name: 'Data', attrs: [['Name', 'a"<b>']], children: ['x < y && z > "q"'] });
    expect(xml).toBe('<Data Name="a&quot;&lt;b&gt;">x &lt; y &amp;&amp; z &gt; "q"</Data>');
  });

  it('renders every sample record and gives null where no record starts', async () => {
    const { events } = await parseFile(SAMPLES.psexec, evtxParser, testParseContext());
    for (const e of events) expect(recordXmlAt(SAMPLES.psexec, e.offset!)).toMatch(/^<Event[\s\S]*<\/Event>$/);
    expect(recordXmlAt(SAMPLES.psexec, events[0]!.offset! + 8)).toBeNull();
    expect(recordXmlAt(SAMPLES.psexec, 10)).toBeNull();
    expect(recordXmlAt('/nonexistent/file.evtx', 4608)).toBeNull();
  });
});
