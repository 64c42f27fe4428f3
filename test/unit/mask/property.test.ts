import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/model';
import { createMasker, ibanValid, luhnValid, MASK_MODES } from '../../../electron/engine/export/mask';
import { event } from './helpers';

/** Seeded PRNG (mulberry32): a failing batch can be replayed exactly. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generators(r: () => number) {
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const digits = (n: number): string => Array.from({ length: n }, () => int(0, 9)).join('');
  // Letters outside a-f, so a planted name can never appear inside a hex pseudonym by chance.
  const word = (n: number): string => Array.from({ length: n }, () => pick('ghijklmnopqrstuvwxyz'.split(''))).join('');
  const card = (): string => {
    const prefix = pick(['4', '51', '37', '6011']);
    const body = prefix + digits((prefix === '37' ? 15 : 16) - prefix.length - 1);
    const check = [...'0123456789'].find((c) => luhnValid(body + c))!;
    const pan = body + check;
    const spaced = prefix === '37' ? `${pan.slice(0, 4)} ${pan.slice(4, 10)} ${pan.slice(10)}` : pan.replace(/(\d{4})(?=\d)/g, '$1 ');
    return pick([pan, spaced]);
  };
  const iban = (): string => {
    const bban = digits(18);
    const cc = [...Array(97).keys()].map((n) => String(n).padStart(2, '0')).find((c) => ibanValid(`DE${c}${bban}`))!;
    const compact = `DE${cc}${bban}`;
    return pick([compact, compact.replace(/(.{4})(?=.)/g, '$1 ')]);
  };
  return {
    pick,
    word,
    email: () => `${word(5)}.${word(4)}@${word(6)}.example.com`,
    ipv4: () => `${pick([10, 172, 192, 203, 198])}.${int(16, 31)}.${int(0, 255)}.${int(1, 254)}`,
    ipv6: () => `2001:db8:${int(1, 0xffff).toString(16)}::${int(1, 0xffff).toString(16)}`,
    card,
    ssn: () => `${int(1, 665)}`.padStart(3, '1') + `-${int(10, 99)}-${int(1000, 9999)}`,
    phone: () => pick([`+44 20 ${int(1000, 9999)} ${int(1000, 9999)}`, `+1${int(200, 999)}${int(200, 999)}${int(1000, 9999)}`, `(${int(200, 999)}) ${int(200, 999)}-${int(1000, 9999)}`]),
    iban,
    int,
  };
}

/** Events with personal data planted in message, fields and nested attrs, among numeric noise. */
function batch(seed: number, n: number): { events: AuditEvent[]; planted: string[] } {
  const g = generators(rng(seed));
  const planted: string[] = [];
  const plant = (v: string): string => (planted.push(v), v);
  const pii = (): string => plant(g.pick([g.email, g.ipv4, g.ipv6, g.card, g.ssn, g.phone, g.iban])());
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    const user = plant(`u${g.word(6)}`);
    const host = plant(`srv-${g.word(5)}`);
    const src = plant(g.ipv4());
    events.push(
      event({
        id: i,
        user,
        host,
        src_ip: src,
        resource: `/home/${user}/report-${g.int(1, 9999)}.pdf`,
        message: `${host} app[${g.int(100, 99999)}]: ${user} from ${src} port ${g.int(1024, 65535)} sent ${g.int(0, 1e9)} bytes; ${pii()} ; ${pii()}`,
        attrs: {
          'userIdentity.userName': user,
          'requestParameters.items': [pii(), { note: `contact ${pii()} ref ${g.int(0, 1e6)}` }],
          'response.bytes': g.int(0, 1e9),
        },
      }),
    );
  }
  return { events, planted };
}

describe('no planted value survives masking', () => {
  it.each(MASK_MODES)('mode %s', (mode) => {
    for (const seed of [1, 2, 3]) {
      const { events, planted } = batch(seed, 150);
      const m = createMasker({ defaultMode: mode, fields: { user: mode, host: mode } });
      const json = JSON.stringify(events.map((e) => m.maskEvent(e)));
      const leaked = planted.filter((v) => json.includes(v));
      expect(leaked, `seed ${seed}`).toEqual([]);
      // The unmasked batch does contain them: the check above is not vacuous.
      const original = JSON.stringify(events);
      expect(planted.every((v) => original.includes(v))).toBe(true);
    }
  });
});
