/**
 * Entity-window anomaly scoring: an Isolation Forest over per-entity time windows,
 * explained per window, with analyst suppression, plus a score per event.
 *
 * How the engine calls it (detect job, after template mining): stream the case's
 * events as `AnomalyEvent`s (`templateId` from the template miner's `resolve()`d id,
 * entity keys from the normalised user/host/src_ip columns, `outcome` from the
 * normalised outcome), pass the analyst's stored false-positive patterns as
 * `suppress`, store `windows` as findings (each carries its `pattern` so a later
 * "false positive" click stores exactly that pattern) and `eventScores` next to the
 * events in input order. Recording feedback is the caller's job; this module is pure.
 */
import { ENTITY_KINDS, FEATURES, DIMS, buildWindows, type AnomalyEvent, type EntityKind, type FeatureName, type FeatureOptions } from './features';
import { createExplainer, type Driver } from './explain';
import { fitIsolationForest, type IsolationForestOptions } from './isolation-forest';

/** A pattern the analyst marked false positive: same entity, same driving features. */
export interface SuppressPattern {
  kind: EntityKind;
  /** Entity value, or null for every entity of the kind. */
  value: string | null;
  /** Driver feature names; a window matches when its drivers are exactly these (order-free). */
  features: string[];
}

export interface ScoreOptions extends FeatureOptions, IsolationForestOptions {
  /** Windows to return (default 50). */
  top?: number;
  suppress?: readonly SuppressPattern[];
  /** Event ids listed per returned window (default 1000). */
  maxEventIds?: number;
  /** Template text for explanations, by the caller's template id. */
  templateText?: (templateId: number) => string;
}

/** One anomalous entity window with its reasons. */
export interface ScoredWindow {
  kind: EntityKind;
  value: string;
  /** Window start and end (UTC microseconds); null for the untimed window. */
  start: number | null;
  end: number | null;
  /** Isolation Forest score in (0, 1). */
  score: number;
  features: Record<FeatureName, number>;
  drivers: Driver[];
  /** What to store when the analyst marks this window a false positive. */
  pattern: SuppressPattern;
  eventIds: number[];
  eventCount: number;
}

export interface AnomalyResult {
  windows: ScoredWindow[];
  /** Per input event, in input order: 0.5 * rarity + 0.5 * its highest window score (0 for an event with no entity or only suppressed windows). */
  eventScores: Float32Array;
  /** Per input event: -log(template share) / log(events), in [0, 1]. */
  rarity: Float32Array;
  eventIds: Float64Array;
  /** Windows dropped by each suppress pattern (among those that would have been returned). */
  suppressed: { pattern: SuppressPattern; windows: number }[];
  stats: { events: number; windows: number; entities: number; templates: number; rareThreshold: number };
}

const HOUR_US = 3_600_000_000;

/** The IF input: counts on a log scale so one huge window does not flatten the rest. */
function forestRows(features: Float64Array, count: number): Float64Array {
  const rows = new Float64Array(count * DIMS);
  for (let i = 0; i < rows.length; i++) {
    const f = i % DIMS;
    const x = features[i] as number;
    rows[i] = f <= 2 ? Math.log1p(x) : x;
  }
  return rows;
}

export function patternOf(kind: EntityKind, value: string | null, drivers: readonly Driver[]): SuppressPattern {
  return { kind, value, features: [...new Set(drivers.map((d) => d.feature))].sort() };
}

function sameFeatures(a: readonly string[], b: readonly string[]): boolean {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
}

export function scoreAnomalies(events: Iterable<AnomalyEvent>, opts: ScoreOptions = {}): AnomalyResult {
  const ws = buildWindows(events, opts);
  const nEvents = ws.eventIds.length;
  const windowScore = new Float64Array(ws.count);
  if (ws.count > 0) {
    const rows = forestRows(ws.features, ws.count);
    const forest = fitIsolationForest({ data: rows, dims: DIMS }, { trees: opts.trees, sampleSize: opts.sampleSize, seed: opts.seed ?? 1 });
    windowScore.set(forest.scoreMatrix(rows));
  }

  const templateText = opts.templateText;
  const explain = createExplainer(ws, (t) => {
    const id = ws.templateIds[t] as number;
    return templateText ? `"${templateText(id)}"` : `template ${id}`;
  });
  const suppress = opts.suppress ?? [];
  const suppressed = suppress.map((pattern) => ({ pattern, windows: 0 }));
  const top = opts.top ?? 50;
  const order = Array.from({ length: ws.count }, (_, i) => i).sort((a, b) => (windowScore[b] as number) - (windowScore[a] as number) || a - b);
  const kept: { w: number; drivers: Driver[] }[] = [];
  for (const w of order) {
    if (kept.length >= top) break;
    const { kind, value } = ws.entities[ws.entity[w] as number] as { kind: EntityKind; value: string };
    const drivers = explain(w);
    const names = drivers.map((d) => d.feature);
    const hit = suppressed.find((s) => s.pattern.kind === kind && (s.pattern.value === null || s.pattern.value === value) && sameFeatures(s.pattern.features, names));
    if (hit) {
      hit.windows++;
      // A suppressed window no longer lifts its events' scores.
      windowScore[w] = 0;
      continue;
    }
    kept.push({ w, drivers });
  }

  // Event ids of the kept windows, in input order, one scan.
  const maxIds = opts.maxEventIds ?? 1000;
  const idsOf = new Map<number, number[]>(kept.map((k) => [k.w, []]));
  const eventScores = new Float32Array(nEvents);
  for (let i = 0; i < nEvents; i++) {
    let best = 0;
    for (let k = 0; k < ENTITY_KINDS.length; k++) {
      const w = (ws.eventWindows[k] as Int32Array)[i] as number;
      if (w < 0) continue;
      const s = windowScore[w] as number;
      if (s > best) best = s;
      const list = idsOf.get(w);
      if (list && list.length < maxIds) list.push(ws.eventIds[i] as number);
    }
    eventScores[i] = 0.5 * (ws.rarity[i] as number) + 0.5 * best;
  }

  const windows = kept.map(({ w, drivers }): ScoredWindow => {
    const { kind, value } = ws.entities[ws.entity[w] as number] as { kind: EntityKind; value: string };
    const start = ws.start[w] as number;
    const features = Object.fromEntries(FEATURES.map((f, j) => [f, ws.features[w * DIMS + j] as number])) as Record<FeatureName, number>;
    return {
      kind,
      value,
      start: Number.isNaN(start) ? null : start,
      end: Number.isNaN(start) ? null : start + (opts.windowUs ?? HOUR_US),
      score: windowScore[w] as number,
      features,
      drivers,
      pattern: patternOf(kind, value, drivers),
      eventIds: idsOf.get(w) ?? [],
      eventCount: ws.windowEvents[w] as number,
    };
  });

  return {
    windows,
    eventScores,
    rarity: ws.rarity,
    eventIds: ws.eventIds,
    suppressed,
    stats: { events: nEvents, windows: ws.count, entities: ws.entities.length, templates: ws.templateIds.length, rareThreshold: ws.rareThreshold },
  };
}
