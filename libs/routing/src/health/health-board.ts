import type { CooldownStore, StopWatching } from './cooldown-store';
import { HEALTHY, phaseOf, type DeploymentHealth, type HealthPhase } from './deployment-health';

/**
 * This replica's snapshot of deployment health, read synchronously on the hot path (no I/O). It is
 * kept current by the store's change notifications and by the results of this replica's own
 * writes; `version` orders them, so a late notification never overwrites a newer state. A full
 * read (start, reconnect) replaces the snapshot: it is the store's truth, even if the store lost
 * its data.
 */
export class HealthBoard {
  private readonly healthById = new Map<string, DeploymentHealth>();
  private stopWatching?: StopWatching;

  constructor(
    private readonly store: CooldownStore,
    private readonly deploymentIds: string[],
    private readonly onRefreshError: (error: unknown) => void,
  ) {}

  /** Subscribes to changes, then reads the current state (in that order, so nothing falls between). */
  async start(): Promise<void> {
    this.stopWatching = await this.store.watch({
      onChange: (id, health) => this.apply(id, health),
      onResync: () => void this.refresh().catch(this.onRefreshError),
    });
    // A store that can't be read yet (Redis down at boot) must not stop the gateway: it routes on
    // "healthy" until the watcher's resync reads the shared state.
    await this.refresh().catch(this.onRefreshError);
  }

  async stop(): Promise<void> {
    await this.stopWatching?.();
    this.stopWatching = undefined;
  }

  async refresh(): Promise<void> {
    for (const [id, health] of await this.store.read(this.deploymentIds)) this.healthById.set(id, health);
  }

  /** Keeps whichever of the known and the given state is newer. */
  apply(deploymentId: string, health: DeploymentHealth): void {
    if (health.version > this.health(deploymentId).version) this.healthById.set(deploymentId, health);
  }

  health(deploymentId: string): DeploymentHealth {
    return this.healthById.get(deploymentId) ?? HEALTHY;
  }

  phase(deploymentId: string, now: number): HealthPhase {
    return phaseOf(this.health(deploymentId), now);
  }
}
