import type { MigrationInterface } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type EntityClass = abstract new (...args: never[]) => unknown;
export type MigrationClass = new () => MigrationInterface;

export interface PersistenceModuleOptions {
  /** postgres:// URL of a real Postgres (cluster mode). Without it: embedded PGlite. */
  databaseUrl?: string;
  /** Embedded only: where PGlite keeps its files (default ./.verosek-data/pg), or `memory://`. */
  dataDir?: string;
  /** Default: ENTITIES. */
  entities?: EntityClass[];
  /** Default: MIGRATIONS. */
  migrations?: MigrationClass[];
  /**
   * External Postgres only: tables (and the migrations table) go in this schema, created if absent;
   * default `public`. Lets test runs share one database without seeing each other's rows.
   */
  schema?: string;
  /** Connections to a real Postgres (default 10). Embedded always uses one, see EMBEDDED_POOL_SIZE. */
  poolSize?: number;
  /** Start-up retries when the database is unreachable (default 5, two seconds apart). */
  retryAttempts?: number;
}

export const DEFAULT_DATA_DIR = './.verosek-data/pg';

/** Where the data lives: a Postgres server we are given, or one we start in this process. */
export type DatabaseTarget = { kind: 'external'; url: string } | { kind: 'embedded'; dataDir: string };

export interface ResolvedPersistenceOptions {
  target: DatabaseTarget;
  entities: EntityClass[];
  migrations: MigrationClass[];
  schema?: string;
  poolSize: number;
  retryAttempts: number;
}

/** Validates the options (naming the bad field) and fills in the defaults. */
export function resolvePersistenceOptions(options: PersistenceModuleOptions): ResolvedPersistenceOptions {
  const { databaseUrl, dataDir, schema } = options;
  if (databaseUrl !== undefined && dataDir !== undefined) {
    throw new TypeError('persistence: give databaseUrl (external Postgres) or dataDir (embedded), not both');
  }
  if (schema !== undefined && !databaseUrl) {
    throw new TypeError(
      'persistence: schema is for an external Postgres (databaseUrl); embedded has its own',
    );
  }
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new TypeError(
      `persistence: schema must be a lower-case SQL identifier, got ${JSON.stringify(schema)}`,
    );
  }
  return {
    target: databaseUrl
      ? { kind: 'external', url: requirePostgresUrl(databaseUrl) }
      : { kind: 'embedded', dataDir: dataDir || DEFAULT_DATA_DIR },
    entities: options.entities ?? ENTITIES,
    migrations: options.migrations ?? MIGRATIONS,
    schema,
    poolSize: requireInteger(options.poolSize ?? 10, 'poolSize', 1),
    retryAttempts: requireInteger(options.retryAttempts ?? 5, 'retryAttempts', 0),
  };
}

function requirePostgresUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The URL may hold a password: never echo it.
    throw new TypeError('persistence: DATABASE_URL is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new TypeError(`persistence: DATABASE_URL must start with postgres://, got "${url.protocol}//"`);
  }
  return value;
}

function requireInteger(value: number, field: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`persistence: ${field} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}
