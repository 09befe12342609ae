import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded/embedded-postgres';
import { runMigrationsLocked } from './migrate';
import type { ResolvedPersistenceOptions } from './persistence-options';

/**
 * PGlite has one session, shared by every socket to the embedded server. The server keeps each
 * connection's extended-protocol batch (up to Sync) and open transaction together, but session-level
 * state (SET, named prepared statements, temp tables) is still shared between connections: each
 * process keeps one connection, and its queries queue in the pool.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** Data source options for either target; the embedded URL is filled in once PGlite is listening. */
export function dataSourceOptions(options: ResolvedPersistenceOptions): PostgresConnectionOptions {
  const embedded = options.target.kind === 'embedded';
  return {
    type: 'postgres',
    url: options.target.kind === 'external' ? options.target.url : undefined,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    // Migrations run under a lock in openDataSource, never from TypeORM's initialize.
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built into Postgres >= 13 and PGlite: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: 'verosek',
    poolSize: embedded ? EMBEDDED_POOL_SIZE : options.poolSize,
    extra: {
      connectionTimeoutMillis: 5000,
      // Embedded: keep the one connection forever rather than reconnecting to the socket server.
      idleTimeoutMillis: embedded ? 0 : 30_000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    },
  };
}

/** Embedded: destroying the data source also stops the database server it talks to. */
class EmbeddedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly server: EmbeddedPostgres,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    try {
      if (this.isInitialized) await super.destroy();
    } finally {
      await this.server.stop();
    }
  }
}

/** Connects (starting PGlite first when embedded) and brings the schema up to date. */
export async function openDataSource(
  options: PostgresConnectionOptions,
  resolved: ResolvedPersistenceOptions,
): Promise<DataSource> {
  const { target } = resolved;
  const dataSource =
    target.kind === 'external'
      ? new DataSource(options)
      : await startEmbeddedPostgres(target.dataDir).then(
          (server) => new EmbeddedDataSource({ ...options, url: server.url }, server),
        );
  try {
    await dataSource.initialize();
    await runMigrationsLocked(dataSource, resolved.schema);
    return dataSource;
  } catch (err) {
    if (dataSource.isInitialized || dataSource instanceof EmbeddedDataSource) await dataSource.destroy();
    throw err;
  }
}
