import type { TemplateList } from '../../../shared/model';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { intOption, onlyCaseFolder, parse } from '../args';
import { unwrap } from '../cli-error';
import { terminalText } from '../terminal-text';

export const TEMPLATES_USAGE = `Usage: sealdesk templates <case> [--rare] [--limit N] [--query Q] [--from T] [--to T] [--json]

The log templates assigned to the case's events at import, most common first, or with
--rare the rarest first (what happened once or twice is often what matters). With --query
(and --from/--to), the templates of the matching events, counted among them: what kinds of
events a search found. Search the events of one template with:
  sealdesk search <case> 'template:<id>'

Examples:
  sealdesk templates ./case-acme --limit 20
  sealdesk templates ./case-acme --rare --json
  sealdesk templates ./case-acme --query 'host:web-01' --from 2026-03-01 --to 2026-03-02`;

export async function templatesCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, rare: { type: 'boolean' }, limit: { type: 'string' }, query: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } }, TEMPLATES_USAGE);
  if (values.help) {
    console.log(TEMPLATES_USAGE);
    return 0;
  }
  unwrap(await dispatch(engine, 'case.open', { dir: onlyCaseFolder(positionals, 'templates', TEMPLATES_USAGE) }));
  const order = values.rare ? 'rare' : 'common';
  const filter = { query: values.query ?? '', ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) };
  const list = unwrap<TemplateList>(await dispatch(engine, 'templates.list', { ...filter, order, limit: intOption(values.limit, 'limit', 1, 1000) ?? 50 }));
  if (values.json) {
    for (const t of list.templates) console.log(JSON.stringify(t));
    return 0;
  }
  const without = list.unassigned > 0 ? `, ${list.unassigned} without one` : '';
  const among = filter.query || values.from || values.to ? ' matching the search' : '';
  console.log(`${list.total} templates over ${list.assigned} events${among}${without}; ${order === 'rare' ? 'rarest' : 'most common'} first:`);
  for (const t of list.templates) console.log(`${String(t.events).padStart(9)}  #${String(t.id).padEnd(7)} ${terminalText(t.template)}`);
  return 0;
}
