import type { DeploymentConfig, RoutingStrategy } from '@verosek/config';
import type { InFlightCounter } from './in-flight-counter';
import type { LatencyTracker } from './latency-tracker';
import { pickWeighted } from './weighted-pick';

/**
 * Chooses one deployment among healthy candidates of the same priority tier:
 * - weighted: random, proportional to weight;
 * - least-busy: fewest in-flight calls in this process;
 * - lowest-latency: lowest latency average; deployments not yet observed count as fastest, so
 *   every one gets measured.
 * Ties of least-busy and lowest-latency are broken by weight.
 */
export class DeploymentChooser {
  constructor(
    private readonly inFlight: InFlightCounter,
    private readonly latency: LatencyTracker,
    private readonly random: () => number,
  ) {}

  choose(strategy: RoutingStrategy, candidates: readonly DeploymentConfig[]): DeploymentConfig {
    switch (strategy) {
      case 'weighted':
        return pickWeighted(candidates, this.random);
      case 'least-busy':
        return pickWeighted(
          lowestBy(candidates, (d) => this.inFlight.count(d.id)),
          this.random,
        );
      case 'lowest-latency':
        return pickWeighted(
          lowestBy(candidates, (d) => this.latency.average(d.id) ?? -Infinity),
          this.random,
        );
    }
  }
}

function lowestBy(
  candidates: readonly DeploymentConfig[],
  score: (d: DeploymentConfig) => number,
): DeploymentConfig[] {
  const scores = candidates.map(score);
  const best = Math.min(...scores);
  return candidates.filter((_, i) => scores[i] === best);
}
