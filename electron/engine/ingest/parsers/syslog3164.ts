import type { DetectSample, Line, LineParser, LineParseState, ParseContext, ParsedEvent, ParseSink } from '../types';
import { EVENT_FLAG_TIME_GUESSED } from '../types';
import { localToUs, monthAbbrevAt, parseIsoAt, YearInferrer } from '../time';
import { applyAuth } from './auth-fields';
import {
  fractionOf, isBlank, lineFlags, lineWhere, SYSLOG_FACILITIES, SYSLOG_SEVERITIES, TS_LINE, TS_LINE_YEAR_INFERRED,
} from './common';

/**
 * BSD syslog (RFC 3164) as written to files: `[<PRI>]Mmm dd hh:mm:ss host tag[pid]: msg`.
 * Also accepts the RFC 3339 timestamp rsyslog writes by default on current distributions
 * (`2024-03-01T10:00:00.123456+01:00 host tag[pid]: msg`).
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const num2 = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48, b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/** Header fields of one line; `pos` is where the host starts. Reused between lines. */
interface Header {
  pri: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  us: number;
  /** Absolute time when the line carried a full RFC 3339 timestamp, else NaN. */
  abs: number;
  pos: number;
}

/** Parse `[<PRI>]timestamp ` into `hd`; false when the line does not start that way. */
function parseHeader(t: string, hd: Header): boolean {
  let i = 0;
  hd.pri = -1;
  if (t.charCodeAt(0) === 60 /* < */) {
    let p = 0;
    i = 1;
    while (i < 5 && isDigit(t.charCodeAt(i))) p = p * 10 + t.charCodeAt(i++) - 48;
    if (i === 1 || t.charCodeAt(i) !== 62 /* > */ || p > 191) return false;
    hd.pri = p;
    i++;
  }
  hd.abs = NaN;
  const mo = monthAbbrevAt(t, i);
  if (mo === 0) {
    if (!isDigit(t.charCodeAt(i))) return false;
    const iso = parseIsoAt(t, i, 'UTC', true);
    if (iso === null || t.charCodeAt(iso.end) !== 32) return false;
    hd.abs = iso.us;
    hd.pos = iso.end + 1;
    return true;
  }
  if (t.charCodeAt(i + 3) !== 32) return false;
  i += 4;
  // Day: "dd", " d" (space padded, the RFC form) or "d " (seen from some senders).
  let d: number;
  if (t.charCodeAt(i) === 32) { d = t.charCodeAt(i + 1) - 48; i += 2; }
  else if (t.charCodeAt(i + 1) === 32) { d = t.charCodeAt(i) - 48; i += 1; }
  else { d = num2(t, i); i += 2; }
  if (!(d >= 1 && d <= 31) || t.charCodeAt(i) !== 32) return false;
  i++;
  const h = num2(t, i), mi = num2(t, i + 3), s = num2(t, i + 6);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || t.charCodeAt(i + 2) !== 58 || t.charCodeAt(i + 5) !== 58) return false;
  i += 8;
  let us = 0;
  if (t.charCodeAt(i) === 46 /* . */) {
    let scale = 100000;
    i++;
    while (isDigit(t.charCodeAt(i))) { us += (t.charCodeAt(i++) - 48) * scale; scale /= 10; }
    us = Math.floor(us);
  }
  if (i < t.length && t.charCodeAt(i) !== 32) return false;
  hd.mo = mo; hd.d = d; hd.h = h; hd.mi = mi; hd.s = s; hd.us = us;
  hd.pos = i + 1;
  return true;
}

/** `tag[pid]: ` at `i`: returns the index after ": " or -1. Tags have no spaces. */
function tagEnd(t: string, i: number): number {
  const colon = t.indexOf(':', i);
  if (colon <= i) return -1;
  const space = t.indexOf(' ', i);
  if (space !== -1 && space < colon) return -1;
  if (colon + 1 < t.length && t.charCodeAt(colon + 1) !== 32) return -1;
  return colon;
}

/** Whether a sample line is this format with a recognizable tag (used by detection). */
export function looksLikeSyslog3164(t: string): boolean {
  const hd = {} as Header;
  if (!parseHeader(t, hd)) return false;
  const sp = t.indexOf(' ', hd.pos);
  if (sp <= hd.pos) return false;
  return tagEnd(t, hd.pos) > 0 || tagEnd(t, sp + 1) > 0;
}

function create(ctx: ParseContext): LineParseState {
  const years = new YearInferrer(ctx.fileMtimeMs ?? ctx.now, ctx.timezone);
  const hd: Header = { pri: -1, mo: 0, d: 0, h: 0, mi: 0, s: 0, us: 0, abs: NaN, pos: 0 };
  return {
    line(l: Line, sink: ParseSink): void {
      const t = l.text;
      if (isBlank(t)) return;
      if (!parseHeader(t, hd)) {
        sink.skip(lineWhere(l), 'no syslog timestamp at line start');
        return;
      }
      let flags = lineFlags(l, sink);
      let ts: number | null;
      let tsDesc = TS_LINE;
      if (Number.isNaN(hd.abs)) {
        const y = years.yearFor(hd.mo, hd.d, hd.h, hd.mi, hd.s);
        ts = localToUs(y, hd.mo, hd.d, hd.h, hd.mi, hd.s, hd.us, ctx.timezone);
        tsDesc = TS_LINE_YEAR_INFERRED;
        flags |= EVENT_FLAG_TIME_GUESSED;
      } else {
        ts = hd.abs;
      }
      const attrs: Record<string, unknown> = {};
      // Host is absent when the token after the time is already the tag ("su: ...").
      let p = hd.pos;
      let host: string | null = null;
      if (tagEnd(t, p) < 0) {
        let sp = t.indexOf(' ', p);
        if (sp < 0) sp = t.length;
        host = sp > p ? t.slice(p, sp) : null;
        p = sp + 1;
        while (t.charCodeAt(p) === 32) p++;
      }
      let program: string | null = null;
      let message: string;
      const colon = tagEnd(t, p);
      if (colon > p) {
        const tag = t.slice(p, colon);
        const lb = tag.lastIndexOf('[');
        if (lb > 0 && tag.endsWith(']')) {
          program = tag.slice(0, lb);
          attrs.pid = tag.slice(lb + 1, -1);
        } else {
          program = tag;
        }
        message = t.slice(Math.min(colon + 2, t.length));
      } else {
        // No "tag:" (e.g. "syslogd 1.4.1: restart."): RFC 3164 ends the tag at the first
        // character that is not alphanumeric, so take a leading word as the program.
        message = t.slice(Math.min(p, t.length));
        const m = /^[A-Za-z][\w.\-/]{0,47}(?= )/.exec(message);
        if (m) program = m[0];
      }
      if (program !== null) attrs.program = program;
      let severity: string | null = null;
      if (hd.pri >= 0) {
        severity = SYSLOG_SEVERITIES[hd.pri & 7]!;
        attrs.facility = SYSLOG_FACILITIES[hd.pri >> 3] ?? String(hd.pri >> 3);
      }
      const ev: ParsedEvent = {
        ts, ts_desc: tsDesc, host, action: program, severity, message,
        attrs, offset: l.offset, length: l.length, flags,
      };
      applyAuth(ev, attrs, message);
      sink.event(ev);
    },
    end(): void {},
  };
}

export const syslog3164Parser: LineParser = {
  kind: 'lines',
  id: 'syslog3164',
  label: 'Syslog (RFC 3164 / BSD)',
  detect(sample: DetectSample): number {
    const f = fractionOf(sample.lines, looksLikeSyslog3164);
    return f >= 0.5 ? 0.6 + 0.35 * f : f * 0.5;
  },
  create,
};
