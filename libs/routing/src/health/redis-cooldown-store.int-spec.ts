import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { waitFor } from '../executor/route-executor.test-kit';
import { cooldownStoreContract } from './cooldown-store.contract';
import { RedisCooldownStore } from './redis-cooldown-store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

cooldownStoreContract('redis', async () => {
  const keyPrefix = `verosek:test:routing:${randomUUID()}:`;
  const clientA = new Redis(REDIS_URL);
  const clientB = new Redis(REDIS_URL);
  return {
    a: new RedisCooldownStore(clientA, { keyPrefix }),
    b: new RedisCooldownStore(clientB, { keyPrefix }),
    close: async () => {
      const keys = await clientA.keys(`${keyPrefix}*`);
      if (keys.length > 0) await clientA.del(...keys);
      await Promise.all([clientA.quit(), clientB.quit()]);
    },
  };
});

describe('RedisCooldownStore.watch', () => {
  it('asks for a full read after its subscription reconnected (changes may have been missed)', async () => {
    const keyPrefix = `verosek:test:routing:${randomUUID()}:`;
    const client = new Redis(REDIS_URL);
    const store = new RedisCooldownStore(client, { keyPrefix });
    let resyncs = 0;
    const stop = await store.watch({ onChange: () => undefined, onResync: () => (resyncs += 1) });
    try {
      expect(resyncs).toBe(0);
      // Only this test's subscriber: its connection is named after the unique key prefix.
      const clients = (await client.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
      const ids = clients
        .split('\n')
        .filter((line) => line.includes(` name=${keyPrefix}watch `))
        .map((line) => /^id=(\d+)/.exec(line)![1]);
      expect(ids).toHaveLength(1);
      await client.call('CLIENT', 'KILL', 'ID', ids[0]);
      await waitFor(() => resyncs === 1);
    } finally {
      await stop();
      await client.quit();
    }
  });
});
