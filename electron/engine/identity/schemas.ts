import { z } from 'zod';
import { scryptParamsSchema } from './key-box';

/** Strict standard base64 (with padding), so a damaged field is reported, not half-decoded. */
export const base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'must be base64');

/** A person's display name: shown next to every signature, so no control characters or huge values. */
export const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^\P{Cc}*$/u, 'must not contain control characters');

export const fingerprintHex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (SHA-256)');

export const IDENTITY_FILE_TYPE = 'sealdesk-identity';
export const PUBLIC_KEY_DOC_TYPE = 'sealdesk-public-key';
export const TRUST_FILE_TYPE = 'sealdesk-trust-store';

/** `<home>/identity.json`, version 1. */
export const identityFileSchema = z.object({
  type: z.literal(IDENTITY_FILE_TYPE),
  version: z.literal(1),
  name: displayName,
  created: z.string(),
  algorithm: z.literal('ed25519'),
  publicKey: base64,
  fingerprint: fingerprintHex,
  privateKey: z.object({
    format: z.literal('pkcs8-der'),
    kdf: scryptParamsSchema,
    salt: base64,
    check: base64,
    cipher: z.literal('aes-256-gcm'),
    iv: base64,
    tag: base64,
    ciphertext: base64,
  }),
});

export type IdentityFile = z.infer<typeof identityFileSchema>;

/**
 * A public key document as exported by `identity export-public`. Only `name` and `publicKey` are
 * required on import; `fingerprint`, when present, must match the key (any common spelling).
 */
export const publicKeyDocSchema = z.object({
  type: z.literal(PUBLIC_KEY_DOC_TYPE).optional(),
  version: z.literal(1).optional(),
  name: displayName,
  algorithm: z.literal('ed25519').optional(),
  publicKey: base64,
  fingerprint: z.string().optional(),
  created: z.string().optional(),
});

/** One trusted teammate in `<home>/trust.json`. */
export const trustEntrySchema = z.object({
  name: displayName,
  fingerprint: fingerprintHex,
  publicKey: base64,
  added: z.string(),
  /** False for a key recorded as known but not vouched for (`trust add --known`); absent = trusted. */
  trusted: z.boolean().optional(),
});

export const trustFileSchema = z.object({
  type: z.literal(TRUST_FILE_TYPE),
  version: z.literal(1),
  keys: z.array(trustEntrySchema),
});

export type TrustFile = z.infer<typeof trustFileSchema>;

/** Zod issues as one readable line: `publicKey: must be base64; name: must not be empty`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'document'}: ${i.message}`).join('; ');
}
