import { createHash } from 'node:crypto';
import { nodeHash } from './merkle';

/**
 * The RFC 9162 tree root of leaves fed one at a time, in O(log n) memory: a large import's
 * leaves are never held in memory together. The tree is a row of perfect subtrees of
 * decreasing size (the binary digits of n); folding them right to left gives MTH.
 */
export class RootBuilder {
  private readonly stack: { hash: Buffer; size: number }[] = [];
  private count = 0;

  add(leaf: Buffer): void {
    let node = { hash: leaf, size: 1 };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { hash: nodeHash(left.hash, node.hash), size: left.size * 2 };
    }
    this.stack.push(node);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  root(): Buffer {
    if (this.stack.length === 0) return createHash('sha256').digest(); // MTH({}) = HASH()
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i]!.hash, acc);
    return acc;
  }
}
