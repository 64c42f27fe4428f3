import type { Db } from '../db/open';
import { RootBuilder } from './merkle-stream';

const ZERO_LEAF = Buffer.alloc(32);

/** Merkle root (hex) over the stored leaf hashes of one import's events, in id order. */
export function importEventsRoot(db: Db, importId: number): { count: number; root: string } {
  const tree = new RootBuilder();
  // Streamed: memory stays flat however many events the import wrote. A row without a
  // leaf was not written by an import: it still counts, as an all-zero leaf.
  for (const leaf of db.prepare('SELECT leaf FROM events WHERE import_id = ? ORDER BY id').pluck().iterate(importId) as Iterable<Buffer | null>) {
    tree.add(leaf ?? ZERO_LEAF);
  }
  return { count: tree.size, root: tree.root().toString('hex') };
}
