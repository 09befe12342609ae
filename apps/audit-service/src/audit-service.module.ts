import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditWorkerModule, AuditWorkerModuleOptions } from '@verosek/audit';
import type { ClusterEnv, VerosekConfig } from '@verosek/config';
import { VerosekConfigModule } from '@verosek/config';
import { HealthController, PersistenceModule } from '@verosek/persistence';
import { PlatformModule } from '@verosek/platform';

export interface AuditServiceModuleOptions {
  env: ClusterEnv;
  config: VerosekConfig;
  /** BullMQ key prefix (default `verosek`). */
  queuePrefix?: string;
  /** Postgres schema of the tables (default `public`). */
  schema?: string;
  worker?: AuditWorkerModuleOptions;
}

/** audit-service: the audit queue consumer and the retention job, on BullMQ and Postgres. */
@Module({})
export class AuditServiceModule {
  static forRoot(options: AuditServiceModuleOptions): DynamicModule {
    const { env, config } = options;
    return {
      module: AuditServiceModule,
      imports: [
        VerosekConfigModule.forRoot({ env, config }),
        PlatformModule.forRoot({ redisUrl: env.redisUrl, queuePrefix: options.queuePrefix }),
        PersistenceModule.forRoot({ databaseUrl: env.databaseUrl, schema: options.schema }),
        TerminusModule,
        AuditWorkerModule.forRoot(options.worker),
      ],
      controllers: [HealthController],
    };
  }
}
