import type { Db } from '../db/open';
import { entryBytes, ledgerRepo } from '../db/repos/ledger';
import { leafHash, rootFromLeaves } from './merkle';

export interface LedgerProblem {
  seq: number;
  problem: string;
}

export interface LedgerCheck {
  ok: boolean;
  /** Entries in the ledger (the tree size). */
  size: number;
  /** Merkle root (hex) over the leaf hashes recomputed from the entries' contents. */
  root: string;
  problems: LedgerProblem[];
}

/**
 * Recompute every entry's leaf hash from its contents and compare it with the hash stored
 * when it was appended; check the numbering has no gaps. Names each entry that differs.
 * (Against a signed tree head, the root also proves the stored hashes were not rewritten.)
 */
export function checkLedger(db: Db): LedgerCheck {
  const rows = ledgerRepo(db).all();
  const problems: LedgerProblem[] = [];
  const leaves: Buffer[] = [];
  let expected = 1;
  rows.forEach((r) => {
    if (r.seq !== expected) {
      const gap = r.seq - expected === 1 ? `entry ${expected} is` : `entries ${expected} to ${r.seq - 1} are`;
      problems.push({ seq: r.seq, problem: `${gap} missing before entry ${r.seq}` });
    }
    expected = r.seq + 1;
    const leaf = leafHash(entryBytes(r));
    if (leaf.toString('hex') !== r.leaf_hash) problems.push({ seq: r.seq, problem: `entry ${r.seq} (${r.action}) was changed after it was recorded` });
    leaves.push(leaf);
  });
  return { ok: problems.length === 0, size: rows.length, root: rootFromLeaves(leaves).toString('hex'), problems };
}
