import { describe, expect, it } from 'vitest';
import { buildWindows, type AnomalyEvent } from '../../../electron/engine/detect/anomaly/features';
import { scoreAnomalies } from '../../../electron/engine/detect/anomaly/score';
import { syntheticEvents } from '../../../electron/engine/detect/anomaly/synthetic';

const events = [...syntheticEvents({ events: 60_000, seed: 5, users: 60, hosts: 12, anomalous: 2, days: 14 })];

describe('buildWindows', () => {
  const HOUR = 3_600_000_000;
  const evs: AnomalyEvent[] = [
    { id: 1, ts: 0, user: 'a', host: 'h', templateId: 7, outcome: 'failure' },
    { id: 2, ts: 10, user: 'a', host: null, templateId: 7, outcome: 'success' },
    { id: 3, ts: HOUR, user: 'a', templateId: 9, outcome: null },
    { id: 4, ts: null, user: 'b', templateId: 7 },
  ];
  const ws = buildWindows(evs);

  it('makes one window per entity and hour, plus an untimed one', () => {
    // a@0, h@0, a@1h, b@untimed
    expect(ws.count).toBe(4);
    expect(ws.entities.map((e) => `${e.kind}:${e.value}`)).toEqual(['user:a', 'host:h', 'user:b']);
    expect(Array.from(ws.eventWindows[0] as Int32Array)).toEqual([0, 0, 2, 3]);
    expect(Array.from(ws.eventWindows[1] as Int32Array)).toEqual([1, -1, -1, -1]);
    expect(Number.isNaN(ws.start[3] as number)).toBe(true);
  });

  it('computes counts, failure ratio, new entity and hour', () => {
    const f = (w: number, j: number): number => ws.features[w * 9 + j] as number;
    expect(f(0, 0)).toBe(2); // events
    expect(f(0, 1)).toBe(1); // distinct templates
    expect(f(0, 3)).toBe(0.5); // failure ratio
    expect(f(0, 4)).toBe(1); // first window of user a
    expect(f(2, 4)).toBe(0);
    expect(f(0, 6)).toBeCloseTo(1); // hour 0: cos = 1
  });

  it('gives a template seen once the highest rarity', () => {
    // Template 9 is seen once in four events.
    expect(ws.rarity[2]).toBeCloseTo(1);
    expect(ws.rarity[0]).toBeLessThan(ws.rarity[2] as number);
  });
});

describe('scoreAnomalies on synthetic events', () => {
  const result = scoreAnomalies(events, { top: 10, seed: 1 });

  it('ranks the injected intruder windows first and explains them', () => {
    const top = result.windows.slice(0, 4);
    for (const w of top) expect(w.value).toMatch(/intruder|203\.0\.113/);
    const first = result.windows[0]!;
    const names = first.drivers.map((d) => d.feature);
    expect(names).toContain('failureRatio');
    const text = first.drivers.find((d) => d.feature === 'failureRatio')!.text;
    expect(text).toMatch(/^failure ratio 0\.\d\d vs (usual|typical \w+) 0\.\d\d$/);
    expect(first.eventIds.length).toBe(first.eventCount);
    const injected = new Set(events.filter((e) => e.injected).map((e) => e.id));
    expect(first.eventIds.every((id) => injected.has(id))).toBe(true);
  });

  it('scores injected events above ordinary ones on average', () => {
    let inj = 0;
    let norm = 0;
    let nInj = 0;
    events.forEach((e, i) => {
      if (e.injected) {
        inj += result.eventScores[i] as number;
        nInj++;
      } else norm += result.eventScores[i] as number;
    });
    expect(result.eventScores.length).toBe(events.length);
    expect(inj / nInj).toBeGreaterThan(norm / (events.length - nInj) + 0.1);
  });

  it('is deterministic for a seed', () => {
    const again = scoreAnomalies(events, { top: 10, seed: 1 });
    expect(again.windows.map((w) => [w.kind, w.value, w.start, w.score])).toEqual(result.windows.map((w) => [w.kind, w.value, w.start, w.score]));
  });

  it('drops a window the analyst marked false positive, and counts it', () => {
    const fp = result.windows[0]!;
    const again = scoreAnomalies(events, { top: 10, seed: 1, suppress: [fp.pattern] });
    expect(again.windows.some((w) => w.kind === fp.kind && w.value === fp.value && w.start === fp.start)).toBe(false);
    expect(again.suppressed[0]!.windows).toBeGreaterThanOrEqual(1);
    expect(again.windows.length).toBe(10);
    // A pattern with other driving features does not hide it.
    const other = scoreAnomalies(events, { top: 10, seed: 1, suppress: [{ ...fp.pattern, features: ['events'] }] });
    expect(other.windows[0]).toMatchObject({ kind: fp.kind, value: fp.value, start: fp.start });
    expect(other.suppressed[0]!.windows).toBe(0);
  });

  it('a pattern without a value covers every entity of its kind', () => {
    const fp = result.windows[0]!;
    const again = scoreAnomalies(events, { top: 10, seed: 1, suppress: [{ ...fp.pattern, value: null }] });
    expect(again.windows.some((w) => w.kind === fp.kind && w.pattern.features.join() === fp.pattern.features.join())).toBe(false);
    expect(again.suppressed[0]!.windows).toBeGreaterThanOrEqual(1);
  });

  it('handles an empty input', () => {
    const r = scoreAnomalies([], {});
    expect(r.windows).toEqual([]);
    expect(r.eventScores.length).toBe(0);
  });
});
