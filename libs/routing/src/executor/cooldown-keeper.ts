import type { DeploymentConfig, RoutingConfig } from '@verosek/config';
import type { AttemptFailure } from '../failure/attempt-failure';
import type { CooldownStore } from '../health/cooldown-store';
import type { HealthPhase } from '../health/deployment-health';
import { HealthBoard } from '../health/health-board';
import type { RoutingEventBus } from './routing-event-bus';

/** The probe lease a call holds while it probes a half-open deployment. */
export interface ProbeLease {
  leaseUntil: number;
}

export interface DeploymentStatus {
  phase: HealthPhase;
  consecutiveFails: number;
  /** Epoch ms; 0 when not cooled. */
  cooledUntil: number;
}

/**
 * Applies the cooldown rules for the executor: reads health from this replica's snapshot (no
 * I/O), writes outcomes to the shared store only when they can change something, and turns the
 * store's transitions into events. A store failure is reported, never thrown: routing goes on
 * with the snapshot it has.
 */
export class CooldownKeeper {
  private readonly board: HealthBoard;

  constructor(
    private readonly store: CooldownStore,
    deploymentIds: string[],
    private readonly routing: RoutingConfig,
    private readonly probeLeaseMs: number,
    private readonly events: RoutingEventBus,
  ) {
    this.board = new HealthBoard(store, deploymentIds, (error) => this.storeFailed('read', undefined, error));
  }

  start(): Promise<void> {
    return this.board.start();
  }

  stop(): Promise<void> {
    return this.board.stop();
  }

  phase(deploymentId: string, now: number): HealthPhase {
    return this.board.phase(deploymentId, now);
  }

  status(deploymentId: string, now: number): DeploymentStatus {
    const { consecutiveFails, cooledUntil } = this.board.health(deploymentId);
    return { phase: this.board.phase(deploymentId, now), consecutiveFails, cooledUntil };
  }

  /** When a deployment that takes no traffic now may take some again (epoch ms). */
  recoveryAt(deploymentId: string, now: number): number {
    const health = this.board.health(deploymentId);
    return this.board.phase(deploymentId, now) === 'cooled' ? health.cooledUntil : now;
  }

  async claimProbe(deployment: DeploymentConfig, now: number): Promise<ProbeLease | undefined> {
    try {
      const claim = await this.store.claimProbe(deployment.id, now, this.probeLeaseMs);
      this.board.apply(deployment.id, claim.health);
      if (!claim.claimed) return undefined;
      this.events.emit({ type: 'half-open-probe', deploymentId: deployment.id });
      return { leaseUntil: claim.health.probeLeaseUntil };
    } catch (error) {
      this.storeFailed('claimProbe', deployment.id, error);
      return undefined;
    }
  }

  async recordSuccess(deployment: DeploymentConfig, now: number): Promise<void> {
    // The steady state (healthy, no failures in a row) needs no write: healthy calls do no I/O.
    const known = this.board.health(deployment.id);
    if (known.consecutiveFails === 0 && known.cooledUntil === 0) return;
    try {
      const { transition, health } = await this.store.recordSuccess(deployment.id, now);
      this.board.apply(deployment.id, health);
      if (transition === 'restored') this.events.emit({ type: 'restored', deploymentId: deployment.id });
    } catch (error) {
      this.storeFailed('recordSuccess', deployment.id, error);
    }
  }

  /** Counts the failure towards cooldown, or, when the request caused it, just gives back a probe. */
  async recordFailure(
    deployment: DeploymentConfig,
    failure: AttemptFailure,
    now: number,
    probe?: ProbeLease,
  ): Promise<void> {
    if (!failure.countsForCooldown) {
      if (probe) await this.releaseProbe(deployment, now, probe);
      return;
    }
    const cooldownMs = Math.max(this.routing.cooldownSeconds, failure.retryAfterSeconds ?? 0) * 1000;
    try {
      const { transition, health } = await this.store.recordFailure(deployment.id, now, {
        allowedFails: this.routing.allowedFails,
        cooldownMs,
      });
      this.board.apply(deployment.id, health);
      const { retryAfterSeconds } = failure;
      if (transition === 'cooled' || transition === 'recooled') {
        this.events.emit({
          type: 'cooled',
          deploymentId: deployment.id,
          reason: transition === 'cooled' ? 'consecutive-failures' : 'probe-failed',
          consecutiveFails: health.consecutiveFails,
          cooledUntil: health.cooledUntil,
          retryAfterSeconds,
        });
      } else if (transition === 'extended') {
        this.events.emit({
          type: 'cooldown-extended',
          deploymentId: deployment.id,
          cooledUntil: health.cooledUntil,
          retryAfterSeconds,
        });
      }
    } catch (error) {
      this.storeFailed('recordFailure', deployment.id, error);
    }
  }

  async releaseProbe(deployment: DeploymentConfig, now: number, probe: ProbeLease): Promise<void> {
    try {
      this.board.apply(deployment.id, await this.store.releaseProbe(deployment.id, now, probe.leaseUntil));
    } catch (error) {
      this.storeFailed('releaseProbe', deployment.id, error);
    }
  }

  private storeFailed(operation: string, deploymentId: string | undefined, error: unknown): void {
    this.events.emit({ type: 'health-store-error', operation, deploymentId, error });
  }
}
