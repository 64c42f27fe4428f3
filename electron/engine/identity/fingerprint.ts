import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** Length of an Ed25519 public key in bytes (RFC 8032). */
export const ED25519_PUBLIC_KEY_BYTES = 32;

/** Fixed DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The raw 32-byte public key of an Ed25519 KeyObject. */
export function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return Buffer.from(der.subarray(der.length - ED25519_PUBLIC_KEY_BYTES));
}

/** An Ed25519 KeyObject from its raw 32 bytes; throws on any other length. */
export function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) throw new Error(`an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/**
 * Fingerprint = SHA-256 of the raw 32-byte public key, as 64 lowercase hex digits. This is the
 * canonical form stored in files and used as DSSE keyid; hashing the raw key (not PEM/DER
 * text) means the same key always has the same fingerprint whatever encoding carried it.
 */
export function fingerprintOf(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * Display form: `SHA256:` then the 64 hex digits in 16 groups of 4 separated by spaces,
 * e.g. `SHA256:ab12 cd34 …`. Groups of four are easy to read aloud and compare on two screens;
 * the full value is shown because a shortened fingerprint is not a safe basis for trust.
 */
export function formatFingerprint(hex: string): string {
  return `SHA256:${(hex.match(/.{1,4}/g) ?? []).join(' ')}`;
}

/** Short id: the first 16 hex digits of the fingerprint, for labels and file names (not for trust decisions). */
export function shortId(hex: string): string {
  return hex.slice(0, 16);
}

/**
 * Accept a fingerprint as typed or pasted: canonical hex, the display form, or with colons.
 * Returns canonical hex, or null unless it is exactly 64 hex digits (prefixes are refused).
 */
export function normalizeFingerprint(input: string): string | null {
  const hex = input.trim().replace(/^sha256:/i, '').replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}
