import type { ParsedEvent } from '../types';
import { looksLikeIp } from './common';

/** Who/where/outcome read from a login-related syslog message (sshd, PAM, su, login). */
export interface AuthFields {
  user: string | null;
  src_ip: string | null;
  src_port: string | null;
  outcome: 'success' | 'failure' | null;
}

// All patterns are anchored or start at a fixed literal, so they run in linear time.
const FAILED = /^(?:message repeated \d+ times: \[ ?)?Failed (?:\S+) for (?:invalid user )?(.*?) from (\S+)(?: port (\d+))?/;
const ACCEPTED = /^Accepted (?:\S+) for (.*?) from (\S+)(?: port (\d+))?/;
const INVALID = /^(?:Invalid|Illegal) user (.*?) from (\S+)(?: port (\d+))?/;
const SESSION = /session (opened|closed) for user (\S+)/;
const FAILED_LOGIN = /^FAILED LOGIN (?:\(\d+\) |\d+ )?(?:on '?\S+'? )?FROM '?(\S*?)'? FOR '?([^',\s]+)'?/;
const FROM_IP = / from (\S+)/;
const BRACKET_IP = /\[([0-9A-Fa-f.:]+)\]/;
const CONNECTION_FROM = /^connection from (\S+)/;
const CLOSED_BY = /^Connection closed by (\S+)/;

/** Drop trailing `]:;,` (as in "from 1.2.3.4: 11: Bye"). */
const clean = (s: string | undefined): string | null => {
  if (s === undefined) return null;
  let end = s.length;
  for (let c = s.charCodeAt(end - 1); c === 93 || c === 58 || c === 59 || c === 44; c = s.charCodeAt(--end - 1));
  return end > 0 ? s.slice(0, end) : null;
};
const ip = (s: string | undefined): string | null => {
  const t = clean(s);
  return t !== null && looksLikeIp(t) ? t : null;
};

/** The value of `key=` in a PAM-style `k=v k=v` message (empty values give null). */
function kv(msg: string, key: string): string | null {
  const at = msg.indexOf(` ${key}=`);
  if (at < 0) return null;
  const start = at + key.length + 2;
  let end = msg.indexOf(' ', start);
  if (end < 0) end = msg.length;
  return end > start ? msg.slice(start, end) : null;
}

const none = (): AuthFields => ({ user: null, src_ip: null, src_port: null, outcome: null });

/**
 * Extract the user, source address and outcome from common authentication messages.
 * Returns null when the message is not one of them (cheap literal checks first, so the
 * cost on ordinary lines is a few indexOf calls).
 */
export function extractAuth(msg: string): AuthFields | null {
  let m: RegExpExecArray | null;
  if (msg.includes('Failed ') && (m = FAILED.exec(msg))) {
    return { user: clean(m[1]), src_ip: ip(m[2]), src_port: m[3] ?? null, outcome: 'failure' };
  }
  if (msg.startsWith('Accepted ') && (m = ACCEPTED.exec(msg))) {
    return { user: clean(m[1]), src_ip: ip(m[2]), src_port: m[3] ?? null, outcome: 'success' };
  }
  if ((msg.startsWith('Invalid user') || msg.startsWith('Illegal user')) && (m = INVALID.exec(msg))) {
    return { user: clean(m[1]), src_ip: ip(m[2]), src_port: m[3] ?? null, outcome: 'failure' };
  }
  if (msg.includes('authentication failure')) {
    const r = none();
    r.outcome = 'failure';
    r.user = kv(msg, 'user') ?? kv(msg, 'ruser');
    r.src_ip = ip(kv(msg, 'rhost') ?? undefined);
    return r;
  }
  if (msg.includes('session ') && (m = SESSION.exec(msg))) {
    const r = none();
    r.user = clean(m[2]);
    if (m[1] === 'opened') r.outcome = 'success';
    return r;
  }
  if (msg.startsWith('FAILED LOGIN') && (m = FAILED_LOGIN.exec(msg))) {
    return { user: clean(m[2]), src_ip: ip(m[1]), src_port: null, outcome: 'failure' };
  }
  if ((m = CONNECTION_FROM.exec(msg) ?? CLOSED_BY.exec(msg))) {
    const r = none();
    r.src_ip = ip(m[1]);
    return r.src_ip ? r : null;
  }
  if (msg.includes(' from ') && (m = FROM_IP.exec(msg))) {
    const r = none();
    r.src_ip = ip(m[1]);
    if (r.src_ip) return r;
  }
  if (msg.includes('[') && (m = BRACKET_IP.exec(msg)) && msg.startsWith('reverse mapping')) {
    const r = none();
    r.src_ip = ip(m[1]);
    return r.src_ip ? r : null;
  }
  return null;
}

/** Fill user, source address and outcome of a syslog event from its login-related message. */
export function applyAuth(ev: ParsedEvent, attrs: Record<string, unknown>, message: string): void {
  const auth = extractAuth(message);
  if (!auth) return;
  ev.user = auth.user;
  ev.src_ip = auth.src_ip;
  ev.outcome = auth.outcome;
  if (auth.src_port !== null) attrs.src_port = auth.src_port;
}
