import type { CachePort } from '../ports';
import { requireKey, requireOptionalTtl } from '../validation';
import { ExpiringMap } from './expiring-map';

/** CachePort for one process (embedded mode). */
export class InProcessCache implements CachePort {
  private readonly values = new ExpiringMap<string>();

  async get(key: string): Promise<string | null> {
    return this.values.get(requireKey(key, 'cache.get: key')) ?? null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    requireKey(key, 'cache.set: key');
    if (typeof value !== 'string')
      throw new TypeError(`cache.set: value must be a string, got ${typeof value}`);
    this.values.set(key, value, requireOptionalTtl(ttlMs, 'cache.set: ttlMs'));
  }

  async del(key: string): Promise<void> {
    this.values.delete(requireKey(key, 'cache.del: key'));
  }
}
