import { FEATURE_BUCKETS, type SparseVector } from './features';

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 40, learningRate: 0.5, l2: 1e-5, seed: 7 };

/** mulberry32: a tiny seeded PRNG, so training is reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Binary logistic regression by stochastic gradient descent with L2 regularisation and
 * class-balanced example weights. Returns the bias and the dense weight vector.
 */
export function trainLogisticRegression(
  xs: readonly SparseVector[],
  ys: readonly (0 | 1)[],
  options: TrainingOptions = DEFAULT_TRAINING,
): { bias: number; weights: Float64Array } {
  const weights = new Float64Array(FEATURE_BUCKETS);
  let bias = 0;
  const positives = ys.filter((y) => y === 1).length;
  const classWeight = [
    xs.length / (2 * Math.max(1, xs.length - positives)),
    xs.length / (2 * Math.max(1, positives)),
  ];
  const order = xs.map((_, i) => i);
  const random = prng(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const rate = options.learningRate / (1 + epoch * 0.1);
    for (const i of order) {
      const x = xs[i];
      let z = bias;
      for (let k = 0; k < x.indices.length; k++) z += weights[x.indices[k]] * x.values[k];
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ys[i]) * classWeight[ys[i]];
      bias -= rate * g;
      for (let k = 0; k < x.indices.length; k++) {
        const idx = x.indices[k];
        weights[idx] -= rate * (g * x.values[k] + options.l2 * weights[idx]);
      }
    }
  }
  return { bias, weights };
}
