import { ibanValid, luhnValid } from './checksums';
import { resolveOverlaps, scan } from './spans';
import type { Span } from './types';

interface Group {
  start: number;
  end: number;
  /** The separator before this group ('' for the first). */
  sep: string;
}

/** Splits a matched run like `4111 1111-1111` into its digit/alnum groups with positions. */
function groupsOf(run: string, base: number, groupRe: RegExp): Group[] {
  const out: Group[] = [];
  let prevEnd = 0;
  for (const m of run.matchAll(groupRe)) {
    out.push({ start: base + m.index, end: base + m.index + m[0].length, sep: run.slice(prevEnd, m.index) });
    prevEnd = m.index + m[0].length;
  }
  return out;
}

/**
 * Within each run of separated groups, takes the longest valid stretch of whole groups,
 * left to right. Stretches start at group boundaries, so a card that follows a byte count
 * in the same run (`200 2326 4111 1111 …`) is still found.
 */
function bestStretches(
  text: string,
  runRe: RegExp,
  groupRe: RegExp,
  kind: Span['kind'],
  maxGroups: number,
  valid: (gs: Group[], s: string) => boolean,
): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(runRe)) {
    const gs = groupsOf(m[0], m.index, groupRe);
    let i = 0;
    while (i < gs.length) {
      let found = -1;
      // Bounded so a long run of small numbers (`1 2 3 … 1000`) stays linear.
      for (let j = Math.min(gs.length, i + maxGroups) - 1; j >= i; j--) {
        const part = gs.slice(i, j + 1);
        if (valid(part, text.slice(part[0]!.start, part[part.length - 1]!.end))) {
          found = j;
          break;
        }
      }
      if (found < 0) {
        i++;
        continue;
      }
      out.push({ start: gs[i]!.start, end: gs[found]!.end, kind });
      i = found + 1;
    }
  }
  return out;
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

// Issuer prefixes of the major networks (Visa, Mastercard, Amex, Diners, JCB, Discover, UnionPay):
// with Luhn alone one in ten random long numbers would pass.
const CARD_IIN = /^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|35|6)/;
const CARD_RUN = /(?<![\w.+-])\d+(?:[ -]\d+)*(?![\w]|[.,]\d)/g;

function cardValid(gs: Group[], s: string): boolean {
  const digits = digitsOf(s);
  if (digits.length < 13 || digits.length > 19) return false;
  if (gs.length > 1) {
    // Printed cards group as 4-4-4-4(-3), 4-6-5 or 4-6-4 with one separator character.
    const seps = new Set(gs.slice(1).map((g) => g.sep));
    if (seps.size !== 1) return false;
    const lens = gs.map((g) => g.end - g.start);
    if (lens[0] !== 4 || lens.some((l) => l < 3 || l > 6)) return false;
  }
  return CARD_IIN.test(digits) && luhnValid(digits);
}

export function detectCard(text: string): Span[] {
  return bestStretches(text, CARD_RUN, /\d+/g, 'card', 6, cardValid);
}

// Area 000, 666 and 9xx, group 00 and serial 0000 are never issued. Dashes are required:
// undashed nine-digit numbers are far more often ids or counters.
const SSN = /(?<![\w.-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w]|[.-]\d)/g;

export function detectSSN(text: string): Span[] {
  return scan(text, SSN, 'ssn');
}

// E.164 with optional grouping: `+44 20 7946 0958`, `+1 (415) 555-2671`, `+14155552671`.
const INTL_RUN = /(?<![\w+])\+[1-9]\d*(?:(?:[ .-]|[ .-]?\(|\) ?)\d+\)?)*(?![\w]|[.-]\d)/g;
// North American numbers need punctuation and valid area/exchange codes (first digit 2-9).
const NANP = /(?<![\w+.:/-])(?:\([2-9]\d\d\) ?[2-9]\d\d[-.]\d{4}|[2-9]\d\d([-.])[2-9]\d\d\1\d{4})(?![\w]|[.:/-]\d)/g;
// National trunk-prefix forms (UK 020 7946 0958, DE 030 1234567): leading 0, one separator kind.
const TRUNK = /(?<![\w+.:/-])0[1-9]\d{1,3}([ -])\d{3,8}(?:\1\d{3,8})?(?![\w]|[.:/-]\d)/g;

function intlValid(_gs: Group[], s: string): boolean {
  const open = s.split('(').length - 1;
  if (open !== s.split(')').length - 1 || open > 1) return false;
  const digits = digitsOf(s);
  return digits.length >= 8 && digits.length <= 15;
}

export function detectPhone(text: string): Span[] {
  const intl = bestStretches(text, INTL_RUN, /\+?\(?\d+\)?/g, 'phone', 8, (gs, s) => s.startsWith('+') && intlValid(gs, s));
  const trunk = scan(text, TRUNK, 'phone', (m) => {
    const n = digitsOf(m).length;
    return n >= 10 && n <= 11;
  });
  // The national patterns also match inside an international number; keep the longer hit.
  return resolveOverlaps([...intl, ...scan(text, NANP, 'phone'), ...trunk]);
}

// Printed IBANs group by four with single spaces; electronic ones are compact. Upper case only.
const IBAN_RUN = /(?<![\w])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{1,4})+)(?![\w])/g;

export function detectIBAN(text: string): Span[] {
  return bestStretches(text, IBAN_RUN, /[A-Z0-9]+/g, 'iban', 9, (gs, s) => {
    if (gs.length > 1 && gs.slice(1, -1).some((g) => g.end - g.start !== 4)) return false;
    return ibanValid(s.replace(/ /g, ''));
  });
}
