import { DynamicModule, Module } from '@nestjs/common';
import { GATEWAY_ENV, GatewayEnv } from '@verosek/config';
import { QUEUES, QueueFactory } from '@verosek/platform';
import { join } from 'node:path';
import { AUDIT_QUEUE, AuditJobData } from './audit-event';
import {
  AuditProducer,
  AuditProducerOptions,
  DEFAULT_AUDIT_PRODUCER_OPTIONS,
} from './producer/audit-producer';
import { SpillStore } from './producer/spill-store';

export interface AuditProducerModuleOptions {
  producer?: Partial<AuditProducerOptions>;
  /** Default `<VEROSEK_DATA_DIR>/audit-spill`. */
  spillDir?: string;
}

/** Provides AuditProducer (global) on the QUEUES port; flushes it on shutdown. */
@Module({})
export class AuditProducerModule {
  static forRoot(options: AuditProducerModuleOptions = {}): DynamicModule {
    return {
      module: AuditProducerModule,
      global: true,
      providers: [
        {
          provide: AuditProducer,
          useFactory: (queues: QueueFactory, env: GatewayEnv) =>
            new AuditProducer(
              queues.producer<AuditJobData>(AUDIT_QUEUE),
              new SpillStore(options.spillDir ?? join(env.dataDir, 'audit-spill')),
              { ...DEFAULT_AUDIT_PRODUCER_OPTIONS, ...options.producer },
            ),
          inject: [QUEUES, GATEWAY_ENV],
        },
      ],
      exports: [AuditProducer],
    };
  }
}
