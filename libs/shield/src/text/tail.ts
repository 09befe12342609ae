/**
 * Helpers for Detector.pendingFrom: where the unfinished end of a stream's text begins. Each looks
 * back a bounded number of characters, so asking costs at most a detector's window.
 */

/**
 * Start of the run of characters satisfying `isCode` that ends the text, looking back at most `max`
 * characters; then moved forward to the first character that can start a match (`canStart`).
 * text.length when the text does not end in such a run.
 */
export function trailingRun(
  text: string,
  isCode: (c: number) => boolean,
  max: number,
  canStart: (c: number) => boolean = () => true,
): number {
  const limit = Math.max(0, text.length - max);
  let start = text.length;
  while (start > limit && isCode(text.charCodeAt(start - 1))) start--;
  while (start < text.length && !canStart(text.charCodeAt(start))) start++;
  return start;
}

/** Where a proper prefix of `literal` ends the text (e.g. "-----BEG" of "-----BEGIN "), else text.length. */
export function partialLiteralAtEnd(text: string, literal: string): number {
  for (let k = Math.min(literal.length - 1, text.length); k >= 1; k--) {
    if (text.endsWith(literal.slice(0, k))) return text.length - k;
  }
  return text.length;
}

/** Any character but whitespace. */
export function isNonSpaceCode(c: number): boolean {
  return c > 32 && c !== 160 && c !== 0x2028 && c !== 0x2029;
}
