import { describe, expect, it } from 'vitest';
import { Refusal } from '../../../electron/engine/ingest/intake/errors';
import { Budget, DEFAULT_LIMITS, formatBytes, resolveLimits } from '../../../electron/engine/ingest/intake/limits';

describe('limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxDepth: 4,
      maxEntries: 100_000,
      maxEntryBytes: 16 * 2 ** 30,
      maxTotalBytes: 64 * 2 ** 30,
      maxRatio: 200,
      ratioFloorBytes: 64 * 2 ** 20,
      maxNameBytes: 1024,
      maxComponentBytes: 255,
    });
  });

  it('merges partial limits and rejects nonsense', () => {
    expect(resolveLimits({ maxDepth: 1 }).maxDepth).toBe(1);
    expect(resolveLimits({ maxDepth: undefined }).maxDepth).toBe(4);
    expect(() => resolveLimits({ maxRatio: -1 })).toThrow(/maxRatio/);
    expect(() => resolveLimits({ maxRatio: Number.NaN })).toThrow(/maxRatio/);
  });

  it('formats byte counts for messages', () => {
    expect(formatBytes(16 * 2 ** 30)).toBe('16 GiB');
    expect(formatBytes(2 ** 20)).toBe('1 MiB');
    expect(formatBytes(1000)).toBe('1000 bytes');
  });
});

describe('Budget', () => {
  const limits = { ...DEFAULT_LIMITS, maxEntries: 2, maxEntryBytes: 100, maxTotalBytes: 250, maxRatio: 10, ratioFloorBytes: 50 };

  it('refuses before the bytes that would cross a limit are accepted', () => {
    const b = new Budget({ ...limits, maxRatio: 1000 }, 1);
    b.addBytes(100, 0, 'a');
    expect(() => b.addBytes(1, 100, 'a')).toThrow(Refusal);
    expect(b.bytes).toBe(100);
    b.addBytes(100, 0, 'b');
    expect(() => b.addBytes(51, 0, 'c')).toThrow(/exceed the 250 bytes limit \(reached in "c"\)/);
    expect(b.bytes).toBe(200);
  });

  it('checks the ratio only above the floor', () => {
    const b = new Budget(limits, 2);
    b.addBytes(50, 0, 'a');
    expect(() => b.addBytes(1, 50, 'a')).toThrow(/compression ratio over 10:1/);
    const roomy = new Budget(limits, 100);
    roomy.addBytes(100, 0, 'a');
    roomy.addBytes(100, 0, 'b');
  });

  it('counts entries', () => {
    const b = new Budget(limits, 1);
    b.addEntry('a');
    b.addEntry('b');
    expect(() => b.addEntry('c')).toThrow(/more than 2 entries \(limit reached at "c"\)/);
  });
});
