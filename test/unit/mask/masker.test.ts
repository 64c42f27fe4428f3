import { describe, expect, it } from 'vitest';
import { createMasker, parseMaskPolicy } from '../../../electron/engine/export/mask';
import { event } from './helpers';

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);
const LINE = 'Accepted password for alice from 192.168.1.10 port 52144; mail john.doe@example.com card 4111 1111 1111 1111 ssn 123-45-6789 tel +44 20 7946 0958 iban DE89 3704 0044 0532 0130 00 v6 2001:db8::1';

describe('redact mode', () => {
  it('replaces every kind with its label and leaves the rest of the line', () => {
    const m = createMasker({});
    expect(m.maskText(LINE)).toBe(
      'Accepted password for alice from [IPV4] port 52144; mail [EMAIL] card [CARD] ssn [SSN] tel [PHONE] iban [IBAN] v6 [IPV6]',
    );
  });

  it('leaves disabled detectors alone', () => {
    const m = createMasker({ detectors: { ipv4: { enabled: false }, email: { enabled: false } } });
    expect(m.maskText('from 10.0.0.1 by a@b.io tel 415-555-2671')).toBe('from 10.0.0.1 by a@b.io tel [PHONE]');
  });
});

describe('partial mode', () => {
  it.each([
    ['john.doe@example.com', 'j***@example.com'],
    ['192.168.1.10', '192.168.x.x'],
    ['2001:db8::1', '2001:0db8:x:x:x:x:x:x'],
    ['4111 1111 1111 1111', '**** **** **** 1111'],
    ['4111111111111111', '************1111'],
    ['123-45-6789', '***-**-6789'],
    ['+44 20 7946 0958', '+** ** **** **58'],
    ['DE89 3704 0044 0532 0130 00', 'DE** **** **** **** **30 00'],
  ])('%s -> %s', (value, want) => {
    expect(createMasker({ defaultMode: 'partial' }).maskText(`x ${value} y`)).toBe(`x ${want} y`);
  });
});

describe('pseudonym mode', () => {
  const p = { defaultMode: 'pseudonym' as const };

  it('gives stable category tokens within one masker', () => {
    const m = createMasker(p, KEY_A);
    const a = m.maskText('from 10.1.2.3 to 8.8.8.8 by Ann@Example.com');
    const b = m.maskText('again 10.1.2.3 by ann@example.com');
    const [priv, pub, mail] = a.match(/ipv4_private_[0-9a-f]{8}|ipv4_public_[0-9a-f]{8}|email_[0-9a-f]{8}/g)!;
    expect(priv).toMatch(/^ipv4_private_/);
    expect(pub).toMatch(/^ipv4_public_/);
    expect(mail).toMatch(/^email_/);
    expect(b).toBe(`again ${priv} by ${mail}`); // e-mail case does not split one person in two
  });

  it('treats spellings of one value alike', () => {
    const m = createMasker(p, KEY_A);
    expect(m.maskText('2001:db8::1')).toBe(m.maskText('2001:0DB8:0:0:0:0:0:1'));
    expect(m.maskText('4111 1111 1111 1111')).toBe(m.maskText('4111-1111-1111-1111'));
  });

  it('differs across keys and is random without one', () => {
    const v = 'from 10.1.2.3';
    expect(createMasker(p, KEY_A).maskText(v)).toBe(createMasker(p, Buffer.from(KEY_A)).maskText(v));
    expect(createMasker(p, KEY_A).maskText(v)).not.toBe(createMasker(p, KEY_B).maskText(v));
    expect(createMasker(p).maskText(v)).not.toBe(createMasker(p).maskText(v));
  });

  it('refuses a short key', () => {
    expect(() => createMasker(p, Buffer.alloc(8))).toThrow(/at least 16 bytes/);
  });

  it('keeps the key out of describe()', () => {
    const m = createMasker({ ...p, fields: { user: 'redact' } }, KEY_A);
    const d = m.describe();
    expect(d.detectors.ipv4).toEqual({ enabled: true, mode: 'pseudonym' });
    expect(d.policy.fields).toEqual({ user: 'redact' });
    expect(d.pseudonym.algorithm).toBe('HMAC-SHA-256');
    const json = JSON.stringify(d);
    expect(json).not.toContain(KEY_A.toString('hex'));
    expect(json).not.toContain(KEY_A.toString('base64'));
  });
});

describe('policy validation', () => {
  it('rejects misspelt detectors, fields and modes', () => {
    expect(() => parseMaskPolicy({ detectors: { emial: { enabled: true } } })).toThrow();
    expect(() => parseMaskPolicy({ fields: { usr: 'redact' } })).toThrow();
    expect(() => parseMaskPolicy({ fields: { user: 'hash' } })).toThrow();
    expect(() => createMasker({ detectors: { email: { enabled: true, mode: 'blur' } } } as never)).toThrow();
  });

  it('fills defaults: all detectors on, redact', () => {
    expect(parseMaskPolicy({})).toEqual({ defaultMode: 'redact', detectors: {}, fields: {}, attrs: {} });
  });
});

describe('maskEvent', () => {
  it('masks fields whole and propagates their values into message, fields and attrs', () => {
    const m = createMasker({ fields: { user: 'redact', host: 'pseudonym' } }, KEY_A);
    const e = event({
      user: 'alice',
      host: 'web01',
      resource: '/home/alice/.ssh/authorized_keys',
      message: 'web01 sshd: Accepted password for ALICE from 10.0.0.1; malice not alice2',
      attrs: { 'userIdentity.userName': 'alice', 'tags': ['x', { who: 'alice@web01' }], status: 200 },
    });
    const out = m.maskEvent(e);
    const host = out.host!;
    expect(out.user).toBe('[USER]');
    expect(host).toMatch(/^host_[0-9a-f]{8}$/);
    expect(out.message).toBe(`${host} sshd: Accepted password for [USER] from [IPV4]; malice not alice2`);
    expect(out.resource).toBe('/home/[USER]/.ssh/authorized_keys');
    expect(out.attrs).toEqual({ 'userIdentity.userName': '[USER]', tags: ['x', { who: `[USER]@${host}` }], status: 200 });
  });

  it('masks chosen attrs keys whole, at any depth, and not their keys', () => {
    const m = createMasker({ attrs: { 'requestParameters.userName': 'redact', 'account.id': 'partial' } });
    const out = m.maskEvent(
      event({ message: 'created user bob-admin', attrs: { 'requestParameters.userName': ['bob-admin', 'carol'], 'account.id': 123456789012 } }),
    );
    expect(out.attrs).toEqual({ 'requestParameters.userName': ['[REQUESTPARAMETERS_USERNAME]', '[REQUESTPARAMETERS_USERNAME]'], 'account.id': '1***' });
    expect(out.message).toBe('created user [REQUESTPARAMETERS_USERNAME]');
  });

  it('gives an IP field the same pseudonym as the IP in text', () => {
    const m = createMasker({ defaultMode: 'pseudonym', fields: { src_ip: 'pseudonym' } }, KEY_A);
    const out = m.maskEvent(event({ src_ip: '203.0.113.7', dst_ip: '203.0.113.7', message: 'conn from 203.0.113.7' }));
    expect(out.src_ip).toMatch(/^ipv4_public_[0-9a-f]{8}$/);
    expect(out.dst_ip).toBe(out.src_ip);
    expect(out.message).toBe(`conn from ${out.src_ip}`);
  });

  it('masks numbers that are PII and keeps other numbers as numbers', () => {
    const out = createMasker({}).maskEvent(event({ attrs: { pan: 4111111111111111, bytes: 1048576, ok: true, none: null } }));
    expect(out.attrs).toEqual({ pan: '[CARD]', bytes: 1048576, ok: true, none: null });
  });

  it('returns a copy and leaves the input untouched', () => {
    const e = event({ user: 'alice', message: 'alice at 10.0.0.1', attrs: { nested: { ip: '10.0.0.1' } } });
    const before = structuredClone(e);
    const out = createMasker({ fields: { user: 'redact' } }).maskEvent(e);
    expect(e).toEqual(before);
    expect(out.attrs.nested).not.toBe(e.attrs.nested);
    expect(out.origin).toEqual(e.origin);
    expect(out.ts).toBe(e.ts);
  });

  it('skips placeholder values when propagating', () => {
    const m = createMasker({ fields: { user: 'redact' } });
    const out = m.maskEvent(event({ user: '-', message: '10.0.0.1 - - [15/Jan/2024:10:22:33 +0100] "GET / HTTP/1.1" 200 -' }));
    expect(out.user).toBe('[USER]');
    expect(out.message).toBe('[IPV4] - - [15/Jan/2024:10:22:33 +0100] "GET / HTTP/1.1" 200 -');
  });

  it('learn() lets a pre-pass mask values seen later in earlier events', () => {
    const m = createMasker({ fields: { user: 'redact' } });
    const first = event({ message: 'su: bob switched to root' });
    m.learn(event({ user: 'bob' }));
    expect(m.maskEvent(first).message).toBe('su: [USER] switched to root');
  });
});
