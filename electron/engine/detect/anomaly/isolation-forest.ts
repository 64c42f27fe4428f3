/**
 * Isolation Forest (Liu, Ting and Zhou, ICDM 2008), seeded and dependency-free.
 *
 * Each tree is grown on a random subsample of `sampleSize` points without replacement:
 * at each node a random feature (among those not constant in the node) and a uniform
 * split between its min and max; growth stops at depth ceil(log2(sampleSize)), at a
 * single point, or when every feature is constant. A point's path length is the depth
 * of the leaf it falls in plus c(size of that leaf), the expected depth of the
 * unbuilt subtree; the score is 2^(-E[h(x)] / c(sampleSize)), so ~1 means isolated
 * quickly (anomalous), ~0.5 or less means ordinary.
 *
 * Trees live in flat typed arrays (one set per forest) so scoring touches no objects.
 */
import { prng } from '../../sample/prng';

export interface IsolationForestOptions {
  /** Number of trees (default 100, as in the paper). */
  trees?: number;
  /** Subsample size per tree (default 256, as in the paper). */
  sampleSize?: number;
  /** PRNG seed: the same seed and input give the same forest and scores. */
  seed?: number;
}

/** A fitted forest. */
export interface IsolationForest {
  readonly dims: number;
  /** Anomaly score in (0, 1) of one point (same dimension as the training points). */
  score(point: ArrayLike<number>): number;
  /** Scores of the rows of a row-major matrix with `dims` columns. */
  scoreMatrix(data: Float64Array): Float64Array;
}

const EULER = 0.5772156649015329;

/** Average path length of an unsuccessful BST search among n points: c(n) in the paper. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

/** Rows as separate arrays, or a row-major matrix with its column count. */
export type Points = readonly ArrayLike<number>[] | { data: Float64Array; dims: number };

function toMatrix(points: Points): { data: Float64Array; dims: number; rows: number } {
  if (!Array.isArray(points)) {
    const m = points as { data: Float64Array; dims: number };
    return { data: m.data, dims: m.dims, rows: m.dims > 0 ? Math.floor(m.data.length / m.dims) : 0 };
  }
  const rows = points as readonly ArrayLike<number>[];
  const dims = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * dims);
  rows.forEach((r, i) => {
    if (r.length !== dims) throw new Error(`row ${i} has ${r.length} values, expected ${dims}`);
    for (let j = 0; j < dims; j++) data[i * dims + j] = r[j] as number;
  });
  return { data, dims, rows: rows.length };
}

export function fitIsolationForest(points: Points, opts: IsolationForestOptions = {}): IsolationForest {
  const { data, dims, rows } = toMatrix(points);
  if (rows === 0) throw new Error('an isolation forest needs at least one point');
  const trees = Math.max(1, opts.trees ?? 100);
  const psi = Math.max(1, Math.min(opts.sampleSize ?? 256, rows));
  const rand = prng(opts.seed ?? 1);
  const maxDepth = Math.ceil(Math.log2(Math.max(2, psi)));

  // Node arrays for all trees; a full tree of depth d has at most 2^(d+1)-1 nodes.
  const cap = trees * Math.min(2 * psi - 1, 2 ** (maxDepth + 1) - 1);
  const feature = new Int32Array(cap).fill(-1); // -1 marks a leaf
  const split = new Float64Array(cap);
  const left = new Int32Array(cap);
  const right = new Int32Array(cap);
  const leafAdj = new Float64Array(cap); // c(leaf size) for leaves
  const roots = new Int32Array(trees);
  let used = 0;

  const idx = new Int32Array(rows);
  for (let i = 0; i < rows; i++) idx[i] = i;
  const lo = new Float64Array(dims);
  const hi = new Float64Array(dims);
  const candidates = new Int32Array(dims);

  /** Grow a node over sample[from, to); returns its node index. */
  function grow(sample: Int32Array, from: number, to: number, depth: number): number {
    const node = used++;
    const n = to - from;
    let k = 0;
    if (n > 1 && depth < maxDepth) {
      lo.fill(Infinity);
      hi.fill(-Infinity);
      for (let i = from; i < to; i++) {
        const base = (sample[i] as number) * dims;
        for (let j = 0; j < dims; j++) {
          const v = data[base + j] as number;
          if (v < (lo[j] as number)) lo[j] = v;
          if (v > (hi[j] as number)) hi[j] = v;
        }
      }
      // Only features that vary here can separate points: a constant one would make an
      // empty child and waste depth.
      for (let j = 0; j < dims; j++) if ((hi[j] as number) > (lo[j] as number)) candidates[k++] = j;
    }
    if (k === 0) {
      leafAdj[node] = averagePathLength(n);
      return node;
    }
    const f = candidates[rand.int(k)] as number;
    const min = lo[f] as number;
    const max = hi[f] as number;
    let s = min + rand.next() * (max - min);
    if (s <= min) s = min + (max - min) / 2; // rand.next() can return 0
    // Partition in place: values < s to the left.
    let i = from;
    let j = to - 1;
    while (i <= j) {
      if ((data[(sample[i] as number) * dims + f] as number) < s) i++;
      else {
        const t = sample[i] as number;
        sample[i] = sample[j] as number;
        sample[j--] = t;
      }
    }
    feature[node] = f;
    split[node] = s;
    left[node] = grow(sample, from, i, depth + 1);
    right[node] = grow(sample, i, to, depth + 1);
    return node;
  }

  const sample = new Int32Array(psi);
  for (let t = 0; t < trees; t++) {
    // Partial Fisher-Yates: the first psi entries of idx become a uniform subsample.
    for (let i = 0; i < psi; i++) {
      const r = i + rand.int(rows - i);
      const tmp = idx[i] as number;
      idx[i] = idx[r] as number;
      idx[r] = tmp;
      sample[i] = idx[i] as number;
    }
    roots[t] = grow(sample, 0, psi, 0);
  }

  const norm = averagePathLength(psi);

  /** Total path length over all trees of the row at `base` in the row-major `m`. */
  function pathSum(m: ArrayLike<number>, base: number): number {
    let total = 0;
    for (let t = 0; t < trees; t++) {
      let node = roots[t] as number;
      let depth = 0;
      let f = feature[node] as number;
      while (f >= 0) {
        node = (m[base + f] as number) < (split[node] as number) ? (left[node] as number) : (right[node] as number);
        f = feature[node] as number;
        depth++;
      }
      total += depth + (leafAdj[node] as number);
    }
    return total;
  }

  // With one training point nothing can be isolated: every point is ordinary (0.5).
  const toScore = (sum: number): number => (norm > 0 ? 2 ** (-(sum / trees) / norm) : 0.5);

  return {
    dims,
    score(point) {
      if (point.length !== dims) throw new Error(`point has ${point.length} values, expected ${dims}`);
      return toScore(pathSum(point, 0));
    },
    scoreMatrix(m) {
      const n = Math.floor(m.length / Math.max(1, dims));
      const out = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        out[r] = toScore(pathSum(m, r * dims));
      }
      return out;
    },
  };
}
