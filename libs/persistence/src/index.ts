export { PersistenceModule } from './persistence.module';
export {
  type PersistenceModuleOptions,
  type EntityClass,
  type MigrationClass,
  DEFAULT_DATA_DIR,
  resolvePersistenceOptions,
} from './persistence-options';
export { dataSourceOptions, openDataSource, EMBEDDED_POOL_SIZE } from './data-source';
export { runMigrationsLocked } from './migrate';
export { migrateDatabase } from './migrate-database';
export { startEmbeddedPostgres, IN_MEMORY, type EmbeddedPostgres } from './embedded/embedded-postgres';
export { DatabaseHealthIndicator, DATABASE_PING_TIMEOUT_MS } from './health/database-health.indicator';
export { ENTITIES } from './entities';
export { MIGRATIONS } from './migrations';
export { VerosekMetaEntity } from './entities/verosek-meta.entity';
export { HealthController } from './health/health.controller';
