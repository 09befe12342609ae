/**
 * Runs a global (or sticky) regular expression over `text` from `from`, calling `onMatch` for each
 * match. Resets lastIndex first, so shared module-level patterns are safe to reuse.
 */
export function forEachMatch(
  pattern: RegExp,
  text: string,
  onMatch: (match: RegExpExecArray) => void,
  from = 0,
): void {
  pattern.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    onMatch(match);
    if (match[0].length === 0) pattern.lastIndex++;
  }
}

/** Runs a sticky pattern at exactly `at`; null if it does not match there. */
export function matchAt(sticky: RegExp, text: string, at: number): RegExpExecArray | null {
  sticky.lastIndex = at;
  return sticky.exec(text);
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** [A-Za-z0-9_] */
export function isWordCode(c: number): boolean {
  return isAlnumCode(c) || c === 95;
}

/** True when the character at `index` exists and is a word character. */
export function wordCharAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && isWordCode(text.charCodeAt(index));
}

export function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
