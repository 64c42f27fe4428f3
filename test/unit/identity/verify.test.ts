import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawPublicKey } from '../../../electron/engine/identity/fingerprint';
import { verifySignature } from '../../../electron/engine/identity/verify';

describe('verifySignature', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const data = Buffer.from('tree head 42');
  const sig = sign(null, data, privateKey);
  const raw = rawPublicKey(publicKey);

  it('accepts the key as KeyObject, raw bytes, base64 or PEM', () => {
    for (const k of [publicKey, raw, raw.toString('base64'), publicKey.export({ type: 'spki', format: 'pem' }).toString()]) {
      expect(verifySignature(k, data, sig)).toBe(true);
    }
  });

  it('is false (never a throw) for altered data, signature, another key or garbage', () => {
    const bad = Buffer.from(sig);
    bad[5]! ^= 1;
    expect(verifySignature(publicKey, Buffer.from('tree head 43'), sig)).toBe(false);
    expect(verifySignature(publicKey, data, bad)).toBe(false);
    expect(verifySignature(generateKeyPairSync('ed25519').publicKey, data, sig)).toBe(false);
    expect(verifySignature(Buffer.alloc(5), data, sig)).toBe(false);
    expect(verifySignature('not a key', data, sig)).toBe(false);
    expect(verifySignature(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey, data, sig)).toBe(false);
    expect(verifySignature(publicKey, data, Buffer.alloc(0))).toBe(false);
  });
});
