import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_CHARS } from '../../electron/engine/ingest/lines';
import { runParse, type ParseBatch } from '../../electron/engine/ingest/parse-run';
import { testParseContext } from '../../electron/engine/ingest/run-parser';
import { tmpDir } from '../helpers/tmp';

function trail(records: number, paramChars: number): string {
  const file = path.join(tmpDir(), 'trail.json');
  const Records = Array.from({ length: records }, (_, i) => ({
    eventVersion: '1.08',
    eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    eventSource: 's3.amazonaws.com',
    eventName: 'PutObject',
    requestParameters: { key: `k${i}`, blob: 'y'.repeat(paramChars) },
  }));
  writeFileSync(file, JSON.stringify({ Records }));
  return file;
}

async function batches(file: string): Promise<ParseBatch[]> {
  const out: ParseBatch[] = [];
  await runParse({ storedPath: file, size: statSync(file).size, sha256: '0'.repeat(64), format: 'cloudtrail', ctx: testParseContext() }, (b) => out.push(b), new AbortController().signal);
  return out;
}

describe('runParse batches from parsers that read whole files', () => {
  it('hands over a thousand events at a time, the last batch at the end of the file', async () => {
    const file = trail(2500, 10);
    const got = await batches(file);
    expect(got.map((b) => b.events.length)).toEqual([1000, 1000, 500]);
    expect(got.at(-1)!.bytes).toBe(statSync(file).size);
    expect(got.flatMap((b) => b.events.map((e) => e.row[2]))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it('hands over problems as they come when a file holds nothing else', async () => {
    const file = path.join(tmpDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ Records: Array.from({ length: 2500 }, (_, i) => i) }));
    const got = await batches(file);
    expect(got.map((b) => [b.events.length, b.issues.length])).toEqual([
      [0, 1000],
      [0, 1000],
      [0, 500],
    ]);
    expect(got[0]!.issues[0]![0]).toBe('skip');
  });

  it('closes a batch early when its events hold more than BATCH_CHARS of text', async () => {
    const got = await batches(trail(300, 64 * 1024));
    expect(got.reduce((n, b) => n + b.events.length, 0)).toBe(300);
    expect(got.length).toBeGreaterThan(300 / Math.ceil(BATCH_CHARS / (64 * 1024)));
    for (const b of got) {
      const text = b.events.reduce((n, e) => n + e.row[13].length + (e.row[14]?.length ?? 0), 0);
      const last = b.events.at(-1);
      expect(text - (last ? last.row[13].length + (last.row[14]?.length ?? 0) : 0)).toBeLessThan(BATCH_CHARS);
    }
  });
});
