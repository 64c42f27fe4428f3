import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pae } from '../../../electron/engine/export/statement/pae';

/** Decimal string to base64url big-endian bytes, padded to 32 bytes (P-256 coordinate). */
function coord(decimal: string): string {
  return Buffer.from(BigInt(decimal).toString(16).padStart(64, '0'), 'hex').toString('base64url');
}

describe('DSSE PAE', () => {
  it('matches the test vector in dsse protocol.md', () => {
    const out = pae('http://example.com/HelloWorld', Buffer.from('hello world'));
    expect(out.toString('utf8')).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('verifies the spec example signature (ECDSA P-256, raw r||s) over our PAE', () => {
    // Public key and envelope from the "Test Vectors" section of dsse protocol.md.
    const key = createPublicKey({
      format: 'jwk',
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: coord('46950820868899156662930047687818585632848591499744589407958293238635476079160'),
        y: coord('5640078356564379163099075877009565129882514886557779369047442380624545832820'),
      },
    });
    const sig = Buffer.from('A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==', 'base64');
    const body = Buffer.from('aGVsbG8gd29ybGQ=', 'base64');
    const ok = verify('sha256', pae('http://example.com/HelloWorld', body), { key, dsaEncoding: 'ieee-p1363' }, sig);
    expect(ok).toBe(true);
    expect(verify('sha256', pae('http://example.com/HelloWorlD', body), { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(false);
  });

  it('encodes empty type and body with zero lengths', () => {
    expect(pae('', Buffer.alloc(0)).toString('ascii')).toBe('DSSEv1 0  0 ');
  });

  it('counts UTF-8 bytes, not characters, and keeps binary bodies intact', () => {
    const body = Buffer.from([0x00, 0xff, 0x20, 0x0a]);
    const out = pae('tÿpe', body); // 'ÿ' is two bytes in UTF-8: "DSSEv1 5 " + 5 type bytes = 14
    expect(out.subarray(0, 14).toString('utf8')).toBe('DSSEv1 5 tÿpe');
    expect(out.subarray(14, 17).toString('ascii')).toBe(' 4 ');
    expect(out.subarray(17).equals(body)).toBe(true);
    expect(out.length).toBe(21);
  });

  it('writes lengths in decimal without leading zeros', () => {
    const body = Buffer.alloc(1000, 0x61);
    expect(pae('a', body).subarray(0, 15).toString('ascii')).toBe('DSSEv1 1 a 1000');
  });
});
