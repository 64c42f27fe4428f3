import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid, mod97 } from '../../../electron/engine/export/mask';

describe('Luhn', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['378282246310005', true], // Amex test number, odd length
    ['6011111111111117', true],
    ['79927398713', true], // the textbook example
    ['79927398710', false],
    ['0', true],
    ['', false],
    ['4111 1111 1111 1111', false], // callers pass digits only
  ])('%s -> %s', (digits, ok) => {
    expect(luhnValid(digits)).toBe(ok);
  });
});

describe('IBAN mod-97', () => {
  it.each([
    ['DE89370400440532013000', true],
    ['GB29NWBK60161331926819', true],
    ['GB82WEST12345698765432', true],
    ['NO9386011117947', true], // shortest registry length (15)
    ['MT84MALT011000012345MTLCAST001S', true], // long, letters inside the BBAN
    ['DE89370400440532013001', false], // one digit off
    ['DE98370400440532013000', false], // check digits swapped
    ['DE8937040044053201300', false], // registry length is 22
    ['XX89370400440532013000', false], // unknown country
    ['de89370400440532013000', false], // lower case is not accepted
  ])('%s -> %s', (iban, ok) => {
    expect(ibanValid(iban)).toBe(ok);
  });

  it('computes mod 97 over letters as two-digit numbers without overflow', () => {
    // 'A' = 10, so 'A' alone is 10 and the long string stays exact.
    expect(mod97('A')).toBe(10);
    expect(mod97('370400440532013000DE89')).toBe(1);
    expect(mod97('9'.repeat(60))).toBe(Number(BigInt('9'.repeat(60)) % 97n));
  });
});
