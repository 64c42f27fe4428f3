/**
 * Evaluation on loghub BGL (2k sample): the first token of each line labels it ('-'
 * normal, else an alert category). One configuration, fixed before looking at results:
 * templates from the project's miner on the loghub content, entity = the BGL node
 * (host), outcome 'failure' when the severity field is FATAL or FAILURE (the two BGL
 * levels that name a failed component), else null. Events are ranked by their event
 * score (0.5 rarity + 0.5 window score); precision and recall are taken at k = the
 * number of true alerts, where the two are equal by construction. Ties keep input
 * order. The assertion is only a floor that a random ranking would not reach
 * (four standard deviations above the hypergeometric mean of a random top k).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnomalyEvent } from '../../../electron/engine/detect/anomaly/features';
import { scoreAnomalies } from '../../../electron/engine/detect/anomaly/score';
import { createMiner } from '../../../electron/engine/detect/templates/miner';
import { LOGHUB_FORMATS, formatToRegex } from '../../../electron/engine/detect/templates/loghub-formats';
import { data } from '../../helpers/paths';

interface Labelled {
  events: AnomalyEvent[];
  alert: boolean[];
  skipped: number;
}

function loadBgl(failureFromLevel: boolean): Labelled {
  const re = formatToRegex(LOGHUB_FORMATS.BGL as string);
  const lines = readFileSync(data('loghub/BGL/BGL_2k.log'), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const miner = createMiner();
  const rows: { g: Record<string, string>; tid: number }[] = [];
  let skipped = 0;
  for (const line of lines) {
    const g = re.exec(line)?.groups;
    if (!g || g.Content === undefined) {
      skipped++;
      continue;
    }
    rows.push({ g, tid: miner.add(g.Content).templateId });
  }
  const events = rows.map(({ g, tid }, i): AnomalyEvent => {
    const sec = Number(g.Timestamp);
    return {
      id: i,
      ts: Number.isFinite(sec) ? sec * 1_000_000 : null,
      host: g.Node ?? null,
      templateId: miner.resolve(tid),
      outcome: failureFromLevel && (g.Level === 'FATAL' || g.Level === 'FAILURE') ? 'failure' : null,
    };
  });
  return { events, alert: rows.map(({ g }) => g.Label !== '-'), skipped };
}

function precisionAtK(scores: Float32Array, alert: boolean[]): { k: number; hits: number; precision: number; recall: number } {
  const k = alert.filter(Boolean).length;
  const order = Array.from(scores.keys()).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const hits = order.slice(0, k).filter((i) => alert[i]).length;
  return { k, hits, precision: hits / k, recall: hits / k };
}

describe('anomaly scoring on loghub BGL_2k', () => {
  it('ranks alert lines well above the base rate', () => {
    const bgl = loadBgl(true);
    const n = bgl.events.length;
    const result = scoreAnomalies(bgl.events, { seed: 1, top: 5 });
    const byEvent = precisionAtK(result.eventScores, bgl.alert);
    const byRarity = precisionAtK(result.rarity, bgl.alert);
    const base = byEvent.k / n;
    // Ablation, printed only: the same run without the severity field.
    const noLevel = precisionAtK(scoreAnomalies(loadBgl(false).events, { seed: 1 }).eventScores, bgl.alert);
    console.log(
      [
        `BGL_2k: ${n} lines (${bgl.skipped} unparsed), ${result.stats.templates} templates, ${result.stats.entities} hosts, ${result.stats.windows} windows`,
        `k = ${byEvent.k} true alerts, base rate ${(100 * base).toFixed(2)}%`,
        `event score:  precision@k = recall@k = ${byEvent.precision.toFixed(3)} (${byEvent.hits}/${byEvent.k})`,
        `rarity only:  precision@k = recall@k = ${byRarity.precision.toFixed(3)} (${byRarity.hits}/${byRarity.k})`,
        `no severity:  precision@k = recall@k = ${noLevel.precision.toFixed(3)} (${noLevel.hits}/${noLevel.k})`,
        `top window: ${result.windows[0]?.kind} ${result.windows[0]?.value} score ${result.windows[0]?.score.toFixed(3)}: ${result.windows[0]?.drivers.map((d) => d.text).join('; ')}`,
      ].join('\n'),
    );
    expect(n).toBe(2000);
    // A random top-k draw has hypergeometric hits: mean k*base, sd below. Four sd above
    // the mean is a floor a random ranking reaches with p < 1e-4.
    const sd = Math.sqrt(byEvent.k * base * (1 - base) * ((n - byEvent.k) / (n - 1)));
    expect(byEvent.hits).toBeGreaterThan(byEvent.k * base + 4 * sd);
  });
});
