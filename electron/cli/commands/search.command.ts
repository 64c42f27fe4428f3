import type { AuditEvent } from '../../../shared/model';
import type { MatchReasonData } from '../../../shared/schemas';
import { dispatch } from '../../engine/dispatch';
import type { Engine } from '../../engine/engine';
import { intOption, parse } from '../args';
import { terminalText } from '../terminal-text';
import { UsageError, unwrap } from '../cli-error';

export const SEARCH_USAGE = `Usage: sealdesk search <case> <query> [--mode text|semantic|hybrid] [--limit N] [--offset N] [--count] [--json] [--from T] [--to T] [--desc]

Search the case's events, oldest first. The query language: free text, "phrases",
field:value, field:/regex/, field:val*, AND / OR / NOT, parentheses, ts:[A TO B].
Fields: host user action outcome src_ip dst_ip resource severity format message, and any
original field by its dotted name (requestParameters.bucketName).

With --mode semantic the words describe what you look for in your own terms and events are
ranked by closeness in meaning (needs \`sealdesk index\` first); --mode hybrid fuses that with
keyword ranking. Field parts of the query (host:web-01) and --from/--to still filter.

Options:
  --mode M    text (default), semantic or hybrid
  --limit N   events to print (default 100)
  --count     print only the number of matching events
  --json      one JSON event per line, with its origin (evidence SHA-256, file, offset or record)
  --from T    start of the time range (ISO 8601, epoch, or relative like now-24h)
  --to T      end of the time range

Examples:
  sealdesk search ./case-acme 'user:root AND "Failed password"' --limit 20
  sealdesk search ./case-acme 'someone guessing passwords host:web-01' --mode hybrid
  sealdesk search ./case-acme 'src_ip:203.0.113.45' --count`;

function line(e: AuditEvent): string {
  const who = terminalText([e.host, e.user, e.action].filter(Boolean).join(' '));
  return `${e.ts ?? '(no time)'.padEnd(27)}  ${who ? who + '  ' : ''}${terminalText(e.message)}`;
}

/** The reason column of ranked results: similarity, and K for a keyword hit. */
function why(m: MatchReasonData): string {
  return `${m.semantic === null ? '  -  ' : m.semantic.toFixed(3)} ${m.keyword ? 'K' : ' '}  `;
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
      mode: { type: 'string' },
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
  const mode = values.mode ?? 'text';
  if (mode !== 'text' && mode !== 'semantic' && mode !== 'hybrid') throw new UsageError(`--mode is text, semantic or hybrid, not "${mode}".\n\n${SEARCH_USAGE}`);
  if (values.count && mode !== 'text') throw new UsageError('--count counts text matches; ranked modes print their total with the results.');
  unwrap(await dispatch(engine, 'case.open', { dir: caseDir }));
  if (values.count) {
    const r = unwrap<{ count: number }>(await dispatch(engine, 'search.count', { query, from: values.from, to: values.to }));
    console.log(String(r.count));
    return 0;
  }
  const limit = intOption(values.limit, 'limit', 1, 10_000) ?? 100;
  const offset = intOption(values.offset, 'offset', 0, 100_000_000) ?? 0;
  const r = unwrap<{ events: AuditEvent[]; total: number; tookMs: number; matches?: MatchReasonData[] }>(
    await dispatch(engine, 'search.query', { query, from: values.from, to: values.to, limit, offset, order: values.desc ? 'desc' : 'asc', mode }),
  );
  if (values.json) {
    r.events.forEach((e, i) => process.stdout.write(JSON.stringify(r.matches ? { ...e, match: r.matches[i] } : e) + '\n'));
  } else {
    r.events.forEach((e, i) => console.log((r.matches ? why(r.matches[i]!) : '') + line(e)));
    console.error(`${r.events.length} of ${r.total} matching events (${r.tookMs.toFixed(1)} ms)`);
  }
  return 0;
}
