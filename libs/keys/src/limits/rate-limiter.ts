import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CountersPort, RateLimitResult } from '@verosek/platform';
import { COUNTERS } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import type { CallerIdentity } from '../auth/caller-identity';

const MINUTE_MS = 60_000;

/** A call's tokens-per-minute grant, taken at its estimate, to correct once its usage is known. */
export interface TokenGrant {
  counter: string;
  grant: string;
}

/** Per-key requests-per-minute and tokens-per-minute limits, on sliding windows shared by all replicas. */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);

  constructor(@Inject(COUNTERS) private readonly counters: CountersPort) {}

  /**
   * Counts one request of about `estimatedTokens`; throws 429 `rate_limit_exceeded` over a limit.
   * Returns the tokens-per-minute grant when the key has that limit.
   */
  async check(identity: CallerIdentity, estimatedTokens: number): Promise<TokenGrant | undefined> {
    const record = identity.record;
    if (!record) return undefined;
    if (record.rpmLimit !== null) {
      await this.take(`verosek:ratelimit:${record.id}:rpm`, record.rpmLimit, 1, 'requests');
    }
    if (record.tpmLimit !== null && estimatedTokens > 0) {
      if (estimatedTokens > record.tpmLimit) {
        throw new GatewayError(
          'rate_limit',
          `this request needs about ${estimatedTokens} tokens, more than the key's limit of ${record.tpmLimit} tokens per minute`,
          { code: 'rate_limit_exceeded' },
        );
      }
      const counter = `verosek:ratelimit:${record.id}:tpm`;
      const grant = await this.take(counter, record.tpmLimit, Math.ceil(estimatedTokens), 'tokens');
      return grant === undefined ? undefined : { counter, grant };
    }
    return undefined;
  }

  /**
   * Replaces a call's estimate by the tokens it used, in the window it was counted in; not waited
   * for (until it lands the window holds the estimate). A grant that slid out is left alone.
   */
  correct(grant: TokenGrant, usedTokens: number): void {
    this.counters
      .resizeGrant(grant.counter, grant.grant, Math.max(0, Math.ceil(usedTokens)))
      .catch((err: Error) => {
        this.logger.warn(`correcting the token count of ${grant.counter} failed: ${err.message}`);
      });
  }

  /** Takes `cost` from the window; returns the grant's handle. */
  private async take(
    counter: string,
    limit: number,
    cost: number,
    unit: 'requests' | 'tokens',
  ): Promise<string | undefined> {
    let result: RateLimitResult;
    try {
      result = await this.counters.slidingWindow(counter, MINUTE_MS, limit, cost);
    } catch (err) {
      throw new GatewayError('unavailable', `rate limit cannot be checked: ${(err as Error).message}`, {
        code: 'rate_limit_unavailable',
      });
    }
    if (result.allowed) return result.grant;
    throw new GatewayError('rate_limit', `rate limit of ${limit} ${unit} per minute reached for this key`, {
      code: 'rate_limit_exceeded',
      retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
    });
  }
}
