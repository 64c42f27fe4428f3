import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fmtInt, fmtTime, safeText } from '../../../electron/engine/export/report/sanitize';
import { ELLIPSIS, fitLine, makeFace, wrap, type Face } from '../../../electron/engine/export/report/text';

describe('safeText: every string the PDF shows passes through it', () => {
  it.each([
    ['plain ASCII', 'Failed password for root', 'Failed password for root'],
    ['Latin-1 and WinAnsi extras kept', 'café € “quoted” – Straße', 'café € “quoted” – Straße'],
    ['RTL override escaped', 'evil\u202Etxt.exe', 'evil\\u{202E}txt.exe'],
    ['NUL escaped', 'a\u0000b', 'a\\u{0}b'],
    ['newline and tab escaped', 'a\nb\tc', 'a\\u{A}b\\u{9}c'],
    ['emoji is one escape, not two surrogates', 'ok 😀', 'ok \\u{1F600}'],
    ['lone surrogate escaped', 'x\uD800y', 'x\\u{D800}y'],
    ['C1 control escaped', 'a\u0085b', 'a\\u{85}b'],
    ['invisible no-break and soft hyphens escaped', 'a\u00A0b\u00ADc', 'a\\u{A0}b\\u{AD}c'],
    ['zero-width and CJK escaped', 'a\u200Bb中', 'a\\u{200B}b\\u{4E2D}'],
    ['HTML stays literal', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('never throws on non-strings', () => {
    expect(safeText(null)).toBe('');
    expect(safeText(undefined)).toBe('');
    expect(safeText(42)).toBe('42');
  });

  it('yields only characters the standard fonts can encode, for every code point', async () => {
    const doc = await PDFDocument.create();
    const fonts = await Promise.all([StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.Courier].map((f) => doc.embedFont(f)));
    let all = '';
    for (let cp = 0; cp <= 0xffff; cp++) all += String.fromCharCode(cp);
    all += '😀🏳️‍🌈\u{10FFFF}';
    const safe = safeText(all);
    for (const font of fonts) expect(() => font.encodeText(safe)).not.toThrow();
  });
});

describe('formatting', () => {
  it.each([
    ['2026-03-01T08:00:00.000000Z', '2026-03-01 08:00:00'],
    ['2026-03-01T08:00:00.123000Z', '2026-03-01 08:00:00.123'],
    ['2026-03-01T08:00:00.123456Z', '2026-03-01 08:00:00.123456'],
    ['2026-03-01T08:00:00Z', '2026-03-01 08:00:00'],
    ['yesterday\u202E', 'yesterday\\u{202E}'],
  ])('fmtTime(%s)', (iso, shown) => expect(fmtTime(iso)).toBe(shown));

  it.each([
    [0, '0'],
    [999, '999'],
    [5000, '5,000'],
    [100000, '100,000'],
    [-1234567, '-1,234,567'],
  ])('fmtInt(%d)', (n, shown) => expect(fmtInt(n)).toBe(shown));
});

describe('wrap and fitLine', () => {
  let face: Face;
  beforeAll(async () => {
    const doc = await PDFDocument.create();
    face = makeFace(await doc.embedFont(StandardFonts.Helvetica));
  });

  it('wraps words and keeps every line within the width', () => {
    const text = 'session opened for user alice from 10.0.0.7 port 22 ssh2 and then some more words';
    const lines = wrap(text, face, 8, 100);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(face.width(l, 8)).toBeLessThanOrEqual(100);
    expect(lines.join(' ')).toBe(text);
  });

  it('breaks a 5,000-character token and cuts it with an ellipsis at the line limit', () => {
    const token = 'A'.repeat(5000);
    const lines = wrap(token, face, 8, 150, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith(ELLIPSIS)).toBe(true);
    for (const l of lines) expect(face.width(l, 8)).toBeLessThanOrEqual(150);
  });

  it('prefers to break a long path or URL after punctuation', () => {
    const lines = wrap('/var/lib/docker/overlay2/0123456789abcdef/merged/etc/passwd', face, 8, 120);
    expect(lines[0]!.endsWith('/')).toBe(true);
  });

  it('never cuts a visible escape in half', () => {
    const escaped = safeText('\u202E'.repeat(50));
    for (const l of wrap(escaped, face, 8, 90, 3)) expect(l.replace(ELLIPSIS, '')).toMatch(/^(\\u\{202E\})*$/);
    expect(fitLine(escaped, face, 8, 60).replace(ELLIPSIS, '')).toMatch(/^(\\u\{202E\})+$/);
  });

  it('keeps text that fits untouched', () => {
    expect(wrap('short', face, 8, 200, 2)).toEqual(['short']);
    expect(fitLine('short', face, 8, 200)).toBe('short');
  });
});
