import type Redis from 'ioredis';
import type { CachePort } from '../ports';
import { requireKey, requireOptionalTtl } from '../validation';

/** CachePort on Redis strings: GET / SET PX / DEL. */
export class RedisCache implements CachePort {
  constructor(private readonly client: Redis) {}

  async get(key: string): Promise<string | null> {
    return this.client.get(requireKey(key, 'cache.get: key'));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    requireKey(key, 'cache.set: key');
    if (typeof value !== 'string')
      throw new TypeError(`cache.set: value must be a string, got ${typeof value}`);
    const ttl = requireOptionalTtl(ttlMs, 'cache.set: ttlMs');
    if (ttl === undefined) await this.client.set(key, value);
    else await this.client.set(key, value, 'PX', ttl);
  }

  async del(key: string): Promise<void> {
    await this.client.del(requireKey(key, 'cache.del: key'));
  }
}
