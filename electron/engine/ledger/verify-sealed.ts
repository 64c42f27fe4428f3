import type { Db } from '../db/open';
import { trustStatus, type TrustStatus } from '../identity/trust-store';
import { rootFromLeaves } from './merkle';
import { ledgerLeaves, treeHeadSignatureProblem, treeHeads } from './tree-head';
import { checkCase, type CaseCheck, type CaseProblem } from './verify-case';

export interface SealedCaseCheck extends CaseCheck {
  /** The last signed tree head, its signer and that signer's trust status. */
  sealed: { size: number; rootHash: string; timestamp: string; signer: string; keyid: string; trust: TrustStatus } | null;
  treeHeads: number;
}

/**
 * Everything `checkCase` recomputes, plus every signed tree head: its signature, and the
 * ledger's root at its size recomputed from the entries. A ledger rewritten wholesale (entries,
 * hashes and the import roots they record all made consistent again) still differs from the
 * root that was signed. `ok` also needs at least one head, signed by a trusted key.
 */
export async function checkSealedCase(db: Db, caseDir: string, caseId: string, home: string): Promise<SealedCaseCheck> {
  const base = await checkCase(db, caseDir);
  const problems: CaseProblem[] = [...base.problems];
  const heads = treeHeads(db, caseId);
  const leaves = ledgerLeaves(db);
  for (const h of heads) {
    const sig = treeHeadSignatureProblem(h);
    if (sig) {
      problems.push({ kind: 'tree-head', ref: String(h.size), problem: `tree head of ${h.timestamp} (size ${h.size}): ${sig}` });
      continue;
    }
    if (leaves.length < h.size) {
      problems.push({ kind: 'tree-head', ref: String(h.size), problem: `the tree head of ${h.timestamp} signed ${h.size} custody entries; only ${leaves.length} are left` });
    } else if (rootFromLeaves(leaves.slice(0, h.size)).toString('hex') !== h.rootHash) {
      problems.push({ kind: 'tree-head', ref: String(h.size), problem: `custody entries 1 to ${h.size} no longer match the tree head signed by ${h.signer} on ${h.timestamp}` });
    }
  }
  const last = heads.at(-1) ?? null;
  const sealed = last ? { size: last.size, rootHash: last.rootHash, timestamp: last.timestamp, signer: last.signer, keyid: last.keyid, trust: trustStatus(home, last.keyid) } : null;
  if (!sealed) {
    problems.push({ kind: 'tree-head', ref: '-', problem: 'the case has never been sealed: no signed tree head (export a bundle, or verify with a passphrase to sign one)' });
  } else if (sealed.trust === 'known') {
    problems.push({ kind: 'tree-head', ref: String(sealed.size), problem: `the last tree head is signed by ${sealed.signer} (${sealed.keyid}), whose key is known but not trusted` });
  } else if (sealed.trust === 'unknown') {
    problems.push({ kind: 'tree-head', ref: String(sealed.size), problem: `the last tree head is signed by ${sealed.signer} (${sealed.keyid}), whose key is not in your trust store` });
  }
  return { ...base, ok: problems.length === 0, problems, sealed, treeHeads: heads.length };
}
