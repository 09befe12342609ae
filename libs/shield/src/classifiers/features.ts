/**
 * Hashed bag-of-n-grams features for the text classifiers: word unigrams and bigrams, and
 * character 3- to 5-grams inside word boundaries (robust to misspellings like "ign0re" or
 * "instructi0ns"), hashed into FEATURE_BUCKETS dimensions, log-scaled and L2-normalised.
 */
export const FEATURE_BUCKETS = 1 << 18;
const MAX_TEXT = 16 * 1024;
const WORD = /[\p{L}\p{N}']+/gu;

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** FNV-1a, 32 bits, over UTF-16 code units, with a namespace so word and char grams do not collide. */
function hash(namespace: number, s: string): number {
  let h = (0x811c9dc5 ^ namespace) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (FEATURE_BUCKETS - 1);
}

export function tokenize(text: string): string[] {
  return text.slice(0, MAX_TEXT).toLowerCase().match(WORD) ?? [];
}

export function featurize(text: string): SparseVector {
  const counts = new Map<number, number>();
  const add = (index: number) => counts.set(index, (counts.get(index) ?? 0) + 1);
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    add(hash(1, words[i]));
    if (i + 1 < words.length) add(hash(2, `${words[i]} ${words[i + 1]}`));
    const padded = ` ${words[i]} `;
    for (let n = 3; n <= 5; n++) {
      for (let j = 0; j + n <= padded.length; j++) add(hash(3, padded.slice(j, j + n)));
    }
  }
  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [index, count] of counts) {
    const v = 1 + Math.log(count);
    indices[k] = index;
    values[k] = v;
    norm += v * v;
    k++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] /= norm;
  return { indices, values };
}
