import { Test } from '@nestjs/testing';
import type Redis from 'ioredis';
import { REDIS_CLIENT, RedisHealthIndicator } from './health/redis-health.indicator';
import { PlatformModule } from './platform.module';
import { CACHE, type CachePort, COUNTERS, PUBSUB, QUEUES } from './ports';
import { BullMqQueueFactory } from './redis/bullmq-queues';
import { RedisCache } from './redis/redis-cache';
import { RedisCounters } from './redis/redis-counters';
import { RedisPubSub } from './redis/redis-pubsub';
import { TEST_REDIS_URL, deleteNamespace, testNamespace } from './redis/redis-test-support';

describe('PlatformModule.forRoot({ redisUrl })', () => {
  const namespace = testNamespace();
  afterAll(() => deleteNamespace(namespace));

  it('provides the Redis adapters, reports Redis up, and closes its connections on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ redisUrl: TEST_REDIS_URL, queuePrefix: `${namespace}bull` })],
    }).compile();
    const app = await moduleRef.init();

    expect(app.get(CACHE)).toBeInstanceOf(RedisCache);
    expect(app.get(COUNTERS)).toBeInstanceOf(RedisCounters);
    expect(app.get(PUBSUB)).toBeInstanceOf(RedisPubSub);
    expect(app.get(QUEUES)).toBeInstanceOf(BullMqQueueFactory);

    const cache = app.get<CachePort>(CACHE);
    await cache.set(`${namespace}k`, 'through redis', 60_000);
    expect(await cache.get(`${namespace}k`)).toBe('through redis');
    expect(await app.get(RedisHealthIndicator).isHealthy()).toEqual({ redis: { status: 'up' } });

    const client = app.get<Redis>(REDIS_CLIENT);
    await app.close();
    expect(client.status).toBe('end');
  });
});
