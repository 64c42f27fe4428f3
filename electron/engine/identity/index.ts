/** The analyst's signing identity and the trust store of teammates' keys. */
export { createIdentity, exportPublic, hasIdentity, IDENTITY_FILE, loadIdentity, unlockIdentity } from './identity';
export type { CreateIdentityOptions, IdentityInfo, IdentitySigner, PublicKeyDoc } from './identity';
export { fingerprintOf, formatFingerprint, normalizeFingerprint, publicKeyFromRaw, rawPublicKey, shortId } from './fingerprint';
export { DEFAULT_SCRYPT, type ScryptParams } from './key-box';
export { passphraseFrom, type PassphraseSources } from './passphrase';
export { TRUST_FILE, trustAdd, trustGet, trustList, trustStatus } from './trust-store';
export type { TrustAddOptions, TrustAddResult, TrustedKey, TrustStatus } from './trust-store';
export { verifySignature } from './verify';
