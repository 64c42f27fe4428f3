import { describe, expect, it } from 'vitest';
import { KnownValues } from '../../../electron/engine/export/mask/known-values';

const hits = (k: KnownValues<string>, text: string): string[] => k.find(text).map((h) => `${h.payload}:${text.slice(h.start, h.end)}`);

describe('KnownValues', () => {
  it('matches whole words, ignoring case, longest value first', () => {
    const k = new KnownValues<string>();
    k.add('alice', 'a');
    k.add('alice.admin', 'aa');
    k.add('Alice', 'ignored duplicate');
    expect(hits(k, 'ALICE then alice.admin, malice, alice_2, alice2 and alice.')).toEqual(['a:ALICE', 'aa:alice.admin', 'a:alice']);
  });

  it('finds values that start or end with punctuation and values with spaces', () => {
    const k = new KnownValues<string>();
    k.add('/srv/app', 'p');
    k.add('CORP\\bob', 'd');
    k.add('John Smith', 'n');
    expect(hits(k, 'cd /srv/app/x; login corp\\bob by john smith')).toEqual(['d:corp\\bob', 'n:john smith', 'p:/srv/app']);
  });

  it('stays fast with many values', () => {
    const k = new KnownValues<number>();
    for (let i = 0; i < 50_000; i++) k.add(`user${i}`, i);
    const line = 'session opened for user49999 by user7 (uid=0) from host user123x';
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) k.find(line);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(hits(k as unknown as KnownValues<string>, line)).toEqual(['49999:user49999', '7:user7']);
  });
});
