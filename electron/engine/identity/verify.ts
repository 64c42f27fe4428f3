import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { publicKeyFromRaw } from './fingerprint';

/**
 * Check an Ed25519 signature. The key may be a KeyObject, the raw 32 bytes, raw base64 or a PEM.
 * Never throws: a malformed key or signature is simply "does not verify".
 */
export function verifySignature(publicKey: KeyObject | Buffer | string, data: Buffer, sig: Buffer): boolean {
  try {
    const key = toKey(publicKey);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, data, key, sig);
  } catch {
    return false;
  }
}

function toKey(k: KeyObject | Buffer | string): KeyObject {
  if (Buffer.isBuffer(k)) return publicKeyFromRaw(k);
  if (typeof k === 'string') return k.includes('-----BEGIN') ? createPublicKey(k) : publicKeyFromRaw(Buffer.from(k, 'base64'));
  return k;
}
