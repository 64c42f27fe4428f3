import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupingAccuracy } from '../../../electron/engine/detect/templates/accuracy';
import { newEngineCase, type EngineCase } from '../../helpers/engine-case';
import { data } from '../../helpers/paths';

/** The loghub systems with corrected ground truth in the shared data. */
const SYSTEMS = ['BGL', 'HDFS', 'Hadoop', 'Linux', 'OpenSSH', 'Spark', 'Windows', 'Zookeeper'];

/** Byte offset of the start of every line. */
function lineStarts(buf: Buffer): number[] {
  const out = [0];
  for (let i = 0; i < buf.length - 1; i++) if (buf[i] === 10) out.push(i + 1);
  return out;
}

/**
 * Grouping accuracy of the templates given at import, measured as the loghub benchmark does:
 * the raw 2k logs are imported as evidence (formats detected, messages from the product's own
 * parsers, no per-dataset settings) and each line's template is compared with the corrected
 * ground truth. Prints the table; holds the issue's bar (mean >= 0.98, none below 0.90).
 */
describe('templates given at import, against the loghub ground truth', () => {
  let ec: EngineCase;
  const ga = new Map<string, number>();

  beforeAll(async () => {
    ec = await newEngineCase('loghub', { persistent: true });
    // One case holding every system, each imported on its own: the groups read at the end
    // are those a case with all of them has.
    for (const sys of SYSTEMS) await ec.importFiles([data('loghub', sys, `${sys}_2k.log`)]);
    for (const sys of SYSTEMS) {
      const raw = data('loghub', sys, `${sys}_2k.log`);
      const truth = parse(readFileSync(data('logparser/loghub_2k_corrected', sys, `${sys}_2k.log_structured_corrected.csv`)), { columns: true }) as { EventId: string }[];
      const { events } = await ec.client.call('search.query', { query: `source:"${raw}"`, limit: 10_000, order: 'asc' });
      const starts = lineStarts(readFileSync(raw));
      const byLine = new Map<number, number>();
      for (const e of events) {
        const detail = await ec.client.call('event.get', { id: e.id });
        byLine.set(starts.indexOf(e.origin.offset as number), detail.template?.id ?? -e.id);
      }
      ga.set(sys, groupingAccuracy(truth.map((t) => t.EventId), truth.map((_, i) => byLine.get(i) ?? `missing ${i}`)));
    }
    console.log(`GA of import-time templates:\n${[...ga].map(([s, g]) => `  ${s.padEnd(10)} ${g.toFixed(3)}`).join('\n')}`);
  }, 240_000);
  afterAll(() => ec.close());

  it('groups as the ground truth does: mean >= 0.98, no system below 0.90', () => {
    const values = [...ga.values()];
    expect(values).toHaveLength(SYSTEMS.length);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeGreaterThanOrEqual(0.98);
    for (const [sys, g] of ga) expect(g, sys).toBeGreaterThanOrEqual(0.9);
  });
});
