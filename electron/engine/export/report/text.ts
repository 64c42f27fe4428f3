import type { PDFFont } from 'pdf-lib';
import { isShown } from './sanitize';

/**
 * A standard font with its WinAnsi widths and codes looked up once. pdf-lib's own
 * widthOfTextAtSize re-encodes every call and adds kerning that a plain `Tj` never applies,
 * so measuring here is both faster and closer to what is drawn. Text must come from safeText.
 */
export interface Face {
  readonly pdf: PDFFont;
  width(text: string, size: number): number;
  /**
   * The body of a PDF literal string `(...)` holding the text's WinAnsi codes, one char per
   * byte (the content stream is written as latin1), with `(`, `)` and `\\` escaped.
   */
  encode(text: string): string;
}

const TABLE_SIZE = 0x2200; // the highest WinAnsi code point is U+2122
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function makeFace(pdf: PDFFont): Face {
  const widths = new Float64Array(TABLE_SIZE);
  const codes = new Array<string>(TABLE_SIZE).fill('?');
  for (let cp = 0x20; cp < TABLE_SIZE; cp++) {
    if (!isShown(cp) && cp !== 0x20) continue;
    const ch = String.fromCharCode(cp);
    widths[cp] = pdf.widthOfTextAtSize(ch, 1000);
    const code = String.fromCharCode(parseInt(pdf.encodeText(ch).asString(), 16));
    codes[cp] = code === '(' || code === ')' || code === '\\' ? '\\' + code : code;
  }
  const fallback = widths[0x3f]!; // '?': only reached if a caller skipped safeText
  return {
    pdf,
    width(text, size) {
      let w = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        w += c < TABLE_SIZE ? widths[c]! || fallback : fallback;
      }
      return (w * size) / 1000;
    },
    encode(text) {
      // Printable ASCII is its own WinAnsi code: the common case needs escaping only.
      if (PRINTABLE_ASCII.test(text)) return text.replace(/[()\\]/g, '\\$&');
      let out = '';
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out += c < TABLE_SIZE ? codes[c] : '?';
      }
      return out;
    },
  };
}

export const ELLIPSIS = '\u2026';

const ESCAPE = /\\u\{[0-9A-F]{1,6}\}/y;

/** Length of the atom at i: a whole `\u{...}` escape, so a break never cuts one, or one character. */
function atomLength(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x5c) return 1;
  ESCAPE.lastIndex = i;
  return ESCAPE.test(text) ? ESCAPE.lastIndex - i : 1;
}

/** The longest prefix of `text` (by atoms) that fits `width` with `suffix` appended. */
function fitPrefix(text: string, face: Face, size: number, width: number, suffix: string): string {
  const room = width - face.width(suffix, size);
  let w = 0;
  let end = 0;
  while (end < text.length) {
    const n = atomLength(text, end);
    const aw = face.width(n === 1 ? text[end]! : text.slice(end, end + n), size);
    if (w + aw > room) break;
    w += aw;
    end += n;
  }
  return text.slice(0, end);
}

/** Where a long token may break: after punctuation, or before a backslash (never inside an escape). */
function breakAt(prefix: string): number {
  for (let i = prefix.length - 1; i > prefix.length / 3; i--) {
    const c = prefix[i]!;
    if ('./-_:,;=&?@'.includes(c)) return i + 1;
    if (c === '\\') return i;
  }
  return prefix.length;
}

/** One line, cut with an ellipsis when it does not fit. */
export function fitLine(text: string, face: Face, size: number, width: number): string {
  if (face.width(text, size) <= width) return text;
  return fitPrefix(text, face, size, width, ELLIPSIS).trimEnd() + ELLIPSIS;
}

/**
 * Greedy word wrap into at most `maxLines` lines of `width`. Tokens wider than a line are broken
 * between atoms; when text remains after the last line, that line ends with an ellipsis. Stops
 * reading as soon as the lines are full, so a 5,000-character token costs one line of work.
 */
export function wrap(text: string, face: Face, size: number, width: number, maxLines = Infinity): string[] {
  if (maxLines < 1) return [];
  if (face.width(text, size) <= width) return [text];
  const lines: string[] = [];
  const space = face.width(' ', size);
  const words = text.split(' ');
  let line = '';
  let lineW = 0;
  let rest: string | null = null; // set when text is left over after the last allowed line
  for (let i = 0; i < words.length && rest === null; i++) {
    let word = words[i]!;
    let ww = face.width(word, size);
    if (line !== '') {
      if (lineW + space + ww <= width) {
        line += ' ' + word;
        lineW += space + ww;
        continue;
      }
      if (lines.length === maxLines - 1) {
        rest = line + ' ' + word;
        break;
      }
      lines.push(line);
      line = '';
      lineW = 0;
    }
    while (ww > width) {
      if (lines.length === maxLines - 1) {
        rest = word;
        break;
      }
      const fitted = fitPrefix(word, face, size, width, '');
      const head = fitted ? fitted.slice(0, breakAt(fitted)) : word[0]!;
      lines.push(head);
      word = word.slice(head.length);
      ww = face.width(word, size);
    }
    line = word;
    lineW = ww;
  }
  if (rest !== null) lines.push(fitPrefix(rest, face, size, width, ELLIPSIS).trimEnd() + ELLIPSIS);
  else if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
