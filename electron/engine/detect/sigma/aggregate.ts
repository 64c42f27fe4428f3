import type { Aggregation, AggregationHit, CompareOp } from './types';

/** One event that passed an aggregation rule's detection. */
export interface AggItem {
  id: number;
  ts: number;
  group: string;
  groupValues: (string | null)[];
  /** The counted field's value for count(field), else null. */
  value: string | null;
}

export function compare(op: CompareOp, a: number, b: number): boolean {
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '==': return a === b;
    case '!=': return a !== b;
  }
}

/**
 * Evaluate `count([field]) [by ...] op N` per group. With a timeframe the window slides over
 * event time: at each event the window holds the group's events of the last `timeframe`;
 * windows meeting the threshold are merged while they overlap, each giving one hit.
 */
export function evaluateAggregation(agg: Aggregation, items: AggItem[]): AggregationHit[] {
  const groups = new Map<string, AggItem[]>();
  for (const it of items) {
    let g = groups.get(it.group);
    if (g === undefined) groups.set(it.group, (g = []));
    g.push(it);
  }
  const hits: AggregationHit[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.ts - b.ts || a.id - b.id);
    const groupRec: Record<string, string | null> = {};
    agg.groupBy.forEach((name, i) => (groupRec[name] = g[0]!.groupValues[i] ?? null));
    const distinct = new Map<string, number>();
    const add = (it: AggItem): void => {
      if (it.value !== null) distinct.set(it.value, (distinct.get(it.value) ?? 0) + 1);
    };
    const remove = (it: AggItem): void => {
      if (it.value === null) return;
      const n = (distinct.get(it.value) ?? 1) - 1;
      if (n <= 0) distinct.delete(it.value);
      else distinct.set(it.value, n);
    };
    const measure = (from: number, to: number): number => (agg.field === null ? to - from + 1 : distinct.size);
    let current: { from: number; to: number; value: number } | null = null;
    const flush = (): void => {
      if (current === null) return;
      const slice = g.slice(current.from, current.to + 1);
      hits.push({ group: groupRec, value: current.value, firstTs: slice[0]!.ts, lastTs: slice[slice.length - 1]!.ts, eventIds: slice.map((x) => x.id) });
      current = null;
    };
    if (agg.timeframeUs === null) {
      for (const it of g) add(it);
      const v = measure(0, g.length - 1);
      if (compare(agg.op, v, agg.value)) {
        current = { from: 0, to: g.length - 1, value: v };
        flush();
      }
      continue;
    }
    let start = 0;
    for (let i = 0; i < g.length; i++) {
      add(g[i]!);
      while (g[i]!.ts - g[start]!.ts > agg.timeframeUs) remove(g[start++]!);
      const v = measure(start, i);
      if (compare(agg.op, v, agg.value)) {
        if (current !== null && start <= current.to) {
          current.to = i;
          current.value = Math.max(current.value, v);
        } else {
          flush();
          current = { from: start, to: i, value: v };
        }
      }
    }
    flush();
  }
  return hits;
}
