import type { EntityType, Finding } from '../entities';
import type { Counts } from './metrics';
import type { SpanExample } from './span-corpus';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Per entity type: a gold span is found (tp) when a finding of its type overlaps it, else missed
 * (fn); a finding that overlaps no gold span of its type is a false positive.
 */
export function countSpans(
  examples: readonly SpanExample[],
  detect: (text: string) => Finding[],
): Map<EntityType, Counts> {
  const counts = new Map<EntityType, Counts>();
  const of = (type: EntityType) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const example of examples) {
    const found = detect(example.text);
    for (const gold of example.spans) {
      if (found.some((f) => f.type === gold.type && overlaps(f, gold))) of(gold.type).tp++;
      else of(gold.type).fn++;
    }
    for (const f of found) {
      if (!example.spans.some((g) => g.type === f.type && overlaps(f, g))) of(f.type).fp++;
    }
  }
  return counts;
}
