import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createServer } from 'node:net';
import type { PortUnderTest } from '../contract/harness';
import type { Platform } from '../ports';
import { RedisPlatform } from './redis-platform';

/** Test support for the Redis integration specs (not exported from the lib). */

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A unique namespace per call, so parallel runs against one Redis never collide. */
export function testNamespace(): string {
  return `vsk-test-${randomUUID().slice(0, 8)}-`;
}

/** Deletes every key starting with `namespace` (the contract keys and the BullMQ queues under it). */
export async function deleteNamespace(namespace: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${namespace}*`, 'COUNT', 500);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** A connected RedisPlatform whose keys all live under a fresh namespace, removed again on close. */
export async function redisPort<P>(pick: (platform: Platform) => P): Promise<PortUnderTest<P>> {
  const namespace = testNamespace();
  const platform = new RedisPlatform(TEST_REDIS_URL, { queuePrefix: `${namespace}bull` });
  await platform.ready(5000);
  return {
    port: pick(platform),
    namespace,
    close: async () => {
      await platform.close();
      await deleteNamespace(namespace);
    },
  };
}

/** A loopback port nothing listens on. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
