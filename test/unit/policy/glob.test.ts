import { describe, expect, it } from 'vitest';
import { compilePathGlob, compileValueGlob, GlobError, normalizeResource } from '../../../electron/engine/detect/policy/index';

describe('path globs', () => {
  it.each<[string, string, boolean]>([
    ['/data/raw', '/data/raw', true],
    ['/data/raw', '/data/raw/orders/2024.csv', true], // a pattern covers what lies beneath it
    ['/data/raw', '/data/raw2/x', false],
    ['/data/raw/', '/data/raw/x', true],
    ['/data/raw/**', '/data/raw', true],
    ['/data/raw/**', '/data/raw/a/b/c', true],
    ['/data/*/orders', '/data/raw/orders/x.csv', true],
    ['/data/*/orders', '/data/raw/sub/orders', false], // * stays within one name
    ['/data/**/orders', '/data/orders', true],
    ['/data/**/orders', '/data/a/b/orders/x', true],
    ['/data/raw/*.csv', '/data/raw/a.csv', true],
    ['/data/raw/*.csv', '/data/raw/a.parquet', false],
    ['/data/raw/2024-0?.csv', '/data/raw/2024-01.csv', true],
    ['/data/raw/2024-[01][0-9].csv', '/data/raw/2024-11.csv', true],
    ['/data/raw/[!a]*', '/data/raw/abc', false],
    ['/data/{raw,clean}/**', '/data/clean/x', true],
    ['/data/{raw,clean}/**', '/data/other/x', false],
    ['s3://lake/features/**', 's3://lake/features/part-0.parquet', true],
    ['s3://lake/features/**', 's3://lake/features-old/part-0.parquet', false],
    ['**/secrets', '/home/u/.config/secrets/key', true],
    ['/data/a+b (1).csv', '/data/a+b (1).csv', true], // regex characters are literal
  ])('%s ~ %s = %s', (glob, path, expected) => {
    expect(compilePathGlob(glob).test(path)).toBe(expected);
  });

  it.each([
    ['', /empty pattern/],
    ['/data/**x', /whole path segment/],
    ['/data/***', /'\*\*\*' is not a pattern/],
    ['/data/[abc', /unclosed '\['/],
    ['/data/{a,b', /unclosed '\{'/],
    ['/data/a}', /'\}' without '\{'/],
    ['/data/a]', /'\]' without '\['/],
  ])('refuses %j', (glob, reason) => {
    expect(() => compilePathGlob(glob)).toThrow(GlobError);
    expect(() => compilePathGlob(glob)).toThrow(reason);
  });
});

describe('value globs and resources', () => {
  it('value globs: exact text, or * as any text including /', () => {
    expect(compileValueGlob('svc-ingest')).toBe('svc-ingest');
    const re = compileValueGlob('arn:aws:sts::1:assumed-role/ingest/*') as RegExp;
    expect(re.test('arn:aws:sts::1:assumed-role/ingest/i-0abc/x')).toBe(true);
    expect(re.test('arn:aws:sts::1:assumed-role/train/i-0abc')).toBe(false);
  });

  it('normalizes Windows paths and doubled slashes, keeping URL schemes', () => {
    expect(normalizeResource('D:\\data\\raw\\a.csv')).toBe('D:/data/raw/a.csv');
    expect(normalizeResource('/data//raw///a.csv')).toBe('/data/raw/a.csv');
    expect(normalizeResource('s3://lake//features/a')).toBe('s3://lake/features/a');
  });
});
