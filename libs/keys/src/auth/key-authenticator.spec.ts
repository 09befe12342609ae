import type { KeysClient } from '@verosek/contracts';
import { KEYS_INVALIDATION_CHANNEL } from '@verosek/contracts';
import { InProcessCache, InProcessPubSub } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import { formatKey, newSecret } from '../key-format';
import { hashSecret } from '../secret-hash';
import { keyRecordCacheKey } from '../service/key-cache-keys';
import { FakeKeysClient } from '../testing/fake-keys-client';
import { KeyAuthenticator } from './key-authenticator';
import { KeyRecordCache } from './key-record-cache';

async function refusal(promise: Promise<unknown>): Promise<GatewayError['info']> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(err)}`);
  return err.info;
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyAuthenticator', () => {
  let keys: FakeKeysClient;
  let cache: InProcessCache;
  let pubsub: InProcessPubSub;
  let records: KeyRecordCache;
  let auth: KeyAuthenticator;

  beforeEach(async () => {
    keys = new FakeKeysClient();
    cache = new InProcessCache();
    pubsub = new InProcessPubSub();
    records = new KeyRecordCache(cache, pubsub, keys as unknown as KeysClient);
    await records.onModuleInit();
    auth = new KeyAuthenticator(records);
  });

  afterEach(() => records.onModuleDestroy());

  it('accepts a valid key and serves the next call from the in-process cache', async () => {
    const { rawKey, record } = keys.addKey();
    await expect(auth.authenticate(rawKey)).resolves.toEqual({ keyId: record.id, isMaster: false, record });
    await auth.authenticate(rawKey);
    expect(keys.lookups).toBe(1);
  });

  it('reads the Redis cache entry before asking keys-service', async () => {
    const { rawKey, record } = keys.addKey();
    await cache.set(keyRecordCacheKey(record.id), JSON.stringify(record));
    await expect(auth.authenticate(rawKey)).resolves.toMatchObject({ keyId: record.id });
    expect(keys.lookups).toBe(0);
  });

  it('loads a key once for concurrent first calls', async () => {
    const { rawKey } = keys.addKey();
    await Promise.all(Array.from({ length: 10 }, () => auth.authenticate(rawKey)));
    expect(keys.lookups).toBe(1);
  });

  it.each([
    ['nothing', undefined, 'missing_api_key'],
    ['a malformed key', 'sk-not-a-verosek-key', 'invalid_api_key'],
    ['an unknown key id', formatKey('AAAAAAAAAAAA', newSecret()), 'invalid_api_key'],
  ])('refuses %s with 401', async (_, raw, code) => {
    expect(await refusal(auth.authenticate(raw))).toMatchObject({
      kind: 'authentication',
      status: 401,
      code,
    });
  });

  it('refuses a wrong secret for a known id', async () => {
    const { record } = keys.addKey();
    expect(await refusal(auth.authenticate(formatKey(record.id, newSecret())))).toMatchObject({
      code: 'invalid_api_key',
    });
  });

  it('remembers an unknown id briefly instead of asking keys-service each time', async () => {
    const raw = formatKey('BBBBBBBBBBBB', newSecret());
    await refusal(auth.authenticate(raw));
    await refusal(auth.authenticate(raw));
    expect(keys.lookups).toBe(1);
  });

  it('refuses a revoked key (key_revoked) and an expired one (key_expired)', async () => {
    const revoked = keys.addKey({ revokedAt: Date.now() - 1 });
    const expired = keys.addKey({ expiresAt: Date.now() - 1 });
    expect(await refusal(auth.authenticate(revoked.rawKey))).toMatchObject({
      status: 401,
      code: 'key_revoked',
    });
    expect(await refusal(auth.authenticate(expired.rawKey))).toMatchObject({
      status: 401,
      code: 'key_expired',
    });
  });

  it('tells the state of a revoked key only to a holder of its secret', async () => {
    const { record } = keys.addKey({ revokedAt: Date.now() - 1 });
    expect(await refusal(auth.authenticate(formatKey(record.id, newSecret())))).toMatchObject({
      code: 'invalid_api_key',
    });
  });

  it('accepts the previous secret during the rotation grace, not after', async () => {
    const oldSecret = newSecret();
    const inGrace = keys.addKey({
      previousSecretHash: hashSecret(oldSecret),
      previousExpiresAt: Date.now() + 60_000,
    });
    const afterGrace = keys.addKey({
      previousSecretHash: hashSecret(oldSecret),
      previousExpiresAt: Date.now() - 1,
    });
    await expect(auth.authenticate(formatKey(inGrace.record.id, oldSecret))).resolves.toMatchObject({
      keyId: inGrace.record.id,
    });
    await expect(auth.authenticate(inGrace.rawKey)).resolves.toMatchObject({ keyId: inGrace.record.id });
    expect(await refusal(auth.authenticate(formatKey(afterGrace.record.id, oldSecret)))).toMatchObject({
      code: 'invalid_api_key',
    });
  });

  it('accepts the master key', async () => {
    await expect(auth.authenticate('the-master-key', 'the-master-key')).resolves.toEqual({
      keyId: 'master',
      isMaster: true,
    });
    expect(await refusal(auth.authenticate('the-master-kez', 'the-master-key'))).toMatchObject({
      code: 'invalid_api_key',
    });
  });

  it('drops a cached record when keys-service announces a change', async () => {
    const { rawKey, record } = keys.addKey();
    await auth.authenticate(rawKey);
    keys.records.set(record.id, { ...record, revokedAt: Date.now() });
    await pubsub.publish(KEYS_INVALIDATION_CHANNEL, record.id);
    await nextTick();
    expect(await refusal(auth.authenticate(rawKey))).toMatchObject({ code: 'key_revoked' });
  });

  it('does not cache a record loaded across an invalidation', async () => {
    const { rawKey, record } = keys.addKey();
    const loading = auth.authenticate(rawKey); // load in flight
    records.invalidate(record.id);
    await loading;
    await auth.authenticate(rawKey);
    expect(keys.lookups).toBe(2);
  });
});
