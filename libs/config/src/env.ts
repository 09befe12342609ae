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
  /** Worker processes per app (cluster module); 1 means no forking. */
  workers: number;
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
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EnvError('PORT', `must be a port number (got ${env.PORT})`);
  const logLevel = (env.LOG_LEVEL ?? 'info') as GatewayEnv['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new EnvError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const workers = env.VEROSEK_WORKERS ? Number(env.VEROSEK_WORKERS) : 1;
  if (!Number.isInteger(workers) || workers < 1) throw new EnvError('VEROSEK_WORKERS', 'must be a positive integer');
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
  };
}
