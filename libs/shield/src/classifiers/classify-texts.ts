import { classify, type ClassifierScores } from './classify';

/**
 * Scores every text of a call and keeps each classifier's highest score: one injected tool result
 * or one insulting message flags the call, however much harmless text surrounds it.
 */
export function classifyTexts(texts: readonly string[]): ClassifierScores {
  const scores: ClassifierScores = { injection: 0, toxicity: 0 };
  for (const text of texts) {
    const s = classify(text);
    scores.injection = Math.max(scores.injection, s.injection);
    scores.toxicity = Math.max(scores.toxicity, s.toxicity);
  }
  return scores;
}
