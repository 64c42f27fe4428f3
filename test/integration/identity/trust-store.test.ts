import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createIdentity,
  exportPublic,
  formatFingerprint,
  rawPublicKey,
  trustAdd,
  trustGet,
  trustList,
  trustStatus,
  type ScryptParams,
} from '../../../electron/engine/identity';
import { tmpDir } from '../../helpers/tmp';

const FAST: ScryptParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 };

/** A teammate's exported public key document, made in their own home folder. */
function teammate(name: string) {
  const home = tmpDir();
  createIdentity(home, { name, passphrase: 'their pass', kdf: FAST });
  return exportPublic(home);
}

const malformed = { code: 'invalid_input', message: expect.stringMatching(/^Not a valid Sealdesk public key/) };

describe('trust store', () => {
  it('adds, lists and reports status; own key is self', () => {
    const home = tmpDir();
    const me = createIdentity(home, { name: 'Me', passphrase: 'p', kdf: FAST });
    const bob = teammate('Bob');
    const carol = teammate('Carol');
    expect(trustList(home)).toEqual([]);
    expect(trustStatus(home, bob.fingerprint)).toBe('unknown');

    const r = trustAdd(home, bob);
    expect(r.added).toBe(true);
    expect(r.key).toMatchObject({ name: 'Bob', fingerprint: bob.fingerprint, fingerprintDisplay: bob.fingerprintDisplay, publicKey: bob.publicKey });
    expect(Date.parse(r.key.added)).not.toBeNaN();

    expect(trustStatus(home, bob.fingerprint)).toBe('trusted');
    expect(trustStatus(home, formatFingerprint(bob.fingerprint))).toBe('trusted');
    expect(trustStatus(home, carol.fingerprint)).toBe('unknown');
    expect(trustStatus(home, me.fingerprint)).toBe('self');
    expect(trustStatus(home, bob.fingerprint.slice(0, 16))).toBe('unknown');
    expect(trustStatus(home, 'garbage')).toBe('unknown');
    expect(trustGet(home, bob.fingerprint)?.name).toBe('Bob');

    trustAdd(home, JSON.stringify(carol));
    expect(trustList(home).map((k) => k.name)).toEqual(['Bob', 'Carol']);
  });

  it('works with no identity of its own', () => {
    const home = tmpDir();
    const bob = teammate('Bob');
    trustAdd(home, bob);
    expect(trustStatus(home, bob.fingerprint)).toBe('trusted');
  });

  it('is idempotent by fingerprint and keeps the first name', () => {
    const home = tmpDir();
    const bob = teammate('Bob');
    trustAdd(home, bob);
    const again = trustAdd(home, { ...bob, name: 'Not Bob' });
    expect(again.added).toBe(false);
    expect(again.key.name).toBe('Bob');
    expect(trustList(home)).toHaveLength(1);
  });

  it('writes trust.json with mode 0600 and a versioned shape', () => {
    const home = tmpDir();
    const bob = teammate('Bob');
    trustAdd(home, bob);
    const file = path.join(home, 'trust.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({ type: 'sealdesk-trust-store', version: 1, keys: [{ name: 'Bob', fingerprint: bob.fingerprint, publicKey: bob.publicKey }] });
  });

  it('accepts a PEM key with a name', () => {
    const home = tmpDir();
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => trustAdd(home, pem)).toThrow(/carries no name/);
    const r = trustAdd(home, pem, { name: 'Dave' });
    expect(r.key.publicKey).toBe(rawPublicKey(publicKey).toString('base64'));
  });

  it.each([
    ['not JSON', 'hello'],
    ['no name', { publicKey: Buffer.alloc(32, 1).toString('base64') }],
    ['short key', { name: 'X', publicKey: Buffer.alloc(31, 1).toString('base64') }],
    ['long key', { name: 'X', publicKey: Buffer.alloc(33, 1).toString('base64') }],
    ['not base64', { name: 'X', publicKey: 'not*base64!' }],
    ['wrong algorithm', { name: 'X', algorithm: 'rsa', publicKey: Buffer.alloc(32, 1).toString('base64') }],
    ['a number', 42],
    ['an RSA PEM', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['a private key PEM', generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()],
  ])('refuses a malformed key: %s', (_label, doc) => {
    const home = tmpDir();
    expect(() => trustAdd(home, doc, typeof doc === 'string' && doc.startsWith('-----') ? { name: 'X' } : {})).toThrow(expect.objectContaining(malformed));
    expect(trustList(home)).toEqual([]);
  });

  it('refuses a document whose fingerprint does not match its key', () => {
    const home = tmpDir();
    const bob = teammate('Bob');
    const carol = teammate('Carol');
    expect(() => trustAdd(home, { ...bob, fingerprint: carol.fingerprint })).toThrow(/does not match its key/);
    expect(trustList(home)).toEqual([]);
  });

  it('adds only when the fingerprint the user expects matches', () => {
    const home = tmpDir();
    const bob = teammate('Bob');
    expect(() => trustAdd(home, bob, { expectFingerprint: 'ab'.repeat(32) })).toThrow(expect.objectContaining({ code: 'invalid_input', details: { reason: 'fingerprint_mismatch' } }));
    expect(trustList(home)).toEqual([]);
    expect(trustAdd(home, bob, { expectFingerprint: bob.fingerprintDisplay.toUpperCase() }).added).toBe(true);
  });

  it('refuses a trust store edited to point a fingerprint at another key', () => {
    const home = tmpDir();
    const bob = teammate('Bob');
    const eve = teammate('Eve');
    trustAdd(home, bob);
    const file = path.join(home, 'trust.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.keys[0].publicKey = eve.publicKey;
    writeFileSync(file, JSON.stringify(doc));
    expect(() => trustStatus(home, bob.fingerprint)).toThrow(/does not match its fingerprint/);
    writeFileSync(file, 'nope');
    expect(() => trustList(home)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining(file) }));
  });
});
