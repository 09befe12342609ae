import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, openDataSource } from './data-source';
import { DatabaseHealthIndicator } from './health/database-health.indicator';
import { type PersistenceModuleOptions, resolvePersistenceOptions } from './persistence-options';

/**
 * The TypeORM data source (DataSource, repositories via TypeOrmModule.forFeature) for the whole app:
 * - with `databaseUrl`: that Postgres;
 * - without: PGlite started in this process and served on a loopback port, so the same driver,
 *   entities and migrations run unchanged.
 * Pending migrations run at start-up under an advisory lock (see runMigrationsLocked). On application
 * shutdown TypeORM destroys the data source, which for embedded also stops PGlite.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions = {}): DynamicModule {
    const resolved = resolvePersistenceOptions(options);
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(resolved),
            retryAttempts: resolved.retryAttempts,
            retryDelay: 2000,
          }),
          dataSourceFactory: async (typeOrmOptions) => {
            if (!typeOrmOptions || typeOrmOptions.type !== 'postgres')
              throw new Error('persistence: postgres only');
            return openDataSource(typeOrmOptions, resolved);
          },
        }),
        TerminusModule,
      ],
      providers: [DatabaseHealthIndicator],
      exports: [TypeOrmModule, DatabaseHealthIndicator],
    };
  }
}
