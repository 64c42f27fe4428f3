import type { Stats } from '../../../shared/model';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { intOption, onlyCaseFolder, parse } from '../args';
import { unwrap } from '../cli-error';

export const STATS_USAGE = `Usage: sealdesk stats <case> [--top N] [--json]

Counts of the case's events by source file, format, host, user and action.`;

export async function statsCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, top: { type: 'string' } }, STATS_USAGE);
  if (values.help) {
    console.log(STATS_USAGE);
    return 0;
  }
  unwrap(await dispatch(engine, 'case.open', { dir: onlyCaseFolder(positionals, 'stats', STATS_USAGE) }));
  const s = unwrap<Stats>(await dispatch(engine, 'stats.get', { top: intOption(values.top, 'top', 1, 1000) ?? 20 }));
  if (values.json) {
    console.log(JSON.stringify(s));
    return 0;
  }
  console.log(`${s.events} events (${s.withoutTime} without time), ${s.first ?? '-'} .. ${s.last ?? '-'}`);
  console.log('\nBy source:');
  for (const x of s.bySource) console.log(`  ${String(x.count).padStart(9)}  ${x.format.padEnd(10)} ${x.file}`);
  for (const [title, list] of [
    ['format', s.byFormat],
    ['host', s.byHost],
    ['user', s.byUser],
    ['action', s.byAction],
  ] as const) {
    console.log(`\nBy ${title}:`);
    for (const x of list) console.log(`  ${String(x.count).padStart(9)}  ${x.value}`);
  }
  return 0;
}
