import type { DetectSample, Line, LineParser, LineParseState, ParseContext, ParsedEvent, ParseSink } from '../types';
import { civilToMs, dig, monthAbbrevAt } from '../time';
import { fractionOf, isBlank, lineFlags, lineWhere, looksLikeIp, TS_LINE } from './common';

/**
 * Apache/nginx access logs, common and combined (`%h %l %u %t "%r" %>s %b "%{Referer}i"
 * "%{User-agent}i"`) and the usual variants: a leading virtual host, an X-Forwarded-For
 * list (bare or quoted) before the address, IPv6, extra trailing fields, an empty request.
 */


/** `[10/Oct/2000:13:55:36 -0700]` at i (i is the '['): µs, or NaN. */
function readTime(t: string, i: number): number {
  const d = dig(t, i + 1, 2), mo = monthAbbrevAt(t, i + 4), y = dig(t, i + 8, 4);
  const h = dig(t, i + 13, 2), mi = dig(t, i + 16, 2), s = dig(t, i + 19, 2);
  if (d < 0 || mo === 0 || y < 0 || h < 0 || mi < 0 || s < 0) return NaN;
  let p = i + 21;
  let us = 0;
  if (t.charCodeAt(p) === 46) {
    let scale = 100000;
    for (p++; dig(t, p, 1) >= 0; p++) { us += (t.charCodeAt(p) - 48) * scale; scale /= 10; }
  }
  if (t.charCodeAt(p) !== 32) return NaN;
  const sign = t.charCodeAt(p + 1), oh = dig(t, p + 2, 2), om = dig(t, p + 4, 2);
  if ((sign !== 43 && sign !== 45) || oh < 0 || om < 0 || t.charCodeAt(p + 6) !== 93) return NaN;
  const ms = civilToMs(y, mo, d, h, mi, s);
  if (ms === null) return NaN;
  return (ms - (sign === 45 ? -1 : 1) * (oh * 60 + om) * 60_000) * 1000 + Math.floor(us);
}

/** A quoted field at i (t[i] is '"'); backslash escapes are kept as written. Returns end index after the closing quote, or -1. */
function quotedEnd(t: string, i: number): number {
  for (let p = i + 1; p < t.length; p++) {
    const c = t.charCodeAt(p);
    if (c === 92) p++;
    else if (c === 34) return p + 1;
  }
  return -1;
}

/** "%>s %b" after the request: status and size ("-" when no body). */
const STATUS = /^(\d{3}|-) (\d+|-)(?= |$)/;

const PRIVATE = /^(?:10\.|127\.|192\.168\.|169\.254\.|172\.(?:1[6-9]|2\d|3[01])\.|::1$|f[cd][0-9a-f]{2}:|fe[89ab][0-9a-f]:)/i;

/**
 * Split the part before the time into addresses, vhost, ident and user. The client is the
 * first public address of the X-Forwarded-For list plus remote address (the rule filebeat's
 * nginx module uses), else the first address.
 */
function splitPrefix(pre: string, attrs: Record<string, unknown>): { client: string | null; user: string | null } | null {
  const tokens = pre.trim().split(/\s+/);
  if (tokens.length < 3) return null;
  const user = tokens.pop()!;
  const ident = tokens.pop()!;
  // Join "a," "b," "c" into one comma list; a quoted list arrives as one token group.
  const groups: string[] = [];
  for (const tok of tokens) {
    const last = groups.length - 1;
    if (last >= 0 && (groups[last]!.endsWith(',') || (groups[last]!.startsWith('"') && !groups[last]!.endsWith('"')))) groups[last] += ` ${tok}`;
    else groups.push(tok);
  }
  const ips: string[] = [];
  for (const g of groups) {
    const list = g.replace(/^"|"$/g, '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (list.length > 0 && list.every(looksLikeIp)) ips.push(...list);
    else if (ips.length === 0 && list.length === 1) attrs.vhost = list[0];
    else return null;
  }
  if (ips.length === 0) {
    // A host name in place of the address (HostnameLookups On): keep it, no src_ip.
    if (typeof attrs.vhost !== 'string') return null;
    attrs.remote_host = attrs.vhost;
    delete attrs.vhost;
  }
  if (ips.length > 1) {
    attrs.remote_ip_list = ips;
    attrs.forwarded_for = ips.slice(0, -1);
  }
  if (ident !== '-') attrs.ident = ident;
  const client = ips.find((ip) => !PRIVATE.test(ip)) ?? ips[0] ?? null;
  return { client, user: user === '-' ? null : user };
}

/** Parse one access-log line; null when it is not one. */
export function parseAccessLine(t: string): ParsedEvent | null {
  const lb = t.indexOf(' [');
  if (lb < 0) return null;
  const ts = readTime(t, lb + 1);
  if (Number.isNaN(ts)) return null;
  const attrs: Record<string, unknown> = {};
  const who = splitPrefix(t.slice(0, lb), attrs);
  if (who === null) return null;
  let p = t.indexOf(']', lb + 1) + 1;
  if (t.charCodeAt(p) !== 32 || t.charCodeAt(p + 1) !== 34) return null;
  // Some servers (Tomcat) do not escape quotes inside the request; if the first closing
  // quote is not followed by status and size, try later quotes before giving up.
  let reqEnd = quotedEnd(t, p + 1);
  let m: RegExpExecArray | null = null;
  while (reqEnd > 0) {
    if (t.charCodeAt(reqEnd) === 32 && (m = STATUS.exec(t.slice(reqEnd + 1))) !== null) break;
    reqEnd = quotedEnd(t, reqEnd - 1);
  }
  if (reqEnd < 0 || m === null) return null;
  const request = t.slice(p + 2, reqEnd - 1);
  const status = m[1] === '-' ? null : Number(m[1]);
  let action: string | null = null;
  let resource: string | null = null;
  const parts = request.split(' ');
  if (parts.length >= 2 && /^[A-Z][A-Z_-]{1,19}$/.test(parts[0]!)) {
    action = parts[0]!;
    resource = parts[1]!;
    if (parts.length === 3) attrs.protocol = parts[2];
  }
  attrs.request = request;
  if (status !== null) attrs.status = status;
  attrs.bytes = m[2] === '-' ? 0 : Number(m[2]);
  // Trailing fields: referrer, user agent, then anything a custom format appends.
  const extra: string[] = [];
  p = reqEnd + 1 + m[0].length;
  while (p < t.length) {
    while (t.charCodeAt(p) === 32) p++;
    if (p >= t.length) break;
    let end: number;
    let val: string;
    if (t.charCodeAt(p) === 34) {
      end = quotedEnd(t, p);
      if (end < 0) { extra.push(t.slice(p)); break; }
      val = t.slice(p + 1, end - 1);
    } else {
      end = t.indexOf(' ', p);
      if (end < 0) end = t.length;
      val = t.slice(p, end);
    }
    extra.push(val);
    p = end;
  }
  if (extra.length > 0) attrs.referrer = extra[0];
  if (extra.length > 1) attrs.user_agent = extra[1];
  if (extra.length > 2) attrs.extra = extra.slice(2);
  return {
    ts,
    ts_desc: TS_LINE,
    user: who.user,
    action,
    outcome: status === null ? null : status >= 400 ? 'failure' : 'success',
    src_ip: who.client,
    resource,
    message: t,
    attrs,
  };
}

function create(_ctx: ParseContext): LineParseState {
  return {
    line(l: Line, sink: ParseSink): void {
      if (isBlank(l.text)) return;
      const ev = parseAccessLine(l.text);
      if (ev === null) {
        sink.skip(lineWhere(l), 'not an access log line (host ident user [time] "request" status bytes)');
        return;
      }
      ev.offset = l.offset;
      ev.length = l.length;
      ev.flags = lineFlags(l, sink);
      sink.event(ev);
    },
    end(): void {},
  };
}

export const accessParser: LineParser = {
  kind: 'lines',
  id: 'access',
  label: 'Web access log (Apache/nginx)',
  detect(sample: DetectSample): number {
    const f = fractionOf(sample.lines, (l) => parseAccessLine(l) !== null);
    return f >= 0.5 ? 0.6 + 0.35 * f : f * 0.5;
  },
  create,
};
