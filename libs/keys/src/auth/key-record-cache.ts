import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { KeyRecord, KeysClient } from '@verosek/contracts';
import { KEYS_CLIENT, KEYS_INVALIDATION_CHANNEL } from '@verosek/contracts';
import type { CachePort, PubSubPort, Unsubscribe } from '@verosek/platform';
import { CACHE, PUBSUB } from '@verosek/platform';
import { LRUCache } from 'lru-cache';
import { keyRecordCacheKey } from '../service/key-cache-keys';

const MAX_ENTRIES = 100_000;
/** A safety net for a lost invalidation message (pub/sub is at-most-once); revocation is pushed. */
const RECORD_TTL_MS = 60_000;
/** Unknown key ids are remembered briefly, so a stream of bad keys does not reach keys-service. */
const UNKNOWN_TTL_MS = 5_000;

interface Entry {
  record: KeyRecord | null;
}

/**
 * Key records for the gateway: in-process LRU, then the Redis cache, then keys-service. Drops an
 * entry when keys-service announces a change on the invalidation channel.
 */
@Injectable()
export class KeyRecordCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(KeyRecordCache.name);
  private readonly lru = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: RECORD_TTL_MS });
  private readonly loading = new Map<string, Promise<KeyRecord | null>>();
  /** Bumped on every invalidation: a load that started before one must not fill the LRU. */
  private generation = 0;
  private unsubscribe?: Unsubscribe;

  constructor(
    @Inject(CACHE) private readonly cache: CachePort,
    @Inject(PUBSUB) private readonly pubsub: PubSubPort,
    @Inject(KEYS_CLIENT) private readonly keys: KeysClient,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.pubsub.subscribe(KEYS_INVALIDATION_CHANNEL, (keyId) =>
      this.invalidate(keyId),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** The record of a key id; null when no such key exists. */
  get(keyId: string): Promise<KeyRecord | null> {
    const hit = this.lru.get(keyId);
    if (hit) return Promise.resolve(hit.record);
    let pending = this.loading.get(keyId);
    if (!pending) {
      pending = this.fill(keyId).finally(() => this.loading.delete(keyId));
      this.loading.set(keyId, pending);
    }
    return pending;
  }

  invalidate(keyId: string): void {
    this.generation++;
    this.lru.delete(keyId);
    this.loading.delete(keyId);
  }

  private async fill(keyId: string): Promise<KeyRecord | null> {
    const generation = this.generation;
    const record = (await this.fromRedis(keyId)) ?? (await this.keys.lookup(keyId));
    if (generation === this.generation) {
      this.lru.set(keyId, { record }, record ? undefined : { ttl: UNKNOWN_TTL_MS });
    }
    return record;
  }

  /** A Redis failure is not fatal here: keys-service can still answer. */
  private async fromRedis(keyId: string): Promise<KeyRecord | null> {
    try {
      const json = await this.cache.get(keyRecordCacheKey(keyId));
      return json === null ? null : (JSON.parse(json) as KeyRecord);
    } catch (err) {
      this.logger.warn(`key cache read failed, asking keys-service: ${(err as Error).message}`);
      return null;
    }
  }
}
