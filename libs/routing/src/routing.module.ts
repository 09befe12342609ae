import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { VEROSEK_CONFIG, type VerosekConfig } from '@verosek/config';
import { RouteExecutor } from './executor/route-executor';
import { COOLDOWN_STORE, type CooldownStore } from './health/cooldown-store';
import { InProcessCooldownStore } from './health/in-process-cooldown-store';

export interface RoutingModuleOptions {
  /**
   * Where deployment health is shared; default in-process (embedded mode). Cluster mode:
   * `{ useFactory: (redis: Redis) => new RedisCooldownStore(redis), inject: [<Redis token>] }`.
   */
  store?: Omit<FactoryProvider<CooldownStore>, 'provide'>;
}

@Injectable()
class RouteExecutorShutdown implements OnApplicationShutdown {
  constructor(@Inject(RouteExecutor) private readonly executor: RouteExecutor) {}

  async onApplicationShutdown(): Promise<void> {
    await this.executor.stop();
  }
}

/**
 * Provides the RouteExecutor (started: shared health loaded and followed) for the model groups
 * and routing settings of the YAML config (VerosekConfigModule must be imported by the root).
 */
@Module({})
export class RoutingModule {
  static forRoot(options: RoutingModuleOptions = {}): DynamicModule {
    return {
      module: RoutingModule,
      providers: [
        { provide: COOLDOWN_STORE, ...(options.store ?? { useFactory: () => new InProcessCooldownStore() }) },
        {
          provide: RouteExecutor,
          useFactory: async (config: VerosekConfig, store: CooldownStore) => {
            const executor = new RouteExecutor({ models: config.models, routing: config.routing, store });
            await executor.start();
            return executor;
          },
          inject: [VEROSEK_CONFIG, COOLDOWN_STORE],
        },
        RouteExecutorShutdown,
      ],
      exports: [RouteExecutor, COOLDOWN_STORE],
    };
  }
}
