/**
 * Strict base64 for DSSE fields. DSSE (envelope.md, protocol.md) lets signers use standard or
 * URL-safe base64 (RFC 4648 sections 4 and 5) and requires verifiers to accept either. Node's
 * decoder silently skips invalid characters, so the text is checked first: one alphabet only,
 * padding only at the end, and a length that a real encoding can have.
 */
const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

export function decodeBase64(text: string): Buffer | null {
  if (!STANDARD.test(text) && !URL_SAFE.test(text)) return null;
  const padded = text.endsWith('=');
  if (padded && text.length % 4 !== 0) return null;
  if (!padded && text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  // Reject non-canonical trailing bits (e.g. "aGVsbG9=" vs "aGVsbG8="): re-encoding must round-trip.
  const again = bytes.toString('base64').replace(/=+$/, '');
  const given = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  return again === given ? bytes : null;
}

export function encodeBase64(bytes: Buffer): string {
  return bytes.toString('base64');
}
