/**
 * Why a window scored high, in the analyst's terms: each feature against the entity's
 * own baseline (median and MAD over its other windows), or against all windows of the
 * same entity kind when the entity has too few other windows to have a baseline.
 * The forest itself gives no per-feature attribution; a robust z-score per feature
 * names what is out of line, which is what an analyst checks first.
 */
import { DIMS, FEATURES, type FeatureName, type WindowSet } from './features';

/** One reason a window stands out. */
export interface Driver {
  /** A feature name, or `hour` (an hour the entity is not seen at). */
  feature: FeatureName | 'hour';
  value: number;
  /** The baseline median (for `hour`: the share of other windows at this hour). */
  usual: number;
  /** Robust z-score against the baseline (sign = direction). */
  z: number;
  /** Where the baseline came from. */
  baseline: 'entity' | 'global';
  /** Plain words, e.g. "failure ratio 0.92 vs usual 0.05". */
  text: string;
}

/** Fewer other windows than this and the entity has no baseline of its own. */
const MIN_BASELINE = 3;
/** |z| at or above this names a driver. */
const DRIVER_Z = 2;

const LABEL: Record<FeatureName, string> = {
  events: 'events',
  distinctTemplates: 'distinct templates',
  rareEvents: 'rare-template events',
  failureRatio: 'failure ratio',
  newEntity: 'new entity',
  hourSin: 'hour',
  hourCos: 'hour',
  templateShift: 'largest template share increase',
  meanRarity: 'mean event rarity',
};
/** The smallest spread that counts, so a flat baseline does not make every wobble infinite. */
const MIN_SCALE: Record<FeatureName, number> = {
  events: 1,
  distinctTemplates: 1,
  rareEvents: 1,
  failureRatio: 0.05,
  newEntity: 1,
  hourSin: 1,
  hourCos: 1,
  templateShift: 0.05,
  meanRarity: 0.05,
};
const COMPARED: FeatureName[] = ['events', 'distinctTemplates', 'rareEvents', 'failureRatio', 'templateShift', 'meanRarity'];

function median(xs: Float64Array): number {
  if (xs.length === 0) return 0;
  xs.sort();
  const m = xs.length >> 1;
  return xs.length % 2 ? (xs[m] as number) : ((xs[m - 1] as number) + (xs[m] as number)) / 2;
}

function medianMad(xs: Float64Array): { med: number; mad: number } {
  const med = median(xs);
  const dev = xs.map((x) => Math.abs(x - med));
  return { med, mad: median(dev) };
}

/** Counts read as integers where they are; ratios always with two decimals. */
const fmt = (x: number, ratio: boolean): string => (ratio || !Number.isInteger(x) ? x.toFixed(2) : String(x));
const RATIOS = new Set<FeatureName>(['failureRatio', 'templateShift', 'meanRarity']);
const hourOf = (start: number): number => Math.floor((((start / 3_600_000_000) % 24) + 24) % 24);

/** Explainer over one window set; global baselines per kind are computed on first use. */
export function createExplainer(ws: WindowSet, templateName: (denseTemplate: number) => string) {
  const globalCache = new Map<string, { med: number; mad: number }>();
  function global(kind: number, f: number): { med: number; mad: number } {
    const key = `${kind}:${f}`;
    let b = globalCache.get(key);
    if (!b) {
      const xs: number[] = [];
      for (let w = 0; w < ws.count; w++) if (ws.kind[w] === kind) xs.push(ws.features[w * DIMS + f] as number);
      b = medianMad(Float64Array.from(xs));
      globalCache.set(key, b);
    }
    return b;
  }

  return function explain(w: number): Driver[] {
    const ent = ws.entity[w] as number;
    const { kind, value } = ws.entities[ent] as { kind: string; value: string };
    const others = (ws.entityWindows[ent] as number[]).filter((o) => o !== w);
    const own = others.length >= MIN_BASELINE;
    const out: Driver[] = [];
    for (const name of COMPARED) {
      const f = FEATURES.indexOf(name);
      const x = ws.features[w * DIMS + f] as number;
      const { med, mad } = own ? medianMad(Float64Array.from(others, (o) => ws.features[o * DIMS + f] as number)) : global(ws.kind[w] as number, f);
      const scale = Math.max(1.4826 * mad, 0.1 * Math.abs(med), MIN_SCALE[name]);
      const z = (x - med) / scale;
      if (Math.abs(z) < DRIVER_Z) continue;
      const usual = own ? 'usual' : `typical ${kind}`;
      const ratio = RATIOS.has(name);
      let text = `${LABEL[name]} ${fmt(x, ratio)} vs ${usual} ${fmt(med, ratio)}`;
      if (name === 'templateShift' && (ws.shiftTemplate[w] as number) >= 0) text += ` (${templateName(ws.shiftTemplate[w] as number)})`;
      out.push({ feature: name, value: x, usual: med, z, baseline: own ? 'entity' : 'global', text });
    }
    if (ws.features[w * DIMS + 4] === 1 && others.length > 0) {
      out.push({ feature: 'newEntity', value: 1, usual: 0, z: DRIVER_Z, baseline: 'entity', text: `first window of ${kind} ${value}` });
    } else if (others.length === 0) {
      out.push({ feature: 'newEntity', value: 1, usual: 0, z: DRIVER_Z, baseline: 'global', text: `${kind} ${value} seen in this window only` });
    }
    const start = ws.start[w] as number;
    if (own && !Number.isNaN(start)) {
      const h = hourOf(start);
      const timed = others.filter((o) => !Number.isNaN(ws.start[o] as number));
      const same = timed.filter((o) => hourOf(ws.start[o] as number) === h).length;
      if (timed.length >= MIN_BASELINE && same === 0) {
        out.push({ feature: 'hour', value: h, usual: 0, z: DRIVER_Z, baseline: 'entity', text: `hour ${String(h).padStart(2, '0')}:00 UTC, never seen in its ${timed.length} other windows` });
      }
    }
    return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  };
}
