import { DynamicModule, Module, Provider } from '@nestjs/common';
import type { GatewayEnv } from '@verosek/config';
import { GATEWAY_ENV } from '@verosek/config';
import { KEYS_CLIENT } from '@verosek/contracts';
import { KeyAuthenticator } from './auth/key-authenticator';
import { KeyPolicy } from './auth/key-policy';
import { KeyRecordCache } from './auth/key-record-cache';
import { BudgetService } from './budget/budget.service';
import {
  DEFAULT_SPEND_FLUSH_INTERVAL_MS,
  SPEND_FLUSH_INTERVAL_MS,
  SpendRecorder,
} from './budget/spend-recorder';
import { KeysCoreModule, KeysCoreModuleOptions } from './keys-core.module';
import { RateLimiter } from './limits/rate-limiter';
import { KeysService } from './service/keys.service';
import { InProcessKeysClient } from './transport/in-process-keys.client';
import { RedisKeysClient } from './transport/redis-keys.client';
import { keysTransportClient } from './transport/keys-transport';

export interface KeysModuleOptions extends KeysCoreModuleOptions {
  /** embedded: keys-service runs in this process; cluster: it is reached over the Redis transport. */
  mode: 'embedded' | 'cluster';
  /** Redis of the transport in cluster mode; default REDIS_URL from GATEWAY_ENV. */
  redisUrl?: string;
  /** Channel namespace of the transport; must match keys-service's (see keys-transport.ts). */
  transportNamespace?: string;
  /** How often settled spend is sent to keys-service (default 1 s). */
  spendFlushIntervalMs?: number;
}

const HOT_PATH = [KeyRecordCache, KeyAuthenticator, KeyPolicy, RateLimiter, BudgetService, SpendRecorder];

/**
 * The gateway's side of keys (global): KeyAuthenticator, KeyPolicy, RateLimiter, BudgetService and
 * KEYS_CLIENT, which the admin API uses too.
 */
@Module({})
export class KeysModule {
  static forRoot(options: KeysModuleOptions): DynamicModule {
    const flushInterval: Provider = {
      provide: SPEND_FLUSH_INTERVAL_MS,
      useValue: options.spendFlushIntervalMs ?? DEFAULT_SPEND_FLUSH_INTERVAL_MS,
    };
    const embedded = options.mode === 'embedded';
    return {
      module: KeysModule,
      global: true,
      imports: embedded ? [KeysCoreModule.forRoot(options)] : [],
      providers: [embedded ? inProcessClient() : redisClient(options), flushInterval, ...HOT_PATH],
      exports: [KEYS_CLIENT, ...HOT_PATH],
    };
  }
}

function inProcessClient(): Provider {
  return {
    provide: KEYS_CLIENT,
    useFactory: (service: KeysService) => new InProcessKeysClient(service),
    inject: [KeysService],
  };
}

function redisClient(options: KeysModuleOptions): Provider {
  return {
    provide: KEYS_CLIENT,
    useFactory: (env?: GatewayEnv) => {
      const redisUrl = options.redisUrl ?? env?.redisUrl;
      if (!redisUrl) {
        throw new Error('KeysModule in cluster mode needs REDIS_URL (the Redis transport to keys-service)');
      }
      return new RedisKeysClient(keysTransportClient({ redisUrl, namespace: options.transportNamespace }));
    },
    inject: [{ token: GATEWAY_ENV, optional: true }],
  };
}
