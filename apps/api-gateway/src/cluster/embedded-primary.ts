import { Logger } from '@nestjs/common';
import { type GatewayEnv, HUB_DATABASE_URL } from '@verosek/config';
import { migrateDatabase, startEmbeddedPostgres } from '@verosek/persistence';
import { InProcessPlatform, PlatformHub, channelToWorker } from '@verosek/platform';
import { join } from 'node:path';
import { superviseWorkers } from './worker-supervisor';

/** Connections PGlite accepts beyond one per worker: a replacement racing its predecessor's, psql. */
const SPARE_CONNECTIONS = 3;

/**
 * VEROSEK_WORKERS > 1 in embedded mode. This process holds what the workers must share, as Redis and
 * Postgres do in cluster mode: PGlite (migrated here, then served on loopback, one connection per
 * worker) and the in-process adapters behind a PlatformHub (budgets, rate limits, the key cache,
 * pub/sub, the audit and classifier queues), reached by each worker over its IPC channel. On stop it
 * waits for the workers to drain, then closes the hub and PGlite (which flushes it to disk).
 */
export async function runEmbeddedPrimary(env: GatewayEnv): Promise<void> {
  const logger = new Logger('EmbeddedPrimary');
  const database = await startEmbeddedPostgres(join(env.dataDir, 'pg'), {
    maxConnections: env.workers + SPARE_CONNECTIONS,
  });
  try {
    await migrateDatabase(database.url);
  } catch (err) {
    await database.stop();
    throw err;
  }
  const hub = new PlatformHub(new InProcessPlatform());
  superviseWorkers({
    workers: env.workers,
    workerEnv: { [HUB_DATABASE_URL]: database.url },
    onFork: (worker) => {
      const detach = hub.serve(channelToWorker(worker));
      worker.once('exit', () => void detach());
    },
    beforeExit: async () => {
      await hub.close();
      await database.stop();
      logger.log('embedded primary stopped: shared state closed, PGlite flushed');
    },
  });
}
