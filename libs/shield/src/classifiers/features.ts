/**
 * Hashed bag-of-n-grams features for the text classifiers: word unigrams and bigrams, and
 * character 3- to 5-grams inside word boundaries (robust to misspellings like "ign0re" or
 * "instructi0ns"), hashed into FEATURE_BUCKETS dimensions, log-scaled and L2-normalised.
 *
 * It runs for every call's prompt, so it allocates no string per n-gram: FNV-1a is fed character by
 * character (a gram's hash extends its prefix's) and counts go to one reused table.
 */
export const FEATURE_BUCKETS = 1 << 18;
const MASK = FEATURE_BUCKETS - 1;
const MAX_TEXT = 16 * 1024;
const WORD = /[\p{L}\p{N}']+/gu;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;
/** Namespaces so word, bigram and character grams do not collide. */
const WORD_GRAM = 1;
const BIGRAM = 2;
const CHAR_GRAM = 3;

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** FNV-1a state over UTF-16 code units. */
const start = (namespace: number): number => FNV_OFFSET ^ namespace;
const feed = (h: number, code: number): number => Math.imul(h ^ code, FNV_PRIME);
const feedAll = (h: number, s: string): number => {
  for (let i = 0; i < s.length; i++) h = feed(h, s.charCodeAt(i));
  return h;
};

export function tokenize(text: string): string[] {
  return text.slice(0, MAX_TEXT).toLowerCase().match(WORD) ?? [];
}

/** Counts per bucket, and the buckets touched in order of first use (so output order is stable). */
class GramCounter {
  private readonly counts = new Uint32Array(FEATURE_BUCKETS);
  private order = new Int32Array(1024);
  size = 0;

  add(h: number): void {
    const index = h & MASK;
    if (this.counts[index]++ > 0) return;
    if (this.size === this.order.length) {
      const grown = new Int32Array(this.order.length * 2);
      grown.set(this.order);
      this.order = grown;
    }
    this.order[this.size++] = index;
  }

  /** The log-scaled, L2-normalised vector; leaves the counter empty for the next text. */
  take(): SparseVector {
    const indices = this.order.slice(0, this.size);
    const values = new Float32Array(this.size);
    let norm = 0;
    for (let k = 0; k < this.size; k++) {
      const v = 1 + Math.log(this.counts[indices[k]]);
      this.counts[indices[k]] = 0;
      values[k] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < values.length; k++) values[k] /= norm;
    this.size = 0;
    return { indices, values };
  }
}

const counter = new GramCounter();
let longerGrams = new Int32Array(64);

/** The character 3-, 4- and 5-grams of ` word ` (space-padded), all 3-grams first, then 4, then 5. */
function addCharGrams(word: string): void {
  const padded = word.length + 2;
  const positions = Math.max(0, padded - 2);
  if (longerGrams.length < 2 * positions) longerGrams = new Int32Array(4 * positions);
  let fours = 0;
  let fives = 0;
  for (let j = 0; j + 3 <= padded; j++) {
    let h = start(CHAR_GRAM);
    for (let k = 0; k < 5 && j + k < padded; k++) {
      const p = j + k;
      h = feed(h, p === 0 || p === padded - 1 ? SPACE : word.charCodeAt(p - 1));
      if (k === 2) counter.add(h);
      else if (k === 3) longerGrams[fours++] = h;
      else if (k === 4) longerGrams[positions + fives++] = h;
    }
  }
  for (let i = 0; i < fours; i++) counter.add(longerGrams[i]);
  for (let i = 0; i < fives; i++) counter.add(longerGrams[positions + i]);
}

export function featurize(text: string): SparseVector {
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    counter.add(feedAll(start(WORD_GRAM), words[i]));
    if (i + 1 < words.length)
      counter.add(feedAll(feed(feedAll(start(BIGRAM), words[i]), SPACE), words[i + 1]));
    addCharGrams(words[i]);
  }
  return counter.take();
}
