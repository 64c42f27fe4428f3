import type { CaseInfo } from '../../../shared/model';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { parse } from '../args';
import { UsageError, unwrap } from '../cli-error';

export const CASE_USAGE = `Usage: sealdesk case create <dir> [--name N] [--json]

Create a case folder: case.sqlite, evidence/, exports/ and case.json.

Example:
  sealdesk case create ./case-acme --name "ACME breach"`;

export async function caseCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { name: { type: 'string' }, json: { type: 'boolean' } }, CASE_USAGE);
  if (values.help) {
    console.log(CASE_USAGE);
    return 0;
  }
  const [sub, dir, ...rest] = positionals;
  if (sub !== 'create') throw new UsageError(`Unknown case command "${sub ?? ''}".\n\n${CASE_USAGE}`);
  if (!dir || rest.length) throw new UsageError(`case create needs exactly one folder.\n\n${CASE_USAGE}`);
  const info = unwrap<CaseInfo>(await dispatch(engine, 'case.create', { dir, name: values.name }));
  if (values.json) console.log(JSON.stringify(info));
  else console.log(`Created case "${info.name}" in ${info.path}`);
  return 0;
}
