import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { EVAL_DATASETS, evalQueries, importEvalDatasets, MODES, scoreMode, type Mode, type ModeScore } from '../../eval/semantic-eval';

/**
 * Retrieval quality on loghub samples with ground-truth templates (test/eval): plain-words
 * queries in text, semantic and hybrid modes. Prints recall@10 and MRR per mode and per query;
 * the bar is that hybrid (and semantic) search beat text-only search on both.
 */
describe('retrieval quality on loghub ground truth', () => {
  let c: EngineCase;
  let truth: Map<number, string>;
  const scores = {} as Record<Mode, ModeScore>;
  const queries = evalQueries();

  beforeAll(async () => {
    c = await newEngineCase('eval', { persistent: true });
    truth = await importEvalDatasets(c, EVAL_DATASETS);
    await c.runJob('index.start', {});
    const rows = new Map<string, string[]>();
    for (const mode of MODES) {
      scores[mode] = await scoreMode(c, mode, queries, truth, (q, s) => {
        rows.set(q.query, [...(rows.get(q.query) ?? []), `${mode} ${s.recallAt10.toFixed(2)}/${s.mrr.toFixed(2)}`]);
      });
    }
    for (const [q, r] of rows) console.log(`  ${q.padEnd(64)} ${r.join('  ')}`);
    console.log(`recall@10/MRR per query above; retrieval over ${queries.length} queries, ${truth.size} events of ${EVAL_DATASETS.join(', ')}:`);
    for (const mode of MODES) console.log(`  ${mode.padEnd(8)} recall@10 ${scores[mode].recallAt10.toFixed(3)}  MRR ${scores[mode].mrr.toFixed(3)}`);
  }, 180_000);
  afterAll(() => c.close());

  it('maps every imported line to its ground-truth template', () => {
    expect(truth.size).toBe(EVAL_DATASETS.length * 2000);
  });

  it('ranks better with hybrid and semantic search than with text search alone', () => {
    expect(scores.hybrid.recallAt10).toBeGreaterThan(scores.text.recallAt10);
    expect(scores.hybrid.mrr).toBeGreaterThan(scores.text.mrr);
    expect(scores.semantic.recallAt10).toBeGreaterThan(scores.text.recallAt10);
    expect(scores.semantic.mrr).toBeGreaterThan(scores.text.mrr);
  });
});
