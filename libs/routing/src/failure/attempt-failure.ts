/** How an upstream attempt failed: an HTTP answer, no connection, or no answer in time. */
export type FailureKind = 'http' | 'connection' | 'timeout';

export interface AttemptFailureInit {
  status?: number;
  kind: FailureKind;
  retryAfterSeconds?: number;
  /** The deployment is at fault (not the request): counts towards its cooldown. */
  countsForCooldown: boolean;
  /** Another deployment may succeed where this one failed. */
  retryable: boolean;
  cause?: unknown;
}

/**
 * A classified failure of one upstream attempt. The pipeline's `attempt` function throws these
 * (build them with `classifyFailure`); anything else it throws is treated as the caller's own error.
 */
export class AttemptFailure extends Error {
  readonly status?: number;
  readonly kind: FailureKind;
  readonly retryAfterSeconds?: number;
  readonly countsForCooldown: boolean;
  readonly retryable: boolean;

  constructor(init: AttemptFailureInit, message = describeFailure(init)) {
    super(message, { cause: init.cause });
    this.name = 'AttemptFailure';
    this.status = init.status;
    this.kind = init.kind;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.countsForCooldown = init.countsForCooldown;
    this.retryable = init.retryable;
  }
}

function describeFailure(init: AttemptFailureInit): string {
  if (init.kind === 'http') return `upstream answered HTTP ${init.status ?? '(no status)'}`;
  return init.kind === 'timeout' ? 'upstream timed out' : 'could not connect to upstream';
}
