import { FORMAT_IDS, type FileReceipt, type ImportReceipt } from '../../../shared/model';
import { MANIFEST_NOTE_LOCATION } from '../../engine/detect/manifest';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { intOption, parse } from '../args';
import { UsageError, unwrap } from '../cli-error';
import { jobError, runJob } from '../run-job';

export const IMPORT_USAGE = `Usage: sealdesk import <case> <path>... [--format F] [--timezone TZ] [--json]
       sealdesk import <case> --resume <import-id> | --rollback <import-id>

Receive files, folders and archives (zip, tar, tar.gz, .gz) into the case: each file is
hashed (SHA-256), stored read-only under evidence/, parsed, and given a receipt.

Options:
  --format F      force a format (${FORMAT_IDS.join(', ')}); default: detect per file
  --timezone TZ   IANA time zone for times without one (RFC 3164 syslog); default UTC
  --json          print the receipt as JSON
  --resume ID     continue an interrupted or cancelled import
  --rollback ID   remove the events of an interrupted, cancelled or failed import

Formats that need saying:
  --format git        a repository folder is received as ONE evidence file, a bundle of
                      all its refs (git bundle create --all), and each commit becomes an
                      event; a bundle file (.bundle) is detected without --format. A folder
                      with .git is never read as a repository unless --format git is given.
  --format inventory  every file (and archive member) is received as usual, but yields one
                      event of its metadata: path, size, mode, owner, mtime/ctime, SHA-256.
                      Never detected. Each inventory import is a new snapshot.
  checksums           sha256sum files and JSON registries of dataset digests are detected;
                      the import compares them with the case's inventories and records
                      changed, missing and unexpected files as integrity findings.

Examples:
  sealdesk import ./case-acme ./evidence/logs.tar.gz ./evidence/cloudtrail/
  sealdesk import ./case-acme auth.log --timezone Europe/Berlin --json
  sealdesk import ./case-acme ./evidence/model-repo --format git
  sealdesk import ./case-acme ./datasets --format inventory
  sealdesk import ./case-acme ./evidence/SHA256SUMS`;

function printReceipt(r: ImportReceipt): void {
  const row = (f: FileReceipt): string =>
    `  ${f.duplicate ? 'duplicate' : f.format.padEnd(10)} ${String(f.events).padStart(9)} events ${String(f.skipped).padStart(7)} skipped  ${f.sha256.slice(0, 12)}  ${f.path}`;
  console.log(`Import #${r.importId} ${r.status}: ${r.events} events from ${r.files.length} file(s), ${r.skipped} skipped.`);
  for (const f of r.files) {
    console.log(row(f));
    for (const [reason, n] of Object.entries(f.reasons)) console.log(`      ${n} x ${reason}`);
    for (const e of f.errors) if (e.where === MANIFEST_NOTE_LOCATION) console.log(`      ${e.reason}`);
  }
  for (const x of r.refused) console.log(`  REFUSED ${x.path}: ${x.reason}`);
}

export async function importCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { format: { type: 'string' }, timezone: { type: 'string' }, json: { type: 'boolean' }, resume: { type: 'string' }, rollback: { type: 'string' } },
    IMPORT_USAGE,
  );
  if (values.help) {
    console.log(IMPORT_USAGE);
    return 0;
  }
  const [caseDir, ...paths] = positionals;
  if (!caseDir) throw new UsageError(`import needs a case folder.\n\n${IMPORT_USAGE}`);
  const resume = intOption(values.resume, 'resume', 1, Number.MAX_SAFE_INTEGER);
  const rollback = intOption(values.rollback, 'rollback', 1, Number.MAX_SAFE_INTEGER);
  if (!paths.length && resume === undefined && rollback === undefined) throw new UsageError(`import needs at least one file or folder.\n\n${IMPORT_USAGE}`);
  if (values.format !== undefined && !(FORMAT_IDS as readonly string[]).includes(values.format)) {
    throw new UsageError(`Unknown format "${values.format}". Known formats: ${FORMAT_IDS.join(', ')}.`);
  }
  unwrap(await dispatch(engine, 'case.open', { dir: caseDir }));
  if (rollback !== undefined) {
    const r = unwrap<{ eventsRemoved: number }>(await dispatch(engine, 'import.rollback', { importId: rollback }));
    console.log(values.json ? JSON.stringify(r) : `Rolled back import #${rollback}: ${r.eventsRemoved} events removed.`);
    return 0;
  }
  const { started, end } = await runJob<{ jobId: string; importId: number }>(engine, 'import.start', { paths, format: values.format, timezone: values.timezone, resume });
  if (end.status !== 'done') {
    if (end.status === 'cancelled') console.error(`Import #${started.importId} cancelled. Resume with --resume ${started.importId} or remove its events with --rollback ${started.importId}.`);
    throw jobError(end, 'The import did not finish.');
  }
  const receipt = end.result as ImportReceipt;
  if (values.json) console.log(JSON.stringify(receipt));
  else printReceipt(receipt);
  return receipt.refused.length > 0 ? 1 : 0;
}
