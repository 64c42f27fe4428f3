import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, formatFingerprint, normalizeFingerprint, publicKeyFromRaw, rawPublicKey, shortId } from '../../../electron/engine/identity/fingerprint';

describe('fingerprint', () => {
  it('is SHA-256 of the raw 32-byte public key, and raw <-> KeyObject round-trips', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    expect(raw).toHaveLength(32);
    expect(fingerprintOf(raw)).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(rawPublicKey(publicKeyFromRaw(raw)).equals(raw)).toBe(true);
    // the raw key is the tail of the JWK's x coordinate too: an independent cross-check
    expect(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').equals(raw)).toBe(true);
  });

  it('formats as SHA256: and 16 groups of 4 hex digits; short id is the first 16 digits', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(formatFingerprint(hex)).toBe('SHA256:0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef 0123 4567 89ab cdef');
    expect(shortId(hex)).toBe('0123456789abcdef');
  });

  it.each([
    ['ab'.repeat(32), 'ab'.repeat(32)],
    [formatFingerprint('ab'.repeat(32)), 'ab'.repeat(32)],
    ['AB:'.repeat(31) + 'AB', 'ab'.repeat(32)],
    ['  sha256:' + 'AB'.repeat(32) + '\n', 'ab'.repeat(32)],
    ['ab'.repeat(8), null],
    ['zz'.repeat(32), null],
    ['', null],
  ])('normalizes %j', (input, out) => {
    expect(normalizeFingerprint(input)).toBe(out);
  });

  it('refuses a raw key of the wrong length', () => {
    expect(() => publicKeyFromRaw(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});
