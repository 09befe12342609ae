import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AUDIT_QUEUE, AuditEvent } from '@verosek/audit';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '@verosek/audit/testing/audit-test-db';
import { eventually } from '@verosek/audit/testing/eventually';
import { sampleCall } from '@verosek/audit/testing/sample-calls';
import { EnvError, parseConfig, readEnv, requireClusterEnv } from '@verosek/config';
import { BullMqQueueFactory } from '@verosek/platform';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bootstrapAuditService } from './bootstrap';

jest.setTimeout(60_000);

describe('audit-service', () => {
  const suffix = randomUUID().slice(0, 8);
  const prefix = `audit-svc-${suffix}`;
  const schema = `audit_svc_${suffix}`;
  let app: NestFastifyApplication;
  let producerQueues: BullMqQueueFactory;

  beforeAll(async () => {
    app = await bootstrapAuditService({
      env: readEnv({ REDIS_URL: TEST_REDIS_URL, DATABASE_URL: TEST_DATABASE_URL }, 8084),
      config: parseConfig('', 'test.yaml', {}),
      queuePrefix: prefix,
      schema,
      listen: false,
    });
    await app.getHttpAdapter().getInstance().ready();
    producerQueues = new BullMqQueueFactory(TEST_REDIS_URL, prefix);
  });

  afterAll(async () => {
    await producerQueues?.close();
    const dataSource = app?.get(DataSource);
    await dataSource?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await app?.close();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.unlink(...keys);
    redis.disconnect();
  });

  it('is live, and ready with Redis and Postgres up', async () => {
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      info: { redis: { status: 'up' }, database: { status: 'up' } },
    });
  });

  it('consumes the audit queue into Postgres', async () => {
    const events = Array.from({ length: 30 }, (_, i) => sampleCall(`svc_${i}`, 'k1')).flat();
    const producer = producerQueues.producer<AuditEvent>(AUDIT_QUEUE);
    await eventually(
      () =>
        producer.depth().then(
          () => true,
          () => false,
        ),
      'the producer connection',
    );
    await producer.addBulk(events.map((e) => ({ id: e.id, data: e })));
    const dataSource = app.get(DataSource);
    const count = async () =>
      (await dataSource.query(`SELECT count(*)::int AS n FROM ${schema}.audit_events`))[0].n as number;
    await eventually(async () => (await count()) === events.length, 'rows written by audit-service');
  });

  it('refuses to start without Redis or Postgres, naming the variable', () => {
    expect(() => requireClusterEnv(readEnv({ DATABASE_URL: TEST_DATABASE_URL }), 'audit-service')).toThrow(
      EnvError,
    );
    expect(() => requireClusterEnv(readEnv({ DATABASE_URL: TEST_DATABASE_URL }), 'audit-service')).toThrow(
      'REDIS_URL',
    );
    expect(() => requireClusterEnv(readEnv({ REDIS_URL: TEST_REDIS_URL }), 'audit-service')).toThrow(
      'DATABASE_URL',
    );
  });
});
