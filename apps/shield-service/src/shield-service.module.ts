import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditProducerModule } from '@verosek/audit';
import type { ClusterEnv, VerosekConfig } from '@verosek/config';
import { VerosekConfigModule } from '@verosek/config';
import { ShieldWorkerModule, type ShieldWorkerOptions } from '@verosek/gateway/shield-async';
import { KeysModule } from '@verosek/keys';
import { HealthController, PersistenceModule } from '@verosek/persistence';
import { PlatformModule } from '@verosek/platform';

export interface ShieldServiceModuleOptions {
  env: ClusterEnv;
  config: VerosekConfig;
  /** BullMQ key prefix (default `verosek`): the gateway's producers must use the same. */
  queuePrefix?: string;
  /** Postgres schema (default `public`). */
  schema?: string;
  /** Channel namespace of the Redis transport to keys-service; default VEROSEK_TRANSPORT_NAMESPACE. */
  keysTransportNamespace?: string;
  worker?: Partial<ShieldWorkerOptions>;
}

/**
 * shield-service: the asynchronous classifiers on the `verosek-shield` BullMQ queue. Verdicts go to
 * the audit queue; key suspensions to keys-service over the Redis transport.
 */
@Module({})
export class ShieldServiceModule {
  static forRoot(options: ShieldServiceModuleOptions): DynamicModule {
    const { env, config } = options;
    return {
      module: ShieldServiceModule,
      imports: [
        VerosekConfigModule.forRoot({ env, config }),
        PlatformModule.forRoot({ redisUrl: env.redisUrl, queuePrefix: options.queuePrefix }),
        PersistenceModule.forRoot({ databaseUrl: env.databaseUrl, schema: options.schema }),
        TerminusModule,
        KeysModule.forRoot({
          mode: 'cluster',
          redisUrl: env.redisUrl,
          transportNamespace: options.keysTransportNamespace ?? env.transportNamespace,
        }),
        AuditProducerModule.forRoot(),
        ShieldWorkerModule.forRoot(options.worker),
      ],
      controllers: [HealthController],
    };
  }
}
