import { writeFileSync } from 'node:fs';
import { zipMembers } from '../../../electron/engine/ingest/intake/zip-members';
import { unlockIdentity } from '../../../electron/engine/identity';
import { buildStatement, EVIDENCE_BUNDLE_PREDICATE_TYPE, signEnvelope, verifyEnvelope } from '../../../electron/engine/export/statement';
import { publicKeyFromRaw } from '../../../electron/engine/identity/fingerprint';
import { createHash } from 'node:crypto';
import { zipBuffer } from '../../helpers/zip-writer';
import { TEST_PASSPHRASE } from '../../helpers/identity';

/** A bundle's files, read back (name → bytes), in zip order. */
export async function readBundle(file: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const m of zipMembers(file)) {
    if (m.kind !== 'file') continue;
    const chunks: Buffer[] = [];
    for await (const c of await m.open()) chunks.push(c as Buffer);
    out.set(m.name.display, Buffer.concat(chunks));
  }
  return out;
}

export function writeBundle(file: string, files: Map<string, Buffer>): string {
  writeFileSync(file, zipBuffer([...files].map(([name, data]) => ({ name, data, method: 'deflate' as const }))));
  return file;
}

/**
 * Re-sign the statement over the files as they are now, with the identity in `home`: what an
 * insider holding a key could do after editing files. Proof checks must still catch the edit.
 */
export function resign(files: Map<string, Buffer>, home: string): Map<string, Buffer> {
  const signer = unlockIdentity(home, TEST_PASSPHRASE);
  const env = JSON.parse(files.get('statement.dsse.json')!.toString()) as { payload: string };
  const old = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as { predicate: unknown };
  const subjects = [...files]
    .filter(([n]) => n !== 'statement.dsse.json')
    .map(([name, b]) => ({ name, sha256: createHash('sha256').update(b).digest('hex') }));
  const statement = buildStatement(subjects, EVIDENCE_BUNDLE_PREDICATE_TYPE, old.predicate);
  const next = new Map(files);
  next.set('statement.dsse.json', Buffer.from(JSON.stringify(signEnvelope(statement, signer))));
  // Sanity: the forged envelope itself is well formed and verifies with the signer's key.
  if (!verifyEnvelope(next.get('statement.dsse.json')!, () => publicKeyFromRaw(signer.publicKeyRaw)).ok) throw new Error('re-signing failed');
  return next;
}
