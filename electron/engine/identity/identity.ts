import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, type KeyObject } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { fingerprintOf, formatFingerprint, publicKeyFromRaw, rawPublicKey, shortId } from './fingerprint';
import { DEFAULT_SCRYPT, open, seal, type ScryptParams } from './key-box';
import { describeIssues, displayName, IDENTITY_FILE_TYPE, identityFileSchema, PUBLIC_KEY_DOC_TYPE, type IdentityFile } from './schemas';
import { parseJsonFile, readFileIfExists, writeFileAtomic } from './secure-file';

export const IDENTITY_FILE = 'identity.json';

/** What anyone may see about the analyst's identity: no secret material. */
export interface IdentityInfo {
  name: string;
  /** ISO 8601 UTC. */
  created: string;
  /** SHA-256 of the raw public key, 64 lowercase hex digits (also the DSSE keyid). */
  fingerprint: string;
  /** `SHA256:abcd ef01 …` for people. */
  fingerprintDisplay: string;
  /** First 16 hex digits of the fingerprint. */
  shortId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  publicKeyPem: string;
  /** Where the identity file is. */
  path: string;
}

/** An unlocked identity: signs with the private key, which never leaves this closure. */
export interface IdentitySigner {
  readonly name: string;
  /** DSSE keyid: the fingerprint in hex. */
  readonly keyid: string;
  readonly fingerprint: string;
  readonly publicKey: KeyObject;
  /** Raw 32-byte public key. */
  readonly publicKeyRaw: Buffer;
  sign(data: Buffer): Buffer;
}

/** The document `identity export-public` writes and `trust add` reads. */
export interface PublicKeyDoc {
  type: typeof PUBLIC_KEY_DOC_TYPE;
  version: 1;
  name: string;
  algorithm: 'ed25519';
  publicKey: string;
  fingerprint: string;
  fingerprintDisplay: string;
  created: string;
  publicKeyPem: string;
}

export interface CreateIdentityOptions {
  name: string;
  passphrase: string;
  /** Replace an existing identity; the old file is kept beside it as `identity.<shortid>.retired.json`. */
  overwrite?: boolean;
  /** scrypt cost; tests lower it, users keep the default. */
  kdf?: Partial<ScryptParams>;
}

const identityPath = (home: string) => path.join(home, IDENTITY_FILE);

/**
 * Additional authenticated data for the private key: the public header of the file in a fixed
 * order. Editing the name, the public key, the fingerprint or the kdf cost makes decryption fail.
 */
function headerAad(f: Pick<IdentityFile, 'version' | 'name' | 'created' | 'publicKey' | 'fingerprint'>, kdf: ScryptParams): Buffer {
  return Buffer.from(JSON.stringify([IDENTITY_FILE_TYPE, f.version, f.name, f.created, f.publicKey, f.fingerprint, kdf.N, kdf.r, kdf.p]), 'utf8');
}

function damaged(file: string, why: string): AppError {
  return new AppError('invalid_input', `The identity file ${file} is damaged or was altered: ${why}. Restore it from a backup, or create a new identity with: sealdesk identity create --name N --force`, { path: file, reason: 'tampered' });
}

function info(f: IdentityFile, file: string): IdentityInfo {
  const key = publicKeyFromRaw(Buffer.from(f.publicKey, 'base64'));
  return {
    name: f.name,
    created: f.created,
    fingerprint: f.fingerprint,
    fingerprintDisplay: formatFingerprint(f.fingerprint),
    shortId: shortId(f.fingerprint),
    publicKey: f.publicKey,
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    path: file,
  };
}

/**
 * Read and check the identity file without the passphrase. The public key is checked against its
 * fingerprint here, so a swapped key is caught even before unlock (unlock checks the rest).
 */
function readIdentityFile(home: string): IdentityFile {
  const file = identityPath(home);
  const text = readFileIfExists(file);
  if (text === null) {
    throw new AppError('not_found', `No identity yet in ${home}. Create one with: sealdesk identity create --name N`, { path: file });
  }
  const parsed = identityFileSchema.safeParse(parseJsonFile(file, text));
  if (!parsed.success) throw damaged(file, describeIssues(parsed.error));
  const raw = Buffer.from(parsed.data.publicKey, 'base64');
  if (raw.length !== 32) throw damaged(file, `the public key is ${raw.length} bytes, an Ed25519 key is 32`);
  if (fingerprintOf(raw) !== parsed.data.fingerprint) throw damaged(file, 'the public key does not match the recorded fingerprint');
  return parsed.data;
}

/** Create the analyst's key pair and store it, private key sealed with the passphrase. */
export function createIdentity(home: string, opts: CreateIdentityOptions): IdentityInfo {
  const name = displayName.safeParse(opts.name);
  if (!name.success) throw new AppError('invalid_input', `Invalid name: ${describeIssues(name.error)}.`);
  if (!opts.passphrase) throw new AppError('invalid_input', 'The passphrase is empty. Set SEALDESK_PASSPHRASE or use --passphrase-file with a non-empty first line.');
  const file = identityPath(home);
  const existing = existsSync(file);
  if (existing && !opts.overwrite) {
    throw new AppError('conflict', `An identity already exists in ${home}. Show it with: sealdesk identity show (use --force to replace it; the old file is kept).`, { path: file });
  }

  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  // Fill in what a caller left out (the name in particular), so the file always reads back.
  const kdf: ScryptParams = { ...DEFAULT_SCRYPT, ...opts.kdf };
  const header = { version: 1 as const, name: name.data, created: new Date().toISOString(), publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
  const secret = privateKey.export({ type: 'pkcs8', format: 'der' });
  const sealed = seal(secret, opts.passphrase, headerAad(header, kdf), kdf);
  secret.fill(0);
  const doc: IdentityFile = {
    type: IDENTITY_FILE_TYPE,
    ...header,
    algorithm: 'ed25519',
    privateKey: { format: 'pkcs8-der', ...sealed },
  };

  // Never destroy a key silently: signatures made with it must stay attributable.
  if (existing) retire(home);
  writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n');
  return info(doc, file);
}

function retire(home: string): void {
  const file = identityPath(home);
  let id = 'unknown';
  try {
    id = shortId(readIdentityFile(home).fingerprint);
  } catch {
    // a damaged old file is still kept, under a time-stamped name
  }
  const target = path.join(home, `identity.${id}.${Date.now()}.retired.json`);
  try {
    renameSync(file, target);
  } catch (err) {
    throw new AppError('io', `Cannot move the old identity aside to ${target}: ${(err as Error).message}`);
  }
}

/** Public facts about the identity; no passphrase needed. */
export function loadIdentity(home: string): IdentityInfo {
  return info(readIdentityFile(home), identityPath(home));
}

/** Whether an identity file exists (it may still be damaged). */
export function hasIdentity(home: string): boolean {
  return existsSync(identityPath(home));
}

/** Decrypt the private key and return a signer. Wrong passphrase or altered file: AppError, never a crash. */
export function unlockIdentity(home: string, passphrase: string): IdentitySigner {
  const f = readIdentityFile(home);
  const file = identityPath(home);
  const opened = open(f.privateKey, passphrase, headerAad(f, f.privateKey.kdf));
  if (!opened.ok && opened.reason === 'wrong_passphrase') {
    throw new AppError('invalid_input', `Wrong passphrase for identity "${f.name}" (${shortId(f.fingerprint)}).`, { reason: 'wrong_passphrase' });
  }
  if (!opened.ok) throw damaged(file, 'the encrypted private key or its header does not authenticate');

  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: opened.secret, format: 'der', type: 'pkcs8' });
  } catch {
    throw damaged(file, 'the decrypted private key is not a valid key');
  } finally {
    opened.secret.fill(0);
  }
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  // Belt and braces: the key we will sign with must be the key others know us by.
  if (privateKey.asymmetricKeyType !== 'ed25519' || raw.toString('base64') !== f.publicKey) {
    throw damaged(file, 'the private key does not belong to the recorded public key');
  }
  return {
    name: f.name,
    keyid: f.fingerprint,
    fingerprint: f.fingerprint,
    publicKey,
    publicKeyRaw: raw,
    sign: (data: Buffer) => edSign(null, data, privateKey),
  };
}

/** The public key document to hand to teammates (they run `sealdesk trust add` on it). */
export function exportPublic(home: string): PublicKeyDoc {
  const i = loadIdentity(home);
  return {
    type: PUBLIC_KEY_DOC_TYPE,
    version: 1,
    name: i.name,
    algorithm: 'ed25519',
    publicKey: i.publicKey,
    fingerprint: i.fingerprint,
    fingerprintDisplay: i.fingerprintDisplay,
    created: i.created,
    publicKeyPem: i.publicKeyPem,
  };
}
