import type { DetectSample, Line, LineParser, LineParseState, ParseContext, ParsedEvent, ParseSink } from '../types';
import { parseIsoAt } from '../time';
import { applyAuth } from './auth-fields';
import {
  fractionOf, isBlank, lineFlags, lineWhere, setAttr, SYSLOG_FACILITIES, SYSLOG_SEVERITIES, TS_LINE,
} from './common';

/**
 * RFC 5424 syslog: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`.
 * "-" is the NILVALUE of every header field. Structured data goes into attrs as
 * `sd.<SD-ID>.<PARAM-NAME>`.
 */

const HEADER = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) /;
const nil = (s: string): string | null => (s === '-' ? null : s);

/**
 * Parse STRUCTURED-DATA at `i` into attrs. Returns the index after it, or -1 when it is
 * malformed. Param values may escape `"`, `\` and `]` with a backslash (RFC 5424 6.3.3).
 */
function parseSd(t: string, i: number, attrs: Record<string, unknown>): number {
  if (t.charCodeAt(i) === 45 /* - */) return i + 1;
  let p = i;
  while (t.charCodeAt(p) === 91 /* [ */) {
    p++;
    const idEnd = t.slice(p).search(/[ \]]/);
    if (idEnd <= 0) return -1;
    const id = t.slice(p, p + idEnd);
    p += idEnd;
    setAttr(attrs, `sd.${id}`, attrs[`sd.${id}`] ?? true);
    while (t.charCodeAt(p) === 32) {
      p++;
      const eq = t.indexOf('="', p);
      if (eq <= p) return -1;
      const name = t.slice(p, eq);
      if (/[\s\]"]/.test(name)) return -1;
      p = eq + 2;
      let value = '';
      let start = p;
      for (;;) {
        const c = t.charCodeAt(p);
        if (Number.isNaN(c)) return -1;
        if (c === 92 /* \ */) {
          const n = t.charCodeAt(p + 1);
          if (n === 34 || n === 92 || n === 93) {
            value += t.slice(start, p);
            start = p + 1;
            p += 2;
            continue;
          }
        } else if (c === 34 /* " */) {
          break;
        }
        p++;
      }
      value += t.slice(start, p);
      p++;
      setAttr(attrs, `sd.${id}.${name}`, value);
    }
    if (t.charCodeAt(p) !== 93 /* ] */) return -1;
    p++;
  }
  return p === i ? -1 : p;
}

/** Whether a sample line starts like an RFC 5424 message (version 1). */
export function looksLikeSyslog5424(t: string): boolean {
  const m = HEADER.exec(t.endsWith(' ') ? t : `${t} `);
  return m !== null && m[2] === '1' && Number(m[1]) <= 191 && (m[3] === '-' || parseIsoAt(m[3]!, 0, 'UTC') !== null);
}

function create(ctx: ParseContext): LineParseState {
  return {
    line(l: Line, sink: ParseSink): void {
      const t = l.text;
      if (isBlank(t)) return;
      // A message without MSG ends right after STRUCTURED-DATA; pad so the header regex matches.
      const m = HEADER.exec(`${t} `);
      const pri = m ? Number(m[1]) : NaN;
      if (!m || !(pri <= 191)) {
        sink.skip(lineWhere(l), 'not an RFC 5424 header (<PRI>VERSION TIMESTAMP HOST APP PROCID MSGID)');
        return;
      }
      let ts: number | null = null;
      if (m[3] !== '-') {
        const iso = parseIsoAt(m[3]!, 0, ctx.timezone);
        if (iso === null || iso.end !== m[3]!.length) {
          sink.skip(lineWhere(l), `bad RFC 5424 timestamp "${m[3]!.slice(0, 40)}"`);
          return;
        }
        ts = iso.us;
      }
      const attrs: Record<string, unknown> = {};
      const sdStart = m[0].length;
      const sdEnd = parseSd(t, sdStart, attrs);
      if (sdEnd < 0) {
        sink.skip(lineWhere(l), 'malformed structured data');
        return;
      }
      // MSG follows one space; a sender that omits it loses nothing.
      let message = t.slice(t.charCodeAt(sdEnd) === 32 ? sdEnd + 1 : sdEnd);
      if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
      const app = nil(m[5]!);
      const procid = nil(m[6]!);
      const msgid = nil(m[7]!);
      if (m[2] !== '1') attrs.version = Number(m[2]);
      attrs.facility = SYSLOG_FACILITIES[pri >> 3] ?? String(pri >> 3);
      if (app !== null) attrs.program = app;
      if (procid !== null) attrs.pid = procid;
      if (msgid !== null) attrs.msgid = msgid;
      const ev: ParsedEvent = {
        ts,
        ts_desc: ts === null ? null : TS_LINE,
        host: nil(m[4]!),
        action: app,
        severity: SYSLOG_SEVERITIES[pri & 7]!,
        message,
        attrs,
        offset: l.offset,
        length: l.length,
        flags: lineFlags(l, sink),
      };
      applyAuth(ev, attrs, message);
      sink.event(ev);
    },
    end(): void {},
  };
}

export const syslog5424Parser: LineParser = {
  kind: 'lines',
  id: 'syslog5424',
  label: 'Syslog (RFC 5424)',
  detect(sample: DetectSample): number {
    const f = fractionOf(sample.lines, looksLikeSyslog5424);
    return f >= 0.5 ? 0.65 + 0.33 * f : f * 0.5;
  },
  create,
};
