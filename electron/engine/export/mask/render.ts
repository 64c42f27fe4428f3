import { createHmac } from 'node:crypto';
import { expandIPv6, ipv4Category, ipv6Category } from './detect-net';
import type { DetectorId, MaskMode } from './types';

const LABELS: Readonly<Record<DetectorId, string>> = {
  email: 'EMAIL',
  ipv4: 'IPV4',
  ipv6: 'IPV6',
  card: 'CARD',
  ssn: 'SSN',
  phone: 'PHONE',
  iban: 'IBAN',
};

/** Hex characters of HMAC kept in a token: short enough to read, 32 bits so collisions are rare per export. */
export const TOKEN_HEX = 8;

const MEMO_LIMIT = 100_000;

/** What is masked: a detector hit, or the value of a whole field (named for labels and tokens). */
export type MaskTarget = { kind: DetectorId } | { kind: 'field'; field: string };

/** Spellings of one value that mean the same thing hash alike (case of emails, grouping of digits). */
function canonical(kind: DetectorId | 'field', value: string): string {
  switch (kind) {
    case 'email':
      return value.toLowerCase();
    case 'ipv6':
      return expandIPv6(value);
    case 'card':
    case 'ssn':
    case 'phone':
      return value.replace(/\D/g, '');
    case 'iban':
      return value.replace(/ /g, '');
    default:
      return value;
  }
}

function fieldSlug(field: string): string {
  return field.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'field';
}

function tokenPrefix(target: MaskTarget, value: string): string {
  if (target.kind === 'field') return fieldSlug(target.field).toLowerCase();
  if (target.kind === 'ipv4') return `ipv4_${ipv4Category(value)}`;
  if (target.kind === 'ipv6') return `ipv6_${ipv6Category(value)}`;
  return target.kind;
}

/** Keeps separators and the last `keep` alphanumerics; everything else becomes `*`. */
function starAllBut(value: string, keep: number, from = 0): string {
  let seen = 0;
  const total = value.slice(from).replace(/[^A-Za-z0-9]/g, '').length;
  let out = value.slice(0, from);
  for (const ch of value.slice(from)) {
    if (/[A-Za-z0-9]/.test(ch)) {
      seen++;
      out += seen > total - keep ? ch : '*';
    } else out += ch;
  }
  return out;
}

function partial(target: MaskTarget, value: string): string {
  switch (target.kind) {
    case 'email': {
      const at = value.lastIndexOf('@');
      return `${value[0]}***${value.slice(at)}`;
    }
    case 'ipv4':
      return `${value.split('.').slice(0, 2).join('.')}.x.x`;
    case 'ipv6':
      return `${expandIPv6(value).split(':').slice(0, 2).join(':')}:x:x:x:x:x:x`;
    case 'card':
      return starAllBut(value, 4);
    case 'ssn':
      return `***-**-${value.slice(-4)}`;
    case 'phone':
      return starAllBut(value, 2);
    case 'iban':
      return starAllBut(value, 4, 2);
    case 'field':
      return value.length > 3 ? `${value[0]}***` : '***';
  }
}

/** Builds the replacement function of one masker; the key stays inside this closure. */
export function makeRenderer(key: Buffer): (target: MaskTarget, mode: MaskMode, value: string) => string {
  const memo = new Map<string, string>();
  return (target, mode, value) => {
    if (mode === 'redact') return `[${target.kind === 'field' ? fieldSlug(target.field).toUpperCase() : LABELS[target.kind]}]`;
    if (mode === 'partial') return partial(target, value);
    const memoKey = `${target.kind}\0${target.kind === 'field' ? target.field : ''}\0${value}`;
    let token = memo.get(memoKey);
    if (token === undefined) {
      // Field values share one hash namespace, so `alice` in `user` and in an attrs key
      // carry the same hex and can still be correlated.
      const ns = target.kind === 'field' ? 'field' : target.kind;
      const mac = createHmac('sha256', key).update(`${ns}\0${canonical(target.kind, value)}`).digest('hex');
      token = `${tokenPrefix(target, value)}_${mac.slice(0, TOKEN_HEX)}`;
      // The memo only saves HMAC work; dropping it keeps memory bounded on huge exports.
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(memoKey, token);
    }
    return token;
  };
}
