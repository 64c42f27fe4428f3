import { writeFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { Engine } from '../../engine/engine';
import { createIdentity, exportPublic, loadIdentity, type IdentityInfo } from '../../engine/identity';
import { parse } from '../args';
import { newPassphrase } from '../passphrase';
import { UsageError } from '../cli-error';

export const IDENTITY_USAGE = `Usage:
  sealdesk identity create --name N [--passphrase-file F] [--force] [--json]
  sealdesk identity show [--json]
  sealdesk identity export-public [--out F]

The analyst's Ed25519 signing key, kept in $SEALDESK_HOME/identity.json with the private key
encrypted by a passphrase (scrypt + AES-256-GCM). The passphrase comes from --passphrase-file
(first line), else SEALDESK_PASSPHRASE, else it is asked for when run in a terminal.
Fingerprints are SHA-256 of the public key, shown as SHA256:xxxx xxxx … (16 groups).

Options:
  --name N              your name as teammates will see it next to your signatures
  --passphrase-file F   read the passphrase from the first line of F
  --force               replace an existing identity (the old file is kept as identity.<id>.<time>.retired.json)
  --out F               write the public key document to F instead of stdout

Examples:
  SEALDESK_PASSPHRASE=… sealdesk identity create --name "Ana Auditor"
  sealdesk identity export-public --out ana.sealdesk-key.json
  sealdesk trust add bob.sealdesk-key.json`;

function describe(i: IdentityInfo): string {
  return [`Name:        ${i.name}`, `Fingerprint: ${i.fingerprintDisplay}`, `Short id:    ${i.shortId}`, `Created:     ${i.created}`, `File:        ${i.path}`].join('\n');
}

export async function identityCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { name: { type: 'string' }, 'passphrase-file': { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, out: { type: 'string' } },
    IDENTITY_USAGE,
  );
  if (values.help) {
    console.log(IDENTITY_USAGE);
    return 0;
  }
  const [sub, ...rest] = positionals;
  if (rest.length) throw new UsageError(`identity ${sub} takes no further arguments (got "${rest.join(' ')}").\n\n${IDENTITY_USAGE}`);

  if (sub === 'create') {
    if (values.name === undefined) throw new UsageError(`identity create needs --name N.\n\n${IDENTITY_USAGE}`);
    const passphrase = await newPassphrase(values['passphrase-file']);
    const info = createIdentity(engine.home, { name: values.name, passphrase, overwrite: values.force });
    if (values.json) console.log(JSON.stringify(info));
    else console.log(`Created your signing identity.\n${describe(info)}\n\nShare your public key with: sealdesk identity export-public --out FILE`);
    return 0;
  }
  if (sub === 'show') {
    const info = loadIdentity(engine.home);
    console.log(values.json ? JSON.stringify(info) : describe(info));
    return 0;
  }
  if (sub === 'export-public') {
    const doc = JSON.stringify(exportPublic(engine.home), null, 2) + '\n';
    if (values.out === undefined) {
      process.stdout.write(doc);
      return 0;
    }
    try {
      writeFileSync(values.out, doc);
    } catch (err) {
      throw new AppError('io', `Cannot write ${values.out}: ${(err as Error).message}`);
    }
    console.error(`Wrote your public key to ${values.out}. Teammates add it with: sealdesk trust add ${values.out}`);
    return 0;
  }
  throw new UsageError(`Unknown identity command "${sub ?? ''}".\n\n${IDENTITY_USAGE}`);
}
