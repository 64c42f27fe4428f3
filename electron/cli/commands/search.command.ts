import type { AuditEvent } from '../../../shared/model';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { intOption, parse } from '../args';
import { UsageError, unwrap } from '../cli-error';

export const SEARCH_USAGE = `Usage: sealdesk search <case> <query> [--limit N] [--offset N] [--count] [--json] [--from T] [--to T] [--desc]

Search the case's events, oldest first. The query language: free text, "phrases",
field:value, field:/regex/, field:val*, AND / OR / NOT, parentheses, ts:[A TO B].
Fields: host user action outcome src_ip dst_ip resource severity format message, and any
original field by its dotted name (requestParameters.bucketName).

Options:
  --limit N   events to print (default 100)
  --count     print only the number of matching events
  --json      one JSON event per line, with its origin (evidence SHA-256, file, offset or record)
  --from T    start of the time range (ISO 8601, epoch, or relative like now-24h)
  --to T      end of the time range

Examples:
  sealdesk search ./case-acme 'user:root AND "Failed password"' --limit 20
  sealdesk search ./case-acme 'src_ip:203.0.113.45' --count`;

function line(e: AuditEvent): string {
  const who = [e.host, e.user, e.action].filter(Boolean).join(' ');
  return `${e.ts ?? '(no time)'.padEnd(27)}  ${who ? who + '  ' : ''}${e.message.replace(/[\r\n]+/g, ' ')}`;
}

export async function searchCommand(engine: Engine, argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      limit: { type: 'string' },
      offset: { type: 'string' },
      count: { type: 'boolean' },
      json: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      desc: { type: 'boolean' },
    },
    SEARCH_USAGE,
  );
  if (values.help) {
    console.log(SEARCH_USAGE);
    return 0;
  }
  const [caseDir, ...queryParts] = positionals;
  if (!caseDir || queryParts.length === 0) throw new UsageError(`search needs a case folder and a query ('' for everything).\n\n${SEARCH_USAGE}`);
  const query = queryParts.join(' ');
  unwrap(await dispatch(engine, 'case.open', { dir: caseDir }));
  if (values.count) {
    const r = unwrap<{ count: number }>(await dispatch(engine, 'search.count', { query, from: values.from, to: values.to }));
    console.log(String(r.count));
    return 0;
  }
  const limit = intOption(values.limit, 'limit', 1, 10_000) ?? 100;
  const offset = intOption(values.offset, 'offset', 0, 100_000_000) ?? 0;
  const r = unwrap<{ events: AuditEvent[]; total: number; tookMs: number }>(
    await dispatch(engine, 'search.query', { query, from: values.from, to: values.to, limit, offset, order: values.desc ? 'desc' : 'asc' }),
  );
  if (values.json) {
    for (const e of r.events) process.stdout.write(JSON.stringify(e) + '\n');
  } else {
    for (const e of r.events) console.log(line(e));
    console.error(`${r.events.length} of ${r.total} matching events (${r.tookMs.toFixed(1)} ms)`);
  }
  return 0;
}
