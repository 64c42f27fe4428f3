import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * scrypt parameters recorded in the identity file. Bounds are enforced when reading because the
 * file is input: an edited N or r could otherwise make unlock allocate gigabytes or run for hours.
 */
export const scryptParamsSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
});

export type ScryptParams = z.infer<typeof scryptParamsSchema>;

/** N=2^17, r=8, p=1: about 0.5 s and 128 MiB per attempt here, which is what makes guessing slow. */
export const DEFAULT_SCRYPT: ScryptParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };

/** The sealed private key as stored (all binary fields base64). */
export interface SealedKey {
  kdf: ScryptParams;
  salt: string;
  /** SHA-256 of the second half of the scrypt output: tells a wrong passphrase from a tampered file. */
  check: string;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Result of opening a sealed key; the failure kinds get different messages for the user. */
export type OpenResult = { ok: true; secret: Buffer } | { ok: false; reason: 'wrong_passphrase' | 'tampered' };

/**
 * 64 bytes from scrypt: the first 32 are the AES key, the last 32 only feed the stored check.
 * The check costs an attacker the same scrypt work as a decryption attempt, so it adds no shortcut,
 * but lets us say "wrong passphrase" instead of "file altered" when that is what happened.
 */
function derive(passphrase: string, salt: Buffer, kdf: ScryptParams): { key: Buffer; check: Buffer } {
  const out = scryptSync(passphrase.normalize('NFC'), salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 });
  return { key: out.subarray(0, 32), check: createHash('sha256').update(out.subarray(32)).digest() };
}

/**
 * Encrypt a secret with AES-256-GCM under a scrypt-derived key. `aad` binds the file's public
 * header (name, public key, fingerprint, kdf…) to the ciphertext, so swapping any of it is caught.
 */
export function seal(secret: Buffer, passphrase: string, aad: Buffer, kdf: ScryptParams = DEFAULT_SCRYPT): SealedKey {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = derive(passphrase, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
  return {
    kdf,
    salt: salt.toString('base64'),
    check: check.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Decrypt a sealed secret; never throws for a bad passphrase or altered bytes. */
export function open(sealed: SealedKey, passphrase: string, aad: Buffer): OpenResult {
  const { key, check } = derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed.kdf);
  const stored = Buffer.from(sealed.check, 'base64');
  if (stored.length !== check.length || !timingSafeEqual(stored, check)) return { ok: false, reason: 'wrong_passphrase' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return { ok: true, secret: Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]) };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
