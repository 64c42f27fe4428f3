import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseHandle } from '../../../electron/engine/case/case-folder';
import { getStats, histogram } from '../../../electron/engine/search/search';
import { fixtureCase, NOW_MS } from './fixture';

let c: CaseHandle;
beforeAll(() => {
  c = fixtureCase();
});
afterAll(() => c.db.close());

describe('histogram', () => {
  it('covers the matching events with continuous, aligned buckets', () => {
    const h = histogram(c.db, { query: '', buckets: 100 });
    // First event 2024-02-29T23:59:59.999999Z, last 2024-03-03T01:00:00Z: about 49 h, which
    // fits 100 buckets of 30 minutes once aligned to the half hour.
    expect(h.interval).toBe('30 minutes');
    expect(h.intervalUs).toBe(1800e6);
    expect(h.from).toBe('2024-02-29T23:59:59.999999Z');
    expect(h.to).toBe('2024-03-03T01:00:00.000001Z');
    expect(h.buckets.length).toBeLessThanOrEqual(100);
    expect(h.buckets[0]!.t).toBe('2024-02-29T23:30:00.000000Z');
    expect(h.buckets.at(-1)!.t).toBe('2024-03-03T01:00:00.000000Z');
    for (let i = 1; i < h.buckets.length; i++) {
      expect(Date.parse(h.buckets[i]!.t) - Date.parse(h.buckets[i - 1]!.t)).toBe(1800e3);
    }
    // Every event with a time is counted once; events without time are not in a timeline.
    expect(h.buckets.reduce((n, b) => n + b.count, 0)).toBe(11);
    const byT = new Map(h.buckets.map((b) => [b.t, b.count]));
    expect(byT.get('2024-03-01T10:00:00.000000Z')).toBe(4);
    expect(byT.get('2024-03-01T12:00:00.000000Z')).toBe(0);
  });

  it('counts only matches, with given bounds and bucket limit', () => {
    const h = histogram(c.db, { query: 'sshd', from: '2024-03-01', to: '2024-03-02', buckets: 24 });
    expect(h.interval).toBe('1 hour');
    expect(h.buckets.length).toBe(24);
    expect(h.from).toBe('2024-03-01T00:00:00.000000Z');
    expect(h.to).toBe('2024-03-02T00:00:00.000000Z');
    expect(h.buckets[10]!.count).toBe(4);
    expect(h.buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('handles field queries and exclusions', () => {
    const sum = (q: string): number => histogram(c.db, { query: q, buckets: 10 }).buckets.reduce((n, b) => n + b.count, 0);
    expect(sum('host:web-01')).toBe(3);
    expect(sum('NOT sshd')).toBe(6);
    expect(sum('NOT sshd AND program:*')).toBe(5);
  });

  it('is empty, not an error, when nothing matches', () => {
    const h = histogram(c.db, { query: 'nothingmatchesthis' }, { now: NOW_MS });
    expect(h.buckets).toEqual([]);
    expect(h.from).toBeNull();
  });

  it('includes empty buckets over a requested range', () => {
    const h = histogram(c.db, { query: 'cron', from: '2024-01-01', to: '2024-12-31', buckets: 12 });
    // 366 days in 30-day buckets would be 13; the next nice interval is 90 days.
    expect(h.interval).toBe('90 days');
    expect(h.buckets.length).toBeLessThanOrEqual(12);
    expect(h.buckets.filter((b) => b.count > 0)).toHaveLength(1);
  });
});

describe('stats', () => {
  it('counts events, time span and top values', () => {
    const s = getStats(c.db, 20);
    expect(s.events).toBe(13);
    expect(s.withoutTime).toBe(2);
    expect(s.first).toBe('2024-02-29T23:59:59.999999Z');
    expect(s.last).toBe('2024-03-03T01:00:00.000000Z');
    expect(s.bySource).toEqual([
      { source_id: 1, file: 'var/log/seed.log', sha256: '0'.repeat(64), format: 'text', count: 12 },
      { source_id: 2, file: 'bundle.zip!/app/App.log', sha256: 'ab'.repeat(32), format: 'jsonl', count: 1 },
    ]);
    expect(s.byFormat).toEqual([
      { value: 'text', count: 12 },
      { value: 'jsonl', count: 1 },
    ]);
    expect(s.byHost.slice(0, 2)).toEqual([
      { value: 'db-01', count: 2 },
      { value: 'web-01', count: 2 },
    ]);
    expect(s.byHost.map((x) => x.value)).toContain('WEB-01');
    expect(s.byUser.reduce((n, x) => n + x.count, 0)).toBe(5);
    expect(s.byAction[0]).toEqual({ value: 'ssh_login', count: 3 });
  });

  it('limits each list to `top`', () => {
    const s = getStats(c.db, 1);
    expect(s.byHost).toHaveLength(1);
    expect(s.bySource).toHaveLength(1);
  });
});
