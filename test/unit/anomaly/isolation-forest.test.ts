import { describe, expect, it } from 'vitest';
import { averagePathLength, fitIsolationForest } from '../../../electron/engine/detect/anomaly/isolation-forest';
import { prng } from '../../../electron/engine/sample/prng';

/** Two tight Gaussian-ish clusters in 3-D. */
function clusters(seed: number, n: number): number[][] {
  const r = prng(seed);
  const noise = (): number => (r.next() + r.next() + r.next() - 1.5) * 0.5;
  return Array.from({ length: n }, (_, i) => {
    const c = i % 2 ? 0 : 10;
    return [c + noise(), c + noise(), c + noise()];
  });
}

describe('averagePathLength (c(n) of Liu et al.)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [256, 10.2448],
  ])('c(%i) = %f', (n, c) => {
    expect(averagePathLength(n)).toBeCloseTo(c, 3);
  });
});

describe('isolation forest', () => {
  // The paper's setting: a few scattered anomalies inside the training data.
  const points = clusters(7, 1000);
  const r = prng(11);
  const outliers = Array.from({ length: 10 }, () => [r.next() * 40 - 15, r.next() * 40 - 15, r.next() * 40 - 15]);
  const forest = fitIsolationForest([...points, ...outliers], { seed: 42 });

  it('scores scattered outliers above every inlier', () => {
    const inlier = points.map((p) => forest.score(p)).sort((a, b) => a - b);
    for (const o of outliers) expect(forest.score(o)).toBeGreaterThan(inlier[inlier.length - 1] as number);
    // Inliers sit around or below 0.5, as the paper describes.
    expect(inlier.reduce((a, b) => a + b, 0) / inlier.length).toBeLessThan(0.5);
    expect(forest.score([0, 0, 0])).toBeLessThan(0.5);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = fitIsolationForest([...points, ...outliers], { seed: 42 });
    const other = fitIsolationForest([...points, ...outliers], { seed: 43 });
    const probe = [3, 4, 5];
    expect(again.score(probe)).toBe(forest.score(probe));
    expect(other.score(probe)).not.toBe(forest.score(probe));
  });

  it('scores a row-major matrix like single points', () => {
    const data = Float64Array.from(points.slice(0, 10).flat());
    const m = fitIsolationForest({ data: Float64Array.from([...points, ...outliers].flat()), dims: 3 }, { seed: 42 });
    const scores = m.scoreMatrix(data);
    points.slice(0, 10).forEach((p, i) => expect(scores[i]).toBe(forest.score(p)));
  });

  it('ignores constant features and still separates on the varying one', () => {
    const r = prng(3);
    const pts = Array.from({ length: 300 }, () => [1, r.next(), 7]);
    const f = fitIsolationForest(pts, { seed: 1, trees: 50 });
    expect(f.score([1, 50, 7])).toBeGreaterThan(f.score([1, 0.5, 7]));
    const flat = fitIsolationForest(Array.from({ length: 50 }, () => [2, 2]), { seed: 1 });
    const s = flat.score([2, 2]);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(1);
  });

  it('handles tiny samples', () => {
    expect(fitIsolationForest([[1, 2]], { seed: 1 }).score([9, 9])).toBe(0.5);
    const two = fitIsolationForest(
      [
        [0, 0],
        [1, 1],
      ],
      { seed: 1 },
    );
    const s = two.score([0, 0]);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(1);
    expect(() => fitIsolationForest([], {})).toThrow();
    expect(() => two.score([1])).toThrow();
  });
});
