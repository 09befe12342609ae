import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ClientRedis } from '@nestjs/microservices';
import type { KeysClient } from '@verosek/contracts';
import { KEYS_CLIENT, KEYS_PATTERNS } from '@verosek/contracts';
import {
  BudgetService,
  KeyAuthenticator,
  KeysModule,
  keysTransportClient,
  RedisKeysClient,
  windowStartDate,
} from '@verosek/keys';
import {
  TEST_REDIS_URL,
  dropSchema,
  eventually,
  infrastructure,
  startContext,
  testConfig,
  testEnv,
  uniqueSchema,
} from '@verosek/keys/testing/keys-test-support';
import { VerosekConfigModule } from '@verosek/config';
import { PlatformModule } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import { firstValueFrom } from 'rxjs';
import { bootstrapKeysService } from './bootstrap';

async function refusal(promise: Promise<unknown>): Promise<GatewayError['info']> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(err)}`);
  return err.info;
}

/** Keeps this run's transport apart from any other keys-service on the same Redis. */
const NAMESPACE = uniqueSchema('keys_rpc_test');

/** A gateway replica in cluster mode: reaches keys-service only through the Redis transport. */
function startGatewayReplica(): Promise<INestApplicationContext> {
  return startContext([
    VerosekConfigModule.forRoot({ config: testConfig(), env: testEnv() }),
    PlatformModule.forRoot({ redisUrl: TEST_REDIS_URL }),
    KeysModule.forRoot({
      mode: 'cluster',
      redisUrl: TEST_REDIS_URL,
      transportNamespace: NAMESPACE,
      spendFlushIntervalMs: 3_600_000,
    }),
  ]);
}

describe('keys-service over the Redis transport (real Redis and Postgres)', () => {
  const schema = uniqueSchema('keys_svc_test');
  let service: NestFastifyApplication;
  let proxy: ClientRedis;
  let keys: KeysClient;

  beforeAll(async () => {
    service = await bootstrapKeysService({
      env: testEnv({ port: 0 }),
      config: testConfig(86_400),
      schema,
      sweepIntervalMs: 3_600_000,
      transportNamespace: NAMESPACE,
    });
    proxy = keysTransportClient({ redisUrl: TEST_REDIS_URL, namespace: NAMESPACE });
    await proxy.connect();
    keys = new RedisKeysClient(proxy);
  });

  afterAll(async () => {
    await proxy?.close();
    await service?.close();
    await dropSchema(schema);
  });

  it('serves health over HTTP', async () => {
    const base = await service.getUrl();
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('creates, lists, gets, updates, rotates and revokes', async () => {
    const created = await keys.create({
      name: 'over-redis',
      ttl_seconds: 600,
      budgets: { daily_usd: 3 },
      metadata: { team: 'ml' },
    });
    expect(created.key).toMatch(new RegExp(`^vsk_${created.id}_`));
    expect(created.metadata).toEqual({ team: 'ml' });

    expect((await keys.list({})).map((k) => k.id)).toContain(created.id);
    await expect(keys.get(created.id)).resolves.toMatchObject({ id: created.id, status: 'active' });

    const updated = await keys.update({ id: created.id, models: ['gpt-4o-mini'], tpm_limit: 5_000 });
    expect(updated).toMatchObject({ models: ['gpt-4o-mini'], tpm_limit: 5_000, budgets: { daily_usd: 3 } });

    const rotated = await keys.rotate({ id: created.id, grace_seconds: 60 });
    expect(rotated.key).not.toBe(created.key);
    expect(Date.parse(rotated.previous_key_expires_at!)).toBeGreaterThan(Date.now());

    const revoked = await keys.revoke(created.id);
    expect(revoked.status).toBe('revoked');
    expect(revoked.revoked_at).not.toBeNull();
  });

  it('answers lookup with the record (hashes, never secrets) and null for an unknown id', async () => {
    const created = await keys.create({ name: 'lookup', ttl_seconds: 600 });
    const record = await keys.lookup(created.id);
    expect(record).toMatchObject({ id: created.id, revokedAt: null, previousSecretHash: null });
    expect(record!.secretHash).toMatch(/^sha256:/);
    expect(JSON.stringify(record)).not.toContain(created.key.split('_')[2]);
    await expect(keys.lookup('ZZZZZZZZZZZZ')).resolves.toBeNull();
  });

  it('records and reports spend, a batch sent twice (its reply lost) counted once', async () => {
    const created = await keys.create({ name: 'spend', ttl_seconds: 600 });
    const today = windowStartDate('day', new Date());
    const entries = [{ key_id: created.id, window: 'day' as const, window_start: today, micro_usd: 1_234 }];
    const batchId = randomUUID();
    await keys.recordSpend(batchId, entries);
    await keys.recordSpend(batchId, entries);
    await expect(keys.spend(created.id)).resolves.toContainEqual({
      window: 'day',
      window_start: today,
      micro_usd: 1_234,
    });
    await keys.recordSpend(randomUUID(), entries);
    await expect(keys.spend(created.id)).resolves.toContainEqual({
      window: 'day',
      window_start: today,
      micro_usd: 2_468,
    });
  });

  it('carries refusals across the transport as GatewayErrors', async () => {
    expect(await refusal(keys.get('ZZZZZZZZZZZZ'))).toMatchObject({
      kind: 'not_found',
      status: 404,
      code: 'key_not_found',
    });
    expect(await refusal(keys.create({ name: 'x', ttl_seconds: 86_401 }))).toMatchObject({
      status: 400,
      code: 'ttl_too_long',
    });
  });

  it('validates payloads on the transport, naming the field', async () => {
    const send = (pattern: string, payload: unknown) =>
      firstValueFrom(proxy.send(pattern, payload)).catch((err: unknown) => err);
    expect(await send(KEYS_PATTERNS.create, { name: 'x' })).toMatchObject({
      gatewayError: { kind: 'invalid_request', status: 400, param: 'ttl_seconds' },
    });
    expect(
      await send(KEYS_PATTERNS.create, { name: 'x', ttl_seconds: 60, budgets: { daily_usd: -1 } }),
    ).toMatchObject({
      gatewayError: { status: 400, param: 'budgets.daily_usd' },
    });
    expect(await send(KEYS_PATTERNS.get, { id: '../../etc' })).toMatchObject({
      gatewayError: { status: 400, param: 'id' },
    });
    expect(
      await send(KEYS_PATTERNS.recordSpend, {
        batch_id: randomUUID(),
        entries: [{ key_id: 'abc', window: 'year' }],
      }),
    ).toMatchObject({
      gatewayError: { status: 400 },
    });
  });

  describe('gateway replicas in cluster mode', () => {
    let replicas: INestApplicationContext[];

    beforeAll(async () => {
      replicas = await Promise.all([startGatewayReplica(), startGatewayReplica()]);
    });

    afterAll(() => Promise.all((replicas ?? []).map((r) => r.close())));

    it('authenticate through the transport and refuse a revoked key everywhere within a second', async () => {
      const admin = replicas[0].get<KeysClient>(KEYS_CLIENT);
      const created = await admin.create({ name: 'cluster', ttl_seconds: 600 });
      for (const replica of replicas) {
        await expect(replica.get(KeyAuthenticator).authenticate(created.key)).resolves.toMatchObject({
          keyId: created.id,
        });
      }
      await admin.revoke(created.id);
      const refused = await Promise.all(
        replicas.map((replica) =>
          eventually(
            () =>
              replica
                .get(KeyAuthenticator)
                .authenticate(created.key)
                .then(
                  () => false,
                  (err: GatewayError) => err.info.code === 'key_revoked',
                ),
            1_000,
          ),
        ),
      );
      expect(refused).toEqual([true, true]);
    });

    it('persist settled spend through keys-service', async () => {
      const admin = replicas[0].get<KeysClient>(KEYS_CLIENT);
      const created = await admin.create({
        name: 'cluster-budget',
        ttl_seconds: 600,
        budgets: { daily_usd: 1 },
      });
      const identity = await replicas[1].get(KeyAuthenticator).authenticate(created.key);
      const budgets = replicas[1].get(BudgetService);
      const reservation = await budgets.reserve(identity, 0.5);
      budgets.settle(reservation, 0.25);
      await replicas[1].close(); // flushes pending spend on shutdown
      replicas[1] = await startGatewayReplica();
      const day = (await admin.get(created.id)).spend.find((s) => s.window === 'day');
      expect(day).toMatchObject({ spent_usd: 0.25, remaining_usd: 0.75 });
    });
  });
});

/** The embedded wiring answers the same calls in-process. */
describe('KeysModule in embedded mode', () => {
  it('provides an in-process KeysClient', async () => {
    const schema = uniqueSchema('keys_emb_test');
    const app = await startContext([...infrastructure(schema), KeysModule.forRoot({ mode: 'embedded' })]);
    try {
      const client = app.get<KeysClient>(KEYS_CLIENT);
      expect(client).not.toBeInstanceOf(RedisKeysClient);
      const created = await client.create({ name: 'embedded', ttl_seconds: 60 });
      await expect(app.get(KeyAuthenticator).authenticate(created.key)).resolves.toMatchObject({
        keyId: created.id,
      });
    } finally {
      await app.close();
      await dropSchema(schema);
    }
  });
});
