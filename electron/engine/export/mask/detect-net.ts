import { isIPv4, isIPv6 } from 'node:net';
import { scan } from './spans';
import type { Span } from './types';

// The local part must not be glued to other address characters, so `a.b@c.io` is taken whole.
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![\w-])/g;

export function detectEmail(text: string): Span[] {
  return scan(text, EMAIL, 'email');
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Exactly four octets: neighbours may not be word characters or dotted digits, so versions
// (1.2.3), OIDs (1.3.6.1.4.1) and longer dotted numbers are left alone.
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');

export function detectIPv4(text: string): Span[] {
  return scan(text, IPV4, 'ipv4');
}

// A loose candidate (hex and colons, optional dotted-quad tail) that net.isIPv6 then decides on.
// Neighbours may not be word characters or colons, so a shorter valid prefix of a longer
// colon run (1:2:3:4:5:6:7:8:9) is never taken, and times like 10:22:33 fail validation.
// Bounded repeats keep backtracking small on long hex-and-colon runs (certificate fingerprints).
const IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f:]{0,39}:[0-9A-Fa-f:]{0,39}(?:\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/g;

export function detectIPv6(text: string): Span[] {
  // `::` alone is valid IPv6 but is also C++/Rust/Perl scope syntax; it identifies nobody.
  return scan(text, IPV6_CANDIDATE, 'ipv6', (m) => m !== '::' && isIPv6(m));
}

/** Eight 4-hex-digit groups, so compressed and full spellings of one address compare equal. */
export function expandIPv6(addr: string): string {
  let text = addr.toLowerCase();
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (tail && isIPv4(tail[1]!)) {
    const o = tail[1]!.split('.').map(Number);
    const hi = ((o[0]! << 8) | o[1]!).toString(16);
    const lo = ((o[2]! << 8) | o[3]!).toString(16);
    text = `${text.slice(0, tail.index)}${hi}:${lo}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.padStart(4, '0')).join(':');
}

/** A coarse network class, kept in IP pseudonyms so internal vs external traffic stays visible. */
export function ipv4Category(addr: string): string {
  const [a = 0, b = 0] = addr.split('.').map(Number);
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'linklocal';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a === 0 || a >= 240) return 'reserved';
  return 'public';
}

export function ipv6Category(addr: string): string {
  const full = expandIPv6(addr);
  if (full === '0000:0000:0000:0000:0000:0000:0000:0001') return 'loopback';
  if (full.startsWith('0000:0000:0000:0000:0000:ffff:')) return 'mapped';
  const first = parseInt(full.slice(0, 4), 16);
  if ((first & 0xffc0) === 0xfe80) return 'linklocal';
  if ((first & 0xfe00) === 0xfc00) return 'ula';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (full.startsWith('2001:0db8:')) return 'doc';
  return 'global';
}
