import { useEffect, useState } from 'react';
import type { Histogram } from '../../../../shared/model';
import { useClient } from '../../api/ClientContext';
import { andQuery, fieldFilter } from '../search/query-text';
import type { TimeRange } from './time-range';

export type LaneField = 'none' | 'host' | 'user' | 'source' | 'template';
/** Lanes drawn at most: more would be unreadable at this height. */
export const MAX_LANES = 6;

/** One lane to draw: the field value it filters on, its short label and its full name. */
export interface LaneValue {
  value: string;
  label: string;
  title: string;
}

export interface Lane extends LaneValue {
  histogram: Histogram;
}

export interface Histograms {
  main: Histogram | null;
  lanes: Lane[];
  loading: boolean;
  error: unknown;
  /** performance.now() when the answer for the current request arrived. */
  arrivedAt: number;
}

/**
 * The density of the current query over the visible range, plus one histogram per top
 * value of the lane field (same buckets: lanes share the main range and interval).
 */
export function useHistograms(query: string, range: TimeRange | null, buckets: number, laneField: LaneField, laneValues: LaneValue[], epoch: number): Histograms {
  const client = useClient();
  const [state, setState] = useState<Histograms>({ main: null, lanes: [], loading: true, error: null, arrivedAt: 0 });
  const lanesKey = laneField === 'none' ? '' : JSON.stringify([laneField, laneValues.slice(0, MAX_LANES)]);

  useEffect(() => {
    if (buckets < 1) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    const base = { query, buckets, ...(range ? { from: range.from, to: range.to } : {}) };
    void (async () => {
      try {
        const main = await client.call('search.histogram', base);
        // Lanes use the main histogram's span so their buckets line up with it.
        const span = main.from && main.to ? { from: main.from, to: main.to } : {};
        const values = lanesKey ? (JSON.parse(lanesKey) as [LaneField, LaneValue[]])[1] : [];
        const lanes = await Promise.all(
          values.map(async (v) => ({
            ...v,
            histogram: await client.call('search.histogram', { ...base, ...span, query: andQuery(query, fieldFilter(laneField, v.value)) }),
          })),
        );
        if (current) setState({ main, lanes, loading: false, error: null, arrivedAt: performance.now() });
      } catch (err) {
        if (current) setState({ main: null, lanes: [], loading: false, error: err, arrivedAt: performance.now() });
      }
    })();
    return () => {
      current = false;
    };
  }, [client, query, range?.from, range?.to, buckets, laneField, lanesKey, epoch]);

  return state;
}
