import { readFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { Engine } from '../../engine/engine';
import { formatFingerprint, normalizeFingerprint, trustAdd, trustList, trustStatus } from '../../engine/identity';
import { parse } from '../args';
import { UsageError } from '../cli-error';

export const TRUST_USAGE = `Usage:
  sealdesk trust add <keyfile> [--fingerprint FP] [--name N] [--known] [--json]
  sealdesk trust list [--json]
  sealdesk trust status <fingerprint> [--json]

Teammates' public keys, kept in $SEALDESK_HOME/trust.json. A bundle verifies as trusted only
when it is signed by your own key or by a key listed here.

Options:
  --fingerprint FP   refuse the key unless its fingerprint is FP (as read to you by its owner)
  --name N           name for a bare PEM public key (the exported JSON carries its own name)
  --known            record the key as known but NOT trusted: bundles it signs are named as
                     "known but not trusted" and still fail verification
  --json             machine-readable output; list prints {"keys":[…]}

trust status exits 0 for your own ("self") or a trusted key, 1 for a known-only or unknown one.

Examples:
  sealdesk trust add bob.sealdesk-key.json --fingerprint "SHA256:ab12 cd34 …"
  sealdesk trust list`;

export async function trustCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { fingerprint: { type: 'string' }, name: { type: 'string' }, known: { type: 'boolean' }, json: { type: 'boolean' } }, TRUST_USAGE);
  if (values.help) {
    console.log(TRUST_USAGE);
    return 0;
  }
  const [sub, arg, ...rest] = positionals;
  if (rest.length) throw new UsageError(`Too many arguments.\n\n${TRUST_USAGE}`);

  if (sub === 'add') {
    if (!arg) throw new UsageError(`trust add needs the key file.\n\n${TRUST_USAGE}`);
    let text: string;
    try {
      text = readFileSync(arg, 'utf8');
    } catch (err) {
      throw new AppError('io', `Cannot read the key file ${arg}: ${(err as Error).message}`);
    }
    const expected = values.fingerprint === undefined ? undefined : normalizeFingerprint(values.fingerprint);
    if (expected === null) throw new UsageError(`--fingerprint must be the full 64-digit SHA-256 fingerprint (got "${values.fingerprint}").`);
    // Checked before adding: a key whose fingerprint the user did not confirm must not land in the store.
    const { key, added } = trustAdd(engine.home, text, { name: values.name, expectFingerprint: expected, known: values.known });
    const what = key.trusted ? `${added ? 'Trusted' : 'Already trusted'} "${key.name}"` : `${added ? 'Recorded' : 'Already recorded'} "${key.name}" as known, NOT trusted`;
    if (values.json) console.log(JSON.stringify({ ...key, added }));
    else console.log(`${what}\n  ${key.fingerprintDisplay}\nCompare this fingerprint with its owner before relying on it.`);
    return 0;
  }
  if (sub === 'list') {
    if (arg) throw new UsageError(`trust list takes no arguments.\n\n${TRUST_USAGE}`);
    const keys = trustList(engine.home);
    if (values.json) console.log(JSON.stringify({ keys }));
    else if (keys.length === 0) console.log('No trusted keys yet. Add one with: sealdesk trust add <keyfile>');
    else for (const k of keys) console.log(`${k.name}${k.trusted ? '' : '  (known, NOT trusted)'}\n  ${k.fingerprintDisplay}\n  added ${k.added}`);
    return 0;
  }
  if (sub === 'status') {
    if (!arg) throw new UsageError(`trust status needs a fingerprint.\n\n${TRUST_USAGE}`);
    const fp = normalizeFingerprint(arg);
    if (!fp) throw new UsageError(`"${arg}" is not a full 64-digit SHA-256 fingerprint.`);
    const status = trustStatus(engine.home, fp);
    console.log(values.json ? JSON.stringify({ fingerprint: fp, status }) : `${status}  ${formatFingerprint(fp)}`);
    return status === 'self' || status === 'trusted' ? 0 : 1;
  }
  throw new UsageError(`Unknown trust command "${sub ?? ''}".\n\n${TRUST_USAGE}`);
}
