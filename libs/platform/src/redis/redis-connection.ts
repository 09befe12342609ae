import { Logger } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';

/**
 * What a connection is used for decides how it behaves when Redis is slow or gone:
 *
 * - `commands`: the hot path (cache, counters, publish). No offline queue, no retries and a short
 *   command timeout: with Redis down a request fails in milliseconds instead of hanging.
 * - `queue-producer`: BullMQ Queue (adding jobs). Fails fast like `commands`; a slightly longer timeout
 *   since adding a job runs a larger script.
 * - `subscriber`: the dedicated pub/sub connection. Queues commands while reconnecting and
 *   re-subscribes to every channel after a reconnect.
 * - `queue-worker`: BullMQ Worker. BullMQ requires `maxRetriesPerRequest: null` and an offline queue
 *   (it blocks on Redis for jobs), and no command timeout, which would cut those blocking reads.
 */
export type RedisRole = 'commands' | 'queue-producer' | 'subscriber' | 'queue-worker';

export const HOT_PATH_COMMAND_TIMEOUT_MS = 500;

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  commands: {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: HOT_PATH_COMMAND_TIMEOUT_MS,
  },
  'queue-producer': { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 2000 },
  subscriber: { enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true },
  'queue-worker': { enableOfflineQueue: true, maxRetriesPerRequest: null },
};

const lastErrors = new WeakMap<Redis, Error>();

/** Reconnect after 50 ms, 100 ms, ... up to 2 s between attempts; never give up. */
function retryStrategy(attempt: number): number {
  return Math.min(50 * 2 ** (attempt - 1), 2000);
}

export function createRedisConnection(redisUrl: string, role: RedisRole): Redis {
  const logger = new Logger(`Redis:${role}`);
  const client = new Redis(parseRedisUrl(redisUrl), {
    ...ROLE_OPTIONS[role],
    connectionName: `verosek:${role}`,
    connectTimeout: 2000,
    disconnectTimeout: 500,
    retryStrategy,
  });
  client.on('error', (err: Error) => {
    if (lastErrors.get(client)?.message !== err.message) logger.warn(`redis: ${err.message}`);
    lastErrors.set(client, err);
  });
  client.on('ready', () => {
    if (lastErrors.delete(client)) logger.log('redis: connection restored');
  });
  return client;
}

/** Throws, with the reason, unless the client is connected, e.g. "redis: connect ECONNREFUSED 127.0.0.1:6379". */
export function requireConnected(client: Redis): void {
  if (client.status === 'ready') return;
  const reason = lastErrors.get(client)?.message ?? `connection is ${client.status}`;
  throw new Error(`redis: ${reason}`);
}

/** Rejects with the reason Redis is unreachable or slow, e.g. "redis: connect ECONNREFUSED 127.0.0.1:6379". */
export async function pingRedis(client: Redis, timeoutMs = HOT_PATH_COMMAND_TIMEOUT_MS): Promise<void> {
  requireConnected(client);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis: no PING reply within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.ping(), timeout]);
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(message.startsWith('redis: ') ? message : `redis: ${message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once the client is ready, or rejects after timeoutMs with the last connection error. */
export async function waitForRedis(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      const reason = lastErrors.get(client)?.message ?? `still ${client.status}`;
      reject(new Error(`redis: not ready after ${timeoutMs} ms: ${reason}`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}

/** Closes gracefully (QUIT) when connected, otherwise stops reconnecting; resolves once closed. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'reconnecting') {
    // Between two attempts there is no socket: disconnect() just cancels the next attempt, and ioredis
    // emits no 'end' for it.
    client.disconnect();
    return;
  }
  const ended = new Promise((resolve) => client.once('end', resolve));
  if (client.status === 'ready') {
    // A connection that breaks while quitting still ends: the 'end' event below covers both.
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
  await ended;
}

function parseRedisUrl(redisUrl: string): string {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    // The URL may hold a password: never echo it.
    throw new TypeError('REDIS_URL is not a valid URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`REDIS_URL must start with redis:// or rediss://, got "${url.protocol}//"`);
  }
  return redisUrl;
}
