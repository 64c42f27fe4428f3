import { EVENT_FLAG_INVALID_UTF8, EVENT_FLAG_TRUNCATED } from '../types';
import type { Line, ParsedEvent, ParseSink } from '../types';

/** What a time read from the line itself means. */
export const TS_LINE = 'line time';
/** The line's time had no year; it was inferred (see YearInferrer). */
export const TS_LINE_YEAR_INFERRED = 'line time (year inferred)';

/** Location string used in skips and notes. */
export const lineWhere = (l: Line): string => `line ${l.lineNo}`;

/**
 * Event flags for a line from the reader, and the note the receipt shows for a truncated
 * line (the event is still imported from the line's head).
 */
export function lineFlags(l: Line, sink: ParseSink): number {
  let flags = 0;
  if (l.truncated) {
    flags |= EVENT_FLAG_TRUNCATED;
    sink.note?.(lineWhere(l), 'line longer than limit; truncated');
  }
  if (l.invalidUtf8) flags |= EVENT_FLAG_INVALID_UTF8;
  return flags;
}

/**
 * A line too long to parse as a record (its tail was cut off) is still kept: its head as
 * the message, flagged truncated, so nothing disappears and the user can see it.
 */
export function truncatedLineEvent(l: Line, sink: ParseSink): ParsedEvent {
  return { ts: null, ts_desc: null, message: l.text, offset: l.offset, length: l.length, flags: lineFlags(l, sink) };
}

/** Blank and whitespace-only lines are not records: parsers pass over them without a skip. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 13) return false;
  }
  return true;
}

/**
 * Set an attribute without letting a hostile key such as "__proto__" change the
 * object's prototype (keys come from untrusted logs).
 */
export function setAttr(attrs: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(attrs, key, { value, enumerable: true, writable: true, configurable: true });
  else attrs[key] = value;
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const IPV6 = /^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(%[\w.-]+)?$/;

/** Whether a token looks like an IPv4 or IPv6 address (shape only; anonymized octets allowed). */
export function looksLikeIp(s: string): boolean {
  if (s.length < 2 || s.length > 64) return false;
  if (IPV4.test(s)) return true;
  return s.indexOf(':') !== s.lastIndexOf(':') && IPV6.test(s);
}

/** Syslog severities by PRI & 7 (RFC 5424 table 2). */
export const SYSLOG_SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
/** Syslog facilities by PRI >> 3 (RFC 5424 table 1). */
export const SYSLOG_FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4',
  'local5', 'local6', 'local7',
];

/** Fraction of non-blank sample lines a predicate accepts (0 when there are none). */
export function fractionOf(lines: string[], accept: (line: string) => boolean): number {
  let n = 0;
  let ok = 0;
  for (const l of lines) {
    if (isBlank(l)) continue;
    n++;
    if (accept(l)) ok++;
  }
  return n === 0 ? 0 : ok / n;
}
