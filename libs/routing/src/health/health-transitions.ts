import type {
  CooldownPolicy,
  DeploymentHealth,
  FailureTransition,
  ProbeClaim,
  Recorded,
  SuccessTransition,
} from './deployment-health';

// The state machine of a deployment's health, as pure functions. The in-process store applies
// them directly; the Redis store's Lua scripts implement the same rules (one contract suite
// checks both). Versions are max(previous + 1, now): they keep growing even if Redis lost the
// keys, so replicas never mistake a newer state for a stale one.

function nextVersion(h: DeploymentHealth, now: number): number {
  return Math.max(h.version + 1, now);
}

export function afterFailure(
  h: DeploymentHealth,
  now: number,
  policy: CooldownPolicy,
): Recorded<FailureTransition> {
  const version = nextVersion(h, now);
  if (h.cooledUntil !== 0 && now < h.cooledUntil) {
    const cooledUntil = Math.max(h.cooledUntil, now + policy.cooldownMs);
    return { transition: 'extended', health: { ...h, cooledUntil, version } };
  }
  if (h.cooledUntil !== 0) {
    return {
      transition: 'recooled',
      health: { ...h, cooledUntil: now + policy.cooldownMs, probeLeaseUntil: 0, version },
    };
  }
  const consecutiveFails = h.consecutiveFails + 1;
  if (consecutiveFails < policy.allowedFails) {
    return { transition: 'counted', health: { ...h, consecutiveFails, version } };
  }
  return {
    transition: 'cooled',
    health: { consecutiveFails, cooledUntil: now + policy.cooldownMs, probeLeaseUntil: 0, version },
  };
}

export function afterSuccess(h: DeploymentHealth, now: number): Recorded<SuccessTransition> {
  const cleared = { consecutiveFails: 0, cooledUntil: 0, probeLeaseUntil: 0, version: nextVersion(h, now) };
  if (h.cooledUntil !== 0) {
    return now >= h.cooledUntil
      ? { transition: 'restored', health: cleared }
      : { transition: 'unchanged', health: h };
  }
  return h.consecutiveFails > 0
    ? { transition: 'reset', health: cleared }
    : { transition: 'unchanged', health: h };
}

/** Only one caller gets the probe of a half-open deployment until its lease ends. */
export function afterProbeClaim(h: DeploymentHealth, now: number, leaseMs: number): ProbeClaim {
  const halfOpen = h.cooledUntil !== 0 && now >= h.cooledUntil && h.probeLeaseUntil <= now;
  if (!halfOpen) return { claimed: false, health: h };
  return { claimed: true, health: { ...h, probeLeaseUntil: now + leaseMs, version: nextVersion(h, now) } };
}

/**
 * Gives the probe back without a verdict (the probe call failed because of its own request). Only
 * the holder can: `leaseUntil` is the value its claim returned.
 */
export function afterProbeRelease(
  h: DeploymentHealth,
  now: number,
  leaseUntil: number,
): DeploymentHealth | undefined {
  if (h.probeLeaseUntil === 0 || h.probeLeaseUntil !== leaseUntil) return undefined;
  return { ...h, probeLeaseUntil: 0, version: nextVersion(h, now) };
}
