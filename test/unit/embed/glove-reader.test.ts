import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGloveHead } from '../../../electron/engine/search/embed/build/glove-reader';
import { tmpDir } from '../../helpers/tmp';
import { TINY_WORDS, writeTinyGlove } from './tiny-glove';

describe('readGloveHead', () => {
  it('reads the header and the words in frequency order, whatever the read size', () => {
    const file = writeTinyGlove(tmpDir());
    // Tiny reads put chunk boundaries inside keys, numbers and between entries.
    for (const chunk of [1, 2, 3, 7, 64, 4096]) {
      const head = readGloveHead(file, 1000, new Set(), chunk);
      expect(head.size).toBe(TINY_WORDS.length);
      expect(head.dimensions).toBe(4);
      expect(head.words.map((w) => w.word)).toEqual(TINY_WORDS.map(([w]) => w));
      expect(head.words.map((w) => w.rank)).toEqual(TINY_WORDS.map((_, i) => i));
      expect([...head.words[9]!.vector]).toEqual(TINY_WORDS[9]![1]);
    }
  });

  it('keys that contain "]", quotes or backslashes are parsed', () => {
    const head = readGloveHead(writeTinyGlove(tmpDir()), 1000, new Set(), 5);
    const words = head.words.map((w) => w.word);
    expect(words).toContain(']');
    expect(words).toContain('"');
    expect(words).toContain('\\');
  });

  it('takes the top words plus requested extras further down, and stops reading early', () => {
    const head = readGloveHead(writeTinyGlove(tmpDir()), 3, new Set(['memory', 'not-there']), 8);
    expect(head.words.map((w) => w.word)).toEqual(['the', ',', '.', 'memory']);
    expect(head.words[3]!.rank).toBe(19);
  });

  it('refuses a file that is not in the wink-embeddings format', () => {
    const dir = tmpDir();
    const file = `${dir}/x.json`;
    writeFileSync(file, '{"hello":1}');
    expect(() => readGloveHead(file, 10)).toThrow(/not a wink-embeddings file/);
  });
});
