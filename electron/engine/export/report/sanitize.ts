/**
 * The one gate every string passes before it reaches the PDF. pdf-lib's standard fonts encode
 * WinAnsi only and throw on anything else, and log content is hostile: any Unicode, control
 * characters, bidi overrides. Characters the font cannot show, and characters that would be
 * invisible or deceptive when shown (controls, bidi marks, no-break and soft hyphens), become
 * visible escapes like `\u{202E}`: the reader sees that they are there and which they are,
 * nothing is dropped. The exact bytes are in events.jsonl.
 */

/** The non-ASCII code points WinAnsi (CP1252) maps into 0x80..0x9F. */
const WIN_ANSI_EXTRA = [
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
  0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
];

const SHOWN = new Set<number>(WIN_ANSI_EXTRA);
for (let c = 0x20; c <= 0x7e; c++) SHOWN.add(c);
// 0xA0 (no-break space) and 0xAD (soft hyphen) are encodable but look like nothing or a space.
for (let c = 0xa1; c <= 0xff; c++) if (c !== 0xad) SHOWN.add(c);

/** Whether a code point is drawn as itself (a WinAnsi glyph that is visible). */
export function isShown(cp: number): boolean {
  return SHOWN.has(cp);
}

/** The visible escape for a code point: `\u{202E}`. */
export function escapeCodePoint(cp: number): string {
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

const PLAIN = /^[\x20-\x7e]*$/;

/** Any value as text the standard fonts can draw, with visible escapes for everything else. */
export function safeText(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  if (PLAIN.test(text)) return text;
  let out = '';
  // for..of walks code points, so an emoji is one escape; a lone surrogate is escaped as itself.
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += SHOWN.has(cp) ? ch : escapeCodePoint(cp);
  }
  return out;
}

/** A count with thousands separators, independent of the machine's locale. */
export function fmtInt(n: number): string {
  if (!Number.isFinite(n)) return safeText(String(n));
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An ISO 8601 UTC time as `2024-01-31 12:00:00.123` (headers say UTC). Whole groups of three
 * trailing zeros in the fraction go, so the usual millisecond or second precision stays short
 * and microseconds show only when present. Anything else is shown as given.
 */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^([+-]?\d{4,6}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!m) return safeText(iso);
  let frac = m[3] ?? '';
  while (frac.length >= 3 && frac.endsWith('000')) frac = frac.slice(0, -3);
  return `${m[1]} ${m[2]}${frac ? '.' + frac : ''}`;
}
