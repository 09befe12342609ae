import { describeCachePort } from '../contract/cache.contract';
import { describeCountersPort } from '../contract/counters.contract';
import { describePubSubPort } from '../contract/pubsub.contract';
import { describeQueuePort } from '../contract/queue.contract';
import { InProcessCache } from './in-process-cache';
import { InProcessCounters } from './in-process-counters';
import { InProcessPubSub } from './in-process-pubsub';
import { InProcessQueueFactory } from './in-process-queues';

// Queue retries and TTL waits add up on a loaded machine.
jest.setTimeout(30_000);

const noClose = async () => undefined;

describeCachePort('in-process', async () => ({
  port: new InProcessCache(),
  namespace: 'test-',
  close: noClose,
}));
describeCountersPort('in-process', async () => ({
  port: new InProcessCounters(),
  namespace: 'test-',
  close: noClose,
}));
describePubSubPort('in-process', async () => ({
  port: new InProcessPubSub(),
  namespace: 'test-',
  close: noClose,
}));
describeQueuePort('in-process', async () => {
  const queues = new InProcessQueueFactory();
  return { port: queues, namespace: 'test-', close: () => queues.close() };
});
