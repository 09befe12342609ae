import { HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { RedisHealthIndicator } from '../health/redis-health.indicator';
import { BullMqQueueFactory } from './bullmq-queues';
import { RedisCache } from './redis-cache';
import { closeRedis, createRedisConnection, pingRedis, waitForRedis } from './redis-connection';
import { deadPort } from './redis-test-support';

/** Resolves after the client reported its first connection error. */
const firstError = (client: Redis) => new Promise((resolve) => client.once('error', resolve));

describe('Redis connection with Redis unreachable', () => {
  let port: number;
  let client: Redis;

  beforeEach(async () => {
    port = await deadPort();
    client = createRedisConnection(`redis://127.0.0.1:${port}`, 'commands');
    await firstError(client);
  });

  afterEach(() => closeRedis(client));

  it('pingRedis rejects with the connection error as the reason', async () => {
    await expect(pingRedis(client)).rejects.toThrow(`redis: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('a hot-path command fails instead of waiting for Redis to come back', async () => {
    await expect(new RedisCache(client).get('any')).rejects.toThrow(/enableOfflineQueue/);
  });

  it('waitForRedis gives up after its timeout, naming the reason', async () => {
    await expect(waitForRedis(client, 50)).rejects.toThrow(
      `redis: not ready after 50 ms: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('RedisHealthIndicator reports down with the reason', async () => {
    const indicator = new RedisHealthIndicator(new HealthIndicatorService(), client);
    expect(await indicator.isHealthy()).toEqual({
      redis: { status: 'down', message: `redis: connect ECONNREFUSED 127.0.0.1:${port}` },
    });
  });
});

describe('createRedisConnection', () => {
  it('rejects a URL that is not redis:// without echoing it', () => {
    expect(() => createRedisConnection('http://user:secret@host', 'commands')).toThrow(
      'REDIS_URL must start with redis:// or rediss://, got "http://"',
    );
    expect(() => createRedisConnection('not a url :secret', 'commands')).toThrow(
      /^REDIS_URL is not a valid URL$/,
    );
  });
});

describe('BullMqQueueFactory with Redis unreachable', () => {
  it('a producer fails at once with the reason instead of waiting for Redis', async () => {
    const port = await deadPort();
    const queues = new BullMqQueueFactory(`redis://127.0.0.1:${port}`, 'unreachable');
    await expect(queues.ready(200)).rejects.toThrow(/not ready after 200 ms/);
    const producer = queues.producer<number>('audit');
    const reason = `redis: connect ECONNREFUSED 127.0.0.1:${port}`;
    await expect(producer.add({ id: 'evt-1', data: 1 })).rejects.toThrow(reason);
    await expect(producer.addBulk([{ id: 'evt-2', data: 2 }])).rejects.toThrow(reason);
    await expect(producer.depth()).rejects.toThrow(reason);
    await queues.close();
  });
});
