/**
 * Merkle tree of the custody ledger, exactly as RFC 9162 (Certificate Transparency v2),
 * section 2.1. Pure functions over 32-byte SHA-256 hashes (Buffers).
 *
 *   leaf hash  = SHA-256(0x00 || data)            (RFC 9162 2.1.1)
 *   node hash  = SHA-256(0x01 || left || right)   (RFC 9162 2.1.1)
 *   empty tree = SHA-256("")                      (RFC 9162 2.1.1)
 *
 * Tree shape (RFC 9162 2.1.1): for n > 1 inputs, with k the largest power of two smaller
 * than n, MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 *
 * Callers pass *leaf hashes* (not leaf data), so the hashes can be stored once and reused.
 * Builders throw on invalid arguments (a programming error); verifiers never throw, they
 * return false for anything that does not check out (input from an untrusted bundle).
 *
 * As in RFC 9162, a proof authenticates a leaf or an old root against a root; the tree
 * size is only checked for shape, and some neighbouring sizes share a shape. Take sizes
 * and roots together from a signed tree head.
 */
import * as crypto from 'node:crypto';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// One-shot `crypto.hash` (Node >= 20.12) is about twice as fast as createHash() for 65-byte
// inputs; fall back to createHash() where it is missing.
const sha256: (data: Buffer) => Buffer =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'buffer')
    : (data) => crypto.createHash('sha256').update(data).digest();

// Scratch buffer for interior nodes: 0x01 || left || right. All use is synchronous.
const nodeInput = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);

function isHash(h: unknown): h is Buffer {
  return Buffer.isBuffer(h) && h.length === HASH_SIZE;
}

function assertHash(h: unknown, what: string): asserts h is Buffer {
  if (!isHash(h)) throw new RangeError(`${what} must be a ${HASH_SIZE}-byte Buffer`);
}

function assertLeafHashes(leafHashes: readonly Buffer[]): void {
  if (!Array.isArray(leafHashes)) throw new TypeError('leafHashes must be an array');
  for (let i = 0; i < leafHashes.length; i++) assertHash(leafHashes[i], `leafHashes[${i}]`);
}

let leafScratch = Buffer.allocUnsafe(4096);

/** Node hash without argument checks (hot path). */
function node(left: Buffer, right: Buffer): Buffer {
  nodeInput[0] = NODE_PREFIX;
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

/** RFC 9162 2.1.1: leaf hash = SHA-256(0x00 || data). Strings are encoded as UTF-8. */
export function leafHash(data: Buffer | string): Buffer {
  if (typeof data === 'string') {
    // Hot path (one per imported event): encode straight after the prefix in a reused buffer.
    const need = 1 + Buffer.byteLength(data, 'utf8');
    if (leafScratch.length < need) leafScratch = Buffer.allocUnsafe(Math.max(need, leafScratch.length * 2));
    leafScratch[0] = LEAF_PREFIX;
    leafScratch.write(data, 1, 'utf8');
    return sha256(leafScratch.subarray(0, need));
  }
  const bytes = data;
  if (!Buffer.isBuffer(bytes)) throw new TypeError('leaf data must be a Buffer or a string');
  const input = Buffer.allocUnsafe(1 + bytes.length);
  input[0] = LEAF_PREFIX;
  bytes.copy(input, 1);
  return sha256(input);
}

/** RFC 9162 2.1.1: interior node hash = SHA-256(0x01 || left || right). */
export function nodeHash(l: Buffer, r: Buffer): Buffer {
  assertHash(l, 'left hash');
  assertHash(r, 'right hash');
  return node(l, r);
}

/** Largest power of two strictly smaller than n (n >= 2), the k of RFC 9162 2.1.1. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[start:end]) for already-validated leaf hashes. Iterative, O(end - start) hashes,
 * O(log n) memory: a stack of perfect subtrees, merged as they fill up (their sizes follow
 * the binary digits of the count, largest first), then folded right to left. That fold is
 * exactly the RFC 9162 2.1.1 recursion: the leftmost perfect subtree has size k.
 */
function mth(leaves: readonly Buffer[], start: number, end: number): Buffer {
  if (end <= start) return sha256(Buffer.alloc(0)); // RFC 9162 2.1.1: MTH({}) = HASH().
  const stack: Buffer[] = [];
  for (let i = start; i < end; i++) {
    let h = leaves[i]!;
    // After c leaves, one merge per trailing zero bit of c (c < 2^32: array lengths are).
    for (let c = i - start + 1; (c & 1) === 0; c >>>= 1) h = node(stack.pop()!, h);
    stack.push(h);
  }
  let root = stack.pop()!;
  while (stack.length > 0) root = node(stack.pop()!, root);
  return root;
}

/** RFC 9162 2.1.1 Merkle Tree Hash of a list of leaf hashes. Empty list: SHA-256(""). */
export function rootFromLeaves(leafHashes: Buffer[]): Buffer {
  assertLeafHashes(leafHashes);
  return mth(leafHashes, 0, leafHashes.length);
}

function assertIndex(v: number, what: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

/** MTH of the leaf range [lo, hi) of the tree a proof is built from. */
type RangeHash = (lo: number, hi: number) => Buffer;

/**
 * RFC 9162 2.1.3.1 PATH(m, D[n]), ordered from the leaf's sibling up to the child of the root:
 *   PATH(0, {d(0)}) = {}
 *   m < k:  PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])
 *   m >= k: PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])
 * Iterative: walking down from the root, each step adds one sibling *after* the deeper
 * part of the path, so collect top-down and reverse.
 */
function pathOf(n: number, index: number, rangeHash: RangeHash): Buffer[] {
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = n;
  let m = index;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      topDown.push(rangeHash(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(rangeHash(lo, lo + k));
      lo += k;
      m -= k;
    }
  }
  return topDown.reverse();
}

/**
 * RFC 9162 2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true):
 *   SUBPROOF(m, D[m], true)  = {}
 *   SUBPROOF(m, D[m], false) = {MTH(D[m])}
 *   m <= k: SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
 *   m > k:  SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
 * Iterative, same top-down walk as pathOf.
 */
function subproofOf(n: number, oldSize: number, rangeHash: RangeHash): Buffer[] {
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = n;
  let m = oldSize;
  let b = true;
  while (m < hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      topDown.push(rangeHash(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(rangeHash(lo, lo + k));
      lo += k;
      m -= k;
      b = false;
    }
  }
  const proof = b ? [] : [rangeHash(lo, hi)];
  return proof.concat(topDown.reverse());
}

function assertInclusionArgs(n: number, index: number): void {
  assertIndex(index, 'index');
  if (index >= n) throw new RangeError(`index ${index} is outside a tree of ${n} leaves`);
}

// The RFC defines consistency proofs for 0 < m < n; m == n gives the empty proof (nothing to
// prove), and m == 0 is refused (every tree extends the empty one; there is nothing to show).
function assertConsistencyArgs(n: number, oldSize: number): void {
  assertIndex(oldSize, 'oldSize');
  if (oldSize === 0) throw new RangeError('a consistency proof needs oldSize > 0 (RFC 9162 2.1.4.1)');
  if (oldSize > n) throw new RangeError(`oldSize ${oldSize} is larger than the tree (${n} leaves)`);
}

/**
 * RFC 9162 2.1.3.1: inclusion proof of leaf `index` in the tree of all `leafHashes`.
 * O(n) hashing per call; for many proofs over one tree, use buildTree() + treeInclusionProof().
 */
export function inclusionProof(leafHashes: Buffer[], index: number): Buffer[] {
  assertLeafHashes(leafHashes);
  assertInclusionArgs(leafHashes.length, index);
  return pathOf(leafHashes.length, index, (lo, hi) => mth(leafHashes, lo, hi));
}

/**
 * RFC 9162 2.1.4.1: consistency proof between the tree of the first `oldSize` leaves and
 * the tree of all `leafHashes` (0 < oldSize <= n; oldSize == n gives []).
 * O(n) hashing per call; for many proofs over one tree, use buildTree() + treeConsistencyProof().
 */
export function consistencyProof(leafHashes: Buffer[], oldSize: number): Buffer[] {
  assertLeafHashes(leafHashes);
  assertConsistencyArgs(leafHashes.length, oldSize);
  return subproofOf(leafHashes.length, oldSize, (lo, hi) => mth(leafHashes, lo, hi));
}

/**
 * A whole tree kept in memory, for O(log n) proofs after one O(n) build (e.g. a bundle
 * export with a proof per entry). Level h >= 1 is packed in one Buffer, 32 bytes per node;
 * node j of level h covers leaves [j * 2^h, min((j + 1) * 2^h, size)), and a node with no
 * right child is its left child carried up unchanged. That is the RFC 9162 2.1.1 shape, and
 * every MTH a proof needs is one of these nodes. About 32 bytes per leaf on top of the leaves.
 */
export interface MerkleTree {
  readonly size: number;
  readonly root: Buffer;
  readonly leaves: readonly Buffer[];
  /** levels[h - 1] holds the nodes of level h (h >= 1), packed. */
  readonly levels: readonly Buffer[];
}

export function buildTree(leafHashes: Buffer[]): MerkleTree {
  assertLeafHashes(leafHashes);
  const leaves = leafHashes.slice();
  const levels: Buffer[] = [];
  let below = (j: number): Buffer => leaves[j]!;
  let count = leaves.length;
  while (count > 1) {
    const up = Math.ceil(count / 2);
    const level = Buffer.allocUnsafe(up * HASH_SIZE);
    for (let j = 0; j < up; j++) {
      const h = 2 * j + 1 < count ? node(below(2 * j), below(2 * j + 1)) : below(2 * j);
      h.copy(level, j * HASH_SIZE);
    }
    levels.push(level);
    below = (j) => level.subarray(j * HASH_SIZE, (j + 1) * HASH_SIZE);
    count = up;
  }
  const root = leaves.length === 0 ? mth(leaves, 0, 0) : Buffer.from(below(0));
  return { size: leaves.length, root, leaves, levels };
}

/** The node covering leaves [lo, hi): a perfect subtree or the right edge of the tree. */
function treeRangeHash(tree: MerkleTree): RangeHash {
  return (lo, hi) => {
    let h = 0;
    while (2 ** h < hi - lo) h++;
    const j = lo / 2 ** h;
    if (h === 0) return Buffer.from(tree.leaves[j]!);
    return Buffer.from(tree.levels[h - 1]!.subarray(j * HASH_SIZE, (j + 1) * HASH_SIZE));
  };
}

/** Same result as inclusionProof(tree.leaves, index), in O(log n). */
export function treeInclusionProof(tree: MerkleTree, index: number): Buffer[] {
  assertInclusionArgs(tree.size, index);
  return pathOf(tree.size, index, treeRangeHash(tree));
}

/** Same result as consistencyProof(tree.leaves, oldSize), in O(log n). */
export function treeConsistencyProof(tree: MerkleTree, oldSize: number): Buffer[] {
  assertConsistencyArgs(tree.size, oldSize);
  return subproofOf(tree.size, oldSize, treeRangeHash(tree));
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isProof(proof: unknown): proof is Buffer[] {
  return Array.isArray(proof) && proof.every(isHash);
}

// Bit operations on JS numbers are 32-bit; these keep tree sizes exact up to 2^53.
const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
function isPowerOfTwo(x: number): boolean {
  while (x > 1 && !lsb(x)) x = half(x);
  return x === 1;
}

/**
 * RFC 9162 2.1.3.2: verify that `leafHash` is leaf number `index` of the tree of size
 * `treeSize` whose root is `root`, using `proof` (from inclusionProof). Never throws.
 */
export function verifyInclusion(leafHash: Buffer, index: number, treeSize: number, proof: Buffer[], root: Buffer): boolean {
  if (!isHash(leafHash) || !isHash(root) || !isProof(proof) || !isSize(index) || !isSize(treeSize)) return false;
  // 1. leaf_index must be smaller than tree_size.
  if (index >= treeSize) return false;
  // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  // 4. For each p in the path:
  for (const p of proof) {
    // a. A proof longer than the tree is high fails.
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      // b. p is a left sibling; skip levels where this subtree has no right sibling.
      r = node(p, r);
      // If LSB(fn) is not set, shift right until it is or fn is 0.
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      // c. p is a right sibling.
      r = node(r, p);
    }
    // d.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. The path must have reached the root, and give the expected hash.
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 2.1.4.2: verify that the tree of size `newSize` with root `newRoot` extends the
 * tree of size `oldSize` with root `oldRoot`, using `proof` (from consistencyProof).
 * oldSize == newSize holds iff the roots are equal and the proof is empty; oldSize == 0 is
 * rejected (see consistencyProof). Never throws.
 */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Buffer, newRoot: Buffer, proof: Buffer[]): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || !isHash(oldRoot) || !isHash(newRoot) || !isProof(proof)) return false;
  if (oldSize === 0 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  // 1. An empty path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of two, prepend first_hash to the path.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // 3. fn = first - 1, sn = second - 1.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // 4. If LSB(fn) is set, shift fn and sn right until it is not.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = path[0].
  let fr = path[0]!;
  let sr = path[0]!;
  // 6. For each subsequent c in the path:
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    // a. A proof longer than the tree is high fails.
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      // b. c is a left sibling of both paths.
      fr = node(c, fr);
      sr = node(c, sr);
      // If LSB(fn) is not set, shift right until it is or fn is 0.
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      // c. c is a right sibling, in the new tree only.
      sr = node(sr, c);
    }
    // d.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. Both roots must be reproduced, and the path must have reached the new root.
  return fr.equals(oldRoot) && sr.equals(newRoot) && sn === 0;
}

/**
 * Index of the first leaf where `actual` departs from `expected`, or null when the two
 * lists are identical. A common prefix followed by a length difference gives the length
 * of the shorter list (leaves appended or removed at the end). Use describeDifference()
 * to name the kind of change.
 */
export function firstDifference(expected: Buffer[], actual: Buffer[]): number | null {
  const common = Math.min(expected.length, actual.length);
  for (let i = 0; i < common; i++) {
    if (!expected[i]!.equals(actual[i]!)) return i;
  }
  return expected.length === actual.length ? null : common;
}

export type LeafChange =
  | 'changed' // leaf at index differs, the rest lines up
  | 'removed' // leaf at index is missing from actual, the rest lines up (shifted)
  | 'inserted' // actual has an extra leaf at index, the rest lines up (shifted)
  | 'reordered' // same multiset of leaves from index on, in another order
  | 'appended' // actual is expected plus leaves at the end
  | 'truncated' // actual is a prefix of expected
  | 'diverged'; // none of the above (several edits)

export interface LeafDifference {
  index: number;
  change: LeafChange;
}

/**
 * First difference between two leaf lists, with a best-effort name for it: a single
 * changed, removed or inserted leaf, a permutation, leaves appended or cut at the end,
 * or several edits ('diverged'). Null when identical.
 */
export function describeDifference(expected: Buffer[], actual: Buffer[]): LeafDifference | null {
  const index = firstDifference(expected, actual);
  if (index === null) return null;
  if (index === expected.length) return { index, change: 'appended' };
  if (index === actual.length) return { index, change: 'truncated' };
  const sameTail = (e: number, a: number): boolean => {
    if (expected.length - e !== actual.length - a) return false;
    for (let i = e, j = a; i < expected.length; i++, j++) if (!expected[i]!.equals(actual[j]!)) return false;
    return true;
  };
  if (sameTail(index + 1, index + 1)) return { index, change: 'changed' };
  if (sameTail(index + 1, index)) return { index, change: 'removed' };
  if (sameTail(index, index + 1)) return { index, change: 'inserted' };
  if (expected.length === actual.length) {
    const count = new Map<string, number>();
    for (let i = index; i < expected.length; i++) {
      const k = expected[i]!.toString('hex');
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    let permutation = true;
    for (let i = index; i < actual.length && permutation; i++) {
      const k = actual[i]!.toString('hex');
      const c = count.get(k) ?? 0;
      if (c === 0) permutation = false;
      else count.set(k, c - 1);
    }
    if (permutation) return { index, change: 'reordered' };
  }
  return { index, change: 'diverged' };
}
