import type { DeploymentConfig } from '@verosek/config';

/**
 * Weighted random choice: each deployment with probability weight / total. Deployments of weight 0
 * are chosen only when every candidate has weight 0 (then uniformly). `random` returns [0, 1).
 */
export function pickWeighted(
  candidates: readonly DeploymentConfig[],
  random: () => number,
): DeploymentConfig {
  if (candidates.length === 0) throw new Error('pickWeighted needs at least one candidate');
  const total = candidates.reduce((sum, d) => sum + d.weight, 0);
  if (total <= 0) return candidates[Math.floor(random() * candidates.length)];
  let point = random() * total;
  for (const candidate of candidates) {
    point -= candidate.weight;
    if (point < 0) return candidate;
  }
  // Floating-point rounding can leave point at ~0 past the last one: the last weighted candidate.
  return candidates.findLast((d) => d.weight > 0)!;
}
