import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { eventSchema } from '../../../shared/model';
import { getEvent, RAW_CAP } from '../../../electron/engine/search/event-get';
import { seedCase } from '../../helpers/seed';

const SHA = '0'.repeat(64);

function caseWithEvidence(content: Buffer, events: Parameters<typeof seedCase>[0]) {
  const c = seedCase(events);
  const file = path.join(c.dir, 'evidence', SHA);
  writeFileSync(file, content);
  chmodSync(file, 0o444);
  return c;
}

describe('getEvent', () => {
  it('returns the event with its exact original bytes', () => {
    const lines = ['first line\n', 'Mar  1 10:00:00 web sshd[1]: hello\n', 'third\n'];
    const off = Buffer.byteLength(lines[0]!);
    const c = caseWithEvidence(Buffer.from(lines.join('')), [
      { ts: Date.parse('2024-03-01T10:00:00Z') * 1000 + 7, message: 'hello', host: 'web', offset: off, length: Buffer.byteLength(lines[1]!), attrs: { program: 'sshd' } },
    ]);
    const ev = getEvent(c.db, c.dir, 1);
    expect(ev.raw).toBe(lines[1]);
    expect(ev.rawTruncated).toBe(false);
    expect(ev.ts).toBe('2024-03-01T10:00:00.000007Z');
    expect(ev.origin).toEqual({ sha256: SHA, file: 'seed.log', offset: off, length: Buffer.byteLength(lines[1]!), record: null });
    expect(ev.attrs).toEqual({ program: 'sshd' });
    expect(eventSchema.extend({}).safeParse(ev).success).toBe(true);
    c.db.close();
  });

  it('decodes invalid UTF-8 with replacement characters', () => {
    const bytes = Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a]);
    const c = caseWithEvidence(bytes, [{ ts: null, message: 'a?b', offset: 0, length: 5 }]);
    expect(getEvent(c.db, c.dir, 1).raw).toBe('a\uFFFD\uFFFDb\n');
    c.db.close();
  });

  it('caps raw at 1 MiB and says so', () => {
    const big = Buffer.alloc(RAW_CAP + 100, 0x78);
    const c = caseWithEvidence(big, [{ ts: null, message: 'x', offset: 0, length: big.length }]);
    const ev = getEvent(c.db, c.dir, 1);
    expect(ev.raw.length).toBe(RAW_CAP);
    expect(ev.rawTruncated).toBe(true);
    c.db.close();
  });

  it('reads to the end of the line when the length is unknown', () => {
    const c = caseWithEvidence(Buffer.from('one\ntwo\n'), [{ ts: null, message: 'two', offset: 4, length: null }]);
    expect(getEvent(c.db, c.dir, 1).raw).toBe('two\n');
    c.db.close();
  });

  it('shows attributes as JSON for events without a byte offset', () => {
    const attrs = { eventName: 'GetObject', 'requestParameters.bucketName': 'b' };
    const c = seedCase([{ ts: null, message: 'rec', offset: null, record: 3, attrs }]);
    const ev = getEvent(c.db, c.dir, 1);
    expect(JSON.parse(ev.raw)).toEqual(attrs);
    expect(ev.origin.record).toBe(3);
    expect(ev.origin.offset).toBeNull();
    c.db.close();
  });

  it('gives an empty raw when the evidence copy is missing', () => {
    const c = seedCase([{ ts: null, message: 'x', offset: 0, length: 3 }]);
    const ev = getEvent(c.db, c.dir, 1);
    expect(ev.raw).toBe('');
    expect(ev.message).toBe('x');
    c.db.close();
  });

  it('throws not_found for an unknown id', () => {
    const c = seedCase([{ ts: null, message: 'x' }]);
    expect(() => getEvent(c.db, c.dir, 99)).toThrow(AppError);
    expect(() => getEvent(c.db, c.dir, 99)).toThrow(expect.objectContaining({ code: 'not_found' }));
    c.db.close();
  });
});
