import type { GatewayErrorInfo } from '@verosek/protocol';
import type { AttemptFailure, FailureKind } from '@verosek/routing';
import { classifyFailure, RouteFailedError } from '@verosek/routing';

/**
 * A failed upstream attempt, classified for routing (retry? count towards cooldown?), carrying the
 * provider's error already decoded into gateway terms as its cause. An HTTP failure is classified by
 * the decoded status: the codec knows when, say, a Gemini 400 means a refused API key (401).
 */
export function upstreamFailure(kind: FailureKind, info: GatewayErrorInfo): AttemptFailure {
  return classifyFailure(kind === 'http' ? info.status : undefined, kind, info.retryAfterSeconds, info);
}

/**
 * What the client is told when routing gave up: the last upstream error in the caller's terms.
 * The provider refusing the gateway's own credentials is the gateway's fault (502), not the caller's.
 */
export function clientErrorOf(err: RouteFailedError): GatewayErrorInfo {
  const info = err.failure.cause as GatewayErrorInfo | undefined;
  const status = err.failure.status;
  if (status === 401 || status === 403) {
    return {
      kind: 'api_error',
      status: 502,
      message: 'The provider refused the gateway credentials.',
      code: 'upstream_auth_failed',
    };
  }
  return info ?? { kind: 'api_error', status: 502, message: err.message };
}

export { RouteFailedError };
