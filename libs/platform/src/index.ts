export * from './ports';
export { PlatformModule, PLATFORM, type PlatformModuleOptions } from './platform.module';
export { RedisHealthIndicator, REDIS_CLIENT } from './health/redis-health.indicator';
export { InProcessPlatform } from './in-process/in-process-platform';
export { PlatformHub } from './hub/platform-hub';
export { HubPlatform } from './hub/hub-platform';
export { channelToPrimary, channelToWorker } from './hub/ipc-channels';
export { InProcessCache } from './in-process/in-process-cache';
export { InProcessCounters } from './in-process/in-process-counters';
export { InProcessPubSub } from './in-process/in-process-pubsub';
export { InProcessQueueFactory } from './in-process/in-process-queues';
export { RedisPlatform, type RedisPlatformOptions } from './redis/redis-platform';
export { RedisCache } from './redis/redis-cache';
export { RedisCounters } from './redis/redis-counters';
export { RedisPubSub } from './redis/redis-pubsub';
export { BullMqQueueFactory } from './redis/bullmq-queues';
export {
  createRedisConnection,
  pingRedis,
  requireConnected,
  waitForRedis,
  closeRedis,
  type RedisRole,
  HOT_PATH_COMMAND_TIMEOUT_MS,
} from './redis/redis-connection';
