import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { writeTransaction, type Db } from '../db/open';
import { canonicalJson, entryBytes, ledgerRepo } from '../db/repos/ledger';
import { fingerprintOf } from '../identity/fingerprint';
import type { IdentitySigner } from '../identity/identity';
import { verifySignature } from '../identity/verify';
import { buildTree, leafHash, rootFromLeaves, treeConsistencyProof, type MerkleTree } from './merkle';

/** What a tree head signature covers, so it cannot be replayed as any other signed message. */
export const TREE_HEAD_CONTEXT = 'sealdesk.tree-head.v1';

const HEX64 = /^[0-9a-f]{64}$/;

/** A signed tree head as stored in the case and carried in bundles (proofs/tree-head.json). */
export const signedTreeHeadSchema = z.strictObject({
  caseId: z.string().min(1),
  size: z.number().int().min(1),
  rootHash: z.string().regex(HEX64),
  timestamp: z.iso.datetime(),
  signer: z.string(),
  keyid: z.string().regex(HEX64),
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: z.string().min(1),
  /** Ed25519 signature over treeHeadMessage(), base64. */
  signature: z.string().min(1),
});
export type SignedTreeHead = z.infer<typeof signedTreeHeadSchema>;

/** The exact bytes signed for a tree head: canonical JSON of the context and the head's facts. */
export function treeHeadMessage(h: Pick<SignedTreeHead, 'caseId' | 'size' | 'rootHash' | 'timestamp'>): Buffer {
  return Buffer.from(canonicalJson({ context: TREE_HEAD_CONTEXT, caseId: h.caseId, size: h.size, rootHash: h.rootHash, timestamp: h.timestamp }), 'utf8');
}

/**
 * Whether the head's signature is valid for the key it names, and the key hashes to its
 * keyid. Trust in that key is a separate question (trust store).
 */
export function treeHeadSignatureProblem(h: SignedTreeHead): string | null {
  const raw = Buffer.from(h.publicKey, 'base64');
  if (raw.length !== 32) return `the signing key is ${raw.length} bytes, an Ed25519 key is 32`;
  if (fingerprintOf(raw) !== h.keyid) return 'the signing key does not match the keyid it is filed under';
  if (!verifySignature(raw, treeHeadMessage(h), Buffer.from(h.signature, 'base64'))) return 'the signature does not verify';
  return null;
}

/** The ledger's leaf hashes recomputed from the entries' contents (never the stored hashes). */
export function ledgerLeaves(db: Db): Buffer[] {
  return ledgerRepo(db)
    .all()
    .map((e) => leafHash(entryBytes(e)));
}

interface HeadRow {
  id: number;
  size: number;
  root_hash: string;
  at: string;
  signer: string;
  keyid: string;
  public_key: string;
  signature: string;
}

const fromRow = (caseId: string, r: HeadRow): SignedTreeHead => ({
  caseId,
  size: r.size,
  rootHash: r.root_hash,
  timestamp: r.at,
  signer: r.signer,
  keyid: r.keyid,
  publicKey: r.public_key,
  signature: r.signature,
});

/** Every tree head issued for the case, oldest first. */
export function treeHeads(db: Db, caseId: string): SignedTreeHead[] {
  return (db.prepare('SELECT * FROM tree_heads ORDER BY id').all() as HeadRow[]).map((r) => fromRow(caseId, r));
}

/**
 * Sign the ledger as it is now. Refuses when the ledger no longer extends the last head (an
 * entry it covered was changed or removed), and the table refuses a head smaller than an
 * earlier one. Returns the head and the tree it was computed from (for proofs).
 */
export function issueTreeHead(db: Db, caseId: string, signer: IdentitySigner): { head: SignedTreeHead; tree: MerkleTree; previous: SignedTreeHead | null } {
  return writeTransaction(db, () => {
    const leaves = ledgerLeaves(db);
    if (leaves.length === 0) throw new AppError('invalid_input', 'The custody ledger is empty: there is nothing to sign.');
    const heads = treeHeads(db, caseId);
    const previous = heads.at(-1) ?? null;
    if (previous) {
      if (leaves.length < previous.size) {
        throw new AppError('invalid_input', `The custody ledger has ${leaves.length} entries, fewer than the ${previous.size} signed on ${previous.timestamp}: entries were removed. Run sealdesk verify on the case.`, { reason: 'ledger_shrank' });
      }
      if (rootFromLeaves(leaves.slice(0, previous.size)).toString('hex') !== previous.rootHash) {
        throw new AppError('invalid_input', `The custody ledger no longer matches the tree head signed on ${previous.timestamp}: entries it covered were changed. Run sealdesk verify on the case.`, { reason: 'ledger_rewritten' });
      }
    }
    const tree = buildTree(leaves);
    const facts = { caseId, size: leaves.length, rootHash: tree.root.toString('hex'), timestamp: new Date().toISOString() };
    const head: SignedTreeHead = {
      ...facts,
      signer: signer.name,
      keyid: signer.keyid,
      publicKey: signer.publicKeyRaw.toString('base64'),
      signature: signer.sign(treeHeadMessage(facts)).toString('base64'),
    };
    db.prepare('INSERT INTO tree_heads (size, root_hash, at, signer, keyid, public_key, signature) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      head.size,
      head.rootHash,
      head.timestamp,
      head.signer,
      head.keyid,
      head.publicKey,
      head.signature,
    );
    return { head, tree, previous };
  })();
}

/** Consistency proof (hex) from an earlier head's size to the tree's size. */
export function consistencyFrom(tree: MerkleTree, oldSize: number): string[] {
  return treeConsistencyProof(tree, oldSize).map((b) => b.toString('hex'));
}
