import { AttemptFailure, type FailureKind } from './attempt-failure';
import { parseRetryAfterSeconds } from './retry-after';

/**
 * The one place where an upstream failure is classified (the pipeline maps every provider error
 * through here):
 * - connection errors, timeouts, 408, 429, 5xx (529 included): retryable, counted for cooldown;
 * - 401 / 403: the deployment's credentials were refused, so another deployment may work:
 *   retryable, counted for cooldown;
 * - any other 4xx (400, 404, 409, 413, 422, ...): the request caused it; neither retried nor counted.
 */
export function classifyFailure(
  status: number | undefined,
  kind: FailureKind,
  retryAfter?: string | number | null,
  cause?: unknown,
): AttemptFailure {
  const retryAfterSeconds = parseRetryAfterSeconds(retryAfter);
  const deploymentAtFault = kind !== 'http' || isDeploymentFault(status);
  return new AttemptFailure({
    status,
    kind,
    retryAfterSeconds,
    countsForCooldown: deploymentAtFault,
    retryable: deploymentAtFault,
    cause,
  });
}

function isDeploymentFault(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status >= 500 || status === 401 || status === 403 || status === 408 || status === 429;
}
