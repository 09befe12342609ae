import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { KeysClient } from '@verosek/contracts';
import { KEYS_CLIENT } from '@verosek/contracts';
import type { Platform } from '@verosek/platform';
import { CACHE, COUNTERS, RedisPlatform } from '@verosek/platform';
import { GatewayError } from '@verosek/protocol';
import { DataSource } from 'typeorm';
import { KeyAuthenticator } from './auth/key-authenticator';
import type { CallerIdentity } from './auth/caller-identity';
import { KeyRecordCache } from './auth/key-record-cache';
import { budgetCounters } from './budget/budget-counters';
import { windowStartDate } from './budget/budget-window';
import { BudgetService } from './budget/budget.service';
import { SpendRecorder } from './budget/spend-recorder';
import { formatKey, parseKey } from './key-format';
import { KeysModule } from './keys.module';
import { RateLimiter } from './limits/rate-limiter';
import { keyRecordCacheKey } from './service/key-cache-keys';
import { KeysService } from './service/keys.service';
import {
  TEST_REDIS_URL,
  dropSchema,
  eventually,
  infrastructure,
  sleep,
  startContext,
  testConfig,
  uniqueSchema,
} from './testing/keys-test-support';

const MAX_TTL_SECONDS = 7 * 86_400;

async function refusal(promise: Promise<unknown>): Promise<GatewayError['info']> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(err)}`);
  return err.info;
}

/** A second gateway replica: its own Redis connections, LRU and subscription, the same keys-service. */
class Replica {
  readonly platform: Platform;
  readonly records: KeyRecordCache;
  readonly auth: KeyAuthenticator;
  readonly recorder: SpendRecorder;
  readonly budgets: BudgetService;
  readonly limiter: RateLimiter;

  constructor(keys: KeysClient) {
    this.platform = new RedisPlatform(TEST_REDIS_URL);
    this.records = new KeyRecordCache(this.platform.cache, this.platform.pubsub, keys);
    this.auth = new KeyAuthenticator(this.records);
    this.recorder = new SpendRecorder(keys, 60_000);
    this.budgets = new BudgetService(this.platform.counters, keys, this.recorder);
    this.limiter = new RateLimiter(this.platform.counters);
  }

  async start(): Promise<this> {
    await (this.platform as RedisPlatform).ready(5_000);
    await this.records.onModuleInit();
    return this;
  }

  async stop(): Promise<void> {
    await this.records.onModuleDestroy();
    await this.platform.close();
  }
}

describe('keys on real Redis and Postgres (embedded keys-service)', () => {
  const schema = uniqueSchema();
  let app: INestApplicationContext;
  let keys: KeysClient;
  let service: KeysService;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await startContext([
      ...infrastructure(schema, testConfig(MAX_TTL_SECONDS)),
      KeysModule.forRoot({ mode: 'embedded', sweepIntervalMs: 3_600_000, spendFlushIntervalMs: 3_600_000 }),
    ]);
    keys = app.get(KEYS_CLIENT);
    service = app.get(KeysService);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await dropSchema(schema);
  });

  describe('administration', () => {
    it('creates a key shown once, stored only as a salted hash', async () => {
      const created = await keys.create({
        name: 'ci',
        ttl_seconds: 3_600,
        models: ['gpt-4o'],
        budgets: { daily_usd: 5 },
      });
      const parsed = parseKey(created.key);
      expect(parsed?.keyId).toBe(created.id);
      expect(created).toMatchObject({ name: 'ci', status: 'active', models: ['gpt-4o'], rpm_limit: null });
      expect(created.budgets).toEqual({ daily_usd: 5, weekly_usd: null, monthly_usd: null });
      expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBeGreaterThanOrEqual(
        3_599_000,
      );

      const [row] = await dataSource.query('SELECT * FROM virtual_keys WHERE id = $1', [created.id]);
      expect(JSON.stringify(row)).not.toContain(parsed!.secret);
      expect(row.secret_hash).toMatch(/^sha256:/);
      expect(row.budget_daily_micro_usd).toBe('5000000');

      const view = await keys.get(created.id);
      expect(view).not.toHaveProperty('key');
      expect(JSON.stringify(view)).not.toMatch(/sha256|secret/);
    });

    it('refuses a ttl above keys.max_ttl_seconds', async () => {
      const info = await refusal(keys.create({ name: 'too long', ttl_seconds: MAX_TTL_SECONDS + 1 }));
      expect(info).toMatchObject({ status: 400, param: 'ttl_seconds', code: 'ttl_too_long' });
    });

    it('lists keys, newest first, with their spend windows', async () => {
      const a = await keys.create({ name: 'list-a', ttl_seconds: 60 });
      const b = await keys.create({ name: 'list-b', ttl_seconds: 60 });
      const listed = await keys.list({ limit: 500 });
      const ids = listed.map((k) => k.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
      for (const view of listed) {
        expect(view.spend.map((s) => s.window)).toEqual(['day', 'week', 'month']);
        expect(view).not.toHaveProperty('key');
      }
      await expect(keys.list({ limit: 1 })).resolves.toHaveLength(1);
    });

    it('updates settings; null clears one, absence keeps it', async () => {
      const created = await keys.create({
        name: 'patch',
        ttl_seconds: 60,
        rpm_limit: 10,
        tpm_limit: 1000,
        tools: ['web'],
      });
      const updated = await keys.update({
        id: created.id,
        name: 'patched',
        rpm_limit: null,
        budgets: { monthly_usd: 20 },
        ttl_seconds: 120,
      });
      expect(updated).toMatchObject({ name: 'patched', rpm_limit: null, tpm_limit: 1000, tools: ['web'] });
      expect(updated.budgets).toEqual({ daily_usd: null, weekly_usd: null, monthly_usd: 20 });
      expect(Date.parse(updated.expires_at)).toBeGreaterThan(Date.parse(created.expires_at));
    });

    it('answers 404 key_not_found for an unknown id', async () => {
      expect(await refusal(keys.get('ZZZZZZZZZZZZ'))).toMatchObject({ status: 404, code: 'key_not_found' });
      expect(await refusal(keys.revoke('ZZZZZZZZZZZZ'))).toMatchObject({
        status: 404,
        code: 'key_not_found',
      });
    });

    it('shows the spend of each window with its reset time', async () => {
      const created = await keys.create({
        name: 'spend',
        ttl_seconds: 60,
        budgets: { daily_usd: 2, weekly_usd: 10 },
      });
      const now = new Date();
      await keys.recordSpend(randomUUID(), [
        { key_id: created.id, window: 'day', window_start: windowStartDate('day', now), micro_usd: 500_000 },
        { key_id: created.id, window: 'day', window_start: windowStartDate('day', now), micro_usd: 250_000 },
        {
          key_id: created.id,
          window: 'week',
          window_start: windowStartDate('week', now),
          micro_usd: 750_000,
        },
      ]);
      const { spend } = await keys.get(created.id);
      const day = spend.find((s) => s.window === 'day')!;
      expect(day).toMatchObject({ spent_usd: 0.75, limit_usd: 2, remaining_usd: 1.25 });
      expect(new Date(day.reset_at).getUTCHours()).toBe(0);
      expect(Date.parse(day.reset_at) - Date.parse(day.window_start)).toBe(86_400_000);
      expect(spend.find((s) => s.window === 'week')).toMatchObject({ spent_usd: 0.75, limit_usd: 10 });
      expect(spend.find((s) => s.window === 'month')).toMatchObject({
        spent_usd: 0,
        limit_usd: null,
        remaining_usd: null,
      });
    });
  });

  describe('authentication', () => {
    let replica: Replica;

    beforeAll(async () => {
      replica = await new Replica(keys).start();
    });

    afterAll(() => replica.stop());

    it('expires a key at its TTL; the sweeper marks it and clears its cache entry', async () => {
      const created = await keys.create({ name: 'short', ttl_seconds: 1 });
      await expect(replica.auth.authenticate(created.key)).resolves.toMatchObject({ keyId: created.id });
      await sleep(Date.parse(created.expires_at) - Date.now() + 50);
      expect(await refusal(replica.auth.authenticate(created.key))).toMatchObject({
        status: 401,
        code: 'key_expired',
      });

      const cache = app.get(CACHE);
      expect(await cache.get(keyRecordCacheKey(created.id))).not.toBeNull();
      expect(await service.sweep()).toContain(created.id);
      const [row] = await dataSource.query('SELECT expired_at FROM virtual_keys WHERE id = $1', [created.id]);
      expect(row.expired_at).toBeInstanceOf(Date);
      expect(await cache.get(keyRecordCacheKey(created.id))).toBeNull();
      expect(await service.sweep()).not.toContain(created.id);
      expect((await keys.get(created.id)).status).toBe('expired');
    });

    it('keeps the old secret working during the rotation grace only', async () => {
      const created = await keys.create({ name: 'rotate', ttl_seconds: 600 });
      await replica.auth.authenticate(created.key);
      const rotated = await keys.rotate({ id: created.id, grace_seconds: 1 });
      expect(rotated.id).toBe(created.id);
      expect(parseKey(rotated.key)?.keyId).toBe(created.id);
      expect(rotated.key).not.toBe(created.key);

      await expect(replica.auth.authenticate(created.key)).resolves.toMatchObject({ keyId: created.id });
      await expect(replica.auth.authenticate(rotated.key)).resolves.toMatchObject({ keyId: created.id });
      await sleep(Date.parse(rotated.previous_key_expires_at!) - Date.now() + 50);
      expect(await refusal(replica.auth.authenticate(created.key))).toMatchObject({
        status: 401,
        code: 'invalid_api_key',
      });
      await expect(replica.auth.authenticate(rotated.key)).resolves.toMatchObject({ keyId: created.id });

      await service.sweep();
      const [row] = await dataSource.query('SELECT previous_secret_hash FROM virtual_keys WHERE id = $1', [
        created.id,
      ]);
      expect(row.previous_secret_hash).toBeNull();
    });

    it('without grace, the old secret stops at once', async () => {
      const created = await keys.create({ name: 'rotate-now', ttl_seconds: 600 });
      await replica.auth.authenticate(created.key);
      const rotated = await keys.rotate({ id: created.id });
      expect(rotated.previous_key_expires_at).toBeNull();
      const refused = await eventually(
        async () =>
          (await refusal(replica.auth.authenticate(created.key)).catch(() => undefined))?.code ===
          'invalid_api_key',
        1_000,
      );
      expect(refused).toBe(true);
    });

    it('refuses to rotate a revoked key', async () => {
      const created = await keys.create({ name: 'rotate-revoked', ttl_seconds: 600 });
      await keys.revoke(created.id);
      expect(await refusal(keys.rotate({ id: created.id, grace_seconds: 10 }))).toMatchObject({
        status: 400,
        code: 'key_revoked',
      });
    });

    it('revocation reaches two replicas sharing Redis within a second', async () => {
      const other = await new Replica(keys).start();
      try {
        const created = await keys.create({ name: 'revoke', ttl_seconds: 600 });
        await expect(replica.auth.authenticate(created.key)).resolves.toMatchObject({ keyId: created.id });
        await expect(other.auth.authenticate(created.key)).resolves.toMatchObject({ keyId: created.id });

        await keys.revoke(created.id);
        const refusedBy = async (r: Replica) => {
          const outcome = await r.auth.authenticate(created.key).then(
            () => 'accepted',
            (err: GatewayError) => err.info.code,
          );
          return outcome === 'key_revoked';
        };
        const [first, second] = await Promise.all([
          eventually(() => refusedBy(replica), 1_000),
          eventually(() => refusedBy(other), 1_000),
        ]);
        expect([first, second]).toEqual([true, true]);
      } finally {
        await other.stop();
      }
    });

    it('refuses a forged secret for a real key id', async () => {
      const created = await keys.create({ name: 'forge', ttl_seconds: 600 });
      const forged = formatKey(created.id, 'A'.repeat(43));
      expect(await refusal(replica.auth.authenticate(forged))).toMatchObject({ code: 'invalid_api_key' });
    });
  });

  describe('budgets and rate limits', () => {
    let replicas: Replica[];

    beforeAll(async () => {
      replicas = await Promise.all([new Replica(keys).start(), new Replica(keys).start()]);
    });

    afterAll(() => Promise.all(replicas.map((r) => r.stop())));

    const identityOf = async (raw: string): Promise<CallerIdentity> => replicas[0].auth.authenticate(raw);

    it('200 concurrent reservations over two replicas against a budget for 50: exactly 50 pass', async () => {
      const created = await keys.create({
        name: 'budget-race',
        ttl_seconds: 600,
        budgets: { daily_usd: 1, monthly_usd: 100 },
      });
      const identity = await identityOf(created.key);
      const costUsd = 0.02; // 50 calls make $1

      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          replicas[i % 2].budgets.reserve(identity, costUsd).then(
            (reservation) => ({ reservation }),
            (err: GatewayError) => ({ code: err.info.code }),
          ),
        ),
      );
      const passed = outcomes.flatMap((o) => ('reservation' in o ? [o.reservation] : []));
      expect(passed).toHaveLength(50);
      // Counted by code, so that a failure shows every refusal's code, not the first ten of an array.
      const refusals: Record<string, number> = {};
      for (const o of outcomes)
        if ('code' in o) refusals[String(o.code)] = (refusals[String(o.code)] ?? 0) + 1;
      expect(refusals).toEqual({ budget_exceeded: 150 });

      const counterKeys = budgetCounters(identity.record!, passed[0].startedAt).map((c) => c.key);
      expect(await app.get(COUNTERS).read(counterKeys)).toEqual([1_000_000, 1_000_000]);

      passed.forEach((reservation, i) => replicas[i % 2].budgets.settle(reservation, costUsd));
      await Promise.all(replicas.map((r) => r.budgets.drained()));
      await Promise.all(replicas.map((r) => r.recorder.flush()));
      expect(await app.get(COUNTERS).read(counterKeys)).toEqual([1_000_000, 1_000_000]);
      const rows = await dataSource.query(
        `SELECT window_kind, spent_micro_usd FROM virtual_key_spend WHERE key_id = $1 ORDER BY window_kind`,
        [created.id],
      );
      expect(rows).toEqual([
        { window_kind: 'day', spent_micro_usd: '1000000' },
        { window_kind: 'month', spent_micro_usd: '1000000' },
        { window_kind: 'week', spent_micro_usd: '1000000' },
      ]);
      await expect(replicas[1].budgets.remaining(identity)).resolves.toBe(0);
    });

    it('settling releases the unused part of a reservation', async () => {
      const created = await keys.create({
        name: 'budget-settle',
        ttl_seconds: 600,
        budgets: { daily_usd: 1 },
      });
      const identity = await identityOf(created.key);
      const reservation = await replicas[0].budgets.reserve(identity, 0.9);
      expect(await refusal(replicas[1].budgets.reserve(identity, 0.2))).toMatchObject({
        status: 429,
        code: 'budget_exceeded',
      });
      expect(replicas[0].budgets.settle(reservation, 0.1)).toEqual({ remainingUsd: 0.9 });
      await replicas[0].budgets.drained();
      await expect(replicas[1].budgets.reserve(identity, 0.2)).resolves.toMatchObject({ spent: [300_000] });
    });

    it('re-seeds a window counter from Postgres after Redis lost it', async () => {
      const created = await keys.create({
        name: 'budget-reseed',
        ttl_seconds: 600,
        budgets: { daily_usd: 1 },
      });
      const identity = await identityOf(created.key);
      const reservation = await replicas[0].budgets.reserve(identity, 0.7);
      replicas[0].budgets.settle(reservation, 0.6);
      await replicas[0].budgets.drained();
      await replicas[0].recorder.flush();

      const [counter] = budgetCounters(identity.record!, reservation.startedAt);
      const redis = (replicas[0].platform as RedisPlatform).commands;
      expect(await redis.del(counter.key)).toBe(1);

      expect(await refusal(replicas[1].budgets.reserve(identity, 0.5))).toMatchObject({
        code: 'budget_exceeded',
      });
      await expect(replicas[1].budgets.reserve(identity, 0.3)).resolves.toMatchObject({ spent: [900_000] });
      expect(await app.get(COUNTERS).read([counter.key])).toEqual([900_000]);
    });

    it('fails closed (503 budget_unavailable) for a budgeted key when Redis is unreachable', async () => {
      const created = await keys.create({ name: 'budget-down', ttl_seconds: 600, budgets: { daily_usd: 1 } });
      const identity = await identityOf(created.key);
      const unreachable = new RedisPlatform('redis://127.0.0.1:1');
      try {
        const budgets = new BudgetService(unreachable.counters, keys, replicas[0].recorder);
        expect(await refusal(budgets.reserve(identity, 0.01))).toMatchObject({
          status: 503,
          code: 'budget_unavailable',
        });
      } finally {
        await unreachable.close();
      }
    });

    it('allows exactly rpm_limit requests a minute across replicas', async () => {
      const created = await keys.create({ name: 'rpm', ttl_seconds: 600, rpm_limit: 10 });
      const identity = await identityOf(created.key);
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          replicas[i % 2].limiter.check(identity, 1).then(
            () => 'ok',
            (err: GatewayError) => err.info,
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
      const refused = outcomes.filter((o): o is GatewayError['info'] => o !== 'ok');
      expect(refused).toHaveLength(20);
      for (const info of refused) expect(info).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
      expect(Math.min(...refused.map((r) => r.retryAfterSeconds!))).toBeGreaterThan(0);
    });
  });
});
