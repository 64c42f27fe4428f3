/**
 * Per-entity time windows and per-event rarity, built in one pass over the events plus
 * passes over compact aggregates.
 *
 * Every event counts in one window per entity key it carries (user, host, src_ip): the
 * window is (kind, value, floor(ts / windowUs)); events without a time share one
 * untimed window per entity. Template counts per window and per entity sit in two
 * number-keyed maps (window * 2^21 + dense template), which keeps memory at one entry
 * per distinct (window, template) pair instead of one map per window.
 */

/** One event as the engine hands it to the scorer. */
export interface AnomalyEvent {
  /** Stable event id (the events table row id). */
  id: number;
  /** UTC microseconds since the epoch, or null when the event has no time. */
  ts: number | null;
  user?: string | null;
  host?: string | null;
  src_ip?: string | null;
  /** Template id from the template miner (any integer; remapped densely here). */
  templateId: number;
  outcome?: 'success' | 'failure' | null;
}

export const ENTITY_KINDS = ['user', 'host', 'src_ip'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Window features, in matrix column order. */
export const FEATURES = [
  'events',
  'distinctTemplates',
  'rareEvents',
  'failureRatio',
  'newEntity',
  'hourSin',
  'hourCos',
  'templateShift',
  'meanRarity',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export const DIMS = FEATURES.length;

export interface FeatureOptions {
  /** Window length in microseconds (default one hour). */
  windowUs?: number;
  /** A template is rare when its share of all events is at or below this quantile of the per-event template frequency (default 0.05). */
  rareQuantile?: number;
}

export interface WindowSet {
  count: number;
  kind: Uint8Array;
  entity: Int32Array;
  /** Window start (UTC microseconds), NaN for the untimed window. */
  start: Float64Array;
  /** Row-major features, DIMS columns. */
  features: Float64Array;
  /** Dense template with the largest share increase over the entity's other windows. */
  shiftTemplate: Int32Array;
  entities: { kind: EntityKind; value: string }[];
  /** Window indices per entity, in time order of first appearance. */
  entityWindows: number[][];
  /** Per input event (in order): its id, dense template and windows (-1 when absent). */
  eventIds: Float64Array;
  eventTemplate: Int32Array;
  eventWindows: Int32Array[];
  /** Per-event rarity: -log(template share) / log(events), in [0, 1]. */
  rarity: Float32Array;
  templateIds: number[];
  templateCounts: number[];
  rareThreshold: number;
  /** Template counts per window, key window * TEMPLATE_SPAN + dense template. */
  windowTemplates: Map<number, number>;
  entityTemplates: Map<number, number>;
  windowEvents: Float64Array;
}

export const TEMPLATE_SPAN = 2 ** 21;
const HOUR_US = 3_600_000_000;

function grow<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (n < a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

export function buildWindows(events: Iterable<AnomalyEvent>, opts: FeatureOptions = {}): WindowSet {
  const windowUs = opts.windowUs ?? HOUR_US;
  const entityIndex = new Map<string, number>();
  const entities: { kind: EntityKind; value: string }[] = [];
  const entityWindows: number[][] = [];
  const windowIndex = new Map<string, number>();
  const templateDense = new Map<number, number>();
  const templateIds: number[] = [];
  const templateCounts: number[] = [];
  let kind = new Int32Array(1024);
  let entity = new Int32Array(1024);
  let start = new Float64Array(1024);
  let wEvents = new Float64Array(1024);
  let wFail = new Float64Array(1024);
  let nWin = 0;
  let ids = new Float64Array(1024);
  let tmpl = new Int32Array(1024);
  const evWin: Int32Array[] = ENTITY_KINDS.map(() => new Int32Array(1024));
  const windowTemplates = new Map<number, number>();
  let n = 0;

  for (const e of events) {
    ids = grow(ids, n);
    tmpl = grow(tmpl, n);
    let t = templateDense.get(e.templateId);
    if (t === undefined) {
      t = templateIds.length;
      if (t >= TEMPLATE_SPAN) throw new Error(`more than ${TEMPLATE_SPAN} templates`);
      templateDense.set(e.templateId, t);
      templateIds.push(e.templateId);
      templateCounts.push(0);
    }
    templateCounts[t] = (templateCounts[t] as number) + 1;
    ids[n] = e.id;
    tmpl[n] = t;
    const bucket = e.ts === null ? 'u' : Math.floor(e.ts / windowUs);
    for (let k = 0; k < ENTITY_KINDS.length; k++) {
      evWin[k] = grow(evWin[k] as Int32Array, n);
      const value = e[ENTITY_KINDS[k] as EntityKind];
      if (value === null || value === undefined || value === '') {
        (evWin[k] as Int32Array)[n] = -1;
        continue;
      }
      const ekey = `${k}\u0000${value}`;
      let ent = entityIndex.get(ekey);
      if (ent === undefined) {
        ent = entities.length;
        entityIndex.set(ekey, ent);
        entities.push({ kind: ENTITY_KINDS[k] as EntityKind, value });
        entityWindows.push([]);
      }
      const wkey = `${ent}\u0000${bucket}`;
      let w = windowIndex.get(wkey);
      if (w === undefined) {
        w = nWin++;
        windowIndex.set(wkey, w);
        kind = grow(kind, w);
        entity = grow(entity, w);
        start = grow(start, w);
        wEvents = grow(wEvents, w);
        wFail = grow(wFail, w);
        kind[w] = k;
        entity[w] = ent;
        start[w] = typeof bucket === 'number' ? bucket * windowUs : NaN;
        (entityWindows[ent] as number[]).push(w);
      }
      wEvents[w] = (wEvents[w] as number) + 1;
      if (e.outcome === 'failure') wFail[w] = (wFail[w] as number) + 1;
      const key = w * TEMPLATE_SPAN + t;
      windowTemplates.set(key, (windowTemplates.get(key) ?? 0) + 1);
      (evWin[k] as Int32Array)[n] = w;
    }
    n++;
  }

  // Rarity: -log share, normalised by log(total) so a template seen once scores 1.
  const logN = Math.log(Math.max(2, n));
  const rarityOfTemplate = templateCounts.map((c) => -Math.log(c / Math.max(1, n)) / logN);
  const rarity = new Float32Array(n);
  for (let i = 0; i < n; i++) rarity[i] = rarityOfTemplate[tmpl[i] as number] as number;

  // Rare threshold: the template share at the given quantile of events (sorted by their template's count).
  const q = opts.rareQuantile ?? 0.05;
  const byCount = templateCounts.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
  let seen = 0;
  let rareThreshold = 0;
  for (const [c] of byCount) {
    if (seen + c > q * n && seen > 0) break;
    rareThreshold = c;
    seen += c;
  }

  // Per entity template totals, for the share shift of each window.
  const entityTemplates = new Map<number, number>();
  const entityEvents = new Float64Array(entities.length);
  for (let w = 0; w < nWin; w++) {
    const ent = entity[w] as number;
    entityEvents[ent] = (entityEvents[ent] as number) + (wEvents[w] as number);
  }
  for (const [key, c] of windowTemplates) {
    const w = Math.floor(key / TEMPLATE_SPAN);
    const ekey = (entity[w] as number) * TEMPLATE_SPAN + (key - w * TEMPLATE_SPAN);
    entityTemplates.set(ekey, (entityTemplates.get(ekey) ?? 0) + c);
  }

  const features = new Float64Array(nWin * DIMS);
  const shiftTemplate = new Int32Array(nWin).fill(-1);
  const rareSum = new Float64Array(nWin);
  const raritySum = new Float64Array(nWin);
  for (const [key, c] of windowTemplates) {
    const w = Math.floor(key / TEMPLATE_SPAN);
    const t = key - w * TEMPLATE_SPAN;
    const base = w * DIMS;
    features[base + 1] = (features[base + 1] as number) + 1;
    if ((templateCounts[t] as number) <= rareThreshold) rareSum[w] = (rareSum[w] as number) + c;
    raritySum[w] = (raritySum[w] as number) + c * (rarityOfTemplate[t] as number);
    const ent = entity[w] as number;
    const we = wEvents[w] as number;
    const otherEvents = (entityEvents[ent] as number) - we;
    // The entity's usual share of this template; the global share for a one-window entity.
    const usual =
      otherEvents > 0
        ? ((entityTemplates.get(ent * TEMPLATE_SPAN + t) as number) - c) / otherEvents
        : (templateCounts[t] as number) / n;
    const shift = c / we - usual;
    if (shift > (features[base + 7] as number)) {
      features[base + 7] = shift;
      shiftTemplate[w] = t;
    }
  }
  // New entity: its earliest window (input order need not be time order).
  const firstWindow = entityWindows.map((ws) => {
    let best = ws[0] as number;
    for (const w of ws) if ((start[w] as number) < (start[best] as number)) best = w;
    return best;
  });
  for (let w = 0; w < nWin; w++) {
    const base = w * DIMS;
    const we = wEvents[w] as number;
    features[base] = we;
    features[base + 2] = rareSum[w] as number;
    features[base + 3] = (wFail[w] as number) / we;
    features[base + 4] = firstWindow[entity[w] as number] === w ? 1 : 0;
    const s = start[w] as number;
    if (!Number.isNaN(s)) {
      const hour = (((s / HOUR_US) % 24) + 24) % 24;
      features[base + 5] = Math.sin((2 * Math.PI * hour) / 24);
      features[base + 6] = Math.cos((2 * Math.PI * hour) / 24);
    }
    features[base + 8] = (raritySum[w] as number) / we;
  }

  return {
    count: nWin,
    kind: Uint8Array.from(kind.subarray(0, nWin)),
    entity: entity.slice(0, nWin),
    start: start.slice(0, nWin),
    features,
    shiftTemplate,
    entities,
    entityWindows,
    eventIds: ids.slice(0, n),
    eventTemplate: tmpl.slice(0, n),
    eventWindows: evWin.map((a) => a.slice(0, n)),
    rarity,
    templateIds,
    templateCounts,
    rareThreshold,
    windowTemplates,
    entityTemplates,
    windowEvents: wEvents.slice(0, nWin),
  };
}
