import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditEvent } from '../../../../shared/model';
import type { MatchReasonData } from '../../../../shared/schemas';
import { useClient } from '../../api/ClientContext';
import type { TimeRange } from '../timeline/time-range';

export const PAGE_SIZE = 200;
/** At most this many requests at once: while scrolling, only the pages in view are wanted. */
const PARALLEL = 2;
/** Pages kept in memory (about 24,000 rows). */
const KEEP_PAGES = 120;

/** An event of ranked results carries why it is there. */
export type ListedEvent = AuditEvent & { match?: MatchReasonData };

export type SearchMode = 'text' | 'semantic' | 'hybrid';

export interface ListKey {
  query: string;
  range: TimeRange | null;
  order: 'asc' | 'desc';
  /** How the query is read; ranked modes list by relevance. */
  mode: SearchMode;
  /** List the events similar to this one instead (the query then only filters). */
  similarTo: number | null;
  /** Changes when the case's events change, to fetch again. */
  epoch: number;
}

export interface EventPages {
  /** Matches of the current query and range; null until the first page answered. */
  total: number | null;
  tookMs: number | null;
  /** Ranked results: the model of the index and the events it covers. */
  index: { model: string; indexedEvents: number } | null;
  error: unknown;
  /** Rows arrived: only the list listens, so the rest of the workspace does not re-render. */
  subscribe(listener: () => void): () => void;
  version(): number;
  row(index: number): ListedEvent | undefined;
  /** Ask for the rows in [start, end]; earlier requests that are still queued are dropped. */
  want(start: number, end: number): void;
  /** Resolves with the row at index, fetching its page when needed. */
  fetchRow(index: number): Promise<ListedEvent | undefined>;
}

/**
 * The event list's data: pages of the current search fetched on demand, newest wish
 * first, so scrolling through a million rows asks only for what comes into view.
 */
export function useEventPages(key: ListKey): EventPages {
  const client = useClient();
  const { query, range, order, epoch, mode, similarTo } = key;
  const pages = useRef(new Map<number, ListedEvent[]>());
  const inflight = useRef(new Map<number, Promise<void>>());
  const wanted = useRef<number[]>([]);
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [tookMs, setTookMs] = useState<number | null>(null);
  const [index, setIndex] = useState<EventPages['index']>(null);
  const [error, setError] = useState<unknown>(null);
  // The search the answer above belongs to. Until the reset effect has run for a new search,
  // the state still holds the previous search's answer, which must not be shown as this one's.
  const [answered, setAnswered] = useState<unknown>(null);
  const version = useRef(0);
  const listeners = useRef(new Set<() => void>());
  const bump = useCallback(() => {
    version.current++;
    for (const l of listeners.current) l();
  }, []);

  const load = useCallback(
    function loadPage(page: number): Promise<void> {
      const existing = inflight.current.get(page);
      if (existing) return existing;
      const gen = generation.current;
      const bounds = { limit: PAGE_SIZE, offset: page * PAGE_SIZE, ...(range ? { from: range.from, to: range.to } : {}) };
      const call =
        similarTo !== null ? client.call('event.similar', { id: similarTo, query, mode, ...bounds }) : client.call('search.query', { query, order, mode, ...bounds });
      const p = call.then(
        (res) => {
          if (gen !== generation.current) return;
          const matches = res.matches;
          pages.current.set(page, matches ? res.events.map((e, i) => ({ ...e, match: matches[i] })) : res.events);
          if (pages.current.size > KEEP_PAGES) {
            // Forget the pages farthest from the one that just arrived.
            const far = [...pages.current.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
            for (const k of far.slice(0, pages.current.size - KEEP_PAGES)) pages.current.delete(k);
          }
          setTotal(res.total);
          setAnswered(() => loadPage);
          if (page === 0) {
            setTookMs(res.tookMs);
            setIndex(res.index ?? null);
          }
          bump();
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          setError(err);
          setAnswered(() => loadPage);
        },
      );
      const tracked = p.finally(() => {
        if (gen === generation.current) inflight.current.delete(page);
        pump();
      });
      inflight.current.set(page, tracked);
      return tracked;
    },
    // pump reads refs only, so it need not be a dependency.
    [client, query, order, mode, similarTo, range?.from, range?.to, epoch],
  );

  const loadRef = useRef(load);
  loadRef.current = load;

  function pump(): void {
    while (inflight.current.size < PARALLEL) {
      const next = wanted.current.find((p) => !pages.current.has(p) && !inflight.current.has(p));
      if (next === undefined) return;
      void loadRef.current(next);
    }
  }

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    inflight.current = new Map();
    wanted.current = [0];
    setTotal(null);
    setTookMs(null);
    setIndex(null);
    setError(null);
    bump();
    pump();
  }, [load]);

  const want = useCallback((start: number, end: number) => {
    const first = Math.max(0, Math.floor(start / PAGE_SIZE));
    const last = Math.max(first, Math.floor(end / PAGE_SIZE));
    wanted.current = Array.from({ length: last - first + 1 }, (_, k) => first + k);
    pump();
  }, []);

  const row = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const fetchRow = useCallback(
    async (index: number) => {
      const page = Math.floor(index / PAGE_SIZE);
      if (!pages.current.has(page)) await loadRef.current(page);
      return pages.current.get(page)?.[index % PAGE_SIZE];
    },
    [],
  );

  const subscribe = useCallback((l: () => void) => {
    listeners.current.add(l);
    return () => {
      listeners.current.delete(l);
    };
  }, []);
  const getVersion = useCallback(() => version.current, []);

  const current = answered === load;
  return useMemo(
    () =>
      current
        ? { total, tookMs, index, error, subscribe, version: getVersion, row, want, fetchRow }
        : { total: null, tookMs: null, index: null, error: null, subscribe, version: getVersion, row, want, fetchRow },
    [current, total, tookMs, index, error, subscribe, getVersion, row, want, fetchRow],
  );
}
