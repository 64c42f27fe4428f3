import { prng as projectPrng } from '../../../electron/engine/sample/prng';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  HASH_SIZE,
  buildTree,
  consistencyProof,
  describeDifference,
  firstDifference,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromLeaves,
  treeConsistencyProof,
  treeInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../../electron/engine/ledger/merkle';

// ---------------------------------------------------------------------------------------
// Independent reference, written straight from the RFC 9162 definitions (recursive, slices,
// createHash) so it shares no code with the implementation under test.
// ---------------------------------------------------------------------------------------
const H = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const refLeaf = (d: Buffer): Buffer => H(Buffer.of(0), d);
const refNode = (l: Buffer, r: Buffer): Buffer => H(Buffer.of(1), l, r);
/** k: the largest power of two smaller than n (n > 1). */
const refK = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);

/** RFC 9162 2.1.1 MTH. D holds leaf hashes. */
function refMth(D: Buffer[]): Buffer {
  const n = D.length;
  if (n === 0) return H();
  if (n === 1) return D[0]!;
  const k = refK(n);
  return refNode(refMth(D.slice(0, k)), refMth(D.slice(k)));
}

/** RFC 9162 2.1.3.1 PATH(m, D[n]). */
function refPath(m: number, D: Buffer[]): Buffer[] {
  const n = D.length;
  if (n === 1) return [];
  const k = refK(n);
  return m < k ? [...refPath(m, D.slice(0, k)), refMth(D.slice(k))] : [...refPath(m - k, D.slice(k)), refMth(D.slice(0, k))];
}

/** RFC 9162 2.1.4.1 SUBPROOF(m, D[n], b). */
function refSubproof(m: number, D: Buffer[], b: boolean): Buffer[] {
  const n = D.length;
  if (m === n) return b ? [] : [refMth(D)];
  const k = refK(n);
  return m <= k
    ? [...refSubproof(m, D.slice(0, k), b), refMth(D.slice(k))]
    : [...refSubproof(m - k, D.slice(k), false), refMth(D.slice(0, k))];
}

// The project's deterministic PRNG (mulberry32), as a bare number source.
const rng = (seed: number): (() => number) => projectPrng(seed).next;

const makeLeaves = (n: number, tag = 'entry'): Buffer[] => Array.from({ length: n }, (_, i) => leafHash(`${tag}-${i}`));
const hex = (b: Buffer): string => b.toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');
const flip = (b: Buffer, bit = 0): Buffer => {
  const c = Buffer.from(b);
  c[0]! ^= 1 << bit;
  return c;
};

const LEAVES40 = makeLeaves(40);
const ROOTS40 = Array.from({ length: 41 }, (_, n) => refMth(LEAVES40.slice(0, n)));

// ---------------------------------------------------------------------------------------
// Published known answers: the RFC 6962 / RFC 9162 test vectors used by Certificate
// Transparency and Trillian, as kept in github.com/transparency-dev/merkle
// proof/verify_test.go (commit 02194e9afb6c1d95b5381350007963aa70fff472), variables
// `leaves`, `roots`, `inclusionProofs`, `consistencyProofs`. Their leaf indices are
// 1-based; converted to 0-based below.
// ---------------------------------------------------------------------------------------
const CT_LEAF_DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
]; // CT_ROOTS[n - 1] is the root of the first n leaves.
const CT_INCLUSION: { index: number; size: number; proof: string[] }[] = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CT_CONSISTENCY: { oldSize: number; newSize: number; proof: string[] }[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

describe('merkle: published RFC 6962/9162 test vectors (transparency-dev/merkle)', () => {
  const ct = CT_LEAF_DATA.map((d) => leafHash(d));

  it('empty tree hash is SHA-256 of the empty string', () => {
    expect(hex(rootFromLeaves([]))).toBe(CT_EMPTY_ROOT);
  });

  it.each(CT_ROOTS.map((root, i) => ({ size: i + 1, root })))('root of the first $size leaves', ({ size, root }) => {
    expect(hex(rootFromLeaves(ct.slice(0, size)))).toBe(root);
  });

  it.each(CT_INCLUSION)('inclusion proof of leaf $index in size $size', ({ index, size, proof }) => {
    expect(inclusionProof(ct.slice(0, size), index).map(hex)).toEqual(proof);
    expect(verifyInclusion(ct[index]!, index, size, proof.map(unhex), unhex(CT_ROOTS[size - 1]!))).toBe(true);
  });

  it.each(CT_CONSISTENCY)('consistency proof $oldSize -> $newSize', ({ oldSize, newSize, proof }) => {
    expect(consistencyProof(ct.slice(0, newSize), oldSize).map(hex)).toEqual(proof);
    expect(verifyConsistency(oldSize, newSize, unhex(CT_ROOTS[oldSize - 1]!), unhex(CT_ROOTS[newSize - 1]!), proof.map(unhex))).toBe(true);
  });
});

describe('merkle: hashing primitives', () => {
  it('leafHash prefixes 0x00 and encodes strings as UTF-8', () => {
    expect(leafHash('päss')).toEqual(refLeaf(Buffer.from('päss', 'utf8')));
    expect(leafHash(Buffer.from('päss'))).toEqual(leafHash('päss'));
    expect(leafHash(Buffer.alloc(0))).toEqual(H(Buffer.of(0)));
    expect(leafHash('x')).toHaveLength(HASH_SIZE);
  });

  it('nodeHash prefixes 0x01 and refuses non-hash inputs', () => {
    const [a, b] = makeLeaves(2) as [Buffer, Buffer];
    expect(nodeHash(a, b)).toEqual(refNode(a, b));
    expect(nodeHash(a, b)).not.toEqual(nodeHash(b, a));
    expect(() => nodeHash(a, Buffer.alloc(31))).toThrow(RangeError);
  });

  it('a leaf hash and a node hash of the same bytes differ (second-preimage separation)', () => {
    const [a, b] = makeLeaves(2) as [Buffer, Buffer];
    expect(leafHash(Buffer.concat([a, b]))).not.toEqual(nodeHash(a, b));
  });
});

describe('merkle: rootFromLeaves against the recursive RFC definition', () => {
  it.each(Array.from({ length: 65 }, (_, n) => n))('size %i', (n) => {
    const leaves = makeLeaves(n, 'r');
    expect(rootFromLeaves(leaves)).toEqual(refMth(leaves));
  });

  const r = rng(9162);
  const sizes = [127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 4097, ...Array.from({ length: 8 }, () => 65 + Math.floor(r() * 5000))];
  it.each(sizes)('size %i', (n) => {
    const leaves = Array.from({ length: n }, () => leafHash(Buffer.from([r() * 256, r() * 256, r() * 256].map(Math.floor))));
    expect(rootFromLeaves(leaves)).toEqual(refMth(leaves));
  });

  it('does not modify its input and refuses malformed leaf hashes', () => {
    const leaves = makeLeaves(5);
    const copy = leaves.map((b) => Buffer.from(b));
    rootFromLeaves(leaves);
    expect(leaves).toEqual(copy);
    expect(() => rootFromLeaves([...leaves, Buffer.alloc(33)])).toThrow(/leafHashes\[5\]/);
    expect(() => rootFromLeaves(['ab' as unknown as Buffer])).toThrow(RangeError);
  });

  it('handles 1,000,000 leaves iteratively (timing logged)', () => {
    const n = 1_000_000;
    const leaves = new Array<Buffer>(n);
    for (let i = 0; i < n; i++) leaves[i] = leafHash(`ledger-entry-${i}`);
    const t0 = performance.now();
    const root = rootFromLeaves(leaves);
    const ms = performance.now() - t0;
    console.log(`[merkle] rootFromLeaves(1,000,000 leaves): ${ms.toFixed(0)} ms`);
    // Independent check by the recursive reference on index ranges (depth ~20).
    const mthRange = (lo: number, hi: number): Buffer => {
      if (hi - lo === 1) return leaves[lo]!;
      const k = refK(hi - lo);
      return refNode(mthRange(lo, lo + k), mthRange(lo + k, hi));
    };
    expect(root).toEqual(mthRange(0, n));
    const t1 = performance.now();
    const proof = inclusionProof(leaves, 765_432);
    const cons = consistencyProof(leaves, 654_321);
    console.log(`[merkle] inclusionProof + consistencyProof at 1,000,000 leaves: ${(performance.now() - t1).toFixed(0)} ms`);
    expect(verifyInclusion(leaves[765_432]!, 765_432, n, proof, root)).toBe(true);
    expect(verifyConsistency(654_321, n, rootFromLeaves(leaves.slice(0, 654_321)), root, cons)).toBe(true);
    const t2 = performance.now();
    const tree = buildTree(leaves);
    const t3 = performance.now();
    for (let i = 0; i < 1000; i++) treeInclusionProof(tree, (i * 997) % n);
    console.log(`[merkle] buildTree(1,000,000 leaves): ${(t3 - t2).toFixed(0)} ms; 1,000 treeInclusionProof: ${(performance.now() - t3).toFixed(0)} ms`);
    expect(tree.root).toEqual(root);
    expect(treeInclusionProof(tree, 765_432)).toEqual(proof);
    expect(treeConsistencyProof(tree, 654_321)).toEqual(cons);
  }, 180_000);
});

describe('merkle: inclusion proofs (RFC 9162 2.1.3)', () => {
  const cases = Array.from({ length: 40 }, (_, i) => i + 1).flatMap((n) => Array.from({ length: n }, (_, index) => ({ n, index })));

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('every index of size %i: equals the RFC PATH and verifies', (n) => {
    const leaves = LEAVES40.slice(0, n);
    for (let index = 0; index < n; index++) {
      const proof = inclusionProof(leaves, index);
      expect(proof, `index ${index}`).toEqual(refPath(index, leaves));
      expect(verifyInclusion(leaves[index]!, index, n, proof, ROOTS40[n]!), `index ${index}`).toBe(true);
    }
  });

  it('fails for a wrong index, leaf, root, truncated/extended/altered proof, or another size', () => {
    let checked = 0;
    for (const { n, index } of cases) {
      const leaves = LEAVES40.slice(0, n);
      const root = ROOTS40[n]!;
      const leaf = leaves[index]!;
      const proof = inclusionProof(leaves, index);
      const bad: [string, boolean][] = [
        ['wrong leaf', verifyInclusion(LEAVES40[(index + 1) % 40]!, index, n, proof, root)],
        ['flipped leaf', verifyInclusion(flip(leaf), index, n, proof, root)],
        ['flipped root', verifyInclusion(leaf, index, n, proof, flip(root))],
        ['index = size', verifyInclusion(leaf, n, n, proof, root)],
        ['size 0', verifyInclusion(leaf, index, 0, proof, root)],
        ['trailing element', verifyInclusion(leaf, index, n, [...proof, root], root)],
        ['preceding element', verifyInclusion(leaf, index, n, [root, ...proof], root)],
      ];
      if (n > 1) {
        // A different index: the leaf is only ever valid at its own position.
        for (const other of [index - 1, index + 1, index ^ 2]) {
          if (other >= 0 && other < n && other !== index) bad.push([`index ${other}`, verifyInclusion(leaf, other, n, proof, root)]);
        }
        bad.push(['truncated', verifyInclusion(leaf, index, n, proof.slice(0, -1), root)]);
        bad.push(['empty proof', verifyInclusion(leaf, index, n, [], root)]);
        proof.forEach((_, i) => bad.push([`flipped proof[${i}]`, verifyInclusion(leaf, index, n, proof.map((p, j) => (j === i ? flip(p, 3) : p)), root)]));
      }
      // The proof of the same leaf in a tree of another size, against this tree's root.
      for (let m = index + 1; m <= 40; m++) {
        if (m !== n) bad.push([`proof from size ${m}`, verifyInclusion(leaf, index, n, inclusionProof(LEAVES40.slice(0, m), index), root)]);
      }
      for (const [what, ok] of bad) {
        expect(ok, `size ${n}, index ${index}: ${what}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('inclusionProof refuses an index outside the tree', () => {
    expect(() => inclusionProof(LEAVES40.slice(0, 3), 3)).toThrow(RangeError);
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
    expect(() => inclusionProof(LEAVES40, -1)).toThrow(RangeError);
    expect(() => inclusionProof(LEAVES40, 1.5)).toThrow(RangeError);
  });

  it('verifyInclusion returns false (never throws) on malformed input', () => {
    const proof = inclusionProof(LEAVES40, 7);
    const root = ROOTS40[40]!;
    const leaf = LEAVES40[7]!;
    expect(verifyInclusion(leaf, 7, 40, proof, root)).toBe(true);
    const inputs: [Buffer, number, number, Buffer[], Buffer][] = [
      [leaf, -1, 40, proof, root],
      [leaf, 7.5, 40, proof, root],
      [leaf, Number.NaN, 40, proof, root],
      [leaf, 7, Number.POSITIVE_INFINITY, proof, root],
      [leaf.subarray(0, 31), 7, 40, proof, root],
      [leaf, 7, 40, proof, root.subarray(0, 31)],
      [leaf, 7, 40, [...proof.slice(0, -1), Buffer.alloc(0)], root],
      [leaf, 7, 40, [...proof.slice(0, -1), 'x' as unknown as Buffer], root],
      [leaf, 7, 40, null as unknown as Buffer[], root],
    ];
    for (const args of inputs) expect(verifyInclusion(...args)).toBe(false);
  });

  it('a single-leaf tree: root == leaf hash, empty proof', () => {
    const [leaf] = makeLeaves(1) as [Buffer];
    expect(rootFromLeaves([leaf])).toEqual(leaf);
    expect(inclusionProof([leaf], 0)).toEqual([]);
    expect(verifyInclusion(leaf, 0, 1, [], leaf)).toBe(true);
    expect(verifyInclusion(leaf, 0, 1, [leaf], leaf)).toBe(false);
  });
});

describe('merkle: consistency proofs (RFC 9162 2.1.4)', () => {
  const pairs = Array.from({ length: 40 }, (_, i) => i + 1).flatMap((n) => Array.from({ length: n }, (_, i) => ({ m: i + 1, n })));

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('every 1 <= m <= n for n = %i: equals the RFC SUBPROOF and verifies', (n) => {
    const leaves = LEAVES40.slice(0, n);
    for (let m = 1; m <= n; m++) {
      const proof = consistencyProof(leaves, m);
      expect(proof, `m ${m}`).toEqual(refSubproof(m, leaves, true));
      expect(verifyConsistency(m, n, ROOTS40[m]!, ROOTS40[n]!, proof), `m ${m}`).toBe(true);
    }
  });

  it('fails when either root is altered, the proof is tampered with, or the sizes are wrong', () => {
    let checked = 0;
    for (const { m, n } of pairs) {
      const proof = consistencyProof(LEAVES40.slice(0, n), m);
      const oldRoot = ROOTS40[m]!;
      const newRoot = ROOTS40[n]!;
      const bad: [string, boolean][] = [
        ['flipped old root', verifyConsistency(m, n, flip(oldRoot), newRoot, proof)],
        ['flipped new root', verifyConsistency(m, n, oldRoot, flip(newRoot), proof)],
        ['trailing element', verifyConsistency(m, n, oldRoot, newRoot, [...proof, newRoot])],
        ['preceding element', verifyConsistency(m, n, oldRoot, newRoot, [oldRoot, ...proof])],
        ['old size 0', verifyConsistency(0, n, oldRoot, newRoot, proof)],
        ['old size > new size', verifyConsistency(n + 1, n, oldRoot, newRoot, proof)],
      ];
      if (m < n) {
        bad.push(['swapped roots', verifyConsistency(m, n, newRoot, oldRoot, proof)]);
        bad.push(['empty proof', verifyConsistency(m, n, oldRoot, newRoot, [])]);
        bad.push(['truncated', verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1))]);
        bad.push(['old root of another size', verifyConsistency(m, n, ROOTS40[m === 1 ? 2 : m - 1]!, newRoot, proof)]);
        bad.push(['new root of another size', verifyConsistency(m, n, oldRoot, ROOTS40[n === 40 ? 39 : n + 1]!, proof)]);
        if (m > 1) bad.push(['claimed m - 1', verifyConsistency(m - 1, n, oldRoot, newRoot, proof)]);
        if (m + 1 < n) bad.push(['claimed m + 1', verifyConsistency(m + 1, n, oldRoot, newRoot, proof)]);
        if (n < 40) bad.push(['claimed 2n', verifyConsistency(m, 2 * n, oldRoot, newRoot, proof)]);
        proof.forEach((_, i) => bad.push([`flipped proof[${i}]`, verifyConsistency(m, n, oldRoot, newRoot, proof.map((p, j) => (j === i ? flip(p, 4) : p)))]));
      }
      // The tree was rewritten: leaf (m - 1) changed, then re-extended to n.
      const forged = LEAVES40.slice(0, n).map((l, i) => (i === m - 1 ? flip(l) : l));
      bad.push(['rewritten history', verifyConsistency(m, n, oldRoot, rootFromLeaves(forged), consistencyProof(forged, m))]);
      for (const [what, ok] of bad) {
        expect(ok, `m ${m}, n ${n}: ${what}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it('the sizes are authenticated by the signed tree head, not by the proof alone', () => {
    // RFC 9162 verification checks the path shape against the sizes; some neighbouring sizes
    // share a shape, so a genuine (root, proof) pair can also pass under a wrong size
    // claim. Callers must take sizes and roots together from a signed tree head.
    const p13 = consistencyProof(LEAVES40.slice(0, 3), 1);
    expect(verifyConsistency(1, 4, ROOTS40[1]!, ROOTS40[3]!, p13)).toBe(true);
    const i03 = inclusionProof(LEAVES40.slice(0, 3), 0);
    expect(verifyInclusion(LEAVES40[0]!, 0, 4, i03, ROOTS40[3]!)).toBe(true);
    // ...but never with the root that actually belongs to the claimed size.
    expect(verifyConsistency(1, 4, ROOTS40[1]!, ROOTS40[4]!, p13)).toBe(false);
    expect(verifyInclusion(LEAVES40[0]!, 0, 4, i03, ROOTS40[4]!)).toBe(false);
  });

  it('m == n: holds only for equal roots and an empty proof', () => {
    const root = ROOTS40[17]!;
    expect(consistencyProof(LEAVES40.slice(0, 17), 17)).toEqual([]);
    expect(verifyConsistency(17, 17, root, root, [])).toBe(true);
    expect(verifyConsistency(17, 17, root, ROOTS40[16]!, [])).toBe(false);
    expect(verifyConsistency(17, 17, root, root, [root])).toBe(false);
  });

  it('m == 0 is rejected, as is m > n', () => {
    expect(() => consistencyProof(LEAVES40, 0)).toThrow(RangeError);
    expect(() => consistencyProof(LEAVES40.slice(0, 3), 4)).toThrow(RangeError);
    expect(() => consistencyProof(LEAVES40, -2)).toThrow(RangeError);
    const empty = rootFromLeaves([]);
    expect(verifyConsistency(0, 0, empty, empty, [])).toBe(false);
    expect(verifyConsistency(0, 5, empty, ROOTS40[5]!, [])).toBe(false);
  });

  it('verifyConsistency returns false (never throws) on malformed input', () => {
    const proof = consistencyProof(LEAVES40.slice(0, 30), 11);
    const ok: [number, number, Buffer, Buffer, Buffer[]] = [11, 30, ROOTS40[11]!, ROOTS40[30]!, proof];
    expect(verifyConsistency(...ok)).toBe(true);
    expect(verifyConsistency(11.5, 30, ok[2], ok[3], proof)).toBe(false);
    expect(verifyConsistency(11, Number.NaN, ok[2], ok[3], proof)).toBe(false);
    expect(verifyConsistency(11, 30, Buffer.alloc(0), ok[3], proof)).toBe(false);
    expect(verifyConsistency(11, 30, ok[2], ok[3], [...proof.slice(1), Buffer.alloc(5)])).toBe(false);
    expect(verifyConsistency(11, 30, ok[2], ok[3], undefined as unknown as Buffer[])).toBe(false);
  });
});

describe('merkle: precomputed tree (buildTree) gives the same proofs in O(log n)', () => {
  it.each(Array.from({ length: 41 }, (_, n) => n))('size %i: root, every inclusion and consistency proof', (n) => {
    const leaves = LEAVES40.slice(0, n);
    const tree = buildTree(leaves);
    expect(tree.size).toBe(n);
    expect(tree.root).toEqual(ROOTS40[n]);
    for (let i = 0; i < n; i++) expect(treeInclusionProof(tree, i), `index ${i}`).toEqual(inclusionProof(leaves, i));
    for (let m = 1; m <= n; m++) expect(treeConsistencyProof(tree, m), `m ${m}`).toEqual(consistencyProof(leaves, m));
  });

  it('random larger sizes agree with the pure functions', () => {
    const r = rng(6962);
    for (const n of [1000, 1025, 2 + Math.floor(r() * 3000)]) {
      const leaves = makeLeaves(n, `t${n}`);
      const tree = buildTree(leaves);
      expect(tree.root).toEqual(rootFromLeaves(leaves));
      for (let t = 0; t < 10; t++) {
        const i = Math.floor(r() * n);
        const m = 1 + Math.floor(r() * n);
        expect(treeInclusionProof(tree, i)).toEqual(inclusionProof(leaves, i));
        expect(treeConsistencyProof(tree, m)).toEqual(consistencyProof(leaves, m));
      }
    }
  });

  it('is not affected by later changes to the caller\'s array or to returned proofs', () => {
    const leaves = makeLeaves(9);
    const tree = buildTree(leaves);
    leaves[3] = leafHash('changed');
    const proof = treeInclusionProof(tree, 2);
    proof[0]![0]! ^= 0xff;
    expect(treeInclusionProof(tree, 2)).toEqual(inclusionProof(makeLeaves(9), 2));
  });

  it('refuses out-of-range arguments like the pure functions', () => {
    const tree = buildTree(LEAVES40.slice(0, 5));
    expect(buildTree([]).root).toEqual(rootFromLeaves([]));
    expect(() => treeInclusionProof(buildTree([]), 0)).toThrow(RangeError);
    expect(() => treeInclusionProof(tree, 5)).toThrow(RangeError);
    expect(() => treeConsistencyProof(tree, 0)).toThrow(RangeError);
    expect(() => treeConsistencyProof(tree, 6)).toThrow(RangeError);
    expect(() => buildTree([Buffer.alloc(3)])).toThrow(RangeError);
  });
});

describe('merkle: naming the first difference', () => {
  const L = makeLeaves(8, 'd');
  const [a, b, c, d, e, f, g, h] = L as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const x = leafHash('forged');
  const table: { name: string; actual: Buffer[]; index: number | null; change: string | null }[] = [
    { name: 'identical', actual: [a, b, c, d, e, f, g, h], index: null, change: null },
    { name: 'changed', actual: [a, b, c, x, e, f, g, h], index: 3, change: 'changed' },
    { name: 'changed first', actual: [x, b, c, d, e, f, g, h], index: 0, change: 'changed' },
    { name: 'changed last', actual: [a, b, c, d, e, f, g, x], index: 7, change: 'changed' },
    { name: 'removed', actual: [a, b, d, e, f, g, h], index: 2, change: 'removed' },
    { name: 'inserted', actual: [a, b, c, d, x, e, f, g, h], index: 4, change: 'inserted' },
    { name: 'reordered (swap)', actual: [a, b, c, d, f, e, g, h], index: 4, change: 'reordered' },
    { name: 'reordered (rotation)', actual: [a, c, d, e, f, g, h, b], index: 1, change: 'reordered' },
    { name: 'appended', actual: [a, b, c, d, e, f, g, h, x], index: 8, change: 'appended' },
    { name: 'truncated', actual: [a, b, c, d, e], index: 5, change: 'truncated' },
    { name: 'diverged', actual: [a, x, c, x, e, f, g, h], index: 1, change: 'diverged' },
    { name: 'everything removed', actual: [], index: 0, change: 'truncated' },
  ];

  it.each(table)('$name', ({ actual, index, change }) => {
    expect(firstDifference(L, actual)).toBe(index);
    const described = describeDifference(L, actual);
    expect(described).toEqual(index === null ? null : { index, change });
  });

  it('firstDifference compares contents, not identity', () => {
    expect(firstDifference(L, L.map((l) => Buffer.from(l)))).toBeNull();
    expect(firstDifference([], [])).toBeNull();
    expect(firstDifference([], [a])).toBe(0);
  });

  it('the differing index is exactly where the inclusion proof of the expected leaf stops verifying', () => {
    const actual = [a, b, c, d, x, f, g, h];
    const root = rootFromLeaves(actual);
    const at = firstDifference(L, actual)!;
    expect(verifyInclusion(L[at]!, at, 8, inclusionProof(L, at), root)).toBe(false);
    expect(verifyInclusion(actual[at - 1]!, at - 1, 8, inclusionProof(actual, at - 1), root)).toBe(true);
  });
});
