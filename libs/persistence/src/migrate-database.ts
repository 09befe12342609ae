import { EMBEDDED_POOL_SIZE, dataSourceOptions, openDataSource } from './data-source';
import { resolvePersistenceOptions } from './persistence-options';

/**
 * Brings the schema of the database at `url` up to date and disconnects. An embedded primary runs it
 * before forking its workers: they share one PGlite session, on which the migration lock (a session
 * lock) cannot keep them from migrating at the same time.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const resolved = resolvePersistenceOptions({ databaseUrl: url, poolSize: EMBEDDED_POOL_SIZE });
  const dataSource = await openDataSource(dataSourceOptions(resolved), resolved);
  await dataSource.destroy();
}
