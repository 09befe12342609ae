import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/** Process environment, read once at boot into a typed, validated object. */
export interface GatewayEnv {
  port: number;
  host: string;
  masterKey?: string;
  redisUrl?: string;
  databaseUrl?: string;
  /** Where embedded mode keeps its PGlite data. */
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * api-gateway worker processes (node:cluster); 1 means no forking. Default: one per core in cluster
   * mode, 1 in embedded mode (see workerCount).
   */
  workers: number;
  /**
   * Set only in the workers of an embedded primary (VEROSEK_WORKERS > 1 without Redis): the URL of the
   * PGlite the primary serves. The worker then also reaches the primary's shared state over IPC.
   */
  hubDatabaseUrl?: string;
  /** Channel namespace of the Redis transport to keys-service; installations sharing a Redis differ. */
  transportNamespace?: string;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export class EnvError extends Error {
  constructor(variable: string, problem: string) {
    super(`environment variable ${variable} ${problem}`);
    this.name = 'EnvError';
  }
}

export function readEnv(env: NodeJS.ProcessEnv = process.env, defaultPort = 8080): GatewayEnv {
  const port = env.PORT ? Number(env.PORT) : defaultPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new EnvError('PORT', `must be a port number (got ${env.PORT})`);
  const logLevel = (env.LOG_LEVEL ?? 'info') as GatewayEnv['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    throw new EnvError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const workers = workerCount(env);
  for (const name of ['REDIS_URL', 'DATABASE_URL', HUB_DATABASE_URL] as const) {
    if (env[name]) {
      try {
        new URL(env[name]!);
      } catch {
        throw new EnvError(name, 'must be a URL');
      }
    }
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    masterKey: env.VEROSEK_MASTER_KEY || undefined,
    redisUrl: env.REDIS_URL || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.VEROSEK_DATA_DIR ?? '.verosek-data'),
    logLevel,
    workers,
    hubDatabaseUrl: env[HUB_DATABASE_URL] || undefined,
    transportNamespace: env.VEROSEK_TRANSPORT_NAMESPACE || undefined,
  };
}

/** Set by an embedded primary in its workers' environment (see GatewayEnv.hubDatabaseUrl). */
export const HUB_DATABASE_URL = 'VEROSEK_HUB_DATABASE_URL';

/**
 * VEROSEK_WORKERS, defaulting to one worker per core in cluster mode (REDIS_URL and DATABASE_URL) and to
 * 1 in embedded mode, whose promise is one process. More embedded workers are opt-in: the primary then
 * holds PGlite and the shared state (apps/api-gateway/src/cluster/embedded-primary.ts). With only one of
 * the two URLs set, the workers would each keep their own budgets or open one PGlite directory: refused.
 */
function workerCount(env: NodeJS.ProcessEnv): number {
  const cluster = Boolean(env.REDIS_URL && env.DATABASE_URL);
  const embedded = !env.REDIS_URL && !env.DATABASE_URL;
  if (!env.VEROSEK_WORKERS) return cluster ? availableParallelism() : 1;
  const workers = Number(env.VEROSEK_WORKERS);
  if (!Number.isInteger(workers) || workers < 1)
    throw new EnvError('VEROSEK_WORKERS', 'must be a positive integer');
  if (workers > 1 && !cluster && !embedded)
    throw new EnvError(
      'VEROSEK_WORKERS',
      `is ${workers}, but several workers need both REDIS_URL and DATABASE_URL (cluster mode) or neither ` +
        '(embedded mode, where the primary process holds the database and the shared state); with only one ' +
        'set, each worker would keep its own budgets or open the same PGlite directory',
    );
  return workers;
}

/** The env of an app that runs only in cluster mode: Redis and Postgres are both given. */
export type ClusterEnv = GatewayEnv & { redisUrl: string; databaseUrl: string };

/** Refuses to start a cluster-only app (audit-, shield-service) without REDIS_URL and DATABASE_URL. */
export function requireClusterEnv(env: GatewayEnv, app: string): ClusterEnv {
  if (!env.redisUrl) throw new EnvError('REDIS_URL', `is required by ${app} (its queue lives in Redis)`);
  if (!env.databaseUrl) throw new EnvError('DATABASE_URL', `is required by ${app} (it writes to Postgres)`);
  return { ...env, redisUrl: env.redisUrl, databaseUrl: env.databaseUrl };
}
