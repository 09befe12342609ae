/** Rough token count (about four characters a token), at least 1 for non-empty text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** Splits text the way streams deliver it: a word (with its trailing space) per delta. */
export function splitIntoWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

/** Splits a JSON string into several fragments, as tool-call argument deltas arrive. */
export function splitIntoFragments(text: string, size = 8): string[] {
  const fragments: string[] = [];
  for (let i = 0; i < text.length; i += size) fragments.push(text.slice(i, i + size));
  return fragments;
}

/** Cuts long text for quoting it back, keeping it on one line. */
export function quote(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}
