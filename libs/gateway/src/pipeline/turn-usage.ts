import type { Usage } from '@verosek/protocol';
import type { Charge } from '../access/access-control';

/** The usage of several turns added up (undefined when none reported any). */
export function totalUsage(charges: Charge[]): Usage | undefined {
  let total: Usage | undefined;
  for (const { usage } of charges) if (usage) total = addUsage(total, usage);
  return total;
}

function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (!a) return { ...b };
  const sum = (x?: number, y?: number) =>
    x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0);
  const usage: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
  const cached = sum(a.cachedInputTokens, b.cachedInputTokens);
  const written = sum(a.cacheWriteInputTokens, b.cacheWriteInputTokens);
  const reasoning = sum(a.reasoningTokens, b.reasoningTokens);
  if (cached !== undefined) usage.cachedInputTokens = cached;
  if (written !== undefined) usage.cacheWriteInputTokens = written;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}
