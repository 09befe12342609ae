import { Inject, Injectable } from '@nestjs/common';
import type { CountersPort, RateLimitResult } from '@verosek/platform';
import { COUNTERS } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import type { CallerIdentity } from '../auth/caller-identity';

const MINUTE_MS = 60_000;

/** Per-key requests-per-minute and tokens-per-minute limits, on sliding windows shared by all replicas. */
@Injectable()
export class RateLimiter {
  constructor(@Inject(COUNTERS) private readonly counters: CountersPort) {}

  /** Counts one request of about `estimatedTokens`; throws 429 `rate_limit_exceeded` over a limit. */
  async check(identity: CallerIdentity, estimatedTokens: number): Promise<void> {
    const record = identity.record;
    if (!record) return;
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
      await this.take(
        `verosek:ratelimit:${record.id}:tpm`,
        record.tpmLimit,
        Math.ceil(estimatedTokens),
        'tokens',
      );
    }
  }

  private async take(
    counter: string,
    limit: number,
    cost: number,
    unit: 'requests' | 'tokens',
  ): Promise<void> {
    let result: RateLimitResult;
    try {
      result = await this.counters.slidingWindow(counter, MINUTE_MS, limit, cost);
    } catch (err) {
      throw new GatewayError('unavailable', `rate limit cannot be checked: ${(err as Error).message}`, {
        code: 'rate_limit_unavailable',
      });
    }
    if (result.allowed) return;
    throw new GatewayError('rate_limit', `rate limit of ${limit} ${unit} per minute reached for this key`, {
      code: 'rate_limit_exceeded',
      retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
    });
  }
}
