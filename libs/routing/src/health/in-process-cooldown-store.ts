import type { CooldownStore, HealthWatcher, StopWatching } from './cooldown-store';
import {
  HEALTHY,
  type CooldownPolicy,
  type DeploymentHealth,
  type FailureTransition,
  type ProbeClaim,
  type Recorded,
  type SuccessTransition,
} from './deployment-health';
import { afterFailure, afterProbeClaim, afterProbeRelease, afterSuccess } from './health-transitions';

/** Deployment health in this process only (embedded mode); every method is atomic by construction. */
export class InProcessCooldownStore implements CooldownStore {
  private readonly healthById = new Map<string, DeploymentHealth>();
  private readonly watchers = new Set<HealthWatcher>();

  async read(deploymentIds: string[]): Promise<Map<string, DeploymentHealth>> {
    return new Map(deploymentIds.map((id) => [id, this.get(id)]));
  }

  async recordFailure(
    deploymentId: string,
    now: number,
    policy: CooldownPolicy,
  ): Promise<Recorded<FailureTransition>> {
    const recorded = afterFailure(this.get(deploymentId), now, policy);
    this.put(deploymentId, recorded.health);
    return recorded;
  }

  async recordSuccess(deploymentId: string, now: number): Promise<Recorded<SuccessTransition>> {
    const recorded = afterSuccess(this.get(deploymentId), now);
    if (recorded.transition !== 'unchanged') this.put(deploymentId, recorded.health);
    return recorded;
  }

  async claimProbe(deploymentId: string, now: number, leaseMs: number): Promise<ProbeClaim> {
    const claim = afterProbeClaim(this.get(deploymentId), now, leaseMs);
    if (claim.claimed) this.put(deploymentId, claim.health);
    return claim;
  }

  async releaseProbe(deploymentId: string, now: number, leaseUntil: number): Promise<DeploymentHealth> {
    const released = afterProbeRelease(this.get(deploymentId), now, leaseUntil);
    if (released) this.put(deploymentId, released);
    return released ?? this.get(deploymentId);
  }

  async watch(watcher: HealthWatcher): Promise<StopWatching> {
    this.watchers.add(watcher);
    return async () => {
      this.watchers.delete(watcher);
    };
  }

  private get(deploymentId: string): DeploymentHealth {
    return this.healthById.get(deploymentId) ?? HEALTHY;
  }

  private put(deploymentId: string, health: DeploymentHealth): void {
    this.healthById.set(deploymentId, health);
    for (const watcher of this.watchers) watcher.onChange(deploymentId, health);
  }
}
