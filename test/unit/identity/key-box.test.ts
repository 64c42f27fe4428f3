import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, scryptParamsSchema, seal, type ScryptParams } from '../../../electron/engine/identity/key-box';

const FAST: ScryptParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1 };
const aad = Buffer.from('header');

describe('key box (scrypt + AES-256-GCM)', () => {
  it('round-trips a secret with the right passphrase and header', () => {
    const secret = randomBytes(48);
    const sealed = seal(secret, 'pässphrase', aad, FAST);
    expect(sealed.kdf).toEqual(FAST);
    const r = open(sealed, 'pässphrase', aad);
    expect(r.ok && r.secret.equals(secret)).toBe(true);
  });

  it('uses fresh salt and iv each time', () => {
    const a = seal(Buffer.from('x'), 'p', aad, FAST);
    const b = seal(Buffer.from('x'), 'p', aad, FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
  });

  it('tells a wrong passphrase from altered bytes', () => {
    const sealed = seal(randomBytes(32), 'right', aad, FAST);
    expect(open(sealed, 'wrong', aad)).toEqual({ ok: false, reason: 'wrong_passphrase' });
    expect(open(sealed, 'right', Buffer.from('other header'))).toEqual({ ok: false, reason: 'tampered' });
    const ct = Buffer.from(sealed.ciphertext, 'base64');
    ct[0]! ^= 1;
    expect(open({ ...sealed, ciphertext: ct.toString('base64') }, 'right', aad)).toEqual({ ok: false, reason: 'tampered' });
    expect(open({ ...sealed, tag: randomBytes(16).toString('base64') }, 'right', aad)).toEqual({ ok: false, reason: 'tampered' });
    expect(open({ ...sealed, tag: 'AAAA' }, 'right', aad)).toEqual({ ok: false, reason: 'tampered' });
    expect(open({ ...sealed, iv: randomBytes(12).toString('base64') }, 'right', aad)).toEqual({ ok: false, reason: 'tampered' });
  });

  it.each([
    [{ name: 'scrypt', N: 2 ** 30, r: 8, p: 1 }],
    [{ name: 'scrypt', N: 1000, r: 8, p: 1 }],
    [{ name: 'scrypt', N: 2 ** 14, r: 1000, p: 1 }],
    [{ name: 'argon2', N: 2 ** 14, r: 8, p: 1 }],
  ])('refuses unsafe or unknown kdf parameters %j (a tampered file must not exhaust memory)', (kdf) => {
    expect(scryptParamsSchema.safeParse(kdf).success).toBe(false);
  });
});
