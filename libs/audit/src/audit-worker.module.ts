import { DynamicModule, Module } from '@nestjs/common';
import { VEROSEK_CONFIG, VerosekConfig } from '@verosek/config';
import { QUEUES, QueueFactory } from '@verosek/platform';
import { DataSource } from 'typeorm';
import { AuditRetention } from './retention/audit-retention';
import { AuditRetentionJob, RETENTION_INTERVAL_MS } from './retention/audit-retention-job';
import { AuditConsumer, AuditConsumerOptions, DEFAULT_AUDIT_CONSUMER_OPTIONS } from './writer/audit-consumer';
import { AuditWriter } from './writer/audit-writer';

export interface AuditWorkerModuleOptions {
  consumer?: Partial<AuditConsumerOptions>;
  retentionIntervalMs?: number;
}

/**
 * The audit consumer (queue -> Postgres) and the retention job. audit-service imports it on BullMQ;
 * embedded mode imports it in the same process as the gateway, on the in-process queue. Needs the
 * QUEUES port, a TypeORM DataSource and VEROSEK_CONFIG.
 */
@Module({})
export class AuditWorkerModule {
  static forRoot(options: AuditWorkerModuleOptions = {}): DynamicModule {
    return {
      module: AuditWorkerModule,
      providers: [
        {
          provide: AuditWriter,
          useFactory: (dataSource: DataSource) => new AuditWriter(dataSource),
          inject: [DataSource],
        },
        {
          provide: AuditConsumer,
          useFactory: (queues: QueueFactory, writer: AuditWriter) =>
            new AuditConsumer(queues, writer, { ...DEFAULT_AUDIT_CONSUMER_OPTIONS, ...options.consumer }),
          inject: [QUEUES, AuditWriter],
        },
        {
          provide: AuditRetention,
          useFactory: (dataSource: DataSource, config: VerosekConfig) =>
            new AuditRetention(dataSource, config.audit.retentionDays),
          inject: [DataSource, VEROSEK_CONFIG],
        },
        {
          provide: AuditRetentionJob,
          useFactory: (retention: AuditRetention) =>
            new AuditRetentionJob(retention, options.retentionIntervalMs ?? RETENTION_INTERVAL_MS),
          inject: [AuditRetention],
        },
      ],
      exports: [AuditConsumer, AuditWriter],
    };
  }
}
