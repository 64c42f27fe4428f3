import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseHandle } from '../../../electron/engine/case/case-folder';
import type { ParsedEvent } from '../../../electron/engine/ingest/types';
import { countPlan } from '../../../electron/engine/search/count';
import { sortedPage, walkedPage } from '../../../electron/engine/search/page';
import { planSearch } from '../../../electron/engine/search/plan';
import { buildWhere } from '../../../electron/engine/search/query-sql';
import { searchEvents } from '../../../electron/engine/search/search';
import { registerSearchFunctions } from '../../../electron/engine/search/sql-functions';
import { seedCase } from '../../helpers/seed';
import { prng as projectPrng } from '../../../electron/engine/sample/prng';

// The project's deterministic PRNG (mulberry32), as a bare number source.
const prng = (seed: number): (() => number) => projectPrng(seed).next;

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'rare'];
const T0 = Date.parse('2024-03-01T00:00:00Z') * 1000;

/**
 * 4000 events whose ids do not follow time order, with many equal times (to test the
 * tie-break and the keyset walk), some without time, and words of every frequency.
 */
function events(): ParsedEvent[] {
  const r = prng(7);
  return Array.from({ length: 4000 }, (_, i) => {
    const words = WORDS.filter((w, k) => r() < (w === 'rare' ? 0.004 : 0.6 / (k + 1)));
    return {
      ts: r() < 0.03 ? null : T0 + Math.floor(r() * 600) * 1_000_000,
      host: `${r() < 0.5 ? 'H' : 'h'}${Math.floor(r() * 5)}`,
      user: `u${Math.floor(r() * 4)}`,
      message: `event ${i} ${words.join(' ')}`,
      attrs: { n: Math.floor(r() * 100) },
    };
  });
}

let c: CaseHandle;
beforeAll(() => {
  c = seedCase(events());
  registerSearchFunctions(c.db);
});
afterAll(() => c.db.close());

type Bounds = { from?: string; to?: string };

function reference(query: string, bounds: Bounds, order: 'asc' | 'desc', limit: number, offset: number): { ids: number[]; total: number } {
  const w = buildWhere(c.db, query, bounds);
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const ids = c.db
    .prepare(`SELECT e.id FROM events e WHERE ${w.sql} ORDER BY e.ts IS NULL, e.ts ${dir}, e.id ${dir} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...w.params, limit, offset) as number[];
  const total = c.db.prepare(`SELECT count(*) FROM events e WHERE ${w.sql}`).pluck().get(...w.params) as number;
  return { ids, total };
}

const QUERIES: [string, Bounds][] = [
  ['', {}],
  ['alpha', {}],
  ['rare', {}],
  ['alpha beta', {}],
  ['"alpha beta"', {}],
  ['NOT alpha', {}],
  ['alpha -beta', {}],
  ['gamma OR rare', {}],
  ['host:h1', {}],
  ['host:h1 AND beta', {}],
  ['host:h1 NOT alpha', {}],
  ['user:/^u[12]$/ AND alpha', {}],
  ['n:>=90', {}],
  ['n:<50 alpha', {}],
  ['alpha', { from: '2024-03-01T00:03:00Z', to: '2024-03-01T00:04:00Z' }],
  ['NOT beta', { from: '2024-03-01T00:09:00Z' }],
  ['', { to: '2024-03-01T00:00:30Z' }],
];

describe('pages are in time order, stable, and agree with plain SQL', () => {
  it.each(QUERIES)('%s %j', (query, bounds) => {
    const p = planSearch(c.db, { query, ...bounds });
    const { total, candidates } = countPlan(c.db, p);
    const ref = reference(query, bounds, 'asc', 1, 0);
    expect(total).toBe(ref.total);
    expect(candidates).toBeGreaterThanOrEqual(0);
    for (const order of ['asc', 'desc'] as const) {
      for (const [limit, offset] of [[1, 0], [10, 0], [50, 7], [100, 95], [25, Math.max(0, total - 10)], [10, total + 5]] as const) {
        const want = reference(query, bounds, order, limit, offset).ids;
        const req = { limit, offset, order };
        expect(searchEvents(c.db, { query, ...bounds, ...req }).events.map((e) => e.id)).toEqual(want);
        expect(walkedPage(c.db, p, req, 16)).toEqual(want);
        expect(sortedPage(c.db, p, req)).toEqual(want);
      }
    }
  });

  it('puts events without a time last in both directions, ties broken by id', () => {
    const asc = searchEvents(c.db, { query: '', limit: 10_000, order: 'asc' }).events;
    const desc = searchEvents(c.db, { query: '', limit: 10_000, order: 'desc' }).events;
    expect(asc.length).toBe(4000);
    const firstNull = asc.findIndex((e) => e.ts === null);
    expect(asc.slice(firstNull).every((e) => e.ts === null)).toBe(true);
    expect(desc.slice(4000 - (4000 - firstNull)).every((e) => e.ts === null)).toBe(true);
    for (let i = 1; i < firstNull; i++) {
      const [a, b] = [asc[i - 1]!, asc[i]!];
      expect(a.ts! < b.ts! || (a.ts === b.ts && a.id < b.id)).toBe(true);
    }
  });

  it('pages tile the result without gaps or repeats', () => {
    const seen: number[] = [];
    for (let offset = 0; offset < 600; offset += 37) {
      seen.push(...searchEvents(c.db, { query: 'beta', limit: 37, offset }).events.map((e) => e.id));
    }
    const all = searchEvents(c.db, { query: 'beta', limit: 600, offset: 0 }).events.map((e) => e.id);
    expect(seen.slice(0, all.length)).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
