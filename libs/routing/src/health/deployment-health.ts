/**
 * Shared health of one deployment, as kept by a CooldownStore. Times are epoch milliseconds from
 * the gateway's clock; `version` grows with every change so that replicas can drop stale copies.
 */
export interface DeploymentHealth {
  consecutiveFails: number;
  /** 0 when not cooled. Past this instant the deployment is half-open: one probe may go through. */
  cooledUntil: number;
  /** While > now, one call holds the half-open probe; 0 when nobody does. */
  probeLeaseUntil: number;
  version: number;
}

export const HEALTHY: DeploymentHealth = Object.freeze({
  consecutiveFails: 0,
  cooledUntil: 0,
  probeLeaseUntil: 0,
  version: 0,
});

/**
 * - healthy: takes traffic;
 * - cooled: takes none until `cooledUntil`;
 * - half-open: cooldown over, the next call may claim the probe;
 * - probing: a probe is in flight; no other traffic until it reports.
 */
export type HealthPhase = 'healthy' | 'cooled' | 'half-open' | 'probing';

export function phaseOf(health: DeploymentHealth, now: number): HealthPhase {
  if (health.cooledUntil === 0) return 'healthy';
  if (now < health.cooledUntil) return 'cooled';
  return health.probeLeaseUntil > now ? 'probing' : 'half-open';
}

export interface CooldownPolicy {
  /** Consecutive counted failures that cool a deployment. */
  allowedFails: number;
  /** How long a cooldown (or an extension) lasts from the failure: max(cooldown_seconds, retry-after). */
  cooldownMs: number;
}

/**
 * - counted: one more consecutive failure, still below the limit;
 * - cooled: the limit was reached;
 * - extended: failed while already cooled, the cooldown end moved later (or stayed);
 * - recooled: failed while half-open or probing (the probe failed): cooled again.
 */
export type FailureTransition = 'counted' | 'cooled' | 'extended' | 'recooled';

/**
 * - reset: the failure count went back to 0;
 * - restored: succeeded while half-open or probing (the probe succeeded): healthy again;
 * - unchanged: nothing to record (already healthy, or a late success of a call started before an
 *   ongoing cooldown, which does not end it: only the probe does).
 */
export type SuccessTransition = 'reset' | 'restored' | 'unchanged';

export interface Recorded<T extends string> {
  transition: T;
  health: DeploymentHealth;
}

export interface ProbeClaim {
  claimed: boolean;
  health: DeploymentHealth;
}
