import type { DeploymentConfig, ProviderKind } from '@verosek/config';
import type { AttemptFailure, FailureKind } from '../failure/attempt-failure';

/** One upstream attempt, for `x-verosek-attempts` and the audit record. */
export interface AttemptRecord {
  /** 1-based, counted across fallback groups. */
  attempt: number;
  modelGroup: string;
  deploymentId: string;
  provider: ProviderKind;
  outcome: 'success' | 'failure';
  /** Upstream HTTP status of a failure, when it had one. */
  status?: number;
  failureKind?: FailureKind;
  durationMs: number;
  /** The attempt was the half-open probe of a cooled deployment. */
  probe: boolean;
}

export interface RouteResult<T> {
  result: T;
  deployment: DeploymentConfig;
  /** The group whose deployment answered: the requested one or one of its fallbacks. */
  modelGroup: string;
  /** Every attempt, the successful last one included. */
  attempts: AttemptRecord[];
}

/**
 * No attempt succeeded. `reason`: the last failure was not retryable (the request's fault), or
 * every allowed attempt failed. `failure` is the last attempt's failure.
 */
export class RouteFailedError extends Error {
  constructor(
    readonly reason: 'not-retryable' | 'exhausted',
    readonly failure: AttemptFailure,
    readonly attempts: AttemptRecord[],
  ) {
    super(
      reason === 'not-retryable'
        ? `upstream refused the request: ${failure.message}`
        : `all ${attempts.length} attempts failed; last: ${failure.message}`,
      { cause: failure },
    );
    this.name = 'RouteFailedError';
  }
}

/** What the pipeline runs against one deployment; it throws `AttemptFailure` for upstream failures. */
export type AttemptFn<T> = (deployment: DeploymentConfig, attemptNumber: number) => Promise<T>;
