import { Inject, Injectable, Optional } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { pingRedis } from '../redis/redis-connection';

/** The hot-path Redis connection; provided only when the platform runs on Redis. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * Terminus indicator for Redis: down with the reason (e.g. "redis: connect ECONNREFUSED
 * 127.0.0.1:6379") when the hot-path connection cannot answer a PING. In embedded mode there is no
 * Redis to check and it reports up, saying so.
 */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Optional() @Inject(REDIS_CLIENT) private readonly client?: Redis,
  ) {}

  async isHealthy<const Key extends string = 'redis'>(
    key: Key = 'redis' as Key,
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    if (!this.client) return indicator.up({ mode: 'in-process' });
    try {
      await pingRedis(this.client);
      return indicator.up();
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}
