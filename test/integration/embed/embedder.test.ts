import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder } from '../../../electron/engine/search/embed';
import { THEMES } from './log-pairs';
import { realModelDir } from './real-model';

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

let embedder: Embedder;

beforeAll(async () => {
  embedder = await loadEmbedder(realModelDir());
}, 120_000);

afterAll(async () => {
  await embedder?.dispose();
});

describe('the default GloVe model on log text', () => {
  it('gives finite unit vectors for log jargon outside GloVe, numbers, punctuation and empty text', async () => {
    const texts = ['sshd', 'passwd', 'segfault', 'kworker', '0x7fff', 'EXT4-fs', '12345', '...', ':-)', '', '東京', 'Jan 12 03:04:05 host CRON[2211]: (root) CMD (run-parts /etc/cron.hourly)'];
    const vectors = await embedder.embed(texts);
    vectors.forEach((v, i) => {
      expect(v.every(Number.isFinite), texts[i]).toBe(true);
      expect(Math.sqrt(cos(v, v)), texts[i]).toBeCloseTo(1, 4);
    });
    // The jargon gets its own subword meaning rather than the shared "unknown" vector.
    const unknown = vectors[9]!;
    for (let i = 0; i < 5; i++) expect(cos(vectors[i]!, unknown), texts[i]).toBeLessThan(0.5);
  });

  it.each([
    ['failed password for root', 'authentication failure', 'disk quota exceeded'],
    ['invalid user login attempt', 'failed password for admin', 'no space left on device'],
    ['disk full', 'filesystem out of space', 'connection refused'],
    ['disk quota exceeded', 'no space left on device', 'failed password for root'],
    ['network connection timed out', 'host unreachable', 'disk quota exceeded'],
    ['connection refused', 'network unreachable', 'disk full'],
    ['out of memory', 'memory allocation failed', 'connection timed out'],
    ['process killed: out of memory', 'kernel killed process to free memory', 'user logged in'],
    ['service restarted', 'daemon started', 'password changed'],
    ['sshd', 'ssh login', 'disk space'],
    ['passwd', 'password', 'disk'],
  ])('"%s" is closer to "%s" than to "%s"', async (query, related, unrelated) => {
    const [q, r, u] = await embedder.embed([query, related, unrelated]);
    expect(cos(q!, r!)).toBeGreaterThan(cos(q!, u!));
  });

  it('each theme\'s queries are, on average, closest to real log lines of that theme', async () => {
    const lines = Object.entries(THEMES).flatMap(([theme, t]) => t.lines.map((line) => ({ theme, line })));
    const lineVectors = await embedder.embed(lines.map((l) => l.line));
    for (const [theme, t] of Object.entries(THEMES)) {
      const queryVectors = await embedder.embed(t.queries);
      const meanTo = (other: string): number => {
        let sum = 0;
        let n = 0;
        for (const q of queryVectors) {
          lines.forEach((l, i) => {
            if (l.theme !== other) return;
            sum += cos(q, lineVectors[i]!);
            n++;
          });
        }
        return sum / n;
      };
      const own = meanTo(theme);
      for (const other of Object.keys(THEMES)) if (other !== theme) expect(own, `${theme} vs ${other}`).toBeGreaterThan(meanTo(other));
    }
  });

  it('gives the same vectors as a freshly loaded copy (no hidden state between calls)', async () => {
    const texts = ['segfault at 7fff in libc.so.6', 'Accepted publickey for deploy'];
    const a = await embedder.embed(texts);
    const other = await loadEmbedder(realModelDir());
    try {
      const b = await other.embed(texts);
      expect(other.id).toBe(embedder.id);
      expect(Array.from(b[0]!)).toEqual(Array.from(a[0]!));
    } finally {
      await other.dispose();
    }
  });
});
