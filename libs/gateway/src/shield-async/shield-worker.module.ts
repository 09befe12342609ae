import { DynamicModule, Module } from '@nestjs/common';
import { classifierPolicyProvider } from './classifier-policy.provider';
import {
  SHIELD_WORKER_OPTIONS,
  ShieldClassifierWorker,
  type ShieldWorkerOptions,
} from './shield-classifier.worker';

/**
 * The classification consumer. shield-service imports it on BullMQ; the embedded api-gateway root
 * (no REDIS_URL) imports it too, so the same worker runs in-process. Needs from the root: QUEUES and
 * COUNTERS (PlatformModule), KEYS_CLIENT (KeysModule), AuditProducer (AuditProducerModule) and
 * VEROSEK_CONFIG.
 */
@Module({})
export class ShieldWorkerModule {
  static forRoot(options: Partial<ShieldWorkerOptions> = {}): DynamicModule {
    return {
      module: ShieldWorkerModule,
      providers: [
        classifierPolicyProvider,
        { provide: SHIELD_WORKER_OPTIONS, useValue: options },
        ShieldClassifierWorker,
      ],
      exports: [ShieldClassifierWorker],
    };
  }
}
