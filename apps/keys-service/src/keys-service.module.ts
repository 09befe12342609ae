import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { GatewayEnv, VerosekConfig } from '@verosek/config';
import { VerosekConfigModule } from '@verosek/config';
import { KeysCoreModule } from '@verosek/keys';
import { HealthController, PersistenceModule } from '@verosek/persistence';
import { PlatformModule } from '@verosek/platform';
import { KeysRpcController } from './keys-rpc.controller';

export interface KeysServiceModuleOptions {
  env: GatewayEnv & { redisUrl: string };
  config: VerosekConfig;
  /** Postgres schema for the tables (tests use their own). */
  schema?: string;
  sweepIntervalMs?: number;
}

/** keys-service root: the keys message handlers on the Redis transport, and health over HTTP. */
@Module({})
export class KeysServiceModule {
  static forRoot(options: KeysServiceModuleOptions): DynamicModule {
    const { env, config } = options;
    return {
      module: KeysServiceModule,
      imports: [
        VerosekConfigModule.forRoot({ env, config }),
        PlatformModule.forRoot({ redisUrl: env.redisUrl }),
        PersistenceModule.forRoot({
          databaseUrl: env.databaseUrl,
          dataDir: env.databaseUrl ? undefined : env.dataDir,
          schema: options.schema,
        }),
        KeysCoreModule.forRoot({ sweepIntervalMs: options.sweepIntervalMs }),
        TerminusModule,
      ],
      controllers: [KeysRpcController, HealthController],
    };
  }
}
