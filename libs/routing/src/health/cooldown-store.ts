import type {
  CooldownPolicy,
  DeploymentHealth,
  FailureTransition,
  ProbeClaim,
  Recorded,
  SuccessTransition,
} from './deployment-health';

export interface HealthWatcher {
  /** A deployment's health changed (by any replica, this one included). */
  onChange(deploymentId: string, health: DeploymentHealth): void;
  /** Changes may have been missed (e.g. the subscription reconnected): read everything again. */
  onResync(): void;
}

export type StopWatching = () => Promise<void>;

/**
 * Where deployment health lives: in-process when embedded, Redis when replicas share it. Every
 * write is atomic and returns the resulting health, so the caller's local snapshot is current
 * without waiting for the change notification.
 */
export interface CooldownStore {
  /** Health of each id; deployments never recorded are `HEALTHY`. */
  read(deploymentIds: string[]): Promise<Map<string, DeploymentHealth>>;
  recordFailure(
    deploymentId: string,
    now: number,
    policy: CooldownPolicy,
  ): Promise<Recorded<FailureTransition>>;
  recordSuccess(deploymentId: string, now: number): Promise<Recorded<SuccessTransition>>;
  /** Atomic: at most one caller gets the probe of a half-open deployment per lease. */
  claimProbe(deploymentId: string, now: number, leaseMs: number): Promise<ProbeClaim>;
  /** Gives back a probe whose call ended without a verdict; `leaseUntil` from the claim. */
  releaseProbe(deploymentId: string, now: number, leaseUntil: number): Promise<DeploymentHealth>;
  watch(watcher: HealthWatcher): Promise<StopWatching>;
}

export const COOLDOWN_STORE = Symbol('COOLDOWN_STORE');
