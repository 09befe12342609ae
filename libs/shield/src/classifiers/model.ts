import { FEATURE_BUCKETS, featurize, type SparseVector } from './features';

/** A trained logistic-regression model as stored in libs/shield/models/<task>.json. */
export interface LinearModelFile {
  task: 'injection' | 'toxicity';
  kind: 'logistic-regression';
  buckets: number;
  bias: number;
  /** Sparse weights: feature index -> weight (features with a zero weight are left out). */
  weights: Record<string, number>;
  trainedOn: { examples: number; positives: number; sources: string[] };
  heldOut: { examples: number; precision: number; recall: number; threshold: number };
}

export class LinearModel {
  private readonly weights: Float32Array;

  constructor(readonly file: LinearModelFile) {
    if (file.kind !== 'logistic-regression' || file.buckets !== FEATURE_BUCKETS) {
      throw new Error(`model ${file.task}: expected a logistic-regression over ${FEATURE_BUCKETS} buckets`);
    }
    this.weights = new Float32Array(FEATURE_BUCKETS);
    for (const [index, w] of Object.entries(file.weights)) this.weights[Number(index)] = w;
  }

  scoreVector(x: SparseVector): number {
    let z = this.file.bias;
    for (let i = 0; i < x.indices.length; i++) z += this.weights[x.indices[i]] * x.values[i];
    return 1 / (1 + Math.exp(-z));
  }

  /** Probability in [0, 1] that `text` belongs to the positive class. */
  score(text: string): number {
    return this.scoreVector(featurize(text));
  }
}
