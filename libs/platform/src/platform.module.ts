import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { REDIS_CLIENT, RedisHealthIndicator } from './health/redis-health.indicator';
import { HubPlatform } from './hub/hub-platform';
import { channelToPrimary } from './hub/ipc-channels';
import { InProcessPlatform } from './in-process/in-process-platform';
import { CACHE, COUNTERS, PUBSUB, type Platform, QUEUES } from './ports';
import { RedisPlatform } from './redis/redis-platform';

export interface PlatformModuleOptions {
  /** With a URL: the Redis adapters (cluster mode). Without: the in-process ones (embedded mode). */
  redisUrl?: string;
  /**
   * Embedded mode in a worker of several: the in-process adapters live in the primary process, reached
   * over this process's IPC channel (HubPlatform). Not with redisUrl.
   */
  hub?: boolean;
  /** BullMQ key prefix, default `verosek`. */
  queuePrefix?: string;
}

/** The adapter set behind the port tokens. */
export const PLATFORM = Symbol('PLATFORM');

/** How long start-up waits for Redis before going on without it (health reports it down meanwhile). */
const REDIS_STARTUP_WAIT_MS = 5000;

async function startRedisPlatform(
  options: PlatformModuleOptions & { redisUrl: string },
): Promise<RedisPlatform> {
  const platform = new RedisPlatform(options.redisUrl, { queuePrefix: options.queuePrefix });
  try {
    await platform.ready(REDIS_STARTUP_WAIT_MS);
  } catch (err) {
    // Starting anyway keeps the process (and its health endpoint) up; ioredis keeps reconnecting.
    new Logger(PlatformModule.name).error(`${(err as Error).message}; starting without Redis for now`);
  }
  return platform;
}

/**
 * Provides CACHE, COUNTERS, PUBSUB and QUEUES everywhere (global), plus RedisHealthIndicator.
 * Closes queues and connections on application shutdown: code that still needs them while shutting
 * down (flushing a buffer, say) does so in onModuleDestroy or beforeApplicationShutdown.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  static forRoot(options: PlatformModuleOptions = {}): DynamicModule {
    const { redisUrl } = options;
    const platform: Provider = {
      provide: PLATFORM,
      useFactory: () =>
        redisUrl
          ? startRedisPlatform({ ...options, redisUrl })
          : options.hub
            ? new HubPlatform(channelToPrimary())
            : new InProcessPlatform(),
    };
    const port = (token: symbol, pick: (p: Platform) => unknown): Provider => ({
      provide: token,
      useFactory: pick,
      inject: [PLATFORM],
    });
    const redisClient: Provider[] = redisUrl
      ? [{ provide: REDIS_CLIENT, useFactory: (p: RedisPlatform) => p.commands, inject: [PLATFORM] }]
      : [];
    return {
      module: PlatformModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        platform,
        port(CACHE, (p) => p.cache),
        port(COUNTERS, (p) => p.counters),
        port(PUBSUB, (p) => p.pubsub),
        port(QUEUES, (p) => p.queues),
        ...redisClient,
        RedisHealthIndicator,
      ],
      exports: [CACHE, COUNTERS, PUBSUB, QUEUES, RedisHealthIndicator, ...(redisUrl ? [REDIS_CLIENT] : [])],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.platform.close();
  }
}
