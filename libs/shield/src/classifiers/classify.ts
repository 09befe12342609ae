import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { featurize } from './features';
import { LinearModel, type LinearModelFile } from './model';
import { shieldDir } from './locate';

export interface ClassifierScores {
  /** Probability the text tries to override instructions, exfiltrate the system prompt, or jailbreak. */
  injection: number;
  /** Probability the text is insulting, harassing, threatening or hateful. */
  toxicity: number;
}

export type ClassifierThresholds = ClassifierScores;

/** Scores at or above these flag the text. Chosen on the training split; see docs/shield.md. */
export const DEFAULT_CLASSIFIER_THRESHOLDS: Readonly<ClassifierThresholds> = Object.freeze({
  injection: 0.5,
  toxicity: 0.5,
});

let models: { injection: LinearModel; toxicity: LinearModel } | undefined;

export function loadModel(
  task: LinearModelFile['task'],
  dir = path.join(shieldDir(), 'models'),
): LinearModel {
  const file = JSON.parse(readFileSync(path.join(dir, `${task}.json`), 'utf8')) as LinearModelFile;
  return new LinearModel(file);
}

/** Scores `text` with both classifiers. Loads the committed models on first use (CPU, offline). */
export function classify(text: string): ClassifierScores {
  models ??= { injection: loadModel('injection'), toxicity: loadModel('toxicity') };
  const features = featurize(typeof text === 'string' ? text : '');
  return {
    injection: models.injection.scoreVector(features),
    toxicity: models.toxicity.scoreVector(features),
  };
}

/** Which classifiers flag `scores` under `thresholds`. */
export function flaggedBy(
  scores: ClassifierScores,
  thresholds: ClassifierThresholds = DEFAULT_CLASSIFIER_THRESHOLDS,
): Array<keyof ClassifierScores> {
  return (Object.keys(scores) as Array<keyof ClassifierScores>).filter((k) => scores[k] >= thresholds[k]);
}
