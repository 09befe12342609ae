import { type DataSource, type Migration, MigrationExecutor } from 'typeorm';

/** Key of the Postgres advisory lock held while migrating (any constant shared by all replicas). */
const MIGRATION_LOCK = 7_260_510_042;

/**
 * Runs pending migrations in one transaction while holding an advisory lock, so replicas (or test
 * files) starting together against one database migrate one after another instead of racing on
 * CREATE TABLE. TypeORM's own `migrationsRun` takes no lock. Everything runs on one connection, which
 * also suits the embedded database's single-connection pool.
 */
export async function runMigrationsLocked(dataSource: DataSource, schema?: string): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
