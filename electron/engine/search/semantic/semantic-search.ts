import { AppError } from '../../../../shared/errors';
import type { AuditEvent } from '../../../../shared/model';
import type { Db } from '../../db/open';
import { eventsByIds } from '../../db/repos/events-read';
import { planSearch, type Plan, type SearchOptions } from '../plan';
import type { QueryNode } from '../query-ast';
import { parseQuery } from '../query-parse';
import { SemanticStore } from './store';
import { semanticText } from './text';

export type SearchMode = 'text' | 'semantic' | 'hybrid';

/** Why an event is in the results: its text's cosine similarity to the query, a keyword hit. */
export interface MatchReason {
  id: number;
  semantic: number | null;
  keyword: boolean;
}

export interface RankedResult {
  events: AuditEvent[];
  total: number;
  tookMs: number;
  matches: MatchReason[];
  index: { model: string; indexedEvents: number };
}

export interface RankedInput {
  query: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Distinct texts taken from each ranking: without a filter every event of them is shown. */
const TEXTS = 200;
/** With a filter many texts may have no event left, so more are taken. */
const TEXTS_FILTERED = 2000;
/** Events of one text shown before the next texts' (see expand). */
const FIRST_PER_TEXT = 3;
/**
 * Words too common to rank by in the keyword leg of hybrid search (the description is plain
 * language; BM25 over a few thousand distinct texts would give such words a high weight).
 */
const STOPWORDS = new Set(
  'a an and are as at be been being but by can could did do does doing for from had has have having he her his how i if in into is it its itself me more my no not of off on once only or our out over own same she should so some someone something such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your'.split(' '),
);
/**
 * Share of meaning in the hybrid score (the rest is keywords): ranked queries are plain-language
 * descriptions, where a shared word is weaker evidence than closeness in meaning.
 */
const SEMANTIC_WEIGHT = 0.7;

/** A query node that names a field somewhere (a filter), or holds free text somewhere. */
function names(n: QueryNode, what: 'field' | 'free'): boolean {
  switch (n.type) {
    case 'and':
    case 'or':
      return n.children.some((c) => names(c, what));
    case 'not':
      return names(n.child, what);
    case 'all':
      return false;
    case 'compare':
    case 'range':
    case 'exists':
      return what === 'field';
    default:
      return what === 'field' ? n.field !== null : n.field === null;
  }
}

/**
 * Splits a query for ranked search: the parts that name fields (`host:web-01`, `is:starred`,
 * `ts:[…]`) filter as in text search; everything else is the description embedded. A query
 * that does not parse (natural language may carry quotes or brackets) is all description.
 */
export function splitRankedQuery(query: string): { phrase: string; filter: string } {
  let ast: QueryNode;
  try {
    ast = parseQuery(query);
  } catch {
    return { phrase: query.trim(), filter: '' };
  }
  const parts = ast.type === 'and' ? ast.children : [ast];
  const phrase: string[] = [];
  const filter: string[] = [];
  for (const n of parts) {
    if (n.type === 'all') continue;
    if (n.type === 'match' && n.field === null) phrase.push(n.value);
    else if (names(n, 'field') && !names(n, 'free')) filter.push(`(${query.slice(n.pos, n.pos + n.len)})`);
    else phrase.push(query.slice(n.pos, n.pos + n.len).replace(/"/g, ''));
  }
  return { phrase: phrase.join(' ').trim(), filter: filter.join(' AND ') };
}

/** An FTS5 expression matching any meaningful word of the description (ranked by BM25). */
function anyWord(phrase: string): string | null {
  const words = [...new Set(phrase.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])].filter((w) => !STOPWORDS.has(w));
  return words.length ? words.map((w) => `"${w}"`).join(' OR ') : null;
}

interface RankedText {
  textId: number;
  semantic: number | null;
  keyword: boolean;
}

/**
 * Fuses the two rankings by a convex combination of their normalised scores (which keeps how
 * far apart candidates are, where rank fusion keeps only their order): every candidate of
 * either ranking gets its real cosine similarity, min-max scaled over the candidates, and its
 * BM25 score scaled by the best one (0 without a keyword hit).
 */
function fuse(
  nearest: { textId: number; similarity: number }[],
  keyword: { textId: number; score: number }[],
  similarityOf: (textIds: number[]) => Map<number, number>,
): RankedText[] {
  const sims = new Map(nearest.map((n) => [n.textId, n.similarity]));
  const more = similarityOf(keyword.map((k) => k.textId).filter((id) => !sims.has(id)));
  for (const [id, sim] of more) sims.set(id, sim);
  const kw = new Map(keyword.map((k) => [k.textId, k.score]));
  const values = [...sims.values()];
  const lo = Math.min(...values);
  const span = Math.max(...values) - lo || 1;
  const best = Math.max(0, ...kw.values()) || 1;
  const scored = [...sims].map(([textId, sim]) => {
    const k = kw.get(textId);
    const score = SEMANTIC_WEIGHT * ((sim - lo) / span) + (1 - SEMANTIC_WEIGHT) * ((k ?? 0) / best);
    return { textId, semantic: sim, keyword: k !== undefined, score };
  });
  scored.sort((a, b) => b.score - a.score || a.textId - b.textId);
  return scored.map(({ textId, semantic, keyword: hit }) => ({ textId, semantic, keyword: hit }));
}

/** The SQL that keeps events passing the filter's plan, over `events e`. */
function filterSql(p: Plan): { sql: string; params: unknown[] } {
  let sql = '';
  const params: unknown[] = [];
  if (p.fts !== null) {
    sql += ' AND e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)';
    params.push(p.fts);
  } else if (p.notFts !== null) {
    sql += ' AND e.id NOT IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)';
    params.push(p.notFts);
  }
  if (p.where) {
    sql += ` AND (${p.where.sql})`;
    params.push(...p.where.params);
  }
  return { sql, params };
}

/**
 * One page of events in the order of their texts, each text's events by id (import order),
 * and how many events all the texts hold after the filter.
 */
function expand(
  db: Db,
  ranked: RankedText[],
  plan: Plan | null,
  store: SemanticStore,
  page: { limit: number; offset: number },
  exclude: { eventId: number; textId: number } | null,
): { ids: number[]; reasons: Map<number, RankedText>; total: number } {
  const textIds = ranked.map((r) => r.textId);
  let counts: Map<number, number>;
  const f = plan ? filterSql(plan) : null;
  if (!f) {
    counts = store.eventCounts(textIds);
    if (exclude && counts.has(exclude.textId)) counts.set(exclude.textId, counts.get(exclude.textId)! - 1);
  } else {
    if (exclude) {
      f.sql += ' AND e.id <> ?';
      f.params.push(exclude.eventId);
    }
    const rows = db
      .prepare(`SELECT et.text_id, count(*) FROM event_texts et JOIN events e ON e.id = et.event_id WHERE et.text_id IN (SELECT value FROM json_each(?))${f.sql} GROUP BY et.text_id`)
      .raw()
      .all(JSON.stringify(textIds), ...f.params) as [number, number][];
    counts = new Map(rows);
  }
  const of = f
    ? db.prepare(`SELECT e.id FROM event_texts et JOIN events e ON e.id = et.event_id WHERE et.text_id = ?${f.sql} ORDER BY et.event_id LIMIT ? OFFSET ?`).pluck()
    : db.prepare('SELECT event_id FROM event_texts WHERE text_id = ? AND event_id <> ? ORDER BY event_id LIMIT ? OFFSET ?').pluck();
  const args = (textId: number): unknown[] => (f ? [textId, ...f.params] : [textId, exclude?.eventId ?? -1]);
  const ids: number[] = [];
  const reasons = new Map<number, RankedText>();
  // Diverse first: up to FIRST_PER_TEXT events of each text in rank order, then the rest of
  // each text's events, so one frequent message does not fill the whole first page.
  const segments: { r: RankedText; from: number; to: number }[] = [];
  let total = 0;
  for (const r of ranked) {
    const n = counts.get(r.textId) ?? 0;
    total += n;
    if (n > 0) segments.push({ r, from: 0, to: Math.min(n, FIRST_PER_TEXT) });
  }
  for (const r of ranked) {
    const n = counts.get(r.textId) ?? 0;
    if (n > FIRST_PER_TEXT) segments.push({ r, from: FIRST_PER_TEXT, to: n });
  }
  let skip = page.offset;
  for (const { r, from, to } of segments) {
    if (ids.length >= page.limit) break;
    const n = to - from;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const got = of.all(...args(r.textId), Math.min(page.limit - ids.length, n - skip), from + skip) as number[];
    skip = 0;
    for (const id of got) {
      ids.push(id);
      reasons.set(id, r);
    }
  }
  return { ids, reasons, total };
}

function openStore(db: Db): SemanticStore {
  const store = new SemanticStore(db);
  if (!store.hasVectors()) {
    throw new AppError('conflict', 'This case has no semantic index yet. Build it with `sealdesk index <case>` (the app builds it after each import).');
  }
  return store;
}

/**
 * Semantic or hybrid search. Semantic ranks the case's distinct texts by cosine similarity to
 * the embedded description; hybrid fuses that with BM25 over the same texts (any meaningful
 * word) by a weighted sum of normalised scores. Field parts of the query and the time range filter both.
 */
export async function rankedSearch(
  db: Db,
  mode: 'semantic' | 'hybrid',
  input: RankedInput,
  embed: (text: string) => Promise<Float32Array>,
  opts: SearchOptions = {},
): Promise<RankedResult> {
  const t0 = performance.now();
  const store = openStore(db);
  const { phrase, filter } = splitRankedQuery(input.query);
  const text = semanticText(phrase) || phrase;
  if (!text) throw new AppError('invalid_input', 'Describe what you are looking for: semantic and hybrid search need some words besides field filters.');
  const plan = filter || input.from || input.to ? planSearch(db, { query: filter, from: input.from, to: input.to }, opts) : null;
  const k = plan ? TEXTS_FILTERED : TEXTS;
  const vector = await embed(text);
  const nearest = store.nearest(vector, k);
  const words = mode === 'hybrid' ? anyWord(phrase) : null;
  const ranked = words
    ? fuse(nearest, store.keywordTexts(words, k), (ids) => store.similarities(vector, ids))
    : nearest.map((n) => ({ textId: n.textId, semantic: n.similarity, keyword: false }));
  return finish(db, store, ranked, plan, input, t0);
}

/**
 * Events whose text is nearest to the given event's text ("find similar"), the event itself
 * left out, under the same filters as a ranked search (here the whole query filters).
 */
export function similarEvents(db: Db, eventId: number, input: RankedInput, opts: SearchOptions = {}): RankedResult {
  const t0 = performance.now();
  const store = openStore(db);
  const own = store.vectorOfEvent(eventId);
  if (!own) throw new AppError('conflict', `Event ${eventId} is not in the semantic index yet. Update it with \`sealdesk index <case>\`.`);
  const plan = input.query || input.from || input.to ? planSearch(db, { query: input.query, from: input.from, to: input.to }, opts) : null;
  const ranked = store.nearest(own.vector, plan ? TEXTS_FILTERED : TEXTS).map((n) => ({ textId: n.textId, semantic: n.similarity, keyword: false }));
  return finish(db, store, ranked, plan, input, t0, { eventId, textId: own.textId });
}

function finish(
  db: Db,
  store: SemanticStore,
  ranked: RankedText[],
  plan: Plan | null,
  input: RankedInput,
  t0: number,
  exclude: { eventId: number; textId: number } | null = null,
): RankedResult {
  const { ids, reasons, total } = plan?.empty ? { ids: [], reasons: new Map<number, RankedText>(), total: 0 } : expand(db, ranked, plan, store, input, exclude);
  const events = eventsByIds(db, ids);
  const matches = events.map((e) => {
    const r = reasons.get(e.id)!;
    return { id: e.id, semantic: r.semantic === null ? null : Math.round(r.semantic * 1000) / 1000, keyword: r.keyword };
  });
  return { events, total, tookMs: Math.round((performance.now() - t0) * 100) / 100, matches, index: { model: store.modelId!, indexedEvents: store.indexedEvents() } };
}
