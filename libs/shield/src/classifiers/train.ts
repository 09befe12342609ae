/**
 * Trains the injection and toxicity classifiers on the training split of the labeled sets and
 * writes libs/shield/models/<task>.json. Run after a build: node dist/libs/shield/src/classifiers/train.js
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { countBinary, precisionRecall } from '../eval/metrics';
import { DEFAULT_CLASSIFIER_THRESHOLDS } from './classify';
import { isHeldOut, loadTaskExamples, type ClassifierTask } from './dataset';
import { FEATURE_BUCKETS, featurize } from './features';
import { trainLogisticRegression } from './logistic-regression';
import { LinearModel, type LinearModelFile } from './model';
import { shieldDir } from './locate';

const round = (v: number) => Math.round(v * 1e5) / 1e5;

function train(task: ClassifierTask): LinearModelFile {
  const examples = loadTaskExamples(task);
  const trainSet = examples.filter((e) => !isHeldOut(e.text));
  const testSet = examples.filter((e) => isHeldOut(e.text));
  const { bias, weights } = trainLogisticRegression(
    trainSet.map((e) => featurize(e.text)),
    trainSet.map((e) => e.label),
  );
  const sparse: Record<string, number> = {};
  weights.forEach((w, i) => {
    if (Math.abs(w) >= 1e-4) sparse[i] = round(w);
  });
  const threshold = DEFAULT_CLASSIFIER_THRESHOLDS[task];
  const file: LinearModelFile = {
    task,
    kind: 'logistic-regression',
    buckets: FEATURE_BUCKETS,
    bias: round(bias),
    weights: sparse,
    trainedOn: {
      examples: trainSet.length,
      positives: trainSet.filter((e) => e.label === 1).length,
      sources: [...new Set(examples.map((e) => e.source))],
    },
    heldOut: { examples: testSet.length, precision: 0, recall: 0, threshold },
  };
  const model = new LinearModel(file);
  const pr = precisionRecall(
    countBinary(
      testSet.map((e) => model.score(e.text)),
      testSet.map((e) => e.label),
      threshold,
    ),
  );
  file.heldOut = {
    examples: testSet.length,
    precision: round(pr.precision),
    recall: round(pr.recall),
    threshold,
  };
  return file;
}

for (const task of ['injection', 'toxicity'] as const) {
  const file = train(task);
  const out = path.join(shieldDir(), 'models', `${task}.json`);
  writeFileSync(out, JSON.stringify(file) + '\n');
  console.log(
    `${task}: trained on ${file.trainedOn.examples} (${file.trainedOn.positives} positive), ` +
      `held-out ${file.heldOut.examples}: precision ${file.heldOut.precision}, recall ${file.heldOut.recall} -> ${out}`,
  );
}
