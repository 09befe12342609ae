import { LRUCache } from 'lru-cache';
import { textDigest } from '../text/digest';
import type { ClassifierScores } from './classify';

/** Texts remembered by default: a few thousand conversations' system prompts and turns. */
export const DEFAULT_SCORE_CACHE_ENTRIES = 20_000;

/**
 * Remembers the scores of texts already classified, keyed by a SHA-256 of the text (the text itself is
 * not kept). A chat client sends the whole conversation on every call, so the system prompt and every
 * earlier turn come back call after call; the classifiers are deterministic for a loaded model, and
 * hashing a text costs a small fraction of featurizing it. Only the new turns are classified.
 */
export class ScoreCache {
  private readonly scores: LRUCache<string, ClassifierScores>;

  constructor(maxEntries = DEFAULT_SCORE_CACHE_ENTRIES) {
    this.scores = new LRUCache({ max: maxEntries });
  }

  scoresOf(text: string, score: (text: string) => ClassifierScores): ClassifierScores {
    const key = textDigest(text);
    let scores = this.scores.get(key);
    if (!scores) {
      scores = score(text);
      this.scores.set(key, scores);
    }
    return scores;
  }
}
