import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { DetectSample, ParseContext, ParseSink, StreamParser } from '../types';
import { EVENT_FLAG_INVALID_UTF8 } from '../types';
import { isPlainObject } from './flatten';
import { mapJsonObject } from './json-map';
import { JsonRecordSplitter } from './json-splitter';

/**
 * CloudTrail files: `{"Records":[...]}` (S3 delivery), a plain JSON array of records
 * (exports, Stratus Red Team logs), or pretty-printed records one after another. The file
 * is streamed and split into records; each record is parsed alone, so a 1 GB file never
 * sits in memory. Non-CloudTrail objects in such documents get the generic JSON mapping.
 */

const CHUNK_BYTES = 1 << 20;

async function parse(file: string, ctx: ParseContext, sink: ParseSink, signal: AbortSignal): Promise<void> {
  let index = 0;
  const splitter = new JsonRecordSplitter({
    record(bytes, offset, length, isObject) {
      const where = `record ${index}`;
      const record = index++;
      if (bytes === null) {
        sink.skip(where, `record larger than the limit (${length} bytes)`);
        return;
      }
      if (!isObject) {
        sink.skip(where, 'not a JSON object');
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch (e) {
        sink.skip(where, `not valid JSON: ${(e as Error).message}`);
        return;
      }
      if (!isPlainObject(value)) {
        sink.skip(where, 'not a JSON object');
        return;
      }
      const ev = mapJsonObject(value, ctx.timezone);
      ev.record = record;
      ev.offset = offset;
      ev.length = length;
      ev.flags = isUtf8(bytes) ? 0 : EVENT_FLAG_INVALID_UTF8;
      sink.event(ev);
    },
    problem(offset, reason) {
      sink.skip(`offset ${offset}`, reason);
    },
  });
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES, signal });
  let first = true;
  for await (const raw of stream) {
    let chunk = raw as Buffer;
    // A UTF-8 byte order mark is not content (offsets still count it).
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      chunk = Buffer.concat([Buffer.from('   '), chunk.subarray(3)]);
    }
    first = false;
    splitter.push(chunk);
    signal.throwIfAborted();
  }
  splitter.end();
}

const CLOUDTRAIL_KEYS = /"eventVersion"\s*:/;
const CLOUDTRAIL_SOURCE = /"eventSource"\s*:/;

function detect(sample: DetectSample): number {
  const text = sample.head.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart();
  const looksCloudTrail = CLOUDTRAIL_KEYS.test(text) && CLOUDTRAIL_SOURCE.test(text);
  if (/^\{\s*"Records"\s*:\s*\[/.test(start)) return 0.97;
  if (/^\[\s*(\{|$)/.test(start)) return looksCloudTrail ? 0.97 : 0.5;
  if (start.startsWith('{')) {
    // One complete object on the first line is JSON lines: the jsonl parser maps those.
    const firstLine = sample.lines.find((l) => l.trim() !== '') ?? '';
    try {
      if (isPlainObject(JSON.parse(firstLine))) return 0;
    } catch {
      // Not complete on one line: a pretty-printed document.
    }
    return looksCloudTrail ? 0.9 : 0.4;
  }
  return 0;
}

export const cloudtrailParser: StreamParser = {
  kind: 'stream',
  id: 'cloudtrail',
  label: 'AWS CloudTrail / JSON documents',
  detect,
  parse,
};
