import { describeCachePort } from '../contract/cache.contract';
import { describeCountersPort } from '../contract/counters.contract';
import { describePubSubPort } from '../contract/pubsub.contract';
import { describeQueuePort } from '../contract/queue.contract';
import { redisPort } from './redis-test-support';

// Queue retries and TTL waits add up on a loaded machine; jest.config's per-project testTimeout is not applied.
jest.setTimeout(30_000);

describeCachePort('redis', () => redisPort((p) => p.cache));
describeCountersPort('redis', () => redisPort((p) => p.counters));
describePubSubPort('redis', () => redisPort((p) => p.pubsub));
describeQueuePort('bullmq', () => redisPort((p) => p.queues));
