import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { buildStatement, EVIDENCE_BUNDLE_PREDICATE_TYPE, type EvidenceBundlePredicate, type Signer } from '../../../electron/engine/export/statement';

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

export const predicate: EvidenceBundlePredicate = {
  caseId: '6f1c2a9e-0000-4000-8000-000000000001',
  caseName: 'Payroll review',
  treeHead: { size: 42, rootHash: sha('root'), signature: 'c2ln', timestamp: '2026-11-23T12:00:00.000Z' },
  query: 'user:alice AND action:login',
  tool: { name: 'sealdesk', version: '0.1.0' },
  createdAt: '2026-11-23T12:00:01.000Z',
  analyst: { name: 'A. Analyst', fingerprint: 'SHA256:abc' },
};

export const files = new Map<string, string>([
  ['report.pdf', sha('pdf')],
  ['events/events.csv', sha('csv')],
  ['events/events.jsonl', sha('jsonl')],
  ['ledger/extract.jsonl', sha('ledger')],
]);

export function bundleStatement() {
  return buildStatement(
    [...files].map(([name, sha256]) => ({ name, sha256 })),
    EVIDENCE_BUNDLE_PREDICATE_TYPE,
    predicate,
  );
}

export function keyPair(keyid: string): { signer: Signer; publicKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { signer: { keyid, sign: (data) => sign(null, data, privateKey) }, publicKey };
}
