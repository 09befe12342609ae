export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  support: number;
}

/** Precision and recall; an empty denominator counts as perfect (nothing to find, nothing wrongly found). */
export function precisionRecall({ tp, fp, fn }: Counts): PrecisionRecall {
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    support: tp + fn,
  };
}

export function countBinary(
  scores: readonly number[],
  labels: readonly (0 | 1)[],
  threshold: number,
): Counts {
  const counts = { tp: 0, fp: 0, fn: 0 };
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    if (predicted && labels[i] === 1) counts.tp++;
    else if (predicted) counts.fp++;
    else if (labels[i] === 1) counts.fn++;
  });
  return counts;
}
