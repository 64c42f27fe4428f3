import { createIdentity } from '../../electron/engine/identity';

/** A low scrypt cost: tests make many identities; users keep the default. */
export const FAST_KDF = { N: 2 ** 10 };
export const TEST_PASSPHRASE = 'correct horse battery staple';

/** Create the analyst's identity in `home` with the test passphrase. */
export function makeIdentity(home: string, name = 'Ana Auditor') {
  return createIdentity(home, { name, passphrase: TEST_PASSPHRASE, kdf: FAST_KDF });
}
