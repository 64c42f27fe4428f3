import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../../shared/errors';
import type { Engine } from '../../engine/engine';
import type { ExportResult } from '../../engine/export/bundle/export';
import { dispatch } from '../../engine/dispatch';
import { intOption, parse } from '../args';
import { UsageError, unwrap } from '../cli-error';
import { unlockPassphrase } from '../passphrase';
import { jobError, runJob } from '../run-job';

export const EXPORT_USAGE = `Usage: sealdesk export <case> --out <bundle.zip> [--query Q] [--starred] [--mask] [--json]

Export a sealed evidence bundle: report.pdf, events.csv and events.jsonl, the evidence manifest,
the custody entries and Merkle proofs against a newly signed tree head, and a DSSE-signed
in-toto statement over every file. The export is recorded in the custody ledger.

Options:
  --out F              the bundle to write (must end in .zip; refused if it exists unless --force)
  --query Q            export only events matching Q (the search language)
  --starred            export only starred events (with --query: both)
  --mask               mask personal data (emails, IPs, card numbers, SSNs, phones, IBANs)
  --mask-policy F      masking policy file (JSON or YAML), e.g. {"fields": {"user": "pseudonym"}}
  --table-limit N      events listed in the PDF table (default 5000; all are in the data files)
  --passphrase-file F  passphrase of your signing key (else SEALDESK_PASSPHRASE, else asked)
  --force              replace an existing bundle
  --json               print the result as JSON

Examples:
  sealdesk export ./case-acme --out acme.sdx.zip --query 'user:root AND "Failed password"'
  sealdesk export ./case-acme --out acme-masked.sdx.zip --starred --mask`;

function readPolicy(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('io', `Cannot read the masking policy ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text) as unknown; // YAML is a superset of JSON
  } catch (err) {
    throw new AppError('invalid_input', `The masking policy ${file} is not valid JSON or YAML: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('invalid_input', `The masking policy ${file} must be an object.`);
  return value as Record<string, unknown>;
}

export async function exportCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      out: { type: 'string' },
      query: { type: 'string' },
      starred: { type: 'boolean' },
      mask: { type: 'boolean' },
      'mask-policy': { type: 'string' },
      'table-limit': { type: 'string' },
      'passphrase-file': { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    EXPORT_USAGE,
  );
  if (values.help) {
    console.log(EXPORT_USAGE);
    return 0;
  }
  const [caseDir, ...extra] = positionals;
  if (!caseDir) throw new UsageError(`export needs a case folder.\n\n${EXPORT_USAGE}`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".\n\n${EXPORT_USAGE}`);
  if (!values.out) throw new UsageError(`export needs --out <bundle.zip>.\n\n${EXPORT_USAGE}`);
  const tableLimit = intOption(values['table-limit'], 'table-limit', 0, 1_000_000);
  const mask = values['mask-policy'] ? readPolicy(values['mask-policy']) : values.mask ? {} : undefined;
  unwrap(await dispatch(engine, 'case.open', { dir: caseDir }));
  const passphrase = await unlockPassphrase(values['passphrase-file'], true);
  const { end } = await runJob(engine, 'export.start', {
    out: values.out,
    query: values.query,
    starredOnly: values.starred ?? false,
    mask,
    overwrite: values.force ?? false,
    tableLimit,
    passphrase,
  });
  if (end.status !== 'done') throw jobError(end, 'The export did not finish.');
  const r = end.result as ExportResult;
  if (values.json) console.log(JSON.stringify(r));
  else {
    console.log(`Exported ${r.events} events to ${r.out}${r.masked ? ' (masked)' : ''}.`);
    console.log(`Tree head: ${r.treeHead.size} custody entries, root ${r.treeHead.rootHash}, signed ${r.treeHead.timestamp}.`);
    console.log(`Content digest (on every report page): ${r.contentDigest}`);
    for (const f of r.files) console.log(`  ${f.sha256}  ${f.name}`);
  }
  return 0;
}
