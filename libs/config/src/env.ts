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
   * mode, 1 in embedded mode, which cannot run more (see workerCount).
   */
  workers: number;
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
  for (const name of ['REDIS_URL', 'DATABASE_URL'] as const) {
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
    transportNamespace: env.VEROSEK_TRANSPORT_NAMESPACE || undefined,
  };
}

/**
 * VEROSEK_WORKERS, defaulting to one worker per core when the state is shared (REDIS_URL and
 * DATABASE_URL), else 1. Embedded mode keeps budgets, rate limits, cooldowns and the key cache in
 * process memory and PGlite in one data directory that only one process may open, so several
 * embedded workers would each enforce their own budget and corrupt the database: refused.
 */
function workerCount(env: NodeJS.ProcessEnv): number {
  const sharedState = Boolean(env.REDIS_URL && env.DATABASE_URL);
  if (!env.VEROSEK_WORKERS) return sharedState ? availableParallelism() : 1;
  const workers = Number(env.VEROSEK_WORKERS);
  if (!Number.isInteger(workers) || workers < 1)
    throw new EnvError('VEROSEK_WORKERS', 'must be a positive integer');
  if (workers > 1 && !sharedState)
    throw new EnvError(
      'VEROSEK_WORKERS',
      `is ${workers}, but several workers need cluster mode (REDIS_URL and DATABASE_URL set): in embedded ` +
        'mode budgets, rate limits and cooldowns live in process memory and PGlite in one data directory, ' +
        'which separate worker processes cannot share. Set VEROSEK_WORKERS=1 or run with Redis and Postgres',
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
