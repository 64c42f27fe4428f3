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
  return maskTokens(splitTokens(content));
}

function maskTokens(toks: string[]): string[] {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as string;
    toks[i] = i > 0 && toks[i - 1] === WILDCARD && UNITS.has(t) ? WILDCARD : maskToken(t);
  }
  return toks;
}

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'NOTICE', 'WARN', 'WARNING', 'ERROR', 'ERR', 'SEVERE', 'FATAL', 'CRIT', 'CRITICAL', 'ALERT', 'EMERG']);
/** Tokens a bracketed header group (`[IPC Server handler 5 on 62270]`) may span. */
const MAX_BRACKET = 8;
/** `org.apache.hadoop.ipc.Client:`, `dfs.DataNode$PacketResponder:`: a logger name. */
const LOGGER = /^[A-Za-z_][\w$-]*(?:[.$][\w$-]+)+:$/;

/** Index just past a `[...]` group starting at i (raw tokens), or -1. */
function bracketEnd(toks: string[], i: number): number {
  if (!(toks[i] as string).startsWith('[')) return -1;
  for (let j = i; j < toks.length && j - i < MAX_BRACKET; j++) if ((toks[j] as string).endsWith(']')) return j + 1;
  return -1;
}

/**
 * Where the header of a plain-text log line ends: the values it starts with (time, date,
 * counters, or a bracketed time), then a level word, then a bracketed thread name and a
 * logger name (`2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.Foo: Created …`).
 * None of it names the event. A level only counts after a time, a thread and a logger only
 * after a level; at least one token is always left.
 */
function headerEnd(toks: string[]): number {
  const last = toks.length - 1;
  let i = 0;
  for (;;) {
    if (i >= last) return i;
    const b = bracketEnd(toks, i);
    if (b > 0 && b <= last && DIGIT.test(toks.slice(i, b).join(' '))) i = b;
    else if (maskToken(toks[i] as string) === WILDCARD) i++;
    else break;
  }
  // A level word only starts a header after a time: `error: Received disconnect` is content.
  if (i === 0 || !LEVELS.has((toks[i] as string).replace(/^\[|[\]:]+$/g, '').toUpperCase())) return i;
  i++;
  const b = i < last ? bracketEnd(toks, i) : -1;
  if (b > 0 && b <= last) i = b;
  if (i < last && LOGGER.test(toks[i] as string)) i++;
  return i;
}

/**
 * The tokens the miner groups a stored event's message by: its header (see headerEnd)
 * left out, the rest masked as tokenize does. Parsers that know their format already
 * give the message without one; plain-text lines keep theirs in the message.
 */
export function messageTokens(content: string): string[] {
  const toks = splitTokens(content);
  const start = headerEnd(toks);
  return maskTokens(start === 0 ? toks : toks.slice(start));
}

/** Characters of a message the miner reads: the event's shape is in its beginning. */
export const MINE_CHARS = 2000;

/**
 * The shape the case's miner groups an event by: its message's tokens (messageTokens of
 * the first MINE_CHARS characters) joined by single spaces. Tokens never hold whitespace.
 */
export function templateShape(message: string): string {
  return messageTokens(message.length > MINE_CHARS ? message.slice(0, MINE_CHARS) : message).join(' ');
}

/** True when a masked token holds a variable (`<*>` alone or as a `key=<*>` value). */
export function isMasked(tok: string): boolean {
  return tok.endsWith(WILDCARD);
}

/** The constant part a masked token keeps (`rhost=` of `rhost=<*>`, empty for `<*>`). */
export function maskedStem(tok: string): string {
  return tok.slice(0, tok.length - WILDCARD.length);
}
