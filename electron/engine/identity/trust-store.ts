import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { fingerprintOf, formatFingerprint, normalizeFingerprint, publicKeyFromRaw, rawPublicKey } from './fingerprint';
import { hasIdentity, loadIdentity } from './identity';
import { describeIssues, publicKeyDocSchema, TRUST_FILE_TYPE, trustFileSchema, type TrustFile } from './schemas';
import { parseJsonFile, readFileIfExists, writeFileAtomic } from './secure-file';

export const TRUST_FILE = 'trust.json';

/** A teammate's key in the trust store. */
export interface TrustedKey {
  name: string;
  /** 64 lowercase hex digits. */
  fingerprint: string;
  fingerprintDisplay: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  /** ISO 8601 UTC time it was added. */
  added: string;
  /** False for a key recorded as known only (`trust add --known`). */
  trusted: boolean;
}

/**
 * 'self' = the analyst's own key, 'trusted' = in the trust store, 'known' = recorded in the
 * trust store as known but not vouched for (`trust add --known`), 'unknown' = none of these.
 * Only 'self' and 'trusted' make a signature count.
 */
export type TrustStatus = 'self' | 'trusted' | 'known' | 'unknown';

export interface TrustAddResult {
  key: TrustedKey;
  /** False when the fingerprint was already trusted (nothing changed). */
  added: boolean;
}

const trustPath = (home: string) => path.join(home, TRUST_FILE);

function readTrust(home: string): TrustFile {
  const file = trustPath(home);
  const text = readFileIfExists(file);
  if (text === null) return { type: TRUST_FILE_TYPE, version: 1, keys: [] };
  const parsed = trustFileSchema.safeParse(parseJsonFile(file, text));
  if (!parsed.success) {
    throw new AppError('invalid_input', `The trust store ${file} is damaged: ${describeIssues(parsed.error)}. Fix or remove it, then add keys again.`, { path: file, reason: 'damaged' });
  }
  // An entry whose key does not hash to its fingerprint was edited by hand: trusting it would let
  // a name-and-fingerprint the user checked stand for a different key.
  for (const k of parsed.data.keys) {
    if (fingerprintOf(Buffer.from(k.publicKey, 'base64')) !== k.fingerprint) {
      throw new AppError('invalid_input', `The trust store ${file} is damaged: the key of "${k.name}" does not match its fingerprint. Remove that entry and add the key again.`, { path: file, reason: 'tampered' });
    }
  }
  return parsed.data;
}

const view = (k: TrustFile['keys'][number]): TrustedKey => ({ ...k, trusted: k.trusted !== false, fingerprintDisplay: formatFingerprint(k.fingerprint) });

function refuse(why: string): AppError {
  return new AppError('invalid_input', `Not a valid Sealdesk public key: ${why}. Ask the owner for the file made by: sealdesk identity export-public`, { reason: 'malformed_key' });
}

/** Accept the exported JSON document (object or text), or a PEM public key together with a name. */
function parseDoc(input: unknown, name?: string): { name: string; raw: Buffer; claimed?: string } {
  let value = input;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const text = value.toString().trim();
    if (text.startsWith('-----BEGIN')) {
      // Node would happily derive a public key from a private one; refusing keeps private keys from travelling.
      if (!text.startsWith('-----BEGIN PUBLIC KEY-----')) throw refuse('only a PEM "PUBLIC KEY" is accepted; never send or import a private key');
      if (!name) throw refuse('a PEM key carries no name; give one (trust add --name N)');
      let key;
      try {
        key = createPublicKey(text);
      } catch (err) {
        throw refuse(`the PEM does not hold a public key (${(err as Error).message})`);
      }
      if (key.asymmetricKeyType !== 'ed25519') throw refuse(`the key is ${key.asymmetricKeyType ?? 'unknown'}, expected Ed25519`);
      value = { name, publicKey: rawPublicKey(key).toString('base64') };
    } else {
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw refuse(`not JSON (${(err as Error).message})`);
      }
    }
  }
  const doc = publicKeyDocSchema.safeParse(value);
  if (!doc.success) throw refuse(describeIssues(doc.error));
  const raw = Buffer.from(doc.data.publicKey, 'base64');
  if (raw.length !== 32) throw refuse(`publicKey is ${raw.length} bytes, an Ed25519 key is 32`);
  try {
    publicKeyFromRaw(raw);
  } catch (err) {
    throw refuse(`publicKey is not an Ed25519 key (${(err as Error).message})`);
  }
  return { name: doc.data.name, raw, claimed: doc.data.fingerprint };
}

export interface TrustAddOptions {
  /** Name for a bare PEM key, which carries none (ignored for JSON documents, which name themselves). */
  name?: string;
  /** Refuse unless the key has this fingerprint (any common spelling), e.g. as read out by its owner. */
  expectFingerprint?: string;
  /** Record the key as known but not trusted: its signatures are recognised, not accepted. */
  known?: boolean;
}

/**
 * Trust a teammate's public key. Idempotent by fingerprint: adding a key already present changes
 * nothing (the first name recorded stays, so a re-sent file cannot quietly rename a teammate).
 */
export function trustAdd(home: string, publicDoc: unknown, opts: TrustAddOptions = {}): TrustAddResult {
  const { name, raw, claimed } = parseDoc(publicDoc, opts.name);
  const fingerprint = fingerprintOf(raw);
  const expected = opts.expectFingerprint === undefined ? undefined : normalizeFingerprint(opts.expectFingerprint);
  if (expected !== undefined && expected !== fingerprint) {
    throw new AppError('invalid_input', `The key's fingerprint is ${formatFingerprint(fingerprint)}, not the one you expected. Nothing was added; ask its owner for the right file.`, { reason: 'fingerprint_mismatch' });
  }
  // The fingerprint in the file is what the user compared by phone; it must be this key's.
  if (claimed !== undefined && normalizeFingerprint(claimed) !== fingerprint) {
    throw refuse(`its fingerprint ${claimed} does not match its key (${formatFingerprint(fingerprint)})`);
  }
  const store = readTrust(home);
  const existing = store.keys.find((k) => k.fingerprint === fingerprint);
  if (existing) {
    // A known key can be promoted to trusted; a trusted one is never demoted by re-adding it.
    if (existing.trusted === false && !opts.known) {
      existing.trusted = true;
      writeFileAtomic(trustPath(home), JSON.stringify(store, null, 2) + '\n');
      return { key: view(existing), added: true };
    }
    return { key: view(existing), added: false };
  }
  const entry = { name, fingerprint, publicKey: raw.toString('base64'), added: new Date().toISOString(), ...(opts.known ? { trusted: false } : {}) };
  store.keys.push(entry);
  writeFileAtomic(trustPath(home), JSON.stringify(store, null, 2) + '\n');
  return { key: view(entry), added: true };
}

/** Every trusted key, in the order added. */
export function trustList(home: string): TrustedKey[] {
  return readTrust(home).keys.map(view);
}

/** Find a trusted key by fingerprint (any common spelling); null if not trusted. */
export function trustGet(home: string, fingerprint: string): TrustedKey | null {
  const fp = normalizeFingerprint(fingerprint);
  if (!fp) return null;
  const k = readTrust(home).keys.find((x) => x.fingerprint === fp);
  return k ? view(k) : null;
}

/**
 * The analyst's own fingerprint, or null. A damaged identity file must not stop a teammate's
 * bundle from being checked, so it counts as "no own key" here; `identity show` reports the damage.
 */
function ownFingerprint(home: string): string | null {
  if (!hasIdentity(home)) return null;
  try {
    return loadIdentity(home).fingerprint;
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

/** Whether a key is the analyst's own, trusted, or unknown. A malformed fingerprint is 'unknown'. */
export function trustStatus(home: string, fingerprint: string): TrustStatus {
  const fp = normalizeFingerprint(fingerprint);
  if (!fp) return 'unknown';
  if (ownFingerprint(home) === fp) return 'self';
  const k = trustGet(home, fp);
  return k === null ? 'unknown' : k.trusted ? 'trusted' : 'known';
}
