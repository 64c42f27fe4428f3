import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createIdentity,
  exportPublic,
  fingerprintOf,
  loadIdentity,
  unlockIdentity,
  verifySignature,
  type ScryptParams,
} from '../../../electron/engine/identity';
import { tmpDir } from '../../helpers/tmp';

const FAST: ScryptParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 };
const PASS = 'correct horse battery staple';

function make(home = tmpDir()) {
  const info = createIdentity(home, { name: 'Ana Auditor', passphrase: PASS, kdf: FAST });
  return { home, info, file: path.join(home, 'identity.json') };
}

/** The fields these tests tamper with. */
interface EditableDoc {
  name: string;
  publicKey: string;
  fingerprint: string;
  privateKey: { ciphertext: string; tag: string; kdf: { N: number } };
}

function edit(file: string, change: (doc: EditableDoc) => void): void {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as EditableDoc;
  change(doc);
  writeFileSync(file, JSON.stringify(doc));
}

describe('identity', () => {
  it('round-trips create -> unlock -> sign -> verify', () => {
    const { home, info } = make();
    expect(info.name).toBe('Ana Auditor');
    expect(info.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(info.fingerprint).toBe(fingerprintOf(Buffer.from(info.publicKey, 'base64')));
    expect(info.fingerprintDisplay).toMatch(/^SHA256:([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    expect(info.shortId).toBe(info.fingerprint.slice(0, 16));
    expect(loadIdentity(home)).toEqual(info);

    const signer = unlockIdentity(home, PASS);
    expect(signer.fingerprint).toBe(info.fingerprint);
    expect(signer.keyid).toBe(info.fingerprint);
    const data = Buffer.from('signed tree head');
    const sig = signer.sign(data);
    expect(sig).toHaveLength(64);
    expect(verifySignature(signer.publicKey, data, sig)).toBe(true);
    expect(verifySignature(info.publicKey, data, sig)).toBe(true);
    expect(verifySignature(info.publicKeyPem, Buffer.from('other'), sig)).toBe(false);
  });

  it('stores the private key only encrypted, with its kdf parameters, in a 0600 file', () => {
    const { file } = make();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ type: 'sealdesk-identity', version: 1, name: 'Ana Auditor', algorithm: 'ed25519' });
    expect(doc.privateKey).toMatchObject({ format: 'pkcs8-der', cipher: 'aes-256-gcm', kdf: FAST });
    for (const k of ['salt', 'check', 'iv', 'tag', 'ciphertext']) expect(doc.privateKey[k]).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('defaults to scrypt N=2^17, r=8, p=1', () => {
    const home = tmpDir();
    createIdentity(home, { name: 'Default Cost', passphrase: PASS });
    expect(JSON.parse(readFileSync(path.join(home, 'identity.json'), 'utf8')).privateKey.kdf).toEqual({ name: 'scrypt', N: 131072, r: 8, p: 1 });
  });

  it('refuses a wrong passphrase with invalid_input, not a crash', () => {
    const { home } = make();
    expect(() => unlockIdentity(home, 'wrong')).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/^Wrong passphrase/) }));
    expect(() => unlockIdentity(home, '')).toThrow(/Wrong passphrase/);
  });

  it('says how to create one when there is none', () => {
    const home = tmpDir();
    for (const f of [() => loadIdentity(home), () => unlockIdentity(home, PASS), () => exportPublic(home)]) {
      expect(f).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringContaining('Create one with: sealdesk identity create --name N') }));
    }
  });

  it('refuses to replace an identity unless asked, and keeps the old file when it does', () => {
    const { home, info } = make();
    expect(() => createIdentity(home, { name: 'Other', passphrase: PASS, kdf: FAST })).toThrow(expect.objectContaining({ code: 'conflict' }));
    const next = createIdentity(home, { name: 'Other', passphrase: 'new pass', kdf: FAST, overwrite: true });
    expect(next.fingerprint).not.toBe(info.fingerprint);
    expect(loadIdentity(home).name).toBe('Other');
    const retired = readdirSync(home).filter((f) => f.startsWith(`identity.${info.shortId}.`) && f.endsWith('.retired.json'));
    expect(retired).toHaveLength(1);
    expect(statSync(path.join(home, retired[0]!)).mode & 0o777).toBe(0o600);
  });

  it.each([['', /Invalid name/], ['a\nb', /control characters/], ['x'.repeat(201), /200 characters/]])('refuses name %j', (name, msg) => {
    expect(() => createIdentity(tmpDir(), { name, passphrase: PASS, kdf: FAST })).toThrow(msg);
  });

  it('refuses an empty passphrase at creation', () => {
    expect(() => createIdentity(tmpDir(), { name: 'A', passphrase: '', kdf: FAST })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('exports a public document without secrets', () => {
    const { home, info } = make();
    const doc = exportPublic(home);
    expect(doc).toEqual({
      type: 'sealdesk-public-key',
      version: 1,
      name: 'Ana Auditor',
      algorithm: 'ed25519',
      publicKey: info.publicKey,
      fingerprint: info.fingerprint,
      fingerprintDisplay: info.fingerprintDisplay,
      created: info.created,
      publicKeyPem: info.publicKeyPem,
    });
    expect(JSON.stringify(doc)).not.toMatch(/ciphertext|salt|PRIVATE/);
  });
});

describe('tampered identity file', () => {
  const altered = { code: 'invalid_input', message: expect.stringMatching(/damaged or was altered/) };

  it('refuses flipped ciphertext bits', () => {
    const { home, file } = make();
    edit(file, (d) => {
      const ct = Buffer.from(d.privateKey.ciphertext, 'base64');
      ct[10]! ^= 0x40;
      d.privateKey.ciphertext = ct.toString('base64');
    });
    expect(() => unlockIdentity(home, PASS)).toThrow(expect.objectContaining(altered));
  });

  it('refuses a replaced tag', () => {
    const { home, file } = make();
    edit(file, (d) => {
      d.privateKey.tag = Buffer.alloc(16, 7).toString('base64');
    });
    expect(() => unlockIdentity(home, PASS)).toThrow(expect.objectContaining(altered));
  });

  it('refuses a swapped public key (with or without a matching fingerprint)', () => {
    const a = make();
    const b = make();
    edit(a.file, (d) => {
      d.publicKey = b.info.publicKey;
    });
    expect(() => loadIdentity(a.home)).toThrow(/does not match the recorded fingerprint/);
    expect(() => unlockIdentity(a.home, PASS)).toThrow(expect.objectContaining(altered));
    // Swapping key and fingerprint together passes the offline check but not the authenticated header.
    edit(a.file, (d) => {
      d.fingerprint = b.info.fingerprint;
    });
    expect(loadIdentity(a.home).fingerprint).toBe(b.info.fingerprint);
    expect(() => unlockIdentity(a.home, PASS)).toThrow(expect.objectContaining(altered));
  });

  it('refuses an edited name or a lowered kdf cost', () => {
    const a = make();
    edit(a.file, (d) => {
      d.name = 'Mallory';
    });
    expect(() => unlockIdentity(a.home, PASS)).toThrow(expect.objectContaining(altered));
    const b = make();
    edit(b.file, (d) => {
      d.privateKey.kdf.N = 2 ** 30;
    });
    expect(() => unlockIdentity(b.home, PASS)).toThrow(/privateKey\.kdf\.N/);
  });

  it('refuses a swapped ciphertext from another identity with the same passphrase', () => {
    const a = make();
    const b = make();
    const bDoc = JSON.parse(readFileSync(b.file, 'utf8'));
    edit(a.file, (d) => {
      d.privateKey = bDoc.privateKey;
    });
    expect(() => unlockIdentity(a.home, PASS)).toThrow(expect.objectContaining(altered));
  });

  it('names the file when it is not JSON or misses fields', () => {
    const a = make();
    writeFileSync(a.file, '{ not json');
    expect(() => loadIdentity(a.home)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining(a.file) }));
    writeFileSync(a.file, JSON.stringify({ type: 'sealdesk-identity', version: 1 }));
    expect(() => loadIdentity(a.home)).toThrow(/name/);
  });
});
