import type { Db } from '../db/open';
import { rootFromLeaves } from './merkle';

/** Merkle root (hex) over the stored leaf hashes of one import's events, in id order. */
export function importEventsRoot(db: Db, importId: number): { count: number; root: string } {
  // A row without a leaf was not written by an import: it still counts, as an all-zero leaf.
  const leaves = (db.prepare('SELECT leaf FROM events WHERE import_id = ? ORDER BY id').pluck().all(importId) as (Buffer | null)[]).map(
    (l) => l ?? Buffer.alloc(32),
  );
  return { count: leaves.length, root: rootFromLeaves(leaves).toString('hex') };
}
