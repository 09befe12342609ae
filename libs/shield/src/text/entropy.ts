const counts = new Uint16Array(128);

/**
 * Shannon entropy of `value` in bits per character. Characters outside ASCII share one bucket,
 * which only under-estimates: good enough to tell a random token from a placeholder or a word.
 */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(value.charCodeAt(i), 127)]++;
  let bits = 0;
  for (let c = 0; c < 128; c++) {
    const k = counts[c];
    if (k === 0) continue;
    const p = k / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}
