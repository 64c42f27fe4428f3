/**
 * Turns one log message into the token list the miner compares. Variables are masked
 * to `<*>` before any grouping: a token that carries a digit is almost always a value
 * (ids, counts, addresses, sizes, times), and masking it up front stops one event from
 * being split by its numbers. What is masked is fixed here, the same for every log.
 */

export const WILDCARD = '<*>';

const DIGIT = /[0-9]/;
/**
 * `key=value`, `key:value`, `key......value`, `(key=value)` with a digit-free key: the
 * key is part of the event (`LOGIN(uid=0)` vs `(uid=0)`), only the value is masked.
 */
const KEY_VALUE = /^([([{"']?[A-Za-z_][A-Za-z_.\-(]*?(?:=|:|\.{2,}))(.+)$/;
/** Calendar words are values too (`at Fri Jun 17 07:07:00 2005`) although digit-free. */
const CALENDAR =
  /^(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)[,.]?$/;
/** Units right after a masked number belong to the quantity (`5.2 KB` / `300 B`). */
const UNITS = new Set(['B', 'KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB', 'TiB', 'ms', 'us', 'ns', 'B,', 'KB,', 'MB,', 'GB,', 'B)', 'KB)', 'MB)', 'GB)']);

/** Mask one whitespace-delimited token. */
export function maskToken(tok: string): string {
  if (!DIGIT.test(tok)) return CALENDAR.test(tok) ? WILDCARD : tok;
  const kv = KEY_VALUE.exec(tok);
  if (kv && kv[1] !== undefined && !DIGIT.test(kv[1])) return kv[1] + WILDCARD;
  return WILDCARD;
}

/** Split on runs of whitespace (messages never need their spacing to be compared). */
export function splitTokens(content: string): string[] {
  const out: string[] = [];
  for (const t of content.split(/\s+/)) if (t.length > 0) out.push(t);
  return out;
}

/** Whitespace tokens with variables masked; an empty message gives an empty list. */
export function tokenize(content: string): string[] {
  const toks = splitTokens(content);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as string;
    toks[i] = i > 0 && toks[i - 1] === WILDCARD && UNITS.has(t) ? WILDCARD : maskToken(t);
  }
  return toks;
}

/** True when a masked token holds a variable (`<*>` alone or as a `key=<*>` value). */
export function isMasked(tok: string): boolean {
  return tok.endsWith(WILDCARD);
}

/** The constant part a masked token keeps (`rhost=` of `rhost=<*>`, empty for `<*>`). */
export function maskedStem(tok: string): string {
  return tok.slice(0, tok.length - WILDCARD.length);
}
