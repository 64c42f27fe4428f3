import type { GloveHead, WordVector } from './glove-reader';

/** Knobs of the static-embedding build; the defaults are what the bundled model uses. */
export interface VocabOptions {
  /** Source words taken in frequency order (before dropping ones a BERT tokenizer never emits). */
  topWords: number;
  /** Words also turned into "##word" continuation pieces (compound log words: seg|fault, k|worker). */
  suffixWords: number;
  /** Longest character n-gram used as a "##" continuation piece. */
  maxNgram: number;
  /** How many multi-character n-gram pieces to keep (single characters are always kept). */
  ngrams: number;
  /** SIF constant: a word of probability p gets weight a / (a + p). */
  sifA: number;
  /** Extra damping of n-gram pieces: their vectors are averages, less reliable than words. */
  ngramScale: number;
  /** Extra damping of all-digit tokens: pids, ports and addresses say little about what happened. */
  digitScale: number;
  /** Whether to remove the vocabulary's top principal direction (shared by all words) besides its mean. */
  removeTopAxis: boolean;
}

export const DEFAULT_VOCAB: VocabOptions = { topWords: 50_000, suffixWords: 15_000, maxNgram: 5, ngrams: 15_000, sifA: 3e-4, ngramScale: 0.5, digitScale: 0.2, removeTopAxis: true };

export const PAD = '[PAD]';
export const UNK = '[UNK]';
const PREFIX = '##';

/** A vocabulary with one weighted, float32 row of `dims` values per token. */
export interface StaticVocab {
  tokens: string[];
  dims: number;
  rows: Float32Array;
  counts: { words: number; suffixWords: number; ngrams: number; chars: number };
}

/** BERT's notion of punctuation: ASCII symbol ranges plus Unicode P* categories. */
function isBertPunct(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
  return /^\p{P}$/u.test(ch);
}

const CJK = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2A6DF}\u{2F800}-\u{2FA1F}]/u;

/**
 * Whether the BERT normalizer and pre-tokenizer can hand this word to WordPiece whole:
 * lowercase, no accents (they are stripped), no inner punctuation (it splits), no CJK
 * (ideographs are split one by one). Other words could never be looked up.
 */
export function isReachableWord(word: string): boolean {
  if ([...word].length === 1 && isBertPunct(word)) return true;
  if (!/^[\p{L}\p{N}]+$/u.test(word)) return false;
  if (word !== word.toLowerCase()) return false;
  if (word !== word.normalize('NFD').replace(/\p{Mn}/gu, '')) return false;
  return [...word].length === 1 || !CJK.test(word);
}

/** Linear map applied to every vector: remove the vocabulary mean and its main common direction. */
interface Centering {
  mean: Float64Array;
  axis: Float64Array;
}

function centering(vectors: Float64Array[], dims: number, removeTopAxis: boolean): Centering {
  const mean = new Float64Array(dims);
  for (const v of vectors) for (let d = 0; d < dims; d++) mean[d]! += v[d]! / vectors.length;
  if (!removeTopAxis) return { mean, axis: new Float64Array(dims) };
  // Covariance of the centred vectors, then its top eigenvector by power iteration from a
  // fixed start: deterministic, and 100 x 100 is tiny.
  const cov = new Float64Array(dims * dims);
  const x = new Float64Array(dims);
  for (const v of vectors) {
    for (let d = 0; d < dims; d++) x[d] = v[d]! - mean[d]!;
    for (let i = 0; i < dims; i++) {
      const xi = x[i]!;
      for (let j = i; j < dims; j++) cov[i * dims + j]! += xi * x[j]!;
    }
  }
  for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) cov[i * dims + j] = cov[j * dims + i]!;
  let axis = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let it = 0; it < 200; it++) {
    const next = new Float64Array(dims);
    for (let i = 0; i < dims; i++) {
      let s = 0;
      for (let j = 0; j < dims; j++) s += cov[i * dims + j]! * axis[j]!;
      next[i] = s;
    }
    let norm = 0;
    for (const n of next) norm += n * n;
    norm = Math.sqrt(norm);
    for (let i = 0; i < dims; i++) next[i] = next[i]! / norm;
    axis = next;
  }
  return { mean, axis };
}

function centre(v: Float64Array, c: Centering): Float64Array {
  const out = new Float64Array(v.length);
  let dot = 0;
  for (let d = 0; d < v.length; d++) {
    out[d] = v[d]! - c.mean[d]!;
    dot += out[d]! * c.axis[d]!;
  }
  for (let d = 0; d < v.length; d++) out[d] = out[d]! - dot * c.axis[d]!;
  return out;
}

interface Gram {
  count: number;
  /** Sum of the probabilities of the words it occurs in (how often it is seen in text). */
  p: number;
  /** Sum of sqrt(p) weights and weighted vectors, for the vector of the piece. */
  w: number;
  sum: Float64Array | null;
}

/** Non-initial character n-grams of a word (what WordPiece emits after the first piece). */
function* innerGrams(chars: string[], maxN: number): Generator<string> {
  for (let i = 1; i < chars.length; i++) {
    for (let n = 1; n <= maxN && i + n <= chars.length; n++) yield chars.slice(i, i + n).join('');
  }
}

/**
 * Builds the vocabulary and its rows: frequent GloVe words, "##" continuation pieces
 * (whole words for compounds, character n-grams whose vector is the sqrt-frequency-weighted
 * mean of the words containing them, every single character), each row scaled by a SIF
 * weight so that very common tokens ("the", ",", "##s") barely move a sentence's mean.
 */
export function buildStaticVocab(head: GloveHead, opts: VocabOptions = DEFAULT_VOCAB): StaticVocab {
  const dims = head.dimensions;
  let harmonic = 0;
  for (let r = head.size; r >= 1; r--) harmonic += 1 / r;
  // Zipf: the word of rank r (0-based) has probability about 1 / ((r + 1) * H_size).
  const prob = (rank: number): number => 1 / ((rank + 1) * harmonic);
  const sif = (p: number): number => opts.sifA / (opts.sifA + p);

  const words: WordVector[] = [];
  const seen = new Set<string>();
  for (const w of head.words) {
    if (isReachableWord(w.word) && !seen.has(w.word)) {
      words.push(w);
      seen.add(w.word);
    }
  }
  const c = centering(
    words.map((w) => w.vector),
    dims,
    opts.removeTopAxis,
  );

  const tokens: string[] = [PAD, UNK];
  const rowList: Float64Array[] = [new Float64Array(dims), new Float64Array(dims)];
  const add = (token: string, vector: Float64Array, weight: number): void => {
    tokens.push(token);
    const row = centre(vector, c);
    const scale = /^(##)?\p{Nd}+$/u.test(token) ? weight * opts.digitScale : weight;
    for (let d = 0; d < dims; d++) row[d] = row[d]! * scale;
    rowList.push(row);
  };
  for (const w of words) add(w.word, w.vector, sif(prob(w.rank)));
  const vocab = new Set(tokens);

  let suffixWords = 0;
  for (const w of words) {
    if ((w.rank < opts.suffixWords || w.rank >= opts.topWords) && /^\p{L}{3,}$/u.test(w.word)) {
      add(PREFIX + w.word, w.vector, sif(prob(w.rank)));
      vocab.add(PREFIX + w.word);
      suffixWords++;
    }
  }

  // Pass 1: statistics of every inner n-gram; pass 2: vectors of the kept ones only.
  const grams = new Map<string, Gram>();
  const chars = new Set<string>('abcdefghijklmnopqrstuvwxyz0123456789');
  for (const w of words) {
    const cs = [...w.word];
    if (cs.length === 1 && isBertPunct(w.word)) continue;
    for (const ch of cs) chars.add(ch);
    const p = prob(w.rank);
    for (const g of innerGrams(cs, opts.maxNgram)) {
      const s = grams.get(g) ?? { count: 0, p: 0, w: 0, sum: null };
      s.count++;
      s.p += p;
      grams.set(g, s);
    }
  }
  const byFrequency = (a: [string, Gram], b: [string, Gram]): number => b[1].p - a[1].p || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const multi = [...grams].filter(([g, s]) => [...g].length > 1 && s.count >= 2 && !vocab.has(PREFIX + g)).sort(byFrequency).slice(0, opts.ngrams);
  const kept = new Map(multi);
  for (const ch of [...chars].sort()) {
    if (!kept.has(ch)) kept.set(ch, grams.get(ch) ?? { count: 0, p: 0, w: 0, sum: null });
  }
  for (const s of kept.values()) s.sum = new Float64Array(dims);
  for (const w of words) {
    const cs = [...w.word];
    if (cs.length === 1 && isBertPunct(w.word)) continue;
    const weight = Math.sqrt(prob(w.rank));
    for (const g of innerGrams(cs, opts.maxNgram)) {
      const s = kept.get(g);
      if (!s?.sum) continue;
      s.w += weight;
      for (let d = 0; d < dims; d++) s.sum[d]! += weight * w.vector[d]!;
    }
  }
  const meanOf = (s: Gram): Float64Array => {
    const v = new Float64Array(dims);
    // A character never seen inside a word (only as a word start) borrows the vocabulary mean, which centres to ~0.
    if (s.w === 0 || !s.sum) return c.mean.slice();
    for (let d = 0; d < dims; d++) v[d] = s.sum[d]! / s.w;
    return v;
  };
  const ordered = [...kept].sort((a, b) => [...a[0]].length - [...b[0]].length || byFrequency(a, b));
  let ngrams = 0;
  for (const [g, s] of ordered) {
    if (vocab.has(PREFIX + g)) continue;
    add(PREFIX + g, meanOf(s), sif(s.p) * opts.ngramScale);
    vocab.add(PREFIX + g);
    ngrams++;
  }
  // Every character must also start a word, or a word starting with it would be [UNK].
  let initialChars = 0;
  for (const ch of [...chars].sort()) {
    if (vocab.has(ch)) continue;
    const s = kept.get(ch);
    add(ch, s ? meanOf(s) : c.mean.slice(), sif(s?.p ?? 0) * opts.ngramScale);
    vocab.add(ch);
    initialChars++;
  }

  // [UNK] (emoji, unseen scripts, over-long tokens) gets a small fixed direction rather than
  // zero, so a text made only of unknown tokens still has a finite, unit-length embedding.
  const unknown = words.find((w) => w.word === 'unknown');
  if (unknown) {
    const row = centre(unknown.vector, c);
    for (let d = 0; d < dims; d++) row[d] = row[d]! * 0.3;
    rowList[1] = row;
  } else rowList[1] = new Float64Array(dims).fill(0.01);

  const rows = new Float32Array(tokens.length * dims);
  rowList.forEach((r, i) => rows.set(r, i * dims));
  return { tokens, dims, rows, counts: { words: words.length, suffixWords, ngrams, chars: initialChars } };
}
