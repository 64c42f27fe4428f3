import type { AuditEvent } from '../../../shared/model';
import type { SearchInput } from '../../../shared/schemas';
import type { Db } from '../db/open';
import { eventsByIds } from '../db/repos/events-read';
import { countPlan, tokenCount } from './count';
import { ftsHoldsField } from './fts-safety';
import { ONE_PASS_MAX, onePassPage } from './one-pass';
import { pageIds } from './page';
import { eventsEstimate, planSearch, type SearchOptions } from './plan';
import { registerSearchFunctions } from './sql-functions';

export { getEvent } from './event-get';
export { histogram } from './histogram';
export { getStats } from './stats';
export type { SearchOptions } from './plan';

/**
 * One page of matching events in time order (NULL times last, ties by id), with the exact
 * number of matches.
 */
export function searchEvents(db: Db, input: SearchInput, opts: SearchOptions = {}): { events: AuditEvent[]; total: number; tookMs: number } {
  const t0 = performance.now();
  const p = planSearch(db, input, opts);
  const page = { limit: input.limit ?? 100, offset: input.offset ?? 0, order: input.order ?? 'asc' } as const;
  // A single frequent word is counted from the index vocabulary; the one-pass probe would
  // only find it has too many candidates.
  const known = p.fts !== null && p.where === null ? tokenCount(db, p.fts) : null;
  let found = known === null || known <= ONE_PASS_MAX ? onePassPage(db, p, page) : null;
  if (!found) {
    const { total, candidates } = known !== null ? { total: known, candidates: known } : countPlan(db, p);
    found = { total, ids: pageIds(db, p, page, { total, candidates, events: eventsEstimate(db) }) };
  }
  const events = eventsByIds(db, found.ids);
  return { events, total: found.total, tookMs: Math.round((performance.now() - t0) * 100) / 100 };
}

/** The exact number of events matching the query and time bounds. */
export function countEvents(db: Db, input: Pick<SearchInput, 'query' | 'from' | 'to'>, opts: SearchOptions = {}): number {
  return countPlan(db, planSearch(db, input, opts)).total;
}

/**
 * The once-per-connection work, done ahead of the first query: registers the SQL
 * functions, creates the vocabulary view, and runs the scans that decide whether field
 * values are complete in the full-text index (about 1 s per million events, then only new
 * events are scanned). Optional: without it the first field query pays this instead.
 */
export function warmSearch(db: Db): void {
  registerSearchFunctions(db);
  tokenCount(db, '"sealdesk"');
  ftsHoldsField(db, 'outcome');
  ftsHoldsField(db, 'attrs');
}
