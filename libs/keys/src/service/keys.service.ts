import { Inject, Injectable, Logger } from '@nestjs/common';
import type { VerosekConfig } from '@verosek/config';
import { VEROSEK_CONFIG } from '@verosek/config';
import type {
  CreateKeyDto,
  CreatedKeyView,
  KeyRecord,
  KeySettingsDto,
  KeyView,
  ListKeysDto,
  RotateKeyRequest,
  RotatedKeyView,
  SpendEntryDto,
  UpdateKeyRequest,
  WindowSpend,
} from '@verosek/contracts';
import { KEYS_INVALIDATION_CHANNEL } from '@verosek/contracts';
import type { CachePort, PubSubPort } from '@verosek/platform';
import { CACHE, PUBSUB } from '@verosek/platform';
import type { VirtualKeyEntity } from '@verosek/persistence/entities/virtual-key.entity';
import { GatewayError } from '@verosek/protocol';
import { WINDOW_KINDS, windowStartDate } from '../budget/budget-window';
import { addSpendEntry, spendKey } from '../budget/spend-entries';
import { formatKey, newKeyId, newSecret } from '../key-format';
import { hashSecret } from '../secret-hash';
import { KEY_RECORD_CACHE_TTL_MS, keyRecordCacheKey } from './key-cache-keys';
import { applyBudgets, keyStatus, toKeyRecord, toKeyView } from './key-mapping';
import type { WindowRef } from './key-store';
import { KeyStore } from './key-store';
import { KeyedSerializer } from './keyed-serializer';

const DEFAULT_LIST_LIMIT = 100;

/** How long a spend batch id is remembered: far longer than any sender retries one. */
const SPEND_BATCH_MEMORY_MS = 7 * 86_400_000;

/**
 * The keys-service handlers: every write to keys and spend. After a change it rewrites the key's
 * Redis cache entry and announces the key id on the invalidation channel, so that every gateway drops
 * its in-process copy.
 */
@Injectable()
export class KeysService {
  private readonly logger = new Logger(KeysService.name);
  private readonly serializer = new KeyedSerializer();

  constructor(
    private readonly store: KeyStore,
    @Inject(CACHE) private readonly cache: CachePort,
    @Inject(PUBSUB) private readonly pubsub: PubSubPort,
    @Inject(VEROSEK_CONFIG) private readonly config: VerosekConfig,
  ) {}

  async create(request: CreateKeyDto): Promise<CreatedKeyView> {
    const now = new Date();
    const id = newKeyId();
    const secret = newSecret();
    const key = this.store.newKey({
      id,
      name: request.name,
      secretHash: hashSecret(secret),
      previousSecretHash: null,
      previousExpiresAt: null,
      expiresAt: this.expiryFor(request.ttl_seconds, now),
      expiredAt: null,
      revokedAt: null,
    });
    applySettings(key, request);
    const saved = await this.serializer.run(id, async () => {
      const inserted = await this.store.insert(key);
      // Best effort: no gateway holds a stale copy of a new key (at most a short "unknown id" entry),
      // and failing here would lose a key whose secret was never shown.
      await this.publish(inserted).catch((err: Error) => this.logger.warn(err.message));
      return inserted;
    });
    return { ...toKeyView(saved, new Map(), now), key: formatKey(id, secret) };
  }

  async list(request: ListKeysDto): Promise<KeyView[]> {
    const keys = await this.store.list(request.limit ?? DEFAULT_LIST_LIMIT, request.offset ?? 0);
    return this.views(keys);
  }

  async get(id: string): Promise<KeyView> {
    const [view] = await this.views([await this.require(id)]);
    return view;
  }

  update(request: UpdateKeyRequest): Promise<KeyView> {
    return this.serializer.run(request.id, async () => {
      const key = await this.require(request.id);
      if (request.name !== undefined) key.name = request.name;
      if (request.ttl_seconds !== undefined) {
        key.expiresAt = this.expiryFor(request.ttl_seconds, new Date());
        key.expiredAt = null;
      }
      applySettings(key, request);
      const saved = await this.store.save(key);
      await this.publish(saved);
      const [view] = await this.views([saved]);
      return view;
    });
  }

  rotate(request: RotateKeyRequest): Promise<RotatedKeyView> {
    return this.serializer.run(request.id, async () => {
      const key = await this.require(request.id);
      const now = new Date();
      const status = keyStatus(key, now);
      if (status !== 'active') {
        throw GatewayError.invalid(`key ${key.id} is ${status} and cannot be rotated`, 'id', `key_${status}`);
      }
      const graceSeconds = Math.min(request.grace_seconds ?? 0, this.config.keys.maxTtlSeconds);
      const secret = newSecret();
      key.previousSecretHash = graceSeconds > 0 ? key.secretHash : null;
      key.previousExpiresAt = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null;
      key.secretHash = hashSecret(secret);
      const saved = await this.store.save(key);
      await this.publish(saved);
      return {
        id: saved.id,
        key: formatKey(saved.id, secret),
        previous_key_expires_at: saved.previousExpiresAt?.toISOString() ?? null,
      };
    });
  }

  revoke(id: string): Promise<KeyView> {
    return this.serializer.run(id, async () => {
      const key = await this.require(id);
      key.revokedAt ??= new Date();
      const saved = await this.store.save(key);
      await this.publish(saved);
      const [view] = await this.views([saved]);
      return view;
    });
  }

  /** The gateway's cache miss: reads Postgres and refills the Redis cache entry. */
  lookup(keyId: string): Promise<KeyRecord | null> {
    return this.serializer.run(keyId, async () => {
      const key = await this.store.find(keyId);
      if (!key) return null;
      const record = toKeyRecord(key);
      await this.writeCache(record);
      return record;
    });
  }

  async spend(keyId: string): Promise<WindowSpend[]> {
    const now = new Date();
    const windows = currentWindows(now);
    const spend = await this.store.spendOf([keyId], windows);
    return windows.map(({ window, windowStart }) => ({
      window,
      window_start: windowStart,
      micro_usd: spend.get(spendKey(keyId, window, windowStart)) ?? 0,
    }));
  }

  /** Adds a spend batch once: the same batch id sent again changes nothing. */
  async recordSpend(batchId: string, entries: SpendEntryDto[]): Promise<void> {
    const merged = new Map<string, SpendEntryDto>();
    for (const entry of entries) addSpendEntry(merged, entry);
    await this.store.addSpend(
      batchId,
      [...merged.values()].map((e) => ({
        keyId: e.key_id,
        window: e.window,
        windowStart: e.window_start,
        microUsd: e.micro_usd,
      })),
    );
  }

  /**
   * The expiry sweep: marks newly expired keys, forgets elapsed previous secrets and week-old spend
   * batch ids, invalidates caches.
   */
  async sweep(now = new Date()): Promise<string[]> {
    const expired = await this.store.markExpired(now);
    const graceEnded = await this.store.dropElapsedPreviousSecrets(now);
    await this.store.forgetSpendBatches(new Date(now.getTime() - SPEND_BATCH_MEMORY_MS));
    const changed = [...new Set([...expired, ...graceEnded])];
    for (const id of changed) await this.serializer.run(id, () => this.invalidate(id));
    if (expired.length > 0) this.logger.log(`expired ${expired.length} key(s): ${expired.join(', ')}`);
    return expired;
  }

  private async views(keys: VirtualKeyEntity[]): Promise<KeyView[]> {
    const now = new Date();
    const windows = currentWindows(now);
    const spend = await this.store.spendOf(
      keys.map((k) => k.id),
      windows,
    );
    return keys.map((key) => toKeyView(key, spend, now));
  }

  private async require(id: string): Promise<VirtualKeyEntity> {
    const key = await this.store.find(id);
    if (!key)
      throw new GatewayError('not_found', `no key with id ${id}`, { code: 'key_not_found', param: 'id' });
    return key;
  }

  private expiryFor(ttlSeconds: number, now: Date): Date {
    const max = this.config.keys.maxTtlSeconds;
    if (ttlSeconds > max) {
      throw GatewayError.invalid(
        `ttl_seconds must be at most ${max} (keys.max_ttl_seconds)`,
        'ttl_seconds',
        'ttl_too_long',
      );
    }
    return new Date(now.getTime() + ttlSeconds * 1000);
  }

  /** Writes the new record to Redis, then tells every gateway to drop its in-process copy. */
  private async publish(key: VirtualKeyEntity): Promise<void> {
    await this.announce(key.id, () => this.writeCache(toKeyRecord(key)));
  }

  private async invalidate(id: string): Promise<void> {
    await this.announce(id, () => this.cache.del(keyRecordCacheKey(id)));
  }

  private async announce(id: string, updateCache: () => Promise<void>): Promise<void> {
    try {
      await updateCache();
      await this.pubsub.publish(KEYS_INVALIDATION_CHANNEL, id);
    } catch (err) {
      throw new GatewayError(
        'unavailable',
        `key ${id} was saved, but the gateways could not be told (${(err as Error).message}); repeat the request`,
        { code: 'cache_invalidation_failed' },
      );
    }
  }

  private writeCache(record: KeyRecord): Promise<void> {
    return this.cache.set(keyRecordCacheKey(record.id), JSON.stringify(record), KEY_RECORD_CACHE_TTL_MS);
  }
}

function applySettings(key: VirtualKeyEntity, settings: KeySettingsDto): void {
  if (settings.models !== undefined) key.models = settings.models;
  applyBudgets(key, settings.budgets);
  if (settings.rpm_limit !== undefined) key.rpmLimit = settings.rpm_limit;
  if (settings.tpm_limit !== undefined) key.tpmLimit = settings.tpm_limit;
  if (settings.metadata !== undefined) key.metadata = settings.metadata;
  if (settings.shield !== undefined) key.shield = settings.shield;
  if (settings.tools !== undefined) key.tools = settings.tools;
}

function currentWindows(now: Date): WindowRef[] {
  return WINDOW_KINDS.map((window) => ({ window, windowStart: windowStartDate(window, now) }));
}
