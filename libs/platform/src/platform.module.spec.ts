import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InProcessCache } from './in-process/in-process-cache';
import { InProcessCounters } from './in-process/in-process-counters';
import { InProcessPubSub } from './in-process/in-process-pubsub';
import { InProcessQueueFactory } from './in-process/in-process-queues';
import { RedisHealthIndicator } from './health/redis-health.indicator';
import { PlatformModule } from './platform.module';
import { CACHE, type CachePort, COUNTERS, PUBSUB, QUEUES, type QueueFactory } from './ports';

/** A provider in another module: the ports must reach it without importing PlatformModule there. */
@Injectable()
class UsesPorts {
  constructor(
    @Inject(CACHE) readonly cache: CachePort,
    @Inject(QUEUES) readonly queues: QueueFactory,
  ) {}
}

@Module({ providers: [UsesPorts], exports: [UsesPorts] })
class FeatureModule {}

describe('PlatformModule.forRoot() without a Redis URL', () => {
  it('provides the in-process adapters globally, and health says so', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(), FeatureModule],
    }).compile();
    const app = await moduleRef.init();

    expect(app.get(CACHE)).toBeInstanceOf(InProcessCache);
    expect(app.get(COUNTERS)).toBeInstanceOf(InProcessCounters);
    expect(app.get(PUBSUB)).toBeInstanceOf(InProcessPubSub);
    expect(app.get(QUEUES)).toBeInstanceOf(InProcessQueueFactory);
    const feature = app.get(UsesPorts);
    expect(feature.cache).toBe(app.get(CACHE));
    await feature.cache.set('k', 'v');
    expect(await app.get<CachePort>(CACHE).get('k')).toBe('v');
    expect(await app.get(RedisHealthIndicator).isHealthy()).toEqual({
      redis: { status: 'up', mode: 'in-process' },
    });
    await app.close();
  });

  it('closes the queues on application shutdown', async () => {
    const app = await (
      await Test.createTestingModule({ imports: [PlatformModule.forRoot()] }).compile()
    ).init();
    const queues = app.get<QueueFactory>(QUEUES);
    let finished = false;
    queues.consume<number>('shutdown', async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    });
    await queues.producer<number>('shutdown').add({ id: 'last-job', data: 1 });
    await app.close();
    expect(finished).toBe(true);
  });
});
