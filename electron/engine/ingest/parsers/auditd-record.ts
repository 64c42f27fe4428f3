import { localToUs } from '../time';

/**
 * One line of a Linux audit log (`type=X msg=audit(SEC.MS:SERIAL): k=v ...`), with its
 * fields decoded the way go-libaudit's auparse does (hex-encoded untrusted strings, the
 * inner `msg='...'` of user-space records, AVC permissions, SOCKADDR addresses).
 */
export interface AuditRecord {
  type: string;
  /** Event identity: timestamp and serial as written (serials wrap, the pair does not). */
  eventKey: string;
  us: number | null;
  serial: number;
  node: string | null;
  fields: Map<string, string>;
  /** Rule keys (`key=`), hex-encoded lists split on \x01. */
  tags: string[] | null;
  /** The text after the header, for the event message. */
  body: string;
  /** A user-space record (with `msg='...'`): complete on its own. */
  standalone: boolean;
}

const HEADER = /^(?:node=(\S+) )?type=([A-Za-z0-9_]+) msg=audit\((?:(\d+)\.(\d+)|(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)\.(\d+)):(\d+)\):? ?/;
const HEX = /^(?:[0-9A-F]{2})+$/;
const AVC = /^avc:\s+(\w+)\s+\{\s*([^}]*?)\s*\}\s+for\s+/;
/** Fields auditd writes hex-encoded when they contain spaces, quotes or control characters. */
const ENCODED = new Set(['exe', 'comm', 'cwd', 'proctitle', 'cmd', 'name', 'acct', 'path', 'new', 'old', 'ocomm']);

const decodeHex = (h: string): string => Buffer.from(h, 'hex').toString('utf8');
const isKeyChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;

/** Read `k=v` pairs of `s` into `out`; unquoted values are returned in `raw` for hex checks. */
function readPairs(s: string, out: Map<string, string>, raw: Set<string>): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 0x1d)) i++;
    const start = i;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i === start || s.charCodeAt(i) !== 61 /* = */) {
      // Not a pair ("PAM:", "(hostname=?,", "user"): skip one junk char or the word.
      if (i === start) i++;
      else while (i < n && s.charCodeAt(i) !== 32) i++;
      continue;
    }
    const key = s.slice(start, i);
    i++;
    const q = s.charCodeAt(i);
    let value: string;
    let quoted = false;
    if (q === 34 || q === 39) {
      let end = s.indexOf(q === 34 ? '"' : "'", i + 1);
      if (end < 0) end = n;
      value = s.slice(i + 1, end);
      i = end + 1;
      quoted = true;
      if (key === 'msg' && q === 39) {
        readPairs(value, out, raw);
        continue;
      }
    } else {
      // Unquoted values end at a space or a quote, as in auparse's key=value pattern.
      let end = i;
      for (let c = s.charCodeAt(end); end < n && c !== 32 && c !== 0x1d && c !== 34 && c !== 39; c = s.charCodeAt(++end));
      value = s.slice(i, end);
      i = end;
      // "(hostname=?, addr=?, terminal=cron res=success)" written by old PAM.
      if (value.endsWith(',')) value = value.slice(0, -1);
      if (value.endsWith(')') && !value.includes('(')) value = value.replace(/\)+'?$/, '');
    }
    if (value === '' || value === '?' || value === '(null)') continue;
    out.set(key, value);
    if (!quoted) raw.add(key);
    else raw.delete(key);
  }
}

/** RFC 5952 text for eight 16-bit groups: the longest run of two or more zero groups becomes "::". */
function ipv6Text(g: number[]): string {
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** SOCKADDR's saddr as family/addr/port/path, like auparse (ipv4, ipv6, unix, netlink). */
function decodeSaddr(hex: string, f: Map<string, string>): void {
  if (!HEX.test(hex) || hex.length < 4) return;
  const b = Buffer.from(hex, 'hex');
  const family = b.readUInt16LE(0);
  if (family === 2 && b.length >= 8) {
    f.set('family', 'ipv4');
    f.set('port', String(b.readUInt16BE(2)));
    f.set('addr', `${b[4]}.${b[5]}.${b[6]}.${b[7]}`);
  } else if (family === 10 && b.length >= 24) {
    f.set('family', 'ipv6');
    f.set('port', String(b.readUInt16BE(2)));
    const groups: number[] = [];
    for (let k = 8; k < 24; k += 2) groups.push(b.readUInt16BE(k));
    f.set('addr', ipv6Text(groups));
  } else if (family === 1) {
    f.set('family', 'unix');
    const end = b.indexOf(0, 2);
    const path = b.toString('utf8', 2, end < 0 ? b.length : end);
    if (path !== '') f.set('path', path);
  } else if (family === 16) {
    f.set('family', 'netlink');
  } else {
    f.set('family', String(family));
  }
}

function decodeFields(type: string, f: Map<string, string>, unquoted: Set<string>): string[] | null {
  for (const k of unquoted) {
    const v = f.get(k)!;
    if (v.length < 2 || !HEX.test(v)) continue;
    if (ENCODED.has(k) || (k === 'data' && (type === 'TTY' || type === 'USER_TTY'))) {
      f.set(k, decodeHex(v).split('\0').join(' '));
    } else if (type === 'EXECVE' && /^a\d+$/.test(k)) {
      const s = decodeHex(v);
      const nul = s.indexOf('\0');
      f.set(k, nul < 0 ? s : s.slice(0, nul));
    }
  }
  let tags: string[] | null = null;
  const key = f.get('key');
  if (key !== undefined) {
    tags = unquoted.has('key') && HEX.test(key) ? decodeHex(key).split('\x01') : [key.replace(/^key=/, '')];
  }
  const saddr = f.get('saddr');
  if (type === 'SOCKADDR' && saddr !== undefined) decodeSaddr(saddr, f);
  return tags;
}

/** Parse one audit line, or return the reason it is not one. */
export function parseAuditLine(line: string, zone: string): AuditRecord | string {
  const m = HEADER.exec(line);
  if (m === null) return 'not an audit record (type=... msg=audit(time:serial):)';
  const type = m[2]!;
  let us: number | null;
  if (m[3] !== undefined) {
    const ms = m[4]!;
    us = Number(m[3]) * 1e6 + Math.round(Number(`0.${ms}`) * 1e6);
  } else {
    // ausearch -i writes local wall-clock dates: "audit(02/10/2020 21:59:44.206:579398)".
    us = localToUs(Number(m[7]), Number(m[5]), Number(m[6]), Number(m[8]), Number(m[9]), Number(m[10]), 0, zone);
    if (us !== null) us += Math.round(Number(`0.${m[11]}`) * 1e6);
  }
  const serial = Number(m[12]);
  let body = line.slice(m[0].length);
  const fields = new Map<string, string>();
  const unquoted = new Set<string>();
  if (type === 'AVC') {
    const a = AVC.exec(body);
    if (a !== null) {
      fields.set('seresult', a[1]!);
      fields.set('seperms', a[2]!.split(/\s+/).join(','));
      body = body.slice(a[0].length);
    }
  } else if (type === 'LOGIN') {
    body = body.replace(/\bold (?=\w+=)/g, 'old_').replace(/\bnew (?=\w+=)/g, 'new_');
  }
  readPairs(body, fields, unquoted);
  const tags = decodeFields(type, fields, unquoted);
  const eventKey = line.slice(line.indexOf('audit(') + 6, line.indexOf(')', line.indexOf('audit(')));
  return {
    type, eventKey, us, serial, node: m[1] ?? null, fields, tags,
    body: line.slice(m[0].length), standalone: line.includes(" msg='"),
  };
}
