import { describe, expect, it } from 'vitest';
import { readGloveHead } from '../../../electron/engine/search/embed/build/glove-reader';
import { buildStaticVocab, isReachableWord, PAD, UNK } from '../../../electron/engine/search/embed/build/static-vocab';
import { tmpDir } from '../../helpers/tmp';
import { TINY_VOCAB, writeTinyGlove } from './tiny-glove';

function tinyVocab() {
  return buildStaticVocab(readGloveHead(writeTinyGlove(tmpDir()), 1000), TINY_VOCAB);
}

function row(v: ReturnType<typeof tinyVocab>, token: string): number[] {
  const i = v.tokens.indexOf(token);
  if (i < 0) throw new Error(`no token ${token}`);
  return [...v.rows.subarray(i * v.dims, (i + 1) * v.dims)];
}

const norm = (r: number[]): number => Math.hypot(...r);

describe('isReachableWord', () => {
  it.each([
    ['password', true],
    ['0x7fff', true],
    [',', true],
    ['$', true],
    ['co-op', false], // the pre-tokenizer splits at "-"
    ['café', false], // the normalizer strips the accent
    ['Upper', false], // the normalizer lowercases
    ['ab', true],
    ['東京', false], // ideographs are split one by one
    ['東', true],
  ])('%s → %s', (word, expected) => {
    expect(isReachableWord(word)).toBe(expected);
  });
});

describe('buildStaticVocab', () => {
  it('starts with [PAD] (zero) and [UNK] (non-zero), and has no duplicate tokens', () => {
    const v = tinyVocab();
    expect(v.tokens.slice(0, 2)).toEqual([PAD, UNK]);
    expect(norm(row(v, PAD))).toBe(0);
    expect(new Set(v.tokens).size).toBe(v.tokens.length);
    expect(v.rows.length).toBe(v.tokens.length * v.dims);
    expect(v.rows.every((x) => Number.isFinite(x))).toBe(true);
  });

  it('drops words the tokenizer could never produce', () => {
    const v = tinyVocab();
    expect(v.tokens).not.toContain('co-op');
    expect(v.tokens).not.toContain('café');
    expect(v.tokens).not.toContain('Upper');
    expect(v.tokens).toContain('password');
  });

  it('has every letter and digit both as a word start and as a "##" piece', () => {
    const v = tinyVocab();
    for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789') {
      expect(v.tokens).toContain(ch);
      expect(v.tokens).toContain(`##${ch}`);
    }
  });

  it('gives compound tails their word vector ("##fault" points like "fault")', () => {
    const v = tinyVocab();
    const a = row(v, '##fault');
    const b = row(v, 'fault');
    const cos = a.reduce((s, x, i) => s + x * b[i]!, 0) / (norm(a) * norm(b));
    expect(cos).toBeGreaterThan(0.999);
  });

  it('weights frequent tokens far below rare ones (SIF)', () => {
    const v = tinyVocab();
    expect(norm(row(v, 'the'))).toBeLessThan(norm(row(v, 'memory')) / 5);
    expect(norm(row(v, ','))).toBeLessThan(norm(row(v, 'network')) / 5);
  });

  it('is deterministic', () => {
    const a = tinyVocab();
    const b = tinyVocab();
    expect(b.tokens).toEqual(a.tokens);
    expect(Buffer.from(b.rows.buffer).equals(Buffer.from(a.rows.buffer))).toBe(true);
  });
});
