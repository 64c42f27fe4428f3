import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { groupingAccuracy } from '../../../electron/engine/detect/templates/accuracy';
import { LOGHUB_FORMATS, formatToRegex, loghubContent } from '../../../electron/engine/detect/templates/loghub-formats';
import { mineLabels } from '../../../electron/engine/detect/templates/label';
import { data } from '../../helpers/paths';

/** GA on the corrected loghub ground truth; the floor sits well under what the miner reaches. */
function ga(sys: string): number {
  const file = data('logparser/loghub_2k_corrected', sys, `${sys}_2k.log_structured_corrected.csv`);
  const rows = parse(readFileSync(file), { columns: true }) as { Content: string; EventId: string }[];
  return groupingAccuracy(
    rows.map((r) => r.EventId),
    mineLabels(rows.map((r) => r.Content)),
  );
}

describe('grouping accuracy on loghub 2k (corrected GT)', () => {
  it.each(['HDFS', 'OpenSSH', 'Windows'])('%s GA >= 0.85', (sys) => {
    expect(ga(sys)).toBeGreaterThanOrEqual(0.85);
  });
});

describe('loghub header regexes', () => {
  it('cut the content out of raw HDFS and Linux lines', () => {
    const hdfs = formatToRegex(LOGHUB_FORMATS.HDFS as string);
    expect(loghubContent(hdfs, '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_1 terminating')).toBe(
      'PacketResponder 1 for block blk_1 terminating',
    );
    const linux = formatToRegex(LOGHUB_FORMATS.Linux as string);
    expect(loghubContent(linux, 'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown')).toBe('check pass; user unknown');
    expect(loghubContent(linux, 'not a syslog line')).toBeNull();
  });
});
