/** The engine's query limits (electron/engine/search/query-parse.ts and shared/schemas.ts), with some room left. */
const MAX_TERMS = 900;
const MAX_CHARS = 9000;

export interface IdQuery {
  query: string;
  /** How many of the ids the query selects (fewer than `total` when it had to stop). */
  shown: number;
  total: number;
}

/**
 * A search that selects exactly these events: `id:N` terms, runs of consecutive ids as
 * `id:[a TO b]`, joined with OR. A query holds at most about a thousand terms, so for a
 * finding with very many scattered events it selects the first ones (by id) and says so.
 */
export function idQuery(ids: readonly number[]): IdQuery {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const terms: string[] = [];
  let chars = 0;
  let shown = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const term = j - i >= 2 ? `id:[${sorted[i]} TO ${sorted[j]}]` : `id:${sorted[i]}`;
    const taken = j - i >= 2 ? j - i + 1 : 1;
    if (terms.length + 1 > MAX_TERMS || chars + term.length + 4 > MAX_CHARS) break;
    terms.push(term);
    chars += term.length + 4;
    shown += taken;
    i += taken;
  }
  return { query: terms.join(' OR '), shown, total: sorted.length };
}
