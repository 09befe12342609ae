import { classify, type ClassifierScores } from './classify';
import type { ScoreCache } from './score-cache';

/**
 * Scores every text of a call and keeps each classifier's highest score: one injected tool result
 * or one insulting message flags the call, however much harmless text surrounds it. With a cache,
 * texts scored before (earlier turns of the same conversation) are not classified again.
 */
export function classifyTexts(texts: readonly string[], cache?: ScoreCache): ClassifierScores {
  const scores: ClassifierScores = { injection: 0, toxicity: 0 };
  for (const text of texts) {
    const s = cache ? cache.scoresOf(text, classify) : classify(text);
    scores.injection = Math.max(scores.injection, s.injection);
    scores.toxicity = Math.max(scores.toxicity, s.toxicity);
  }
  return scores;
}
