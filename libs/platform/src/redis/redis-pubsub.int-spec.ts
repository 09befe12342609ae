import { deferred, eventually } from '../contract/harness';
import { closeRedis, createRedisConnection, waitForRedis } from './redis-connection';
import { RedisPubSub } from './redis-pubsub';
import { TEST_REDIS_URL, testNamespace } from './redis-test-support';

describe('RedisPubSub across a reconnect', () => {
  const publisher = createRedisConnection(TEST_REDIS_URL, 'commands');
  const subscriber = createRedisConnection(TEST_REDIS_URL, 'subscriber');
  const admin = createRedisConnection(TEST_REDIS_URL, 'commands');

  beforeAll(() => Promise.all([publisher, subscriber, admin].map((c) => waitForRedis(c, 5000))));
  afterAll(() => Promise.all([publisher, subscriber, admin].map(closeRedis)));

  it('subscribes again after the subscriber connection was killed', async () => {
    // Kill only our own subscriber connection, by id: other test runs share this Redis.
    const subscriberId = Number(await subscriber.client('ID'));
    const pubsub = new RedisPubSub(publisher, subscriber);
    const channel = `${testNamespace()}revocations`;
    const received: string[] = [];
    const afterReconnect = deferred();
    const stop = await pubsub.subscribe(channel, (m) => {
      received.push(m);
      if (m === 'after') afterReconnect.resolve();
    });
    await pubsub.publish(channel, 'before');

    const reconnected = new Promise((resolve) => subscriber.once('ready', resolve));
    await admin.client('KILL', 'ID', String(subscriberId));
    await reconnected;

    // ioredis re-issues SUBSCRIBE right after 'ready'; wait until Redis counts the subscription again.
    await eventually(async () => expect(await admin.pubsub('NUMSUB', channel)).toEqual([channel, 1]));
    await pubsub.publish(channel, 'after');
    await afterReconnect.promise;
    expect(received).toEqual(['before', 'after']);
    await stop();
  });
});
