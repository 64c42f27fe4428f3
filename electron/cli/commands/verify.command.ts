import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BundleCheckOutput, SealedCaseCheck } from '../../../shared/model';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { parse } from '../args';
import { UsageError, unwrap } from '../cli-error';
import { unlockPassphrase } from '../passphrase';

export const VERIFY_USAGE = `Usage: sealdesk verify <case-dir | bundle.zip> [--json] [--passphrase-file F]

Recompute and check everything. Exit 0: intact and signed by a trusted key; 1: anything
changed, missing, invalid or untrusted (each failing item is named); 2: unreadable input.

A case: every custody entry, event and evidence file is recomputed and checked against the
signed tree heads; the verification is recorded in the custody ledger. With a passphrase
(--passphrase-file or SEALDESK_PASSPHRASE) an intact case gets a new signed tree head.

A bundle: every file against the signed statement, the signature and the signer's trust,
the tree head, every inclusion and consistency proof, and the report's content digest.

Examples:
  sealdesk verify ./case-acme
  sealdesk verify acme.sdx.zip --json`;

const TRUST_TEXT = { self: 'your own key', trusted: 'trusted', known: 'NOT TRUSTED (known key, not vouched for)', unknown: 'NOT TRUSTED (unknown key)', none: 'no signer' } as const;

function printCase(r: SealedCaseCheck): void {
  console.log(`${r.ok ? 'INTACT' : 'FAILED'}: ${r.events} events, ${r.evidenceFiles} evidence files, ${r.ledger.size} custody entries, ${r.treeHeads} signed tree head(s).`);
  if (r.sealed) console.log(`Last tree head: ${r.sealed.size} entries, signed by ${r.sealed.signer} (${r.sealed.keyid.slice(0, 16)}), ${TRUST_TEXT[r.sealed.trust]}, ${r.sealed.timestamp}.`);
  if (r.newTreeHead) console.log(`Signed a new tree head: ${r.newTreeHead.size} entries, root ${r.newTreeHead.rootHash}.`);
  for (const p of r.problems) console.log(`  ${p.kind} ${p.ref}: ${p.problem}`);
}

function printBundle(file: string, r: BundleCheckOutput): void {
  const c = r.checked;
  console.log(`${r.ok ? 'INTACT' : 'FAILED'}: ${path.basename(file)}`);
  console.log(`  signer: ${r.signer.name ?? '-'} ${r.signer.keyid ?? ''} (${TRUST_TEXT[r.signer.trust]})`);
  if (r.treeHead) console.log(`  tree head: ${r.treeHead.size} entries, root ${r.treeHead.rootHash}, ${r.treeHead.timestamp}`);
  console.log(`  checked: ${c.files} files, ${c.ledgerEntries} custody entries, ${c.eventProofs}/${c.events} event proofs, ${c.earlierHeads} earlier tree heads, report ${c.report ? 'matches' : 'NOT checked'}`);
  for (const p of r.problems) console.log(`  FAIL ${p}`);
}

export async function verifyCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, 'passphrase-file': { type: 'string' } }, VERIFY_USAGE);
  if (values.help) {
    console.log(VERIFY_USAGE);
    return 0;
  }
  const [target, ...extra] = positionals;
  if (!target) throw new UsageError(`verify needs a case folder or a bundle.\n\n${VERIFY_USAGE}`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".\n\n${VERIFY_USAGE}`);
  if (!existsSync(target)) {
    console.error(`sealdesk: ${target} does not exist.`);
    return 2;
  }
  if (statSync(target).isDirectory()) {
    unwrap(await dispatch(engine, 'case.open', { dir: target }));
    const passphrase = await unlockPassphrase(values['passphrase-file'], false);
    const r = unwrap<SealedCaseCheck>(await dispatch(engine, 'case.verify', passphrase ? { passphrase } : {}));
    if (values.json) console.log(JSON.stringify(r));
    else printCase(r);
    return r.ok ? 0 : 1;
  }
  const r = unwrap<BundleCheckOutput>(await dispatch(engine, 'bundle.verify', { path: target }));
  if (values.json) console.log(JSON.stringify(r));
  else printBundle(target, r);
  return r.ok ? 0 : 1;
}
