import { hasWildcards, joinParts, partsText, type Part } from './sigma-string';
import { RuleError } from './errors';

/** Text encodings the `utf16*`/`wide` modifiers select for the base64 modifiers. */
export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16';

function bytesOf(text: string, enc: Encoding): Buffer {
  if (enc === 'utf8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  if (enc === 'utf16le') return le;
  if (enc === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  for (let i = 0; i + 1 < be.length; i += 2) {
    const t = be[i]!;
    be[i] = be[i + 1]!;
    be[i + 1] = t;
  }
  return be;
}

function plainText(alt: Part[], modifier: string): string {
  if (hasWildcards(alt)) throw new RuleError(`the ${modifier} modifier cannot encode a value with wildcards ('${partsText(alt)}')`);
  return partsText(alt);
}

/** `base64`: the value's bytes Base64-encoded. */
export function base64Alts(alt: Part[], enc: Encoding): Part[][] {
  const b = bytesOf(plainText(alt, 'base64'), enc).toString('base64');
  return [b === '' ? [] : [b]];
}

/**
 * `base64offset`: the value may sit at any byte offset of a larger encoded text, so encode it
 * behind 0, 1 and 2 filler bytes and keep only the characters that do not depend on the
 * neighbouring bytes (the leading ones that encode filler and the trailing partial group).
 */
export function base64OffsetAlts(alt: Part[], enc: Encoding): Part[][] {
  const value = bytesOf(plainText(alt, 'base64offset'), enc);
  const out: Part[][] = [];
  const skipStart = [0, 2, 3];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), value]).toString('base64');
    // Trailing characters that depend on bytes after the value: none when the shifted
    // length is a multiple of 3, else the padding and the character mixing in the next byte.
    const rem = (value.length + shift) % 3;
    const cutEnd = rem === 0 ? 0 : rem === 1 ? 3 : 2;
    const piece = encoded.slice(skipStart[shift], encoded.length - cutEnd);
    if (piece !== '') out.push([piece]);
  }
  return out;
}

const WINDASH = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** A dash or slash that starts a word: after a non-word character (or the start) and before a word character. */
const FLAG_CHAR = /(?<![\w])[-/\u2013\u2014\u2015](?=\w)/g;
const MAX_WINDASH_SPOTS = 4;

/** `windash`: every flag character replaced by each of - / – — ― (all combinations). */
export function windashAlts(alt: Part[]): Part[][] {
  let acc: Part[][] = [[]];
  for (const p of alt) {
    if (typeof p !== 'string') {
      acc = acc.map((a) => [...a, p]);
      continue;
    }
    const pieces: string[] = [];
    let last = 0;
    for (const m of p.matchAll(FLAG_CHAR)) {
      pieces.push(p.slice(last, m.index));
      last = m.index + 1;
    }
    pieces.push(p.slice(last));
    const spots = pieces.length - 1;
    if (spots > MAX_WINDASH_SPOTS) throw new RuleError(`windash: too many flag characters in '${p}'`);
    let texts = [pieces[0]!];
    for (let i = 1; i < pieces.length; i++) {
      const next: string[] = [];
      for (const t of texts) for (const d of WINDASH) next.push(t + d + pieces[i]!);
      texts = next;
    }
    acc = acc.flatMap((a) => texts.map((t) => (t === '' ? a : [...a, t])));
    if (acc.length > 5 ** MAX_WINDASH_SPOTS) throw new RuleError(`windash: too many flag characters in '${alt.filter((x) => typeof x === 'string').join('*')}'`);
  }
  return acc.map((a) => joinParts(a));
}
