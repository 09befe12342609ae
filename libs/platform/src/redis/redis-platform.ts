import type Redis from 'ioredis';
import type { Platform } from '../ports';
import { BullMqQueueFactory } from './bullmq-queues';
import { RedisCache } from './redis-cache';
import { closeRedis, createRedisConnection, waitForRedis } from './redis-connection';
import { RedisCounters } from './redis-counters';
import { RedisPubSub } from './redis-pubsub';

export interface RedisPlatformOptions {
  /** BullMQ key prefix (default `verosek`); tests use a unique one. */
  queuePrefix?: string;
}

/** The Redis adapters (cluster mode). `commands` is the hot-path connection, also used for health. */
export class RedisPlatform implements Platform {
  readonly commands: Redis;
  private readonly subscriber: Redis;
  readonly cache: RedisCache;
  readonly counters: RedisCounters;
  readonly pubsub: RedisPubSub;
  readonly queues: BullMqQueueFactory;

  constructor(redisUrl: string, options: RedisPlatformOptions = {}) {
    this.commands = createRedisConnection(redisUrl, 'commands');
    this.subscriber = createRedisConnection(redisUrl, 'subscriber');
    this.cache = new RedisCache(this.commands);
    this.counters = new RedisCounters(this.commands);
    this.pubsub = new RedisPubSub(this.commands, this.subscriber);
    this.queues = new BullMqQueueFactory(redisUrl, options.queuePrefix);
  }

  /** Resolves once the connections are up: the hot-path ones refuse commands until then. */
  async ready(timeoutMs: number): Promise<void> {
    await Promise.all([
      waitForRedis(this.commands, timeoutMs),
      waitForRedis(this.subscriber, timeoutMs),
      this.queues.ready(timeoutMs),
    ]);
  }

  async close(): Promise<void> {
    await this.queues.close();
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.commands)]);
  }
}
