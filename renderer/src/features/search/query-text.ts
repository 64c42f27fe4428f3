/** Builds query text the engine's parser reads back exactly (quoted, escaped values). */
export function quoteValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function fieldFilter(field: string, value: string): string {
  return `${field}:${quoteValue(value)}`;
}

/** Narrows a query with one more clause; an empty query becomes just the clause. */
export function andQuery(query: string, clause: string): string {
  const q = query.trim();
  if (!q) return clause;
  if (q.includes(clause)) return q;
  return /\bOR\b/.test(q) ? `(${q}) AND ${clause}` : `${q} AND ${clause}`;
}

/** Field names offered by completion, with what they match. */
export const QUERY_FIELDS: { name: string; help: string }[] = [
  { name: 'host', help: 'host name' },
  { name: 'user', help: 'user or principal' },
  { name: 'action', help: 'program, event name or method' },
  { name: 'outcome', help: 'success / failure' },
  { name: 'src_ip', help: 'source address' },
  { name: 'dst_ip', help: 'destination address' },
  { name: 'resource', help: 'path, object or target' },
  { name: 'severity', help: 'level as written in the source' },
  { name: 'format', help: 'parser that read the event' },
  { name: 'message', help: 'message text only' },
  { name: 'source', help: 'evidence file name' },
  { name: 'sha256', help: 'evidence file SHA-256' },
  { name: 'ts', help: 'time, e.g. ts:[2026-03-01 TO 2026-03-02]' },
  { name: 'ts_desc', help: 'what the time means' },
  { name: 'tag', help: 'your tags: tag:suspicious' },
  { name: 'is', help: 'is:starred, is:tagged, is:noted' },
  { name: 'id', help: 'event id' },
  { name: 'template', help: 'log template id: template:12 (Templates tab)' },
];

/** The word being typed at the caret, when it could still be a field name. */
export function fieldPrefixAt(text: string, caret: number): { start: number; prefix: string } | null {
  let start = caret;
  while (start > 0 && /[A-Za-z0-9_@.]/.test(text[start - 1]!)) start--;
  const prefix = text.slice(start, caret);
  if (!prefix || (start > 0 && /["\\:]/.test(text[start - 1]!))) return null;
  if (/^(AND|OR|NOT)$/.test(prefix)) return null;
  return { start, prefix };
}
