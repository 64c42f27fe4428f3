import { describe, expect, it } from 'vitest';
import { leafHash, rootFromLeaves } from '../../../electron/engine/ledger/merkle';
import { RootBuilder } from '../../../electron/engine/ledger/merkle-stream';

describe('streamed Merkle root', () => {
  it('equals the RFC 9162 root for every size from 0 to 300 and some larger ones', () => {
    for (const n of [...Array.from({ length: 301 }, (_, i) => i), 1023, 1024, 1025, 4097]) {
      const leaves = Array.from({ length: n }, (_, i) => leafHash(`leaf ${i}`));
      const b = new RootBuilder();
      for (const l of leaves) b.add(l);
      expect(b.size).toBe(n);
      expect(b.root().equals(rootFromLeaves(leaves)), `size ${n}`).toBe(true);
    }
  });

  it('changes when any leaf changes or two leaves swap', () => {
    const leaves = Array.from({ length: 37 }, (_, i) => leafHash(`e${i}`));
    const root = (ls: Buffer[]) => {
      const b = new RootBuilder();
      for (const l of ls) b.add(l);
      return b.root().toString('hex');
    };
    const base = root(leaves);
    const swapped = [...leaves];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(root(swapped)).not.toBe(base);
    const edited = [...leaves];
    edited[36] = leafHash('forged');
    expect(root(edited)).not.toBe(base);
  });
});
