import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../electron/engine/export/report';
import type { ReportEvent } from '../../../electron/engine/export/report/types';
import { asyncEvents, baseInput, DIGEST, events, ROOT } from './fixtures';
import { pdfFile, pdfImageRows, pdfPages, pdfText, POPPLER, POPPLER_MISSING, squash } from './pdf-tools';

if (!POPPLER) console.warn(`report tests that read the PDF back are skipped: ${POPPLER_MISSING}`);

describe('renderReport: document facts readable without text extraction', () => {
  it('stores the content digest in the metadata Keywords and Subject, dated at export time', async () => {
    const doc = await PDFDocument.load(await renderReport(baseInput()), { updateMetadata: false });
    expect(doc.getKeywords()).toBe(`sealdesk-content-digest:${DIGEST}`);
    expect(doc.getSubject()).toBe(`sealdesk-content-digest:${DIGEST}`);
    expect(doc.getTitle()).toBe('Evidence report: ACME breach');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    for (const page of doc.getPages()) expect(page.getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('draws everything as vector content: no page has an image XObject', async () => {
    const doc = await PDFDocument.load(await renderReport(baseInput()));
    for (const page of doc.getPages()) {
      const resources = page.node.Resources();
      const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
      expect(xobjects?.keys() ?? []).toEqual([]);
    }
  });

  it('gives the same bytes for the same input', async () => {
    const a = await renderReport(baseInput());
    const b = await renderReport(baseInput());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('streams an async event source and reports progress every thousand rows', async () => {
    const calls: [number, number][] = [];
    const input = baseInput({ events: asyncEvents(3500), eventTableLimit: 100 });
    input.stats.selectedEvents = 3500;
    await renderReport(input, (done, total) => calls.push([done, total]));
    expect(calls).toEqual([
      [0, 3500],
      [1000, 3500],
      [2000, 3500],
      [3000, 3500],
      [3500, 3500],
    ]);
  });
});

describe.skipIf(!POPPLER)('renderReport: what a reader sees (pdftotext)', () => {
  let file: string;
  let pages: number;

  beforeAll(async () => {
    file = pdfFile(await renderReport(baseInput({ events: events(120) })));
    pages = pdfPages(file);
  });

  it('shows the case, analyst fingerprint, tree head and selection on the title page', () => {
    const page1 = squash(pdfText(file, 1));
    expect(page1).toContain('Evidence report: ACME breach');
    expect(page1).toContain('Case name ACME breach');
    expect(page1).toContain('6f1c2a9e-0000-4000-8000-000000000001');
    const fp = baseInput().analyst.fingerprintDisplay.split(' ');
    expect(page1).toContain(fp.slice(0, 8).join(' '));
    expect(page1).toContain(fp.slice(-3).join(' '));
    expect(page1).toContain('4,242 leaves');
    expect(page1).toContain(ROOT);
    expect(page1).toContain('2026-03-02 09:59:59');
    expect(page1).toContain('host:ws-017* AND NOT user:svc_backup');
    expect(page1).toContain('masked: detectors: email (redact), ipv4 (pseudonym)');
    expect(page1).toContain('sealdesk 0.1.0');
  });

  it('prints the digest footer with the page number on every page', () => {
    expect(pages).toBeGreaterThan(4);
    for (let i = 1; i <= pages; i++) {
      expect(squash(pdfText(file, i))).toContain(`Sealdesk evidence report · content digest ${DIGEST} · page ${i} of ${pages}`);
    }
  });

  it('lists the events with time, host, user, action, severity and message', () => {
    const text = squash(pdfText(file));
    expect(text).toContain('All 120 selected events are listed');
    expect(text).toMatch(/2026-03-01 08:00:01 low db-02 root sudo event 2: session opened for user root/);
    expect(text).toContain('event 120: session opened');
    expect(text).toContain('#lateral event 11:');
  });

  it('repeats the table header on every page of the table', () => {
    const file2 = pdfFile(pdfBytes.long!);
    const n = pdfPages(file2);
    const tablePages = [...Array(n).keys()].map((i) => squash(pdfText(file2, i + 1))).filter((t) => /event \d+: session/.test(t));
    expect(tablePages.length).toBeGreaterThan(2);
    for (const t of tablePages) expect(t).toMatch(/Time \(UTC\) Severity Host User Action Message/);
  });

  it('says plainly when more events are selected than the table lists', () => {
    const text = squash(pdfText(pdfFile(pdfBytes.long!)));
    expect(text).toContain('The first 300 of 1,000 events are listed; every event is in events.csv and events.jsonl.');
    expect(text).toContain('event 300: session');
    expect(text).not.toContain('event 301: session');
  });

  it('applies the default limit of 5,000 rows', async () => {
    const input = baseInput({ events: events(5010) });
    input.stats.selectedEvents = 5010;
    const text = squash(pdfText(pdfFile(await renderReport(input))));
    expect(text).toContain('The first 5,000 of 5,010 events are listed');
    expect(text).toContain('event 5000: session');
    expect(text).not.toContain('event 5001: session');
  });

  it('counts the selection from the stats when the caller passes only the rows to list', async () => {
    const input = baseInput({ events: events(50), eventTableLimit: 50 });
    input.stats.selectedEvents = 100_000;
    expect(squash(pdfText(pdfFile(await renderReport(input))))).toContain('The first 50 of 100,000 events are listed');
  });

  it('shows hostile text as visible escapes instead of throwing or dropping it', async () => {
    const token = 'X'.repeat(5000);
    const hostile: ReportEvent = {
      id: 1,
      ts: '2026-03-01T08:00:00.000000Z',
      source: 'evil.log',
      host: 'host\u202Egnp.exe',
      user: 'root\u0000',
      action: 'exec 😀',
      severity: 'critical',
      message: `<script>alert(1)</script> rtl:\u202Eabc nul:\u0000 emoji:😀 cjk:中 ${token}`,
      tags: ['x\u202Ey'],
      starred: true,
      note: 'bell\u0007',
    };
    const input = baseInput({
      title: 'Report \u202E 😀',
      caseName: 'Case\u0000\n\u202E',
      events: [hostile],
      notebook: `# Heading 😀\n\nInline \u202E and \u0000 and ${token}\n\n<img src=x onerror=alert(1)>`,
      custody: [{ seq: 1, at: 'not a time', actor: 'evil\u202E', action: 'note', subject: token, summary: 'x\u0000y' }],
      findings: [{ severity: 'high', title: 'RTL \u202E', rule: 'r', eventCount: 1, status: 'open', note: token }],
    });
    input.stats.selectedEvents = 1;
    const text = squash(pdfText(pdfFile(await renderReport(input))));
    expect(text).toContain('<script>alert(1)</script>');
    // The message wraps onto a second line of its cell, so each part is checked on its own.
    expect(text).toContain('rtl:\\u{202E}abc nul:\\u{0}');
    expect(text).toContain('emoji:\\u{1F600} cjk:\\u{4E2D} XXXXXXXXXX');
    expect(text).toContain('root\\u{0} exec \\u{1F600}');
    expect(text).toContain('host\\u{202E}gnp.exe');
    expect(text).toContain('Case\\u{0}\\u{A}\\u{202E}');
    expect(text).toContain('Report \\u{202E} \\u{1F600}');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('#x\\u{202E}y');
    expect(text).toContain('XXXXXXXXXX…');
    expect(text).not.toMatch(/[\u202E\u0000]/);
  });

  it('shows Latin-1 and WinAnsi punctuation as themselves, with PDF string delimiters intact', async () => {
    const ev: ReportEvent = { id: 1, ts: null, source: 's', host: 'h', user: 'u', action: 'a', severity: null, message: 'café € “quoted” – (paren) back\\slash \\u{41} done' };
    const input = baseInput({ events: [ev] });
    input.stats.selectedEvents = 1;
    const text = squash(pdfText(pdfFile(await renderReport(input))));
    expect(text).toContain('café € “quoted” – (paren) back\\slash \\u{41} done');
    expect(text).toContain('(no time)');
  });

  it('renders the notebook as text: headings, bullets, code, and links shown literally', () => {
    const text = squash(pdfText(file));
    expect(text).toContain('Analyst notebook');
    expect(text).toContain('See [the ticket](https://evil.example/x?a=1) and');
    expect(text).toContain('<script>alert(1)</script> in the mail body.');
    expect(text).toContain('• 08:00 first login from 10.0.0.7');
    expect(text).toContain('1. numbered step one');
    expect(text).toContain("grep -r 'Failed password' /var/log/auth.log | wc -l");
  });

  it('lists findings, and every custody entry across pages', async () => {
    const text = squash(pdfText(file));
    expect(text).toContain('Brute force followed by success');
    expect(text).toContain('sigma:ssh-bruteforce');
    const custody = Array.from({ length: 150 }, (_, i) => ({ seq: i + 1, at: '2026-03-01T07:00:00.000Z', actor: 'A. Analyst', action: 'tag', subject: null, summary: `marker-${i + 1}-end` }));
    const many = squash(pdfText(pdfFile(await renderReport(baseInput({ custody, findings: [] })))));
    expect(many).toContain('No findings were recorded for this selection.');
    expect(many).toContain('150 ledger entries');
    for (let i = 1; i <= 150; i++) expect(many).toContain(`marker-${i}-end`);
  });

  it('handles an empty selection and an empty notebook', async () => {
    const input = baseInput({ events: [], notebook: null, histogram: { start: '2026-03-01T00:00:00.000Z', intervalMs: 1000, counts: [] }, range: { from: null, to: null } });
    input.stats.selectedEvents = 0;
    const text = squash(pdfText(pdfFile(await renderReport(input))));
    expect(text).toContain('No events are selected.');
    expect(text).toContain('No timed events in the selection');
    expect(text).toContain('No notebook narrative was written for this case.');
  });

  it('survives malformed numbers and times in the input', async () => {
    const input = baseInput({
      events: events(3),
      eventTableLimit: 0,
      histogram: { start: 'garbage', intervalMs: Number.NaN, counts: [3, -1, Number.NaN, 1e9] },
      range: { from: 'sometime', to: null },
      treeHead: { size: Number.NaN, rootHash: '', timestamp: '' },
      createdAt: 'not a date',
    });
    const text = squash(pdfText(pdfFile(await renderReport(input))));
    expect(text).toContain('No events are listed (the table limit is 0) out of 120');
    expect(text).toContain('bin width unknown');
    expect(text).toContain('sometime to unknown');
  });

  it('draws the timeline as vector paths with dated axis labels, no raster image', () => {
    expect(pdfImageRows(file)).toEqual([]);
    const page2 = squash(pdfText(file, 2));
    expect(page2).toContain('Timeline');
    expect(page2).toContain('Selected events per 5 s (UTC)');
    expect(page2).toContain('2026-03-01');
    expect(page2).toContain('08:00:00');
  });
});

const pdfBytes: { long?: Uint8Array } = {};
beforeAll(async () => {
  const input = baseInput({ events: asyncEvents(1000), eventTableLimit: 300 });
  input.stats.selectedEvents = 1000;
  pdfBytes.long = await renderReport(input);
});
